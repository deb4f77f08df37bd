"""One OCPI version, as the rest of the harness asks about it.

A version is a parameter, not a fork: transport, discovery, the handshake, the peer, the sandbox
and the suites ask the run's `Version` (how a token travels, whether requests carry routing
headers, what a Credentials object looks like, which operations a module has, how an object is
named) instead of importing one version's package. Each version's answers live in its own
package (`spec/v2_1_1/`, `spec/v2_2_1/`, ...), read from that version's text; this class only
gives them one face, so no caller writes `if version == "2.1.1"`.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from dataclasses import dataclass, replace
from functools import cached_property
from importlib import import_module
from types import ModuleType
from typing import Any

from ocpi_conformance.resources import schemas_dir
from ocpi_conformance.spec.registry import Interface, Module, Operation

KNOWN: tuple[str, ...] = ("2.1.1", "2.2.1", "2.3.0")  # the versions the harness tests, oldest first
# the versions whose text the spec package holds (schemas, validation), tested or not yet
SPEC: tuple[str, ...] = ("2.1.1", "2.2.1", "2.3.0")
DEFAULT = "2.2.1"
# A version read as a known one when the known one is not offered: 2.2.1 corrects 2.2
# (version_history.asciidoc), the two share their modules, objects and transport.
FAMILY: dict[str, str] = {"2.2": "2.2.1"}


@dataclass(frozen=True)
class Version:
    """The answers of one OCPI version's text (see the module's docstring)."""

    number: str

    # --- the package -----------------------------------------------------------------------------

    @cached_property
    def package(self) -> ModuleType:
        return import_module(package_name(self.number))

    def part(self, name: str) -> ModuleType:
        """One module of the version's package ("modules", "documents", "status_codes", ...)."""
        return import_module(f"{self.package.__name__}.{name}")

    @cached_property
    def _transport(self) -> ModuleType:
        return self.part("transport")

    @cached_property
    def _modules(self) -> ModuleType:
        return self.part("modules")

    # --- objects and modules ---------------------------------------------------------------------

    @property
    def objects(self) -> dict[str, type]:
        return self.package.OBJECTS

    @property
    def enums(self) -> dict[str, type]:
        return self.package.ENUMS

    def anchor(self, obj: str) -> str:
        """The clause of an object's table (its model's `spec_anchor`), read from the exported
        schema (`x-ocpi-spec`, kept current by `schemas check`): declaring every version's
        cases needs the anchors, not the models, so a version merely known builds none.
        KeyError for an object the version has no schema of."""
        return _anchors(self.number, obj)

    @cached_property
    def modules(self) -> dict[str, Module]:
        """The registry, each operation knowing it is this version's (what validates it): a
        copy, since a version may reuse another's Module objects (2.3.0 keeps 2.2.1's)."""
        return {
            name: replace(
                module,
                interfaces=tuple(
                    replace(
                        interface,
                        operations=tuple(
                            replace(op, version=self.number) for op in interface.operations
                        ),
                    )
                    for interface in module.interfaces
                ),
            )
            for name, module in self._modules.MODULES.items()
        }

    def has_module(self, module: str) -> bool:
        return module in self.modules

    def interface(self, module: str, role: str) -> Interface | None:
        """A module's SENDER or RECEIVER interface, or None where the version has none."""
        found = self.modules.get(module)
        if found is None:
            return None
        try:
            return found.interface(role)
        except KeyError:
            return None

    def operation(self, module: str, interface: str, name: str) -> Operation:
        return self.modules[module].interface(interface).operation(name)

    def listed_object(self, module: str, name: str = "get_list") -> str:
        """The object a module's Sender list carries (`name`: one of several, 2.3.0's Payments
        and Bookings have two)."""
        if name == "get_list":
            return self._modules.listed_object(module)
        return self._modules.listed_object(module, name)

    def required_list_params(self, module: str, name: str = "get_list") -> dict[str, str]:
        if name == "get_list":
            return self._modules.required_list_params(module)
        return self._modules.required_list_params(module, name)

    def client_owned(self, obj: str) -> bool:
        return self._modules.client_owned(obj)

    def command_object(self, command: str) -> str:
        return self._modules.command_object(command)

    @property
    def unslashed_structures(self) -> frozenset[str]:
        return self._modules.UNSLASHED_STRUCTURES

    def case_insensitive(self, obj: str, field: str) -> bool:
        """Whether two values of `obj.field` are the same when they differ only in case: the
        field is a CiString (2.2.1's ids; 2.1.1's ids are `string`, case sensitive)."""
        info = self.objects[obj].model_fields.get(field)
        extra = info.json_schema_extra if info is not None else None
        label = extra.get("x-ocpi-type") if isinstance(extra, dict) else None
        return isinstance(label, str) and label.startswith("CiString")

    def patch_appends(self, obj: str) -> tuple[str, ...]:
        """The list fields of `obj` whose PATCH adds to the stored list instead of replacing it
        (`modules.PATCH_APPENDS`; none where the version's text has no such rule)."""
        appends: dict[str, tuple[str, ...]] = getattr(self._modules, "PATCH_APPENDS", {})
        return appends.get(obj, ())

    @property
    def receiver_may_ignore(self) -> dict[str, tuple[str, ...]]:
        """Class name -> the fields of it a Receiver is free not to store (2.3.0: a Location's
        Parking objects and an EVSE's links to them, `modules.RECEIVER_MAY_IGNORE`); empty
        where the version's text frees none."""
        return dict(getattr(self._modules, "RECEIVER_MAY_IGNORE", {}))

    def identity_field(self, obj: str) -> str:
        return self.package.identity_field(obj)

    def identity(self, obj: str, item: dict[str, Any]) -> tuple[str, ...]:
        return self.package.identity(obj, item)

    def shown(self, obj: str, item: dict[str, Any]) -> str:
        return self.package.shown(obj, item)

    @property
    def response(self) -> type:
        """The response envelope model."""
        return self.package.Response

    @property
    def documents(self) -> ModuleType:
        """The files of the text its clauses cite (documents.py)."""
        return self.part("documents")

    # --- how it travels (transport.py of the package) ---------------------------------------------

    @property
    def token_encoding(self) -> str:
        """ "base64" (2.2 and later) or "raw" (2.1.1): how the Authorization header carries it."""
        return self._transport.TOKEN_ENCODING

    @property
    def routing_headers(self) -> bool:
        """Whether requests to functional modules carry OCPI-from-*/OCPI-to-*."""
        return bool(self._transport.ROUTING_HEADERS)

    @property
    def request_ids(self) -> bool:
        """Whether X-Request-ID and X-Correlation-ID are part of the version (required, echoed)."""
        return self._transport.REQUEST_IDS == "required"

    @property
    def credentials_shape(self) -> str:
        """ "roles" (a Credentials object lists CredentialsRoles) or "flat" (one party)."""
        return self._transport.CREDENTIALS_SHAPE

    @property
    def endpoint_roles(self) -> bool:
        """Whether an Endpoint of the version details names its interface role."""
        return bool(self._transport.ENDPOINT_ROLES)

    @property
    def owner_in_objects(self) -> bool:
        """Whether Client Owned Objects carry country_code and party_id beside their id."""
        return bool(self._transport.OWNER_IN_OBJECTS)

    @property
    def unauthorized_status(self) -> int | None:
        """The HTTP status for a missing or unknown token, where the text names one."""
        return self._transport.UNAUTHORIZED_STATUS

    @property
    def not_authorized_statuses(self) -> tuple[int, ...] | None:
        """The HTTP statuses that may refuse an authenticated sender a request it is not
        authorized to make (token A beyond credentials and versions, a party no longer
        registered): 2.2.1 names 401 alone, 2.3.0 (Edition 2) allows 401 and 403; None where
        the text names none (any refusal is one)."""
        statuses = self._transport.NOT_AUTHORIZED_STATUSES
        return tuple(statuses) if statuses is not None else None

    @property
    def patch_requires(self) -> tuple[str, ...]:
        return tuple(self._transport.PATCH_REQUIRES)

    # --- what only some versions' texts say (a default where a text says nothing) ----------------

    @property
    def unknown_fields_accepted(self) -> bool:
        """Whether the text forbids refusing a request or response for a JSON field name it
        does not document (2.3.0: "SHALL NOT reject"); False where it says nothing."""
        return getattr(self._transport, "UNKNOWN_FIELDS", None) == "accept"

    @property
    def open_enums(self) -> frozenset[str]:
        """The enums whose heading says OpenEnum (any string is a value): 2.3.0's thirteen."""
        return frozenset(getattr(self.package, "OPEN_ENUMS", ()))

    @property
    def hub_party_id(self) -> bool:
        """Whether a Credentials object names the platform's Hub party (2.3.0's hub_party_id,
        where 2.2.1 had the role HUB)."""
        return bool(getattr(self._transport, "HUB_PARTY_ID", False))

    @property
    def credentials_endpoint_role(self) -> str | None:
        """The role advised for one's own credentials endpoint in the version details (2.3.0:
        SENDER); None where the text advises none."""
        return getattr(self._transport, "CREDENTIALS_ENDPOINT_ROLE", None)

    def negative_price(self, price: dict[str, Any]) -> dict[str, Any]:
        """`price` (a Price of this version) with its amounts negative: a credit CDR's
        total_cost (2.2.1: excl_vat and incl_vat; 2.3.0: before_taxes and every tax amount)."""
        return self.part("types").negative_price(price)

    def former_shape(self, anchor: str, body: Any) -> str | None:
        """How a message names `body`, invalid as the class of table `anchor`, when it has the
        shape another version gives that class (2.3.0: a 2.2.1 Price where a Price or a
        PriceLimit belongs); None otherwise."""
        shapes = getattr(self.part("types"), "FORMER_SHAPES", {})
        shape = shapes.get(anchor)
        if shape is None or not isinstance(body, dict):
            return None
        return shape.said if shape.fields & set(body) else None

    # --- clauses ---------------------------------------------------------------------------------

    def clause(self, clause: str) -> str | None:
        """This version's clause for a rule the cases name by its 2.2.1 clause (cases are
        written against 2.2.1): the same string in 2.2.1, the version's own `clauses.FROM_2_2_1`
        translation elsewhere; None where the version's text has no such rule."""
        if self.number == DEFAULT:
            return clause
        try:
            table = self.part("clauses").FROM_2_2_1
        except ModuleNotFoundError:
            return None
        return table.get(clause)

    def fit_string(self, text: str) -> str:
        """`text` made a valid `string` of this version: characters its type forbids (2.1.1:
        all but printable ASCII; 2.2.1: control characters) replaced by '?'. For what a party
        writes itself (a status_message quoting what it refused)."""
        pattern = self.part("types").STRING_PATTERN  # "^[allowed]*$"
        allowed = re.compile(pattern[1:-2])
        return "".join(c if allowed.fullmatch(c) else "?" for c in text)

    def clause_url(self, clause: str) -> str:
        """Where a clause of this version's text is read on GitHub: its tag (2.3.0: the tag of
        the text the clause comes from, core or an extension), its file and anchor."""
        documents = self.documents
        source_of = getattr(documents, "source_of", None)
        tag = source_of(clause).tag if source_of is not None else self.number
        return f"https://github.com/ocpi/ocpi/blob/{tag}/{clause}"

    def __str__(self) -> str:
        return self.number


@functools.cache
@functools.cache
def _anchors(number: str, obj: str) -> str:
    path = schemas_dir(number) / f"{obj}.json"
    if not path.is_file():
        raise KeyError(obj)
    return str(json.loads(path.read_text(encoding="utf-8"))["x-ocpi-spec"])


def package_name(number: str) -> str:
    """The spec package of OCPI `number` (ocpi_conformance.spec.v2_2_1)."""
    return f"ocpi_conformance.spec.v{number.replace('.', '_')}"


def loaded(number: str) -> bool:
    """Whether the text of OCPI `number` is imported already: code that serves several versions
    looks there first, so a run of one version does not import the others."""
    return package_name(number) in sys.modules


def version(number: str) -> Version:
    """The Version of a number whose text the spec package holds; ValueError naming them for
    any other."""
    if number not in SPEC:
        raise ValueError(f"unknown OCPI version {number!r}; known: {', '.join(SPEC)}")
    return Version(number)


def highest_common(offered: list[str]) -> str | None:
    """The highest version both the harness and the other party support (the credentials
    module's choice): `offered` as the party's versions list gives them."""
    known = [n for n in KNOWN if n in offered or any(FAMILY.get(o) == n for o in offered)]
    return known[-1] if known else None
