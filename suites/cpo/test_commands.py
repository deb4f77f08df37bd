"""CMD-CPO: the Commands RECEIVER interface of a CPO (mod_commands.asciidoc).

The harness is the eMSP: it sends START_SESSION for a Location the CPO publishes, with a
response_url on its peer, then waits for the asynchronous CommandResult there (the AsyncResult
contract, `contracts/async_result.py`). Commands act on real Charge Points, so run this against
a test system, or leave the module out (--modules) or the writes off (--read-only).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

import pytest

from ocpi_conformance.cases import RECOMMENDED, Suite
from ocpi_conformance.checks.envelope import assert_answered, assert_success
from ocpi_conformance.checks.pagination import parse_datetime
from ocpi_conformance.client import OcpiClient, object_url
from ocpi_conformance.harness import Harness
from ocpi_conformance.ids import new_id
from ocpi_conformance.peer import Peer
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_2_1.documents import CMD, STC
from ocpi_conformance.text import first

from ..contracts.async_result import AsyncResult, Sent, accepted, response_url
from ..contracts.push_receiver import now

SUITE = Suite("commands", "RECEIVER")


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
    reference, url = response_url(peer, SUITE, command)
    sent_at = now()
    body = {**body, "response_url": url}
    reply = client.request(
        "POST", object_url(endpoint, command), module=SUITE.module, json_body=body
    )
    return Sent(reply, reference, url, body, sent_at)


def _token(harness: Harness) -> dict[str, Any]:
    """A Token of ours (the harness is the eMSP that owns it)."""
    token = fixture("tokens", "Token.full")
    token.update(
        country_code=harness.identity.country_code,
        party_id=harness.identity.party_id,
        uid=new_id(),
    )
    return token


class TestStartSession(AsyncResult, suite=SUITE):
    """CMD-CPO-001 to 003: START_SESSION, its CommandResponse and its CommandResult."""

    result_object = "CommandResult"
    response_operation = "post_command"
    words: ClassVar[dict[str, str]] = {
        "request": "START_SESSION at a published Location",
        "response": "CommandResponse",
        "result": "CommandResult",
        "response_spec": f"{CMD}#mod_commands_response_data",
        "result_spec": f"{CMD}#mod_commands_msp_post_method",
    }

    @pytest.fixture(scope="class")
    @classmethod
    def sent(
        cls, harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, place: dict
    ) -> Sent:
        body = {"token": _token(harness), **place}
        sent = _send(client, endpoint, peer, "START_SESSION", body)
        if isinstance(sent.reply.data, dict) and sent.reply.data.get("result") == "ACCEPTED":
            harness.ledger.record(SUITE.module, sent.response_url, sent.body)  # a session, maybe
        return sent

    @SUITE.case("CMD-CPO-007", RECOMMENDED, f"{CMD}#mod_commands_stopsession_object")
    def test_the_started_session_is_stopped(
        self, harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, sent: Sent
    ) -> None:
        """The session START_SESSION began is stopped with STOP_SESSION (the clean-up)

        Runs right after the result arrived (cases of a class run in id order), so nothing
        the harness started keeps charging while the other cases run."""
        accepted(sent)
        ours = _sessions_of(harness, client, sent)
        if not ours:
            pytest.skip("no session with our Token in the CPO's Sessions list: nothing to stop")
        refused = []
        for session_id in ours:
            stop = _send(client, endpoint, peer, "STOP_SESSION", {"session_id": session_id})
            result = stop.reply.data.get("result") if isinstance(stop.reply.data, dict) else None
            if result != "ACCEPTED":
                refused.append(f"{session_id}: {stop.reply.describe()}")
        assert not refused, f"STOP_SESSION of the session we started: {first(refused)}"
        harness.ledger.settle(sent.response_url)


def _sessions_of(harness: Harness, client: OcpiClient, sent: Sent) -> list[str]:
    """The ids of the still open sessions the CPO lists for the Token our command used."""
    assert harness.discovery is not None
    url = harness.discovery.endpoint("sessions", "SENDER")
    if url is None:
        pytest.skip("the CPO lists no Sessions: stop the session our START_SESSION began by hand")
    uid = str(sent.body["token"]["uid"]).upper()
    since = (parse_datetime(sent.sent_at) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    walk = client.walk(url, module="sessions", params={"date_from": since, "limit": 50})
    return [
        item["id"]
        for item in walk.items
        if isinstance(item, dict)
        and str((item.get("cdr_token") or {}).get("uid", "")).upper() == uid
        and item.get("status") in ("ACTIVE", "PENDING")
        and isinstance(item.get("id"), str)
    ]


@SUITE.case("CMD-CPO-004", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
def test_unknown_location_gets_2003(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer
) -> None:
    """START_SESSION at an unknown Location is answered with status_code 2003"""
    body = {"token": _token(harness), "location_id": new_id("NO-SUCH")}
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
    body = {"session_id": new_id("NO-SUCH")}
    sent = _send(client, endpoint, peer, "STOP_SESSION", body)
    assert_success(sent.reply, SUITE.operation("post_command"))
    assert sent.reply.data.get("result") == "UNKNOWN_SESSION", (
        f"STOP_SESSION of a session never started: {sent.reply.describe()} answered "
        f"{sent.reply.data.get('result')}, expected UNKNOWN_SESSION"
    )
