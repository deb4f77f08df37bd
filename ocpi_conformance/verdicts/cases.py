"""A conformance case is declared where it is tested: the catalogue is read off the suites.

A suite file names its module and interface once (`SUITE = Suite("locations", "SENDER")`) and
declares each case at its test (`@SUITE.case("LOC-CPO-009", MANDATORY, clause)`), the title being
the first line of the test's docstring. Contracts (`suites/contracts/`) declare their cases once
with `@contract_case`; each suite class that adopts a contract turns them into cases of its own
module. Ids (`<AREA>-<ROLE>-<NNN>`) never change meaning once released, so reports can be diffed
between runs and partners can cite them. Levels follow the spec's words: SHALL/MUST -> mandatory,
SHOULD -> recommended, MAY -> optional.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal, TypeVar

import pytest

from ocpi_conformance.spec.registry import Operation
from ocpi_conformance.spec.v2_2_1.modules import MODULES
from ocpi_conformance.spec.version import DEFAULT, SPEC, Version
from ocpi_conformance.spec.version import version as spec_version

Level = Literal["mandatory", "recommended", "optional"]
MANDATORY: Level = "mandatory"
RECOMMENDED: Level = "recommended"
OPTIONAL: Level = "optional"
LEVELS: tuple[Level, ...] = (MANDATORY, RECOMMENDED, OPTIONAL)

# The AREA of a case id, per module (ARCHITECTURE: case ids).
AREAS = {
    "versions": "VER",
    "credentials": "CRD",
    "transport": "TRN",
    "locations": "LOC",
    "sessions": "SES",
    "cdrs": "CDR",
    "tariffs": "TAR",
    "tokens": "TOK",
    "commands": "CMD",
    "chargingprofiles": "CHP",
    "hubclientinfo": "HCI",
    "hub": "HUB",  # what a Hub does between parties: routing, its errors, its ClientInfo list
    # 2.3.0's new modules (mod_payments, mod_bookings, mod_invoice_reconciliation)
    "payments": "PAY",
    "Booking": "BKG",
    "invoicereconciliation": "INV",
}
# An area that is also a role (HUB: the cases of a hub target) names its cases AREA-NNN.
# PTP: a Payment Terminal Provider, the Payments module's data owner (2.3.0 only).
OWN_AREAS = ("HUB",)
CASE_ID = re.compile(
    rf"^(({'|'.join(AREAS.values())})-(CPO|EMSP|HUB|PTP|ANY)|{'|'.join(OWN_AREAS)})-\d{{3}}$"
)
# A clause: a file of the text and a heading anchor (2.2.1 AsciiDoc, 2.1.1 Markdown).
CLAUSE = re.compile(r"^[a-z_0-9]+\.(asciidoc|md)#[A-Za-z0-9_-]+$")
ATTRIBUTE = "__ocpi_case__"
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    module: str
    interface: str  # "SENDER", "RECEIVER" or "ANY"
    level: Level
    spec: str
    # "token_a": only with a registration the harness performs; "registered": the target knows
    # our peer (either side registered); "target_registers": only when the target started the
    # registration; "writes": sends POST, PUT, PATCH or DELETE (skipped under --read-only)
    needs: tuple[str, ...] = ()
    initiator: str = "harness"  # who sends the request it judges: the harness, or the target
    # The OCPI versions whose text has the rule (one id is one rule in each); `spec` is written
    # as the 2.2.1 clause (a rule 2.2.1 lacks: the clause of its first version), each other
    # version cites its own (`clause_in`): `clauses` where the case names it, else translated.
    versions: tuple[str, ...] = (DEFAULT,)
    clauses: tuple[tuple[str, str], ...] = ()  # (version, clause) where translation falls short

    @property
    def role(self) -> str:
        """The target role of the id (CPO, EMSP, HUB, ANY); ANY for a team's own test."""
        return role_of(self.id) if CASE_ID.match(self.id) else "ANY"

    def applies_to(self, number: str) -> bool:
        return number in self.versions

    def clause_in(self, number: str) -> str:
        """The clause of the rule in version `number`'s text (the 2.2.1 one translated); the
        2.2.1 clause, marked, where the version's table has none yet (a gap a test reports)."""
        if not self.spec:
            return ""
        named = dict(self.clauses).get(number)
        if named is not None:
            return named
        translated = spec_version(number).clause(self.spec)  # 2.2.1's own: the same string
        if translated is not None:
            return translated
        return self.spec  # a clause of the version's own text (a case of a rule 2.2.1 lacks)


