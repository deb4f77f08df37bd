"""CMD-CPO: the Commands RECEIVER interface of a CPO (mod_commands.asciidoc).

The harness is the eMSP: it sends START_SESSION for a Location the CPO publishes, with a
response_url on its peer, then waits for the asynchronous CommandResult there (the AsyncResult
contract, `contracts/async_result.py`). Commands act on real Charge Points, so run this against
a test system, or leave the module out (--modules) or the writes off (--read-only).
"""

from __future__ import annotations

import datetime as dt
import json
from datetime import timedelta
from typing import Any, ClassVar

import pytest

from ocpi_conformance.cases import RECOMMENDED, Suite
from ocpi_conformance.checks.envelope import assert_answered, assert_success
from ocpi_conformance.checks.pagination import parse_datetime
from ocpi_conformance.client import OcpiClient, object_url
from ocpi_conformance.failures import blocked_by
from ocpi_conformance.harness import Harness
from ocpi_conformance.ids import new_id
from ocpi_conformance.peer import Peer
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_2_1.documents import CMD, STC
from ocpi_conformance.text import first

from ..contracts.async_result import AsyncResult, Sent, accepted, response_url, result_exchange
from ..contracts.push_receiver import now

SUITE = Suite("commands", "RECEIVER")
SEARCHED = 4  # pages of Locations searched for an AVAILABLE EVSE to command


@pytest.fixture(scope="module")
def place(harness: Harness, client: OcpiClient) -> dict[str, str]:
    """Where commands act: the user's --command-target, else the first Connector of an EVSE the
    CPO lists as AVAILABLE (a charger in use is never commanded). Named in the report."""
    chosen = harness.config.place()
    if chosen is not None:
        harness.command_place = {**chosen, "chosen_by": "--command-target"}
        return chosen
    assert harness.discovery is not None
    locations = harness.discovery.endpoint("locations", "SENDER")
    if locations is None:
        pytest.skip(
            "the CPO lists no Locations SENDER endpoint to find a place to command: "
            "name one with --command-target"
        )
    walk = client.walk(locations, module="locations", params={"limit": 10}, max_pages=SEARCHED)
    for location in (item for item in walk.items if isinstance(item, dict)):
        for evse in location.get("evses") or []:
            if evse.get("status") != "AVAILABLE":
                continue
            for connector in evse.get("connectors") or []:
                found = {
                    "location_id": location["id"],
                    "evse_uid": evse["uid"],
                    "connector_id": connector["id"],
                }
                harness.command_place = {**found, "chosen_by": "picked from the Locations list"}
                return found
    pytest.skip(
        f"the CPO lists no AVAILABLE EVSE with a Connector on its first {SEARCHED} pages: "
        "name a test charger with --command-target"
    )


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


def _words(request: str) -> dict[str, str]:
    return {
        "request": request,
        "response": "CommandResponse",
        "result": "CommandResult",
        "response_spec": f"{CMD}#mod_commands_response_data",
        "result_spec": f"{CMD}#mod_commands_msp_post_method",
    }


def _numbers(first: int) -> dict[str, int]:
    """The ids of one command's four AsyncResult cases, from `first` on."""
    return {key: first + offset for offset, key in enumerate(AsyncResult.numbers)}


class Command(AsyncResult):
    result_object = "CommandResult"
    response_operation = "post_command"


class TestStartSession(Command, suite=SUITE):
    """CMD-CPO-001 to 003 and 008: START_SESSION, its CommandResponse and its CommandResult."""

    numbers: ClassVar[dict[str, int]] = {**_numbers(1), "result_ids": 8}
    words: ClassVar[dict[str, str]] = _words("START_SESSION at a published Location")

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


def _in_minutes(minutes: int) -> str:
    stamp = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _result_of(harness: Harness, peer: Peer, sent: Sent) -> str | None:
    """The `result` of the CommandResult that arrived for `sent`, if one did."""
    arrived = result_exchange(harness, peer, sent)
    try:
        body = json.loads(arrived.request_body or "") if arrived is not None else None
    except ValueError:
        return None
    return body.get("result") if isinstance(body, dict) else None


RESERVATION_MINUTES = 10  # a reservation the clean-up could not cancel lapses on its own


@pytest.fixture(scope="module")
def reservation(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]
) -> Sent:
    """RESERVE_NOW of the place's EVSE for a Token of ours, for a few minutes only."""
    body = {
        "token": _token(harness),
        "expiry_date": _in_minutes(RESERVATION_MINUTES),
        "reservation_id": new_id(),
        "location_id": place["location_id"],
        "evse_uid": place["evse_uid"],
    }
    sent = _send(client, endpoint, peer, "RESERVE_NOW", body)
    if _said_accepted(sent):
        harness.ledger.record(SUITE.module, sent.response_url, sent.body)  # until cancelled
    return sent


