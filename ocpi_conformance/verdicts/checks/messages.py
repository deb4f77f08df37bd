"""Transport rules judged on one exchange, wherever it came from: the message ids, the response
format and content type, the Authorization header and the routing headers
(transport_and_format.asciidoc), each for the party the rule binds: the answer's rules bind
the server, the request's rules the client.

Each function takes a `Seen` and returns None where its rule does not apply to that exchange,
[] where the exchange keeps it, or the problems it shows.
"""

from __future__ import annotations

import functools
from typing import Any

from ocpi_conformance.spec.validation import SchemaValidator
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.text import first
from ocpi_conformance.verdicts.checks.inbound import MESSAGE_IDS, misrouting
from ocpi_conformance.verdicts.checks.judged import Seen, Verdict

CLIPPED = "more characters not kept)"  # transport.client._clip: a body the record cut short
UNROUTED = frozenset({"versions", "credentials", "hubclientinfo"})  # never routed


def clipped(text: str | None) -> bool:
    """The record holds only the start of the body (a harness keeps 256 KiB): not judged."""
    return bool(text) and text.endswith(CLIPPED)  # type: ignore[union-attr]


@functools.cache
def envelope_validator(number: str) -> SchemaValidator:
    """The envelope alone of OCPI `number` (status_code, status_message, timestamp)."""
    return SchemaValidator(spec_version(number).response.model_json_schema(), number)


def _ocpi_answer(seen: Seen) -> bool:
    """An answer of an OCPI endpoint (versions, details, credentials, a module) arrived."""
    return seen.answered and seen.place is not None


def _success(seen: Seen) -> bool:
    return seen.exchange.status is not None and 200 <= seen.exchange.status <= 299


def envelope_problems(seen: Seen) -> list[str]:
    """What keeps an answer's body from being the response format: not JSON, or an envelope
    breaking its rules."""
    text = seen.exchange.response_body
    if not text:
        return [f"{seen.shown()}: no body, where the response format is due"]
    body = seen.response_json
    if body is None:
        return [f"{seen.shown()}: the body is not JSON within the guard (UTF-8, 64 deep)"]
    violations = envelope_validator(seen.ctx.version.number).violations(body)
    if violations:
        return [
            f"{seen.shown()}: the envelope breaks {len(violations)} rule(s): {first(violations)}"
        ]
    return []


# --- the answer's rules (the server) -------------------------------------------------------------


def _echoed(seen: Seen, name: str) -> Verdict:
    if not seen.ctx.version.request_ids or not _ocpi_answer(seen):
        return None
    sent = (seen.request_header(name) or "").strip()
    if not sent:
        return None  # nothing to echo: the request's own finding (TRN-ANY-102)
    if not seen.exchange.response_headers:
        return None  # the record keeps no response headers
    got = seen.response_header(name)
    if got is None or got.strip() != sent:
        return [f"{seen.shown()}: {name} sent {sent!r}, answered {got!r}"]
    return []


def request_id_echoed(seen: Seen) -> Verdict:
    """TRN-ANY-005: the response carries the X-Request-ID of its request."""
    return _echoed(seen, "X-Request-ID")


def correlation_id_echoed(seen: Seen) -> Verdict:
    """TRN-ANY-006: the response carries the X-Correlation-ID of its request."""
    return _echoed(seen, "X-Correlation-ID")


def envelope_on_success(seen: Seen) -> Verdict:
    """TRN-ANY-007: an HTTP 2xx answer of an OCPI endpoint is in the response format."""
    if not _ocpi_answer(seen) or not _success(seen) or clipped(seen.exchange.response_body):
        return None
    return envelope_problems(seen)


def content_type_json(seen: Seen) -> Verdict:
    """TRN-ANY-008: an HTTP 2xx answer of an OCPI endpoint is application/json."""
    if not _ocpi_answer(seen) or not _success(seen) or not seen.exchange.response_headers:
        return None
    if not seen.exchange.response_body:
        return None
    kind = seen.response_header("Content-Type") or ""
    if kind.split(";")[0].strip().lower() != "application/json":
        return [f"{seen.shown()}: Content-Type is {kind or 'absent'}, not application/json"]
    return []


def unauthorized_has_envelope(seen: Seen) -> Verdict:
    """TRN-ANY-004: a 401 answer carries the response format with an error status_code."""
    if not _ocpi_answer(seen) or seen.exchange.status != 401:
        return None
    if clipped(seen.exchange.response_body):
        return None
    problems = envelope_problems(seen)
    code = seen.status_code
    if not problems and (code is None or code < 2000):
        problems.append(f"{seen.shown()}: status_code {code}, not an error code")
    return problems


def _without_token(seen: Seen, modules: frozenset[str] | None, name: str) -> Verdict:
    place = seen.place
    if place is None or not seen.answered or not seen.ctx.authorization_recorded:
        return None
    wanted = seen.ctx.version.unauthorized_status
    if wanted is None or seen.request_header("Authorization") is not None:
        return None
    where = place.operation.name if place.operation is not None else ""
    if modules is not None and (place.module not in modules or where != name):
        return None
    if modules is None and place.module == "versions":
        return None
    if seen.exchange.status != wanted:
        return [f"{seen.shown()}: a request without Authorization, expected HTTP {wanted}"]
    return []