def role_of(case_id: str) -> str:
    """The target role a case id names: its middle part, or its area for an area that is a
    role of its own (HUB-001: HUB)."""
    parts = case_id.split("-")
    return parts[0] if len(parts) == 2 else parts[1]


def is_clause_of(clause: str, number: str) -> bool:
    """Whether `clause` names a file of OCPI `number`'s text (its documents.py)."""
    files = {
        v
        for k, v in vars(spec_version(number).documents).items()
        if k.isupper() and isinstance(v, str) and v.endswith((".asciidoc", ".md"))
    }
    return clause.split("#", 1)[0] in files


def title_of(function: Callable[..., Any]) -> str:
    """The first paragraph of a docstring, as one line: the case's title."""
    doc = (function.__doc__ or "").strip()
    if not doc:
        raise ValueError(f"{function.__qualname__}: a case needs a docstring (its title)")
    return " ".join(doc.split("\n\n")[0].split())


@dataclass(frozen=True)
class Suite:
    """The module and interface a suite file tests, named once per file.

    `role` is the target's role in case ids; it defaults to the role the registry says
    implements the interface ("ANY" for the common suites). `initiator` "target": its cases
    judge requests the target sends the harness (its pushes), not answers to ours."""

    module: str
    interface: str  # "SENDER", "RECEIVER" or "ANY"
    role: str = ""
    initiator: str = "harness"
    versions: tuple[str, ...] = (DEFAULT,)  # the versions its cases apply to, unless a case says
    # the version a run reads the registry of (`at`): the catalogue's is 2.2.1's
    at_version: str = field(default=DEFAULT, compare=False)
    # The Sender list whose object the suite judges: `get_list`, but for a module with two
    # (Payments: Terminals and Financial Advice Confirmations; Bookings: BookingLocations and
    # Bookings). A Sender suite's "get_list" is that list.
    listing: str = "get_list"

    def __post_init__(self) -> None:
        if self.module not in AREAS:
            raise ValueError(f"unknown module {self.module!r}")
        if self.at_version not in self.versions and self.module not in MODULES:
            # a module 2.2.1 lacks (2.3.0's Payments, say): read in the suite's first version
            object.__setattr__(self, "at_version", self.versions[0])
        if not self.role:
            role = "ANY"
            if self.interface != "ANY":
                role = self.spec.modules[self.module].interface(self.interface).implemented_by[0]
            object.__setattr__(self, "role", role)

    @property
    def prefix(self) -> str:
        area = AREAS[self.module]
        return area if area == self.role else f"{area}-{self.role}"

    @property
    def obj(self) -> str:
        """The object this interface is about (the one its list or PUT carries)."""
        return self.spec.listed_object(self.module, self.listing)

    @property
    def spec(self) -> Version:
        """The OCPI version whose registry this suite reads (`at`)."""
        return spec_version(self.at_version)

    def at(self, number: str) -> Suite:
        """This suite reading the registry of OCPI `number` (the run's version)."""
        return replace(self, at_version=number)

    def operation(self, name: str) -> Operation:
        """A registry operation of the interface by name ("get_list"), or by method ("PUT"):
        the one with that method on the interface's object."""
        interface = self.spec.modules[self.module].interface(self.interface)
        if name == "get_list" and self.interface == "SENDER":
            name = self.listing
        if not name.isupper():
            return interface.operation(name)
        for op in interface.operations:
            carried = op.request or op.response
            if op.method == name and carried is not None and carried.obj == self.obj:
                return op
        raise KeyError(f"{self.module} {self.interface}: no {name} of {self.obj}")

    def list_params(self) -> dict[str, str]:
        """What every request of this interface's list must carry (`required_list_params`)."""
        return self.spec.required_list_params(self.module, self.listing)

    def case(
        self,
        case_id: str,
        level: Level,
        spec: str,
        *,
        needs: tuple[str, ...] = (),
        versions: tuple[str, ...] | None = None,
        clauses: Mapping[str, str] | None = None,
    ) -> Callable[[F], F]:
        """Declare the case a test checks; its title is the test's docstring. `versions`: the
        OCPI versions whose text has the rule (the suite's, unless given); `clauses`: a
        version's clause where translating `spec` would name another section."""

        def declare(function: F) -> F:
            found = Case(case_id, title_of(function), self.module, self.interface, level, spec)
            found = replace(
                found,
                needs=needs,
                initiator=self.initiator,
                versions=versions if versions is not None else self.versions,
                clauses=tuple(sorted((clauses or {}).items())),
            )
            return _attach(function, found, self)

        return declare


