"""Commands in 2.1.1: the CPO answers a command with the CommandResponseType value itself and
POSTs the Charge Point's result to the response_url as a 2.1.1 CommandResponse (TIMEOUT among
its results), with the raw token; 2.1.1 has no CANCEL_RESERVATION; the eMSP takes a 2.1.1
CommandResponse at its response_url. Real HTTP."""

from __future__ import annotations

import copy
from typing import Any

from ocpi_conformance.party import locations
from ocpi_conformance.party.commands import RESULT_221, log
from ocpi_conformance.party.lists import stored
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object, validate_response
from ocpi_conformance.transport.client import Reply

from . import results_support
from .conftest import RunningParty, Start
from .locations_support import SEED_211, answered
from .results_support import Results

results = results_support.results  # the fixture: where results are POSTed
V211 = "2.1.1"
TOKEN_C = "party-test-token-c-commands-211"
TOKEN_B = "party-test-token-b-commands-211"  # what the CPO calls the eMSP with, raw
LOCATION = SEED_211[0]
EVSE = LOCATION["evses"][0]


def cpo(start: Start, *faults: str) -> RunningParty:
    party = start("CPO", faults=faults, token_a=None)
    party.state.accept_registration(TOKEN_C, their_token=TOKEN_B, version=V211, label="token C")
    return party


def command(party: RunningParty, name: str, body: Any, version: str = V211) -> Reply:
    url = f"{functional_url(party.state, 'commands', 'RECEIVER', version)}/{name}"
    return party.client(TOKEN_C, version).request("POST", url, module="commands", json_body=body)


