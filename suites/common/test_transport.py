"""TRN: transport rules every endpoint follows (transport_and_format.asciidoc, status_codes; and
transport_and_format.md, status_codes.md of 2.1.1).

2.1.1 names no HTTP status for a missing or unknown token, has no Base64 encoding, no message ids
and no routing headers: its cases of authorization (TRN-ANY-015 to 018) judge a refusal of any
kind, and the 401, Base64, message-id and routing cases are 2.2.1's and 2.3.0's (whose Edition 2
keeps every 401 and lifts the status_codes sentence that contradicted it). The envelope, the
content type, 400 for a body that is no JSON and 404 for an unknown object read the same in all.
"""

from __future__ import annotations

import uuid

import pytest

from ocpi_conformance.run.handshake import Handshake
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.routes import Route, sender_lists
from ocpi_conformance.spec.v2_2_1.documents import STC, TAF
from ocpi_conformance.spec.version import Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import UNROUTED_MODULES, OcpiClient, Reply
from ocpi_conformance.transport.discovery import Discovery
from ocpi_conformance.transport.redaction import encode_token
from ocpi_conformance.verdicts.cases import MANDATORY, OPTIONAL, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import (
    assert_answered,
    assert_envelope_fields,
    assert_http,
    assert_json,
)
from ocpi_conformance.verdicts.checks.inbound import misrouting
from ocpi_conformance.verdicts.failures import BLOCKED, TransportViolation

from ..contracts.unauthorized import assert_refused, served

SUITE = Suite("transport", "ANY", versions=("2.2.1", "2.1.1", "2.3.0"))
# the rules 2.2 brought (401, Base64, message ids, routing headers), which 2.3.0 keeps
SINCE_22, ONLY_211 = ("2.2.1", "2.3.0"), ("2.1.1",)
ONLY_221, ONLY_230 = ("2.2.1",), ("2.3.0",)
TAF_211 = spec_version("2.1.1").documents.TAF
# "The interfaces are protected on HTTP transport level, with SSL and token based authentication"
PROTECTED_211 = f"{TAF_211}#security-and-authentication"


def _route(harness: Harness) -> Route:
    """The route the target serves to our token (routes.py): a rule of every endpoint is judged
    where an endpoint exists, never on a 404 of a route the target lacks."""
    served = harness.served()
    if served.route is None:
        pytest.skip(f"{BLOCKED}CRD-ANY-004: {served.why_none()}")
    return served.route


def _on(route: Route) -> str:
    return f" (judged on {route.describe()}, a route the target serves)"


@pytest.fixture(scope="module")
def answered(client: OcpiClient, harness: Harness) -> Reply:
    """One ordinary authenticated request on a served route, judged by several cases."""
    return _route(harness).send(client)


@SUITE.case(
    "TRN-ANY-001", MANDATORY, f"{TAF}#transport_and_format_authorization_header", versions=SINCE_22
)
def test_missing_authorization_gets_401(harness: Harness, client: OcpiClient) -> None:
    """A request without Authorization header gets HTTP 401"""
    route = _route(harness)
    reply = route.send(harness.client(None))
    assert_http(reply, 401, "without Authorization", _on(route))


@SUITE.case(
    "TRN-ANY-002", MANDATORY, f"{TAF}#transport_and_format_authorization_header", versions=SINCE_22
)
def test_unknown_token_gets_401(harness: Harness, client: OcpiClient) -> None:
    """A request with an unknown credentials token gets HTTP 401"""
    route = _route(harness)
    reply = route.send(harness.client(f"occ-unknown-{uuid.uuid4()}"))
    assert_http(reply, 401, "with an unknown token", _on(route))


@SUITE.case(
    "TRN-ANY-003", MANDATORY, f"{TAF}#transport_and_format_authorization_header", versions=ONLY_221
)
def test_raw_token_gets_401(client: OcpiClient, harness: Harness) -> None:
    """A token sent without Base64 encoding gets HTTP 401"""
    _assert_raw_token_refused(client, harness)


