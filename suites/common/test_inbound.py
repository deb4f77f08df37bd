"""TRN-ANY-1xx: the transport rules that bind the requests the target sends the harness on its
own (its pushes, its commands, its list requests), after our registration: the token we gave it,
Base64-encoded; the unique message ids; the routing headers. Heard once per run (`heard`)."""

from __future__ import annotations

import pytest

from ocpi_conformance.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.checks.inbound import misrouting, missing_message_ids
from ocpi_conformance.harness import Harness
from ocpi_conformance.inbound import Heard, Pushed
from ocpi_conformance.spec.v2_2_1.documents import TAF
from ocpi_conformance.text import first

SUITE = Suite("transport", "ANY", initiator="target")
NEEDS = ("registered",)  # only a party registered with the target is called
AUTHORIZATION = f"{TAF}#transport_and_format_authorization_header"
MESSAGE_IDS = f"{TAF}#transport_and_format_unique_messageg_ids"


def _requests(heard: Heard) -> list[Pushed]:
    if not heard.requests:
        pytest.skip(heard.silence("its requests"))
    heard.claim(heard.requests)
    return heard.requests


def _shown(pushed: Pushed) -> str:
    return f"{pushed.exchange.method} {pushed.exchange.url}"


@pytest.mark.ocpi_last
@SUITE.case(
    "TRN-ANY-101", MANDATORY, f"{TAF}#transport_and_format_authorization_header", needs=NEEDS
)
def test_the_targets_requests_carry_our_token(heard: Heard) -> None:
    """The target's own requests carry the token we gave it, Base64-encoded"""
    refused = [_shown(p) for p in _requests(heard) if p.exchange.status == 401]
    assert not refused, (
        f"requests our peer refused with 401 (no token, not ours, or not Base64-encoded as "
        f"`Authorization: Token <Base64>`): {first(refused)}"
    )


@pytest.mark.ocpi_last
@SUITE.case(
    "TRN-ANY-102", MANDATORY, f"{TAF}#transport_and_format_unique_messageg_ids", needs=NEEDS
)
def test_the_targets_requests_carry_message_ids(heard: Heard) -> None:
    """The target's own requests carry X-Request-ID and X-Correlation-ID"""
    lacking = [
        f"{_shown(p)} lacks {' and '.join(missing)}"
        for p in _requests(heard)
        if (missing := missing_message_ids(p.exchange))
    ]
    assert not lacking, f"every request SHALL contain both ids: {first(lacking)}"


@pytest.mark.ocpi_last
@SUITE.case("TRN-ANY-103", RECOMMENDED, f"{TAF}#transport_and_format_message_routing", needs=NEEDS)
def test_routing_headers_name_the_two_parties(harness: Harness, heard: Heard) -> None:
    """Routing headers on the target's requests, when sent, name it as sender and us as recipient

    A peer-to-peer connection between two parties of one role each may leave them out
    (transport_and_format_message_routing), so only headers that are sent are judged."""
    ours = (harness.identity.country_code, harness.identity.party_id)
    party = harness.target_party()
    theirs = (party.country_code, party.party_id) if party is not None else None
    wrong = [
        f"{_shown(pushed)} {problem}"
        for pushed in _requests(heard)
        if (problem := misrouting(pushed.exchange.request_headers, ours, theirs))
    ]
    assert not wrong, f"routing headers that would misroute the request: {first(wrong)}"