def start_session(response_url: str, **changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(fixture("commands", "StartSession.full", V211))
    body.update(response_url=response_url, location_id=LOCATION["id"], evse_uid=EVSE["uid"])
    return body | changes


def test_start_session_is_answered_with_the_value_then_a_211_result(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party = cpo(start)
    reply = command(party, "START_SESSION", start_session(f"{base}/START_SESSION/1"))
    answered(reply, 200, 1000)
    assert reply.data == "ACCEPTED"  # the CommandResponseType value (mod_commands.md)
    assert not validate_response("commands", "RECEIVER", "post_command", reply.json, V211)
    assert log(party.state, V211).wait_for_results(1)
    [(path, authorization, body)] = recorder.posts
    assert path == "/results/START_SESSION/1"
    assert authorization == f"Token {TOKEN_B}"  # raw, as 2.1.1 carries it
    assert body == {"result": "ACCEPTED"} and not validate_object("CommandResponse", body, V211)
    assert not log(party.state).results  # the 2.2.1 log is another


def test_a_started_211_session_embeds_its_place_and_stops(
    start: Start, results: tuple[Results, str]
) -> None:
    _, base = results
    party = cpo(start)
    body = start_session(f"{base}/START_SESSION/2")
    assert command(party, "START_SESSION", body).data == "ACCEPTED"
    session = stored(party.state, "sessions", V211)[-1]
    assert not validate_object("Session", session, V211)
    assert session["auth_id"] == body["token"]["auth_id"] and session["status"] == "ACTIVE"
    assert session["auth_method"] == "AUTH_REQUEST"  # 2.1.1 has no COMMAND
    [evse] = session["location"]["evses"]
    assert evse["uid"] == EVSE["uid"] and len(evse["connectors"]) == 1
    listed = party.client(TOKEN_C, V211).get(
        functional_url(party.state, "sessions", "SENDER", V211),
        module="sessions",
        params={"date_from": "2000-01-01T00:00:00Z", "limit": 50},
    )
    assert session["id"] in [s["id"] for s in listed.data]
    stop = {"response_url": f"{base}/stop/2", "session_id": session["id"]}
    assert command(party, "STOP_SESSION", stop).data == "ACCEPTED"
    assert session["status"] == "COMPLETED" and "end_datetime" in session
    unknown = {"response_url": f"{base}/stop/3", "session_id": "NO-SUCH"}
    assert command(party, "STOP_SESSION", unknown).data == "UNKNOWN_SESSION"


def test_211_commands_are_211_objects(start: Start, results: tuple[Results, str]) -> None:
    _, base = results
    party = cpo(start)
    cancel = {"response_url": f"{base}/cancel/1", "reservation_id": "R-1"}
    answered(command(party, "CANCEL_RESERVATION", cancel), 404, 2000)  # no such 2.1.1 command
    reserve = fixture("commands", "ReserveNow.full", V211) | {
        "response_url": f"{base}/reserve/1",
        "location_id": LOCATION["id"],
        "evse_uid": EVSE["uid"],
    }
    assert isinstance(reserve["reservation_id"], int)  # an int in 2.1.1
    assert command(party, "RESERVE_NOW", reserve).data == "ACCEPTED"
    v221 = fixture("commands", "StartSession.full") | {"response_url": f"{base}/x"}
    answered(command(party, "START_SESSION", v221), 200, 2001)  # a 2.2.1 StartSession
    answered(command(party, "START_SESSION", start_session(f"{base}/x", location_id="NO")),
             200, 2003)  # fmt: skip


def _offline(party: RunningParty, version: str) -> dict[str, Any]:
    """A Location of the party whose one EVSE is offline (status UNKNOWN)."""
    held = locations.store(party.state, version)
    location = copy.deepcopy(held.all()[0])
    location["evses"] = [{**location["evses"][0], "status": "UNKNOWN"}]
    held.put(location, ("NL", "CPO"))
    return location


def test_an_offline_evse_times_out_in_both_versions(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party = cpo(start)
    location = _offline(party, V211)
    body = start_session(f"{base}/offline/211", location_id=location["id"])
    assert command(party, "START_SESSION", body).data == "ACCEPTED"
    location = _offline(party, "2.2.1")
    evse = location["evses"][0]
    v221 = fixture("commands", "StartSession.full") | {
        "response_url": f"{base}/offline/221",
        "location_id": location["id"],
        "evse_uid": evse["uid"],
        "connector_id": evse["connectors"][0]["id"],
    }
    assert command(party, "START_SESSION", v221, "2.2.1").data["result"] == "ACCEPTED"
    assert log(party.state, V211).wait_for_results(1) and log(party.state).wait_for_results(1)
    assert recorder.to("/results/offline/211")[0][1] == {"result": "TIMEOUT"}
    assert recorder.to("/results/offline/221")[0][1] == {"result": "TIMEOUT"}
    assert not [s for s in stored(party.state, "sessions", V211) if s["status"] == "ACTIVE"]


def test_an_emsp_takes_a_211_command_response_at_its_response_url(start: Start) -> None:
    party = start("EMSP", token_a=None)
    party.state.accept_registration(TOKEN_C, version=V211, label="token C")
    base = functional_url(party.state, "commands", "SENDER", V211)
    client = party.client(TOKEN_C, V211)
    answered(client.request("POST", f"{base}/START_SESSION/1", json_body={"result": "TIMEOUT"}),
             200, 1000)  # fmt: skip
    assert log(party.state, V211).delivered == [("START_SESSION/1", {"result": "TIMEOUT"})]
    answered(client.request("POST", f"{base}/START_SESSION/2", json_body=RESULT_221), 200, 2001)
    assert len(log(party.state, V211).delivered) == 1


def test_fault_commands_result_221(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start, "commands_result_221")
    assert command(party, "START_SESSION", start_session(f"{base}/r/221")).data == "ACCEPTED"
    assert log(party.state, V211).wait_for_results(1)
    [(_, body)] = recorder.to("/results/r/221")
    assert validate_object("CommandResponse", body, V211)  # no 2.1.1 CommandResponse
    assert not validate_object("CommandResult", body)  # but a 2.2.1 CommandResult