def _attach(function: F, found: Case, suite: Suite) -> F:
    if not found.id.startswith(suite.prefix + "-") or not CASE_ID.match(found.id):
        raise ValueError(f"{found.id}: not an id of the {suite.prefix} suite")
    clauses = [found.spec, *(clause for _, clause in found.clauses)]
    if found.level not in LEVELS or not all(CLAUSE.match(c) for c in clauses):
        raise ValueError(f"{found.id}: level {found.level!r} or clause {clauses!r} malformed")
    # a version whose text the spec package holds: its cases are declared (and listed by `cases
    # --version`) before a run can test it (KNOWN)
    if not found.versions or any(v not in SPEC for v in found.versions):
        raise ValueError(f"{found.id}: versions {found.versions!r} are not known OCPI versions")
    setattr(function, ATTRIBUTE, found)
    return pytest.mark.ocpi_case(found.id)(function)


def case_of(function: object) -> Case | None:
    """The case a test function checks, if it is one."""
    return getattr(function, ATTRIBUTE, None)


OWN_MODULE = "own"  # where a team's own tests beside the suites are counted


def own_case(item: pytest.Item) -> Case:
    """A team's own test run beside the suites (the pytest plugin route), as a case: its id is
    the `ocpi_case` marker's argument when it has one, else its pytest node id; it is
    mandatory (a failing test of theirs fails the gate) and cites no clause of ours."""
    marker = item.get_closest_marker("ocpi_case")
    case_id = str(marker.args[0]) if marker is not None and marker.args else item.nodeid
    function = getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip()
    title = " ".join(doc.split("\n\n")[0].split()) if doc else item.name
    return Case(case_id, title, OWN_MODULE, "ANY", MANDATORY, "")


# --- contracts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContractCase:
    """A case a contract declares once for every module that adopts it.

    `title` and `spec` may name `{obj}` (the interface's object), `{object_spec}` (its table's
    anchor), `{op:NAME}` or `{op:METHOD}` (the clause of a registry operation) and any of the
    adopting class's `words`. The case applies to the adopting suite's versions that `versions`
    allows (all, unless given) and whose registry and words have everything it names: a case
    about a PATCH runs where the interface has one. `clauses` gives a version's own template
    where the 2.2.1 one would translate to another section."""

    key: str
    level: Level
    spec: str
    title: str
    needs: tuple[str, ...] = ()
    versions: tuple[str, ...] | None = None
    clauses: tuple[tuple[str, str], ...] = ()

    def filled(self, suite: Suite, number: str, words: Mapping[str, str]) -> tuple[str, str]:
        """(title, clause) in OCPI `number`; KeyError where its registry or words lack what
        the case names."""
        at = suite.at(number)
        template = dict(self.clauses).get(number, self.spec)
        return _fill(self.title, at, words), _fill(template, at, words)

    def versions_for(self, suite: Suite, words_in: Callable[[str], Mapping[str, str]]) -> tuple:
        """The suite's versions this case applies to (see the class docstring)."""
        found = []
        for number in suite.versions:
            if self.versions is not None and number not in self.versions:
                continue
            try:
                self.filled(suite, number, words_in(number))
            except KeyError:
                continue
            found.append(number)
        return tuple(found)

    def resolve(
        self,
        suite: Suite,
        number: int,
        words_in: Callable[[str], Mapping[str, str]],
        versions: tuple[str, ...],
    ) -> Case:
        """The case of `suite` numbered `number`, in `versions` (`versions_for`): its spec is
        the 2.2.1 clause where it applies there, else its first version's; each other version
        names its own clause where the registry or a template gives one, else translates."""
        first = DEFAULT if DEFAULT in versions else versions[0]
        title, spec = self.filled(suite, first, words_in(first))
        if not is_clause_of(spec, first):  # a 2.2.1 template, for a rule 2.2.1 lacks
            spec = spec_version(first).clause(spec) or spec
        clauses = []
        for other in versions:
            other_title, clause = self.filled(suite, other, words_in(other))
            if other_title != title:
                raise ValueError(f"{suite.prefix}-{number:03d}: its title differs by version")
            if other != first and is_clause_of(clause, other):
                clauses.append((other, clause))
        return Case(
            f"{suite.prefix}-{number:03d}",
            title,
            suite.module,
            suite.interface,
            self.level,
            spec,
            self.needs,
            suite.initiator,
            versions,
            tuple(clauses),
        )


