"""Verdicts on the answer itself: that it came, its HTTP status and status_code, and the response
envelope (transport_and_format_response_format)."""

from __future__ import annotations

import functools

from ocpi_conformance.spec.registry import Operation
from ocpi_conformance.spec.v2_2_1 import Response
from ocpi_conformance.spec.validation import SchemaValidator, validate_response
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import Reply
from ocpi_conformance.verdicts.failures import NoAnswer, SchemaViolation, TransportViolation


def assert_answered(reply: Reply) -> None:
    """The target answered at all, with a complete body."""
    if not reply.ok:
        kind = (reply.error or "no answer").split(":")[0]
        raise NoAnswer(reply.describe(), root=f"no complete answer: {kind}")


def assert_json(reply: Reply) -> None:
    assert_answered(reply)
    if reply.json_error is not None:
        kind = reply.json_error.split(" (")[0]
        raise TransportViolation(
            f"{reply.describe()}: {reply.json_error}", root=f"answers that are not JSON: {kind}"
        )


def assert_http(reply: Reply, expected: int, what: str, why: str = "") -> None:
    """The answer has HTTP status `expected`; `what` says which request it answers."""
    if reply.status != expected:
        assert_answered(reply)
        raise TransportViolation(
            f"{what}: {reply.describe()}, expected HTTP {expected}{why}",
            root=f"HTTP {reply.status} where HTTP {expected} is due",
        )


def assert_status_code(reply: Reply, expected: int, what: str, meaning: str = "") -> None:
    """The envelope carries status_code `expected` (its meaning in brackets when given)."""
    assert_answered(reply)
    if reply.status_code != expected:
        said = f" ({meaning})" if meaning else ""
        got = "no status_code" if reply.status_code is None else f"status_code {reply.status_code}"
        raise TransportViolation(
            f"{what}: {reply.describe()}, expected status_code {expected}{said}",
            root=f"{got} (HTTP {reply.status}) where status_code {expected} is due",
        )


def assert_envelope(reply: Reply, operation: Operation, *, http_status: int = 200) -> None:
    """HTTP status as expected, JSON, and the operation's response schema holds (data included
    when the status_code is a success)."""
    assert_json(reply)
    if reply.status != http_status:
        raise TransportViolation(
            f"{reply.describe()}, expected HTTP {http_status}",
            root=f"HTTP {reply.status} where HTTP {http_status} is due",
        )
    violations = validate_response(
        operation.module, operation.interface, operation.name, reply.json
    )
    if violations:
        raise SchemaViolation(
            f"{reply.describe()}: the response breaks {len(violations)} rule(s): "
            f"{first(violations)}",
            root=violations[0].rule,
        )


@functools.cache
def _envelope() -> SchemaValidator:
    """The envelope alone, `data` any JSON value (transport_and_format_response_format)."""
    return SchemaValidator(Response.model_json_schema())


def assert_envelope_fields(reply: Reply, *, http_status: int = 200) -> None:
    """HTTP status as expected and a valid envelope (status_code, status_message, timestamp),
    whatever the data: for rules of every endpoint, judged on any route."""
    assert_json(reply)
    if reply.status != http_status:
        raise TransportViolation(
            f"{reply.describe()}, expected HTTP {http_status}",
            root=f"HTTP {reply.status} where HTTP {http_status} is due",
        )
    violations = _envelope().violations(reply.json)
    if violations:
        raise SchemaViolation(
            f"{reply.describe()}: the envelope breaks {len(violations)} rule(s): "
            f"{first(violations)}",
            root=violations[0].rule,
        )


def assert_success(reply: Reply, operation: Operation) -> None:
    assert_envelope(reply, operation)
    code = reply.status_code
    if code is None or not 1000 <= code <= 1999:
        raise TransportViolation(
            f"{reply.describe()}: status_code {code} is not a success (1xxx)",
            root=f"status_code {code} where a success (1xxx) is due",
        )