def _assert_unknown_place(sent: Sent, what: str) -> None:
    """status_codes 2003 "Unknown Location": the place a command names does not exist."""
    assert_answered(sent.reply)
    assert sent.reply.status_code == 2003, (
        f"{what}: {sent.reply.describe()}, expected status_code 2003 (Unknown Location)"
    )


def _said_accepted(sent: Sent) -> bool:
    return isinstance(sent.reply.data, dict) and sent.reply.data.get("result") == "ACCEPTED"


class TestReserveNow(Command, suite=SUITE):
    """CMD-CPO-009 to 012: RESERVE_NOW, its CommandResponse and its CommandResult."""

    numbers: ClassVar[dict[str, int]] = _numbers(9)
    words: ClassVar[dict[str, str]] = _words("RESERVE_NOW of a published EVSE")

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls, reservation: Sent) -> Sent:
        return reservation


class TestCancelReservation(Command, suite=SUITE):
    """CMD-CPO-013 to 016: CANCEL_RESERVATION of the reservation RESERVE_NOW made (the
    clean-up of it), its CommandResponse and its CommandResult."""

    numbers: ClassVar[dict[str, int]] = _numbers(13)
    words: ClassVar[dict[str, str]] = _words("CANCEL_RESERVATION of our reservation")

    @pytest.fixture(scope="class")
    @classmethod
    def sent(
        cls, harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, reservation: Sent
    ) -> Sent:
        with blocked_by("CMD-CPO-010"):
            accepted(reservation)
            # cancel only once the reservation is in place (or known to have failed)
            _result_of(harness, peer, reservation)
        body = {"reservation_id": reservation.body["reservation_id"]}
        sent = _send(client, endpoint, peer, "CANCEL_RESERVATION", body)
        if _said_accepted(sent):
            harness.ledger.settle(reservation.response_url)
        return sent


class TestUnlockConnector(Command, suite=SUITE):
    """CMD-CPO-017 to 020: UNLOCK_CONNECTOR of the place's Connector (an AVAILABLE one, or the
    user's --command-target: unlocking is for help desks, never a charger in use)."""

    numbers: ClassVar[dict[str, int]] = _numbers(17)
    words: ClassVar[dict[str, str]] = _words("UNLOCK_CONNECTOR of a published Connector")

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls, client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]) -> Sent:
        return _send(client, endpoint, peer, "UNLOCK_CONNECTOR", dict(place))


@SUITE.case("CMD-CPO-021", RECOMMENDED, f"{CMD}#mod_commands_commandresulttype_enum")
def test_cancel_of_an_unknown_reservation_is_unknown_reservation(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer
) -> None:
    """CANCEL_RESERVATION of a reservation never made is not reported as done"""
    body = {"reservation_id": new_id("NO-SUCH")}
    sent = _send(client, endpoint, peer, "CANCEL_RESERVATION", body)
    assert_success(sent.reply, SUITE.operation("post_command"))
    response = sent.reply.data.get("result")
    if response != "ACCEPTED":
        return  # refused at once: nothing was cancelled, nothing claimed
    result = _result_of(harness, peer, sent)
    if result is None:
        pytest.skip("no CommandResult arrived to judge: the command's response promised one")
    assert result == "UNKNOWN_RESERVATION", (
        f"CANCEL_RESERVATION of a reservation never made got the CommandResult {result!r}, "
        "expected UNKNOWN_RESERVATION (the Reservation is not known by this Charge Point)"
    )


@SUITE.case("CMD-CPO-022", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
def test_unlock_of_an_unknown_connector_gets_2003(
    client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]
) -> None:
    """UNLOCK_CONNECTOR of a Connector the Location does not have gets status_code 2003"""
    body = {**place, "connector_id": new_id("NO-SUCH")}
    sent = _send(client, endpoint, peer, "UNLOCK_CONNECTOR", body)
    _assert_unknown_place(sent, "UNLOCK_CONNECTOR of an unknown Connector")


@SUITE.case("CMD-CPO-023", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
def test_start_at_an_unknown_evse_gets_2003(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]
) -> None:
    """START_SESSION at an EVSE the Location does not have gets status_code 2003"""
    body = {"token": _token(harness), **place, "evse_uid": new_id("NO-SUCH")}
    body.pop("connector_id")
    sent = _send(client, endpoint, peer, "START_SESSION", body)
    _assert_unknown_place(sent, "START_SESSION at an unknown EVSE")


@SUITE.case("CMD-CPO-004", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
def test_unknown_location_gets_2003(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer
) -> None:
    """START_SESSION at an unknown Location is answered with status_code 2003"""
    body = {"token": _token(harness), "location_id": new_id("NO-SUCH")}
    sent = _send(client, endpoint, peer, "START_SESSION", body)
    _assert_unknown_place(sent, "START_SESSION at an unknown Location")


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