_OPERATION = re.compile(r"\{op:([A-Za-z_]+)\}")
_PLACEHOLDER = re.compile(r"\{[a-z_]+(:[A-Za-z_]+)?\}")


def _fill(template: str, suite: Suite, words: Mapping[str, str]) -> str:
    """`template` with its placeholders filled from `suite`'s registry (its version's) and
    `words`; KeyError naming what neither has."""
    text = template
    for name, value in words.items():
        text = text.replace("{" + name + "}", value)
    text = _OPERATION.sub(lambda m: suite.operation(m.group(1)).spec, text)
    if "{obj" in text:
        obj = suite.obj
        if "{object_spec}" in text:
            text = text.replace("{object_spec}", suite.spec.anchor(obj))
        text = text.replace("{obj}", obj)
    left = _PLACEHOLDER.search(text)
    if left is not None:
        raise KeyError(f"{left.group(0)}: not among the words of {suite.prefix}")
    return text


def contract_case(
    key: str,
    level: Level,
    spec: str,
    *,
    needs: tuple[str, ...] = (),
    versions: tuple[str, ...] | None = None,
    clauses: Mapping[str, str] | None = None,
) -> Callable[[F], F]:
    """Declare a contract's case; the title is the docstring (with `{obj}` filled in).
    `versions`: the OCPI versions whose text has the rule (every one, unless given)."""

    def declare(function: F) -> F:
        function.__ocpi_contract_case__ = ContractCase(  # type: ignore[attr-defined]
            key,
            level,
            spec,
            title_of(function),
            needs,
            versions,
            tuple(sorted((clauses or {}).items())),
        )
        return function

    return declare


class Contract:
    """The base of every contract: a subclass with `suite=` becomes a test class whose contract
    methods are its own cases, numbered by `numbers` (key -> NNN), worded with `words`.

    Each adopted method is a fresh copy of the contract's function, so two modules adopting one
    contract keep two distinct cases (pytest collects the copies; the catalogue reads them)."""

    suite: Suite
    numbers: ClassVar[Mapping[str, int]] = {}
    words: ClassVar[Mapping[str, str]] = {}  # what a contract's titles leave to the module
    omit: ClassVar[tuple[str, ...]] = ()  # contract cases the module's interface cannot have

    @classmethod
    def words_in(cls, number: str) -> Mapping[str, str]:
        """The words in OCPI `number` (the same in every version, unless a contract says)."""
        return cls.words

    def __init_subclass__(cls, suite: Suite | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if suite is None:
            return  # an abstract contract, adopted later
        cls.suite = suite
        for name in dir(cls):
            function = getattr(cls, name)
            template: ContractCase | None = getattr(function, "__ocpi_contract_case__", None)
            if template is None:
                continue  # not a contract case, or one the class wrote itself
            versions = template.versions_for(suite, cls.words_in)
            if template.key in cls.omit or not versions:
                setattr(cls, name, None)  # pytest collects nothing under that name
                continue
            if template.key not in cls.numbers:
                raise ValueError(f"{cls.__name__}: no case number for {template.key!r}")
            found = template.resolve(suite, cls.numbers[template.key], cls.words_in, versions)
            setattr(cls, name, _attach(_copy(function, name), found, suite))
        _in_case_order(cls)


def _in_case_order(cls: type) -> None:
    """pytest runs a class's tests in the order of its __dict__: make that the order of their
    case ids, so a contract's cases and the class's own interleave as numbered."""
    tests = [
        (found.id, name, value)
        for name, value in list(vars(cls).items())
        if (found := case_of(value)) is not None
    ]
    for _, name, value in sorted(tests):
        delattr(cls, name)
        setattr(cls, name, value)


def _copy(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    copy = types.FunctionType(
        function.__code__, function.__globals__, name, function.__defaults__, function.__closure__
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__doc__, copy.__qualname__ = function.__doc__, function.__qualname__
    copy.__annotations__ = dict(function.__annotations__)
    marks = [m for m in getattr(function, "pytestmark", []) if m.name != "ocpi_case"]
    if marks:
        copy.pytestmark = marks  # type: ignore[attr-defined]
    return copy