def no_token_refused(seen: Seen) -> Verdict:
    """TRN-ANY-001: a request without Authorization to credentials or a module gets 401."""
    return _without_token(seen, None, "")


def versions_need_token(seen: Seen) -> Verdict:
    """VER-ANY-008: the versions endpoint refuses a request without credentials."""
    return _without_token(seen, frozenset({"versions"}), "get_versions")


def details_need_token(seen: Seen) -> Verdict:
    """VER-ANY-009: the details endpoint refuses a request without credentials."""
    return _without_token(seen, frozenset({"versions"}), "get_version_details")


def raw_token_refused(seen: Seen) -> Verdict:
    """TRN-ANY-003: a token sent as it is, where the version wants it Base64-encoded, gets
    HTTP 401."""
    found = seen.presented
    version = seen.ctx.version
    if found is None or not _ocpi_answer(seen) or version.token_encoding != "base64":
        return None
    if found.encoding != "raw" or found.print is None or found.scheme.lower() != "token":
        return None
    if seen.token is None and not found.print.startswith("label:"):
        return None  # a token nobody named: perhaps not the other party's at all
    wanted = version.unauthorized_status or 401
    if seen.exchange.status != wanted:
        return [f"{seen.shown()}: the token not Base64-encoded, expected HTTP {wanted}"]
    return []


def other_scheme_refused(seen: Seen) -> Verdict:
    """TRN-ANY-013: a token under another scheme than Token gets HTTP 401."""
    found = seen.presented
    if found is None or not _ocpi_answer(seen) or found.scheme.lower() == "token":
        return None
    wanted = seen.ctx.version.unauthorized_status or 401
    if seen.exchange.status != wanted:
        return [f"{seen.shown()}: `Authorization: {found.scheme} ...`, expected HTTP {wanted}"]
    return []


def token_a_refused(seen: Seen) -> Verdict:
    """TRN-ANY-011: token A is refused on a functional module."""
    place, token = seen.place, seen.token
    if place is None or token is None or token.kind != "A" or not place.functional:
        return None
    if not seen.answered or token.accepted_by != place.server.key:
        return None
    if seen.exchange.status != 401:
        return [f"{seen.shown()}: token A on a functional module, expected HTTP 401"]
    return []


def answers_route_back(seen: Seen) -> Verdict:
    """TRN-ANY-012: routing headers on an answer, when sent, name the answering party as
    sender and the caller as recipient."""
    place = seen.place
    if place is None or place.module in UNROUTED or not seen.answered:
        return None
    sent = any(
        k.lower().startswith(("ocpi-to-", "ocpi-from-")) for k in seen.exchange.response_headers
    )
    client, server = seen.client, seen.server
    if not sent or client is None or client.identity is None or server is None:
        return None
    problem = misrouting(seen.exchange.response_headers, client.identity, server.identity)
    return [f"{seen.shown()}: {problem}"] if problem else []


# --- the request's rules (the client) ------------------------------------------------------------


def request_carries_token(seen: Seen) -> Verdict:
    """TRN-ANY-101: a request presents its token as `Token <token>`, Base64-encoded where
    the version wants it (2.2.1), as it is in 2.1.1."""
    found = seen.presented
    if found is None or seen.place is None:
        return None
    problems = []
    if found.scheme.lower() != "token":
        problems.append(f"{seen.shown()}: the scheme is {found.scheme!r}, not Token")
    wanted = seen.ctx.version.token_encoding
    if found.encoding is not None and found.encoding != wanted:
        problems.append(
            f"{seen.shown()}: the token travels {found.encoding}, the version wants {wanted}"
        )
    return problems


def request_carries_ids(seen: Seen) -> Verdict:
    """TRN-ANY-102: every request carries X-Request-ID and X-Correlation-ID."""
    if not seen.ctx.version.request_ids or seen.place is None or not seen.exchange.request_headers:
        return None
    present = {k.lower() for k, v in seen.exchange.request_headers.items() if str(v).strip()}
    missing = [name for name in MESSAGE_IDS if name.lower() not in present]
    return [f"{seen.shown()} lacks {' and '.join(missing)}"] if missing else []


def request_routing(seen: Seen) -> Verdict:
    """TRN-ANY-103: routing headers on a request, when sent, name its sender and recipient."""
    place = seen.place
    if place is None or place.module in UNROUTED:
        return None
    headers: dict[str, Any] = seen.exchange.request_headers
    if not any(k.lower().startswith(("ocpi-to-", "ocpi-from-")) for k in headers):
        return None
    client, server = seen.client, seen.server
    if server is None or server.identity is None:
        return None
    sender = client.identity if client is not None else None
    problem = misrouting(headers, server.identity, sender)
    return [f"{seen.shown()}: {problem}"] if problem else []
