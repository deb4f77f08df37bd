"""CMD-CPO: the Commands RECEIVER interface of a CPO (mod_commands.asciidoc).

The harness is the eMSP: it sends START_SESSION for a Location the CPO publishes, with a
response_url on its peer, then waits for the asynchronous CommandResult there. Commands act on
real Charge Points, so run this against a test system, or leave the module out (--modules) or
the writes off (--read-only).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from ocpi_conformance.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.checks.envelope import assert_answered, assert_success
from ocpi_conformance.client import OcpiClient, Reply, object_url
from ocpi_conformance.exchanges import Exchange
from ocpi_conformance.harness import Harness
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.peer import Peer
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_2_1.documents import CMD, STC, TAF
from ocpi_conformance.validation import validate_object

SUITE = Suite("commands", "RECEIVER")

WAIT_FACTOR = 4  # the longest wait for a result, in --timeout units, whatever the CPO promises


@dataclass(frozen=True)
class Sent:
    """One command sent, its direct answer, and where its result is due."""

    reply: Reply
    reference: str  # the response_url below our commands SENDER endpoint
    response_url: str


@pytest.fixture(scope="module")
def place(harness: Harness, client: OcpiClient) -> dict[str, str]:
    """A Location, EVSE and Connector the CPO publishes: where a session can start."""
    assert harness.discovery is not None
    locations = harness.discovery.endpoint("locations", "SENDER")
    if locations is None:
        pytest.skip("the CPO lists no Locations SENDER endpoint to find a place to command")
    walk = client.walk(locations, module="locations", params={"limit": 5}, max_pages=1)
    for location in (item for item in walk.items if isinstance(item, dict)):
        for evse in location.get("evses") or []:
            for connector in evse.get("connectors") or []:
                return {
                    "location_id": location["id"],
                    "evse_uid": evse["uid"],
                    "connector_id": connector["id"],
                }
    pytest.skip("the CPO publishes no Location with an EVSE and a Connector to command")


def _send(client: OcpiClient, endpoint: str, peer: Peer, command: str, body: dict) -> Sent:
    reference = f"{command}/{uuid.uuid4()}"
    response_url = f"{functional_url(peer.state, SUITE.module, 'SENDER')}/{reference}"
    reply = client.request(
        "POST",
        object_url(endpoint, command),
        module=SUITE.module,
        json_body={**body, "response_url": response_url},
    )
    return Sent(reply, reference, response_url)


def _token(harness: Harness) -> dict[str, Any]:
    """A Token of ours (the harness is the eMSP that owns it)."""
    token = fixture("tokens", "Token.full")
    token.update(
        country_code=harness.identity.country_code,
        party_id=harness.identity.party_id,
        uid=f"OCC-{uuid.uuid4()}"[:36],
    )
    return token


@pytest.fixture(scope="module")
def started(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]
) -> Sent:
    body = {"token": _token(harness), **place}
    return _send(client, endpoint, peer, "START_SESSION", body)


def _accepted(started: Sent) -> None:
    if not isinstance(started.reply.data, dict) or started.reply.data.get("result") != "ACCEPTED":
        pytest.skip(f"START_SESSION was not ACCEPTED ({started.reply.describe()}): no result due")


def _patience(harness: Harness, started: Sent) -> float:
    """As long as the CommandResponse promised, within WAIT_FACTOR times --timeout."""
    promised = started.reply.data.get("timeout") if isinstance(started.reply.data, dict) else None
    cap = harness.config.timeout * WAIT_FACTOR
    return min(promised, cap) if isinstance(promised, int) and promised > 0 else cap


def _result_exchange(harness: Harness, peer: Peer, started: Sent) -> Exchange | None:
    """The first POST the CPO made to our response_url, once it arrives."""
    return peer.state.log.wait_for(
        lambda e: (
            e.direction == "inbound"
            and e.method == "POST"
            and e.url.split("?")[0].endswith("/" + started.reference)
        ),
        timeout=_patience(harness, started),
    )


@SUITE.case("CMD-CPO-001", MANDATORY, f"{CMD}#mod_commands_response_data")
def test_start_session_gets_a_command_response(started: Sent) -> None:
    """START_SESSION at a published Location is answered with a valid CommandResponse"""
    assert_success(started.reply, SUITE.operation("post_command"))


@SUITE.case("CMD-CPO-002", MANDATORY, f"{CMD}#mod_commands_msp_post_method", needs=("token_a",))
def test_an_accepted_command_gets_its_result(harness: Harness, peer: Peer, started: Sent) -> None:
    """After ACCEPTED, a valid CommandResult is POSTed to the response_url"""
    _accepted(started)
    arrived = _result_exchange(harness, peer, started)
    assert arrived is not None, (
        f"no CommandResult was POSTed to {started.response_url} within "
        f"{_patience(harness, started):g} s"
    )
    try:
        body = json.loads(arrived.request_body or "")
    except ValueError:
        pytest.fail(f"the POST to {started.response_url} is not JSON: {arrived.request_body!r}")
    violations = validate_object("CommandResult", body)
    assert not violations, (
        f"the CommandResult POSTed to {started.response_url} breaks "
        + "; ".join(str(v) for v in violations[:3])
    )


@SUITE.case(
    "CMD-CPO-003", MANDATORY, f"{TAF}#transport_and_format_authorization_header", needs=("token_a",)
)
def test_the_result_comes_with_our_token(harness: Harness, peer: Peer, started: Sent) -> None:
    """The CommandResult POST carries our credentials token"""
    _accepted(started)
    arrived = _result_exchange(harness, peer, started)
    if arrived is None:
        pytest.skip("no CommandResult arrived to judge (CMD-CPO-002)")
    assert arrived.status != 401, (
        f"the CommandResult POST to {started.response_url} came without our token "
        "(our peer answered 401)"
    )


@SUITE.case("CMD-CPO-004", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
def test_unknown_location_gets_2003(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer
) -> None:
    """START_SESSION at an unknown Location is answered with status_code 2003"""
    body = {"token": _token(harness), "location_id": f"OCC-NO-SUCH-{uuid.uuid4()}"[:36]}
    sent = _send(client, endpoint, peer, "START_SESSION", body)
    assert_answered(sent.reply)
    assert sent.reply.status_code == 2003, (
        f"START_SESSION at an unknown Location: {sent.reply.describe()}, expected status_code "
        "2003 (Unknown Location)"
    )


@SUITE.case("CMD-CPO-005", RECOMMENDED, f"{CMD}#mod_commands_cpo_post_request_body")
def test_a_body_that_is_not_the_commands_object_gets_2001(
    client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]
) -> None:
    """A body that is not the command's object gets status_code 2001"""
    sent = _send(client, endpoint, peer, "START_SESSION", dict(place))  # no token: required
    assert_answered(sent.reply)
    assert sent.reply.status_code == 2001, (
        f"START_SESSION without its required token: {sent.reply.describe()}, expected "
        "status_code 2001"
    )


@SUITE.case("CMD-CPO-006", RECOMMENDED, f"{CMD}#mod_commands_commandresponsetype_enum")
def test_stop_of_an_unknown_session_is_unknown_session(
    client: OcpiClient, endpoint: str, peer: Peer
) -> None:
    """STOP_SESSION of a session the CPO does not know is answered UNKNOWN_SESSION"""
    body = {"session_id": f"OCC-NO-SUCH-{uuid.uuid4()}"[:36]}
    sent = _send(client, endpoint, peer, "STOP_SESSION", body)
    assert_success(sent.reply, SUITE.operation("post_command"))
    assert sent.reply.data.get("result") == "UNKNOWN_SESSION", (
        f"STOP_SESSION of a session never started: {sent.reply.describe()} answered "
        f"{sent.reply.data.get('result')}, expected UNKNOWN_SESSION"
    )