def _assert_raw_token_refused(client: OcpiClient, harness: Harness) -> None:
    route = _route(harness)
    reply = route.send(client, auth="raw")
    why = f" (the version sends the token Base64-encoded){_on(route)}"
    assert_http(reply, 401, "with the valid token not Base64-encoded", why)


# Reading (2.3.0): the header SHALL carry the token Base64-encoded, and a token that matches no
# party SHALL get 401; but a NOTE of the same section tells implementations "that wish to be
# compatible with non-encoding 2.1.1 and 2.2 implementations" to parse the header "by either
# trial and error or configuration flags": a server may take the raw token too. Optional there
# (TRN-ANY-003 stays 2.2.1's mandatory case, whose tag has no such NOTE).
@SUITE.case(
    "TRN-ANY-019", OPTIONAL, f"{TAF}#transport_and_format_authorization_header", versions=ONLY_230
)
def test_raw_token_may_get_401(client: OcpiClient, harness: Harness) -> None:
    """A token sent without Base64 encoding gets HTTP 401 (a server may parse it leniently for
    2.1.1 and 2.2 peers)"""
    _assert_raw_token_refused(client, harness)


# The literal 'Token' names the mechanism (transport_and_format_authorization_header); under
# another scheme the credentials token is not presented the OCPI way, "the header is missing":
# a 401. Recommended: the text names no other scheme, and taking one harms no partner.
@SUITE.case(
    "TRN-ANY-013",
    RECOMMENDED,
    f"{TAF}#transport_and_format_authorization_header",
    versions=SINCE_22,
)
def test_another_scheme_gets_401(harness: Harness, client: OcpiClient) -> None:
    """A valid token under another scheme than Token (Bearer) gets HTTP 401"""
    route = _route(harness)
    token = encode_token(client.token or "")
    reply = route.send(client, auth="none", headers={"Authorization": f"Bearer {token}"})
    assert_http(reply, 401, "with `Authorization: Bearer <the valid token, Base64>`", _on(route))


# RFC 9110 section 11.1: an authentication scheme is a case-insensitive token; the OCPI text
# writes 'Token' and says nothing against other cases. Recommended.
@SUITE.case("TRN-ANY-014", RECOMMENDED, f"{TAF}#transport_and_format_authorization_header")
def test_the_scheme_is_case_insensitive(harness: Harness, client: OcpiClient) -> None:
    """The scheme name is case-insensitive: `TOKEN <token>` works like `Token <token>`, the
    token as the version carries it (Base64 in 2.2.1, as it is in 2.1.1)"""
    route = _route(harness)
    token, shown = _presented(client)
    reply = route.send(client, auth="none", headers={"Authorization": f"TOKEN {token}"})
    assert_http(reply, 200, f"with `Authorization: TOKEN <the valid token{shown}>`", _on(route))


def _presented(client: OcpiClient) -> tuple[str, str]:
    """The client's token as its version carries it, and how a message says so."""
    if client.version.token_encoding == "base64":
        return encode_token(client.token or ""), ", Base64"
    return client.token or "", ""


@SUITE.case(
    "TRN-ANY-004", RECOMMENDED, f"{TAF}#transport_and_format_response_format", versions=SINCE_22
)
def test_401_carries_the_envelope(harness: Harness, client: OcpiClient) -> None:
    """A 401 answer carries the OCPI response format"""
    reply = _route(harness).send(harness.client(None))
    if reply.status != 401:
        pytest.skip(f"{BLOCKED}TRN-ANY-001: no 401 to judge ({reply.describe()})")
    assert_json(reply)
    assert_envelope_fields(reply, http_status=401)
    assert reply.status_code is not None and reply.status_code >= 2000, (
        f"the 401 answer has status_code {reply.status_code}, not an error code"
    )


def _assert_echoed(answered: Reply, header: str) -> None:
    """The response carries the id the request sent (transport_and_format_unique_message_ids);
    a header, so judged on any answer of the served route, JSON or not."""
    assert_answered(answered)
    sent = answered.exchange.request_headers.get(header.lower())
    got = answered.header(header)
    if got != sent:
        raise TransportViolation(
            f"{header} sent {sent!r}, answered {got!r} "
            f"({answered.exchange.method} {answered.exchange.url})",
            root=f"{header} not echoed",
        )


