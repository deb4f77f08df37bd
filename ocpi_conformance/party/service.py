"""The extension point for functional modules: a module plugs into the party as `Service`s.

A `Service` names one interface of the module registry and gives a handler per registry
operation name; it serves the OCPI versions it names (`versions`), each from that version's
registry (`spec.version`): the party serves it in a version when its own role is among the
version's `implemented_by`, lists it in that version's details (`offered_endpoints`), and routes
requests to it by matching the version's path templates, so paths are never restated here.

Handlers get a `Call` (which knows its version) and return an `Outcome`, or raise `Answer` to
leave early with an envelope.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ocpi_conformance.spec.registry import Interface, Operation
from ocpi_conformance.spec.validation import Violation
from ocpi_conformance.spec.version import DEFAULT, Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.text import first
from ocpi_conformance.transport.guards import parse_json

if TYPE_CHECKING:
    from ocpi_conformance.party.state import PartyState, Registration


class Answer(Exception):  # noqa: N818 - an answer, raised to leave a handler early
    """Raised by a handler to answer at once with an envelope (or, `text` given, with a plain
    text body, as a web framework's own error page would: a fault's answer)."""

    def __init__(
        self, http: int, code: int, message: str | None = None, *, text: str | None = None
    ) -> None:
        super().__init__(message)
        self.http, self.code, self.message, self.text = http, code, message, text


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def envelope(code: int, data: Any = None, message: str | None = None) -> dict[str, Any]:
    """The response format (transport_and_format_response_format); `data` None is omitted."""
    body: dict[str, Any] = {}
    if data is not None:
        body["data"] = data
    body["status_code"] = code
    if message:
        body["status_message"] = message
    body["timestamp"] = now()
    return body


@dataclass(frozen=True)
class Outcome:
    """What a handler answers: HTTP status, the envelope, extra headers (pagination)."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Call:
    """One authenticated request to a functional interface, as its handler sees it."""

    state: PartyState
    caller: Registration
    operation: Operation
    params: dict[str, str]  # path parameters by their registry names
    query: list[tuple[str, str]]  # in request order, repeated names kept
    raw: bytes
    version: Version = field(default_factory=lambda: spec_version(DEFAULT))  # the URL's

    @property
    def number(self) -> str:
        """The OCPI version of the request, as validation takes it ("2.1.1")."""
        return self.version.number

    def arg(self, name: str) -> str | None:
        """The first value of query parameter `name`."""
        return next((v for k, v in self.query if k == name), None)

    def json(self) -> Any:
        """The body as JSON; not JSON is the transport layer's HTTP 400 (status_codes)."""
        body, why = parse_json(self.raw, "the request body")
        if why:
            raise Answer(400, 2001, why)
        return body


Handler = Callable[[Call], Outcome]


@dataclass(frozen=True)
class Service:
    """One interface of one module, with a handler for each registry operation it serves."""

    module: str  # ModuleID, e.g. "locations"
    role: str  # InterfaceRole: "SENDER" or "RECEIVER"
    handlers: Mapping[str, Handler]  # by Operation.name (of any version it serves)
    # The roles that serve it, when fewer than the registry's `implemented_by` (a CPO's
    # ChargingProfiles Receiver: an eMSP serves one only to relay an SCSP, which this party does
    # not do)
    roles: tuple[str, ...] = ()
    versions: tuple[str, ...] = ("2.2.1",)  # the OCPI versions it is served in

    def interface(self, version: str = DEFAULT) -> Interface | None:
        """Its interface in the registry of `version`; None where that version has none."""
        if version not in self.versions:
            return None
        return spec_version(version).interface(self.module, self.role)

    def offered(self, state: PartyState, version: str = DEFAULT) -> bool:
        """Served in `version` by a party whose role typically implements the interface there
        (the registry's), or only by the `roles` named, or named in its `also_serves`."""
        interface = self.interface(version)
        if interface is None:
            return False
        if (self.module, self.role) in state.also_serves:
            return True
        return state.identity.role in (self.roles or interface.implemented_by)


def functional_url(state: PartyState, module: str, role: str, version: str = DEFAULT) -> str:
    """Where this party serves one interface of a functional module in one OCPI version."""
    return f"{state.details_url_for(version)}/{role.lower()}/{module}"


def interface_path(module: str, role: str, version: str) -> str:
    """The path of an interface below the party's base path, e.g. "2.2.1/sender/locations"."""
    return f"{version}/{role.lower()}/{module}"


def match_path(template: str, segments: list[str]) -> dict[str, str] | None:
    parts = [p for p in template.split("/") if p]
    if len(parts) != len(segments):
        return None
    params: dict[str, str] = {}
    for part, segment in zip(parts, segments, strict=True):
        if part.startswith("{") and part.endswith("}"):
            params[part[1:-1]] = segment
        elif part != segment:
            return None
    return params


def route(
    service: Service, method: str, segments: list[str], version: str = DEFAULT
) -> tuple[Operation, dict[str, str]]:
    """The operation of `service` in `version` at `segments` for `method`: 404 when no template
    matches the path, 405 when one does but not for this method."""
    matched = False
    interface = service.interface(version)
    for operation in interface.operations if interface is not None else ():
        if operation.name not in service.handlers:
            continue
        if operation.target == "response_url":
            # A URL this party handed out (commands' response_url): any path below the
            # interface is one; the handler gets it whole as "reference".
            params: dict[str, str] | None = {"reference": "/".join(segments)}
        elif operation.target == "location_header":
            # A URL this party gave in a Location header (the CDRs Receiver's GET): the
            # handler gets the path below the interface, each segment percent-encoded again.
            params = {"reference": "/".join(quote(s, safe="") for s in segments)}
        elif operation.target == "endpoint":
            params = match_path(operation.path, segments)
        else:
            continue
        if params is None:
            continue
        matched = True
        if operation.method == method:
            return operation, params
    if matched:
        raise Answer(405, 2000, f"{method} is not offered here")
    raise Answer(404, 2000, "no such endpoint")


def fold(version: Version, obj: str, field: str) -> Callable[[str], str]:
    """How two values of `obj.field` are compared in `version`: upper-cased where the field is
    a CiString (2.2.1's ids), as they are where it is a case-sensitive string (2.1.1's)."""
    return str.upper if version.case_insensitive(obj, field) else str


def describe(violations: list[Violation]) -> str:
    """The first violations, one line, for a status_message."""
    return first(violations, 3)
