"""Verdicts on the response envelope (transport_and_format_response_format)."""

from __future__ import annotations

from ..client import Reply
from ..validation import validate_response

MAX_LISTED = 5


def assert_answered(reply: Reply) -> None:
    """The target answered at all, with a complete body."""
    assert reply.ok, reply.describe()


def assert_json(reply: Reply) -> None:
    assert_answered(reply)
    assert reply.json_error is None, f"{reply.describe()}: {reply.json_error}"


def assert_envelope(
    reply: Reply, module: str, interface: str, operation: str, *, http_status: int = 200
) -> None:
    """HTTP status as expected, JSON, and the endpoint's response schema holds (data included
    when the status_code is a success)."""
    assert_json(reply)
    assert reply.status == http_status, f"{reply.describe()}, expected HTTP {http_status}"
    violations = validate_response(module, interface, operation, reply.json)
    assert not violations, _listing(f"{reply.describe()}: the response breaks", violations)


def assert_success(reply: Reply, module: str, interface: str, operation: str) -> None:
    assert_envelope(reply, module, interface, operation)
    code = reply.status_code
    assert code is not None and 1000 <= code <= 1999, (
        f"{reply.describe()}: status_code {code} is not a success (1xxx)"
    )


def _listing(head: str, violations: list) -> str:
    shown = "; ".join(str(v) for v in violations[:MAX_LISTED])
    more = f" (+{len(violations) - MAX_LISTED} more)" if len(violations) > MAX_LISTED else ""
    return f"{head} {len(violations)} rule(s): {shown}{more}"