@SUITE.case(
    "TRN-ANY-005", MANDATORY, f"{TAF}#transport_and_format_unique_messageg_ids", versions=SINCE_22
)
def test_request_id_is_echoed(answered: Reply) -> None:
    """X-Request-ID is echoed in the response"""
    _assert_echoed(answered, "X-Request-ID")


@SUITE.case(
    "TRN-ANY-006", MANDATORY, f"{TAF}#transport_and_format_unique_messageg_ids", versions=SINCE_22
)
def test_correlation_id_is_echoed(answered: Reply) -> None:
    """X-Correlation-ID is echoed in the response"""
    _assert_echoed(answered, "X-Correlation-ID")


@SUITE.case("TRN-ANY-007", MANDATORY, f"{TAF}#transport_and_format_response_format")
def test_envelope_and_timestamp(answered: Reply) -> None:
    """Responses carry a valid envelope with a UTC DateTime timestamp"""
    assert_json(answered)
    assert_envelope_fields(answered)


@SUITE.case("TRN-ANY-008", MANDATORY, f"{TAF}#transport_and_format_response_format")
def test_content_type_is_json(answered: Reply) -> None:
    """Responses are application/json"""
    assert_json(answered)
    content_type = answered.header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise TransportViolation(f"Content-Type is {content_type!r}, expected application/json")


@SUITE.case("TRN-ANY-009", MANDATORY, f"{STC}#status_codes_status_codes", needs=("writes",))
def test_malformed_json_gets_400(client: OcpiClient, harness: Harness) -> None:
    """A body that is not JSON gets HTTP 400"""
    _route(harness)
    route = harness.body_route()
    if route is None:
        pytest.skip("the target serves no route that takes a body (credentials, a Receiver)")
    reply = route.send(client, raw_body='{"token": "x",')
    assert_http(reply, 400, "a body that is not JSON", f" (sent as {route.describe()})")


@SUITE.case("TRN-ANY-010", RECOMMENDED, f"{STC}#status_codes_status_codes")
def test_unknown_object_gets_404(
    client: OcpiClient, harness: Harness, discovery: Discovery
) -> None:
    """A GET of an object that does not exist gets HTTP 404"""
    if harness.role == "CPO":
        url = discovery.endpoint("locations", "SENDER")
        path = "/OCC-NO-SUCH-LOCATION"
    else:
        url = discovery.endpoint("locations", "RECEIVER")
        path = f"/{harness.identity.country_code}/{harness.identity.party_id}/OCC-NO-SUCH-LOCATION"
    if url is None:
        pytest.skip("the target offers no locations endpoint to ask for an unknown object")
    reply = client.get(url.rstrip("/") + path, module="locations")
    assert_http(reply, 404, "an unknown Location")


@SUITE.case(
    "TRN-ANY-011",
    MANDATORY,
    f"{TAF}#transport_and_format_authorization_header",
    needs=("token_a",),
    versions=SINCE_22,
)
def test_token_a_refused_on_functional_module(handshake: Handshake) -> None:
    """A token A is refused on a functional module (401)"""
    probe = handshake.token_a_probe
    if probe is None:
        pytest.skip("the target lists no interface with a GET list to probe with token A")
    assert_http(probe, 401, "token A on a functional module")


