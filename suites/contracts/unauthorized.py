"""What a refused request looks like in a version: 2.2.1 names the HTTP status (401 for a
missing or unknown token, transport_and_format_authorization_header); 2.1.1 names none ("The
interfaces are protected on HTTP transport level, with SSL and token based authentication"), so
there any refusal is one: whatever is not a success (HTTP 2xx with a 1xxx status_code).
"""

from __future__ import annotations

from ocpi_conformance.spec.version import Version
from ocpi_conformance.transport.client import Reply
from ocpi_conformance.verdicts.checks.envelope import assert_answered, assert_http
from ocpi_conformance.verdicts.failures import TransportViolation


def served(reply: Reply) -> bool:
    """The request was served: HTTP 2xx and a success status_code (1xxx), or no OCPI
    envelope at all with HTTP 2xx."""
    if reply.status is None or not 200 <= reply.status <= 299:
        return False
    return reply.status_code is None or 1000 <= reply.status_code <= 1999


def refusal_statuses(version: Version) -> tuple[int, ...]:
    """The HTTP statuses that refuse an unknown token in `version`: the one it names, else the
    two HTTP has for it (401 Unauthorized, 403 Forbidden)."""
    named = version.unauthorized_status
    return (named,) if named is not None else (401, 403)


def assert_refused(reply: Reply, what: str, version: Version, why: str = "") -> None:
    """`reply` refuses the request, as `version` says a refusal looks (see the module)."""
    named = version.unauthorized_status
    if named is not None:
        assert_http(reply, named, what, why)
        return
    assert_answered(reply)
    if served(reply):
        raise TransportViolation(
            f"{what}: {reply.describe()}, served as if authorized{why}",
            root="a request served without valid credentials",
        )
