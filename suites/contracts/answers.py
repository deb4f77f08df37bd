"""Every answer an interface gave the harness, its envelope validated where it is judged once.

The cases of a Receiver write (PUT, PATCH, POST, DELETE) and read back (GET) many times; each
answer's response format (status_code, status_message, timestamp: transport_and_format_response
_format) is judged here, over every exchange the run made with the interface, by one case. A
Receiver whose every answer carries a timestamp of 26 characters is then one finding, not one
per case that wrote. The data of a GET is the round trip's to judge; an HTTP error is the
refusal cases' (an error page is no envelope, and saying so again would count it twice).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ocpi_conformance.spec.registry import Operation
from ocpi_conformance.spec.validation import Violation, validate_response
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.exchanges import Exchange, ExchangeLog
from ocpi_conformance.transport.guards import parse_json

WRITES = frozenset({"PUT", "PATCH", "POST", "DELETE"})
_CLIPPED = "more characters not kept)"  # client._clip: a body the record does not hold whole


def envelope_violations(operation: Operation, body: Any, version: str = DEFAULT) -> list[Violation]:
    """What breaks the response format itself (status_code, status_message, timestamp) in an
    answer to `operation`, in OCPI `version`; the objects in `data` are left to the case about
    the object."""
    found = validate_response(
        operation.module, operation.interface, operation.name, body, version=version
    )
    return [v for v in found if not v.path.startswith("$.data")]


def answered_at(log: ExchangeLog, endpoint: str) -> list[Exchange]:
    """The harness's requests at or below `endpoint` that got an HTTP 2xx answer."""
    base = endpoint.rstrip("/")
    return [
        e
        for e in log.all()
        if e.direction == "outbound"
        and (e.url == base or e.url.startswith(base + "/") or e.url.startswith(base + "?"))
        and e.status is not None
        and 200 <= e.status <= 299
    ]


def operation_of(
    module: str, interface: str, endpoint: str, exchange: Exchange, version: str = DEFAULT
) -> Operation:
    """The registry operation (of OCPI `version`) an exchange called: its method, and as many
    path segments below the endpoint as the operation's template has (a Location, an EVSE or
    a Connector)."""
    below = urlsplit(exchange.url).path.removeprefix(urlsplit(endpoint).path.rstrip("/"))
    depth = len([s for s in below.split("/") if s])
    operations = spec_version(version).modules[module].interface(interface).operations
    candidates = [op for op in operations if op.method == exchange.method]
    for op in candidates:
        if len([s for s in op.path.split("/") if s]) == depth:
            return op
    return candidates[0]


def envelope_problems(
    exchanges: list[Exchange], module: str, interface: str, endpoint: str, version: str = DEFAULT
):
    """One line per answer whose response format is broken (by OCPI `version`'s rules), naming
    the case that got it."""
    problems = []
    for exchange in exchanges:
        text = exchange.response_body or ""
        if text.endswith(_CLIPPED):
            continue  # not kept whole: the case that read it judged it
        body, error = parse_json(text.encode("utf-8"))
        where = f"{exchange.method} {exchange.url} (in {exchange.case or 'setup'})"
        if error is not None:
            problems.append(f"{where} -> HTTP {exchange.status}: {error}")
            continue
        operation = operation_of(module, interface, endpoint, exchange, version)
        for violation in envelope_violations(operation, body, version)[:1]:
            problems.append(f"{where} -> HTTP {exchange.status}: {violation}")
    return problems


def writes_among(exchanges: list[Exchange]) -> int:
    return sum(1 for e in exchanges if e.method in WRITES)
