"""Verdicts on the response envelope (transport_and_format_response_format)."""

from __future__ import annotations

from ..client import Reply
from ..spec.registry import Operation
from ..text import first
from ..validation import validate_response


def assert_answered(reply: Reply) -> None:
    """The target answered at all, with a complete body."""
    assert reply.ok, reply.describe()


def assert_json(reply: Reply) -> None:
    assert_answered(reply)
    assert reply.json_error is None, f"{reply.describe()}: {reply.json_error}"


def assert_envelope(reply: Reply, operation: Operation, *, http_status: int = 200) -> None:
    """HTTP status as expected, JSON, and the operation's response schema holds (data included
    when the status_code is a success)."""
    assert_json(reply)
    assert reply.status == http_status, f"{reply.describe()}, expected HTTP {http_status}"
    violations = validate_response(
        operation.module, operation.interface, operation.name, reply.json
    )
    assert not violations, (
        f"{reply.describe()}: the response breaks {len(violations)} rule(s): {first(violations)}"
    )


def assert_success(reply: Reply, operation: Operation) -> None:
    assert_envelope(reply, operation)
    code = reply.status_code
    assert code is not None and 1000 <= code <= 1999, (
        f"{reply.describe()}: status_code {code} is not a success (1xxx)"
    )