@pytest.mark.ocpi_last
@SUITE.case(
    "TRN-ANY-012", RECOMMENDED, f"{TAF}#transport_and_format_message_routing", versions=SINCE_22
)
def test_answers_route_back_to_us(
    harness: Harness, client: OcpiClient, discovery: Discovery
) -> None:
    """Routing headers on the target's answers, when sent, name it as sender and us as recipient

    Judged over every answer of a functional module this run received (late in the run); in a
    run where no other case asked a functional module anything, over a GET of each Sender list
    the details give. A peer-to-peer connection of two parties of one role each may leave the
    headers out (transport_and_format_message_routing), so only headers that are sent are
    judged."""
    functional = [
        url for (module, _), url in discovery.endpoints.items() if module not in UNROUTED_MODULES
    ]

    def functional_answers() -> list:
        return [
            e
            for e in harness.log.all()
            if e.direction == "outbound"
            and e.status is not None
            and any(e.url.startswith(url.rstrip("/")) for url in functional)
        ]

    answers = functional_answers()
    if not answers:
        for route in sender_lists(discovery):
            route.send(client)
        answers = functional_answers()
    if not answers:
        pytest.skip("no functional module answered this run: nothing to judge")
    ours = (harness.identity.country_code, harness.identity.party_id)
    party = harness.target_party()
    theirs = (party.country_code, party.party_id) if party is not None else None
    wrong = [
        f"{e.method} {e.url} {problem}"
        for e in answers
        if (problem := misrouting(e.response_headers, ours, theirs))
    ]
    assert not wrong, f"routing headers that would misroute the answer: {first(wrong)}"


# --- 2.1.1: "The interfaces are protected on HTTP transport level, with SSL and token based
# authentication", "Each HTTP request must add a 'Authorization' header" and "The token must
# uniquely identify the requesting party": a request without it, or with a token no party has,
# is refused; no HTTP status is named, so any refusal is one (contracts/unauthorized.py).


@SUITE.case("TRN-ANY-015", MANDATORY, PROTECTED_211, versions=ONLY_211)
def test_missing_authorization_is_refused(
    harness: Harness, client: OcpiClient, version: Version
) -> None:
    """A request without Authorization header is refused"""
    route = _route(harness)
    reply = route.send(harness.client(None))
    assert_refused(reply, "without Authorization", version, _on(route))


@SUITE.case("TRN-ANY-016", MANDATORY, PROTECTED_211, versions=ONLY_211)
def test_unknown_token_is_refused(harness: Harness, client: OcpiClient, version: Version) -> None:
    """A request with an unknown credentials token is refused"""
    route = _route(harness)
    reply = route.send(harness.client(f"occ-unknown-{uuid.uuid4()}"))
    assert_refused(reply, "with an unknown token", version, _on(route))


# "The literal 'Token' indicates that the token based authentication mechanism is used": under
# another scheme the token is not presented the OCPI way. Recommended, as TRN-ANY-013: the text
# names no other scheme, and taking one harms no partner.
@SUITE.case("TRN-ANY-017", RECOMMENDED, f"{TAF_211}#request-format", versions=ONLY_211)
def test_another_scheme_is_refused(harness: Harness, client: OcpiClient, version: Version) -> None:
    """A valid token under another scheme than Token (Bearer) is refused"""
    route = _route(harness)
    token, shown = _presented(client)
    reply = route.send(client, auth="none", headers={"Authorization": f"Bearer {token}"})
    what = f"with `Authorization: Bearer <the valid token{shown}>`"
    assert_refused(reply, what, version, _on(route))


# "When a request cannot be accepted, an HTTP error response code is expected including a JSON
# object that contains more details" (transport_and_format.md#response-format): no keyword,
# recommended as TRN-ANY-004 is. A refusal that is no HTTP error is an OCPI answer already.
@SUITE.case("TRN-ANY-018", RECOMMENDED, f"{TAF_211}#response-format", versions=ONLY_211)
def test_a_refusal_carries_the_envelope(harness: Harness, client: OcpiClient) -> None:
    """A refusal of a request without credentials carries the OCPI response format"""
    reply = _route(harness).send(harness.client(None))
    assert_answered(reply)
    if served(reply):
        pytest.skip(f"{BLOCKED}TRN-ANY-015: the request was served ({reply.describe()})")
    assert_json(reply)
    assert_envelope_fields(reply, http_status=reply.status or 0)
    assert reply.status_code is not None and reply.status_code >= 2000, (
        f"the refusal has status_code {reply.status_code}, not an error code"
    )
