"""Verdicts on the answer itself: that it came, its HTTP status and status_code, and the response
envelope (transport_and_format_response_format)."""

from __future__ import annotations

from ..client import Reply
from ..failures import NoAnswer, SchemaViolation, TransportViolation
from ..spec.registry import Operation
from ..text import first
from ..validation import validate_response


def assert_answered(reply: Reply) -> None:
    """The target answered at all, with a complete body."""
    if not reply.ok:
        raise NoAnswer(reply.describe())


def assert_json(reply: Reply) -> None:
    assert_answered(reply)
    if reply.json_error is not None:
        raise TransportViolation(f"{reply.describe()}: {reply.json_error}")


def assert_http(reply: Reply, expected: int, what: str, why: str = "") -> None:
    """The answer has HTTP status `expected`; `what` says which request it answers."""
    if reply.status != expected:
        raise TransportViolation(f"{what}: {reply.describe()}, expected HTTP {expected}{why}")


def assert_status_code(reply: Reply, expected: int, what: str, meaning: str = "") -> None:
    """The envelope carries status_code `expected` (its meaning in brackets when given)."""
    assert_answered(reply)
    if reply.status_code != expected:
        said = f" ({meaning})" if meaning else ""
        raise TransportViolation(
            f"{what}: {reply.describe()}, expected status_code {expected}{said}"
        )


def assert_envelope(reply: Reply, operation: Operation, *, http_status: int = 200) -> None:
    """HTTP status as expected, JSON, and the operation's response schema holds (data included
    when the status_code is a success)."""
    assert_json(reply)
    if reply.status != http_status:
        raise TransportViolation(f"{reply.describe()}, expected HTTP {http_status}")
    violations = validate_response(
        operation.module, operation.interface, operation.name, reply.json
    )
    if violations:
        raise SchemaViolation(
            f"{reply.describe()}: the response breaks {len(violations)} rule(s): "
            f"{first(violations)}"
        )


def assert_success(reply: Reply, operation: Operation) -> None:
    assert_envelope(reply, operation)
    code = reply.status_code
    if code is None or not 1000 <= code <= 1999:
        raise TransportViolation(f"{reply.describe()}: status_code {code} is not a success (1xxx)")
