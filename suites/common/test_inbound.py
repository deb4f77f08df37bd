"""TRN-ANY-1xx: the transport rules that bind the requests the target sends the harness on its
own (its pushes, its commands, its list requests), after our registration: the token we gave it,
Base64-encoded (2.2.1) or as it is (2.1.1, TRN-ANY-105); the unique message ids and the routing
headers (2.2.1 only); our URLs (both). Heard once per run (`heard`)."""

from __future__ import annotations

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.inbound import Heard
from ocpi_conformance.spec.v2_2_1.documents import TAF, VIF
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.text import first
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.inbound import misrouting, missing_message_ids

from .test_transport import HUB_LEGS

SUITE = Suite("transport", "ANY", initiator="target", versions=("2.2.1", "2.1.1", "2.3.0"))
SINCE_22, ONLY_211 = ("2.2.1", "2.3.0"), ("2.1.1",)
NEEDS = ("registered",)  # only a party registered with the target is called
AUTHORIZATION = f"{TAF}#transport_and_format_authorization_header"
MESSAGE_IDS = f"{TAF}#transport_and_format_unique_messageg_ids"


def _requests(heard: Heard) -> list[Exchange]:
    """Every request the target sent our peer from the registration's first POST on: its
    callbacks during the registration, its pushes, and requests to URLs we never gave."""
    if not heard.every:
        pytest.skip(heard.silence("its requests"))
    heard.claim_exchanges(heard.every)
    return heard.every


def _shown(exchange: Exchange) -> str:
    """The request as a message quotes it: method, URL and which token it carried (the masked
    header: a token's role, never the token)."""
    auth = exchange.request_headers.get("authorization") or "no Authorization"
    return f"{exchange.method} {exchange.url} ({auth})"


def _refused_by_our_peer(heard: Heard) -> list[str]:
    """The target's requests our peer refused for their Authorization (401), but those it
    refused on purpose (a probe's)."""
    provoked = {id(e) for e in heard.provoked}  # our peer refused those on purpose
    return [_shown(e) for e in _requests(heard) if e.status == 401 and id(e) not in provoked]


@pytest.mark.ocpi_last
@SUITE.case(
    "TRN-ANY-101",
    MANDATORY,
    f"{TAF}#transport_and_format_authorization_header",
    needs=NEEDS,
    versions=SINCE_22,
)
def test_the_targets_requests_carry_our_token(heard: Heard) -> None:
    """The target's own requests carry the token we gave it, Base64-encoded"""
    refused = _refused_by_our_peer(heard)
    assert not refused, (
        f"requests our peer refused with 401 (no token, not ours, or not Base64-encoded as "
        f"`Authorization: Token <Base64>`): {first(refused)}"
    )


# 2.1.1: "Each HTTP request must add a 'Authorization' header. The header looks as follows:
# Authorization: Token IpbJOXxkxOAuKR92z0nEcmVF3Qw09VG7I7d/WCg0koM=": the token itself (2.2
# added the Base64 encoding).
@pytest.mark.ocpi_last
@SUITE.case(
    "TRN-ANY-105",
    MANDATORY,
    f"{spec_version('2.1.1').documents.TAF}#request-format",
    needs=NEEDS,
    versions=ONLY_211,
)
def test_the_targets_requests_carry_our_token_as_it_is(heard: Heard) -> None:
    """The target's own requests carry the token we gave it, as it is (not Base64-encoded)"""
    refused = _refused_by_our_peer(heard)
    assert not refused, (
        f"requests our peer refused for their Authorization (no token, not ours, or encoded "
        f"where 2.1.1 sends `Authorization: Token <token>`): {first(refused)}"
    )


@pytest.mark.ocpi_last
@SUITE.case(
    "TRN-ANY-102",
    MANDATORY,
    f"{TAF}#transport_and_format_unique_messageg_ids",
    needs=NEEDS,
    versions=SINCE_22,
)
def test_the_targets_requests_carry_message_ids(heard: Heard) -> None:
    """The target's own requests carry X-Request-ID and X-Correlation-ID"""
    lacking = [
        f"{_shown(e)} lacks {' and '.join(missing)}"
        for e in _requests(heard)
        if (missing := missing_message_ids(e))
    ]
    assert not lacking, f"every request SHALL contain both ids: {first(lacking)}"


@pytest.mark.ocpi_last
@SUITE.case(
    "TRN-ANY-103",
    RECOMMENDED,
    f"{TAF}#transport_and_format_message_routing",
    needs=NEEDS,
    versions=SINCE_22,
)
def test_routing_headers_name_the_two_parties(harness: Harness, heard: Heard) -> None:
    """Routing headers on the target's requests, when sent, name it as sender and us as recipient

    A peer-to-peer connection between two parties of one role each may leave them out
    (transport_and_format_message_routing), so only headers that are sent are judged."""
    if harness.role == "HUB":
        pytest.skip(HUB_LEGS)
    ours = (harness.identity.country_code, harness.identity.party_id)
    party = harness.target_party()
    theirs = (party.country_code, party.party_id) if party is not None else None
    wrong = [
        f"{_shown(e)} {problem}"
        for e in _requests(heard)
        if (problem := misrouting(e.request_headers, ours, theirs))
    ]
    assert not wrong, f"routing headers that would misroute the request: {first(wrong)}"


# version_information_endpoint_version_details_endpoint: "Via the version details, the parties
# can exchange ... what the endpoint URL is for this interface"; every module defines its
# endpoint structure on that URL. A request anywhere else reaches nothing of ours.
@pytest.mark.ocpi_last
@SUITE.case(
    "TRN-ANY-104",
    MANDATORY,
    f"{VIF}#version_information_endpoint_version_details_endpoint",
    needs=NEEDS,
)
def test_the_targets_requests_go_where_our_details_say(heard: Heard) -> None:
    """The target's own requests go to the URLs our versions and version details give"""
    _requests(heard)
    stray = [_shown(e) for e in heard.stray]
    assert not stray, (
        f"{len(stray)} request(s) to URLs that are none of our endpoints (our versions, "
        f"details, credentials or a module endpoint): {first(stray, 3)}"
    )
