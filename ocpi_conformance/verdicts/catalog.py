"""The catalogue of conformance cases, read off the shipped suites (never kept as a second list).

Every test in `suites/**/test_*.py` declares its case (`ocpi_conformance.verdicts.cases`);
importing the suite files is enough to know them all, without running anything.
`ocpi-conformance cases` prints it, `docs/cases.md` is generated from it, and a test proves each
case has exactly one test.
"""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType

from ocpi_conformance.resources import suites_dir
from ocpi_conformance.spec.version import SPEC
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.verdicts.cases import Case, case_of

FORMATS = ("table", "json", "markdown")


def _module_name(path: Path) -> str:
    """The name pytest gives a suite file: its path from the first folder that is no package
    (`suites.cpo.test_locations` in a checkout, `ocpi_conformance.suites...` in a wheel)."""
    parts = [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file():
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts)


def suite_modules() -> Iterator[ModuleType]:
    for path in sorted(suites_dir().rglob("test_*.py")):
        yield importlib.import_module(_module_name(path))


def suite_tests(module: ModuleType) -> Iterator[tuple[str, object]]:
    """(name, function) of every test pytest would collect in a suite file, classes included."""
    for name, value in vars(module).items():
        if name.startswith("test_") and inspect.isfunction(value):
            yield name, value
        elif name.startswith("Test") and inspect.isclass(value):
            for attribute in dir(value):
                test = getattr(value, attribute)
                if attribute.startswith("test_") and callable(test):  # None: a case omitted
                    yield f"{name}::{attribute}", test


@cache
def catalogue() -> dict[str, Case]:
    """Every case of the shipped suites, by id, sorted."""
    found: dict[str, Case] = {}
    for module in suite_modules():
        for name, function in suite_tests(module):
            declared = case_of(function)
            if declared is None:
                continue
            if declared.id in found:
                raise ValueError(f"{declared.id} is declared twice ({module.__name__}::{name})")
            found[declared.id] = declared
    return dict(sorted(found.items()))


def select(
    role: str | None = None, module: str | None = None, version: str | None = None
) -> list[Case]:
    """The cases a run against a target of `role` in OCPI `version` could run (the common
    ones included)."""
    wanted = {"ANY", role.upper()} if role else None
    return [
        case
        for case in catalogue().values()
        if (wanted is None or case.role in wanted)
        and (module is None or case.module == module)
        and (version is None or case.applies_to(version))
    ]


def record(case: Case) -> dict[str, object]:
    return {
        "id": case.id,
        "title": case.title,
        "module": case.module,
        "interface": case.interface,
        "role": case.role.lower(),
        "level": case.level,
        "spec": case.spec,
        "needs": list(case.needs),
        "initiator": case.initiator,
        "versions": {number: case.clause_in(number) for number in case.versions},
        # the tagged text each version's clause was read from, where a version is several
        # texts (2.3.0: core, Payments, Bookings; spec/v2_3_0/documents.py)
        "texts": {
            number: tag
            for number in case.versions
            if (tag := text_of(number, case.clause_in(number))) is not None
        },
    }


def text_of(number: str, clause: str) -> str | None:
    """The tag of the text a clause of OCPI `number` was read from, where the version's text is
    split into several tagged texts (its documents.py has `source_of`); else None."""
    source_of = getattr(spec_version(number).documents, "source_of", None)
    return None if source_of is None else str(source_of(clause).tag)


def render(cases: list[Case], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([record(c) for c in cases], indent=2) + "\n"
    if fmt == "markdown":
        return markdown(cases)
    width = max((len(c.module) for c in cases), default=6)
    lines = [f"{c.id:<13} {c.level:<11} {c.module:<{width}} {c.title}" for c in cases]
    return "\n".join(lines) + "\n"


def markdown(cases: list[Case]) -> str:
    """docs/cases.md: one table per module, in catalogue order, each case with the OCPI versions
    whose text has its rule and its clause in each."""
    numbers = [n for n in SPEC[::-1] if any(c.applies_to(n) for c in cases)]  # newest first
    counts = ", ".join(f"{sum(c.applies_to(n) for c in cases)} in {n}" for n in numbers)
    out = [
        "# Conformance cases",
        "",
        "Generated by `ocpi-conformance cases --format markdown` from the suites; a test keeps it",
        f"current. {len(cases)} cases ({counts}). Levels: mandatory (SHALL/MUST), recommended",
        "(SHOULD), optional (MAY). A case runs in the OCPI versions whose text has its rule, and",
        "cites each version's clause: files and anchors of the OCPI 2.2.1 text (tag `2.2.1`,",
        "AsciiDoc), of the 2.1.1 text (tag `2.1.1`, Markdown, GitHub heading anchors) and of the",
        "2.3.0 text (AsciiDoc: core tag `v2.3.0-ed2`, Payments `v2.3.0-ed2-payments`, Bookings",
        "`v2.3.0-bookings`).",
    ]
    modules = sorted(
        {c.module for c in cases}, key=lambda m: min(c.id for c in cases if c.module == m)
    )
    for module in modules:
        out += [
            "",
            f"## {module}",
            "",
            "| id | level | interface | versions | title | clause |",
            "|---|---|---|---|---|---|",
        ]
        for c in (c for c in cases if c.module == module):
            title = c.title.replace("|", "\\|")
            shown = [n for n in numbers if c.applies_to(n)]
            clauses = "<br>".join(_cited(n, c.clause_in(n)) for n in shown)
            row = (
                f"| {c.id} | {c.level} | {c.interface} | {', '.join(shown)} | {title} | {clauses} |"
            )
            out.append(row)
    return "\n".join(out) + "\n"


def _cited(number: str, clause: str) -> str:
    """`number: `clause``, and the tag of its text where the version has several."""
    tag = text_of(number, clause)
    return f"{number}: `{clause}`" + (f" (`{tag}`)" if tag else "")


@cache
def adopted(contract: str) -> dict[str, dict[str, dict[str, str]]]:
    """How each module numbers the cases of a contract (`SenderList`, `PushedObjects`, ...):
    module -> the target role of its ids -> {the contract's key -> case id}, read off the suite
    classes that adopt it, so a check bound to a contract's rule (the passive judge's) takes the
    id the suites give it. A key whose case no version's registry gives (a CDR PATCH) is left
    out, as the suites leave it out."""
    declared = catalogue()
    found: dict[str, dict[str, dict[str, str]]] = {}
    for module in suite_modules():
        for value in vars(module).values():
            suite = getattr(value, "suite", None)
            if not inspect.isclass(value) or suite is None or value.__name__ == contract:
                continue
            if contract not in [base.__name__ for base in value.__mro__[1:]]:
                continue
            if getattr(suite, "listing", "get_list") != "get_list":
                continue  # a module's second list (Payments, Bookings): the judge reads get_list
            omitted = set(getattr(value, "omit", ()))
            ids = {
                key: f"{suite.prefix}-{number:03d}"
                for key, number in value.numbers.items()
                if key not in omitted and f"{suite.prefix}-{number:03d}" in declared
            }
            found.setdefault(suite.module, {}).setdefault(suite.role, {}).update(ids)
    return found
