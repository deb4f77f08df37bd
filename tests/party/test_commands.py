"""The Commands Receiver interface of a CPO party: a CommandResponse at once, and the
CommandResult POSTed to the command's response_url with the commanding party's token."""

from __future__ import annotations

import base64
import copy
from typing import Any
from unittest.mock import ANY

import pytest

from ocpi_conformance.party import commands
from ocpi_conformance.party.app import offered_endpoints
from ocpi_conformance.party.commands import log
from ocpi_conformance.party.lists import stored
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object, validate_response
from ocpi_conformance.transport.client import Reply

from . import results_support
from .conftest import RunningParty, Start
from .locations_support import SEED, answered
from .results_support import Results

results = results_support.results  # the fixture: where results are POSTed
TOKEN_C = "party-test-token-c-commands"
TOKEN_B = "party-test-token-b-commands"  # what the CPO calls the eMSP with
LOCATION = SEED[0]
EVSE = LOCATION["evses"][0]


def cpo(start: Start, *faults: str) -> RunningParty:
    party = start("CPO", faults=faults, token_a=None)
    party.state.accept_registration(TOKEN_C, their_token=TOKEN_B, label="token C")
    return party


def command(party: RunningParty, name: str, body: Any) -> Reply:
    url = f"{functional_url(party.state, 'commands', 'RECEIVER')}/{name}"
    return party.client(TOKEN_C).request("POST", url, module="commands", json_body=body)


def start_session(response_url: str, **changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(fixture("commands", "StartSession.full"))
    body.update(
        response_url=response_url,
        location_id=LOCATION["id"],
        evse_uid=EVSE["uid"],
        connector_id=EVSE["connectors"][0]["id"],
    )
    return body | changes


def test_start_session_is_accepted_then_its_result_reaches_the_response_url(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party = cpo(start)
    reply = command(party, "START_SESSION", start_session(f"{base}/START_SESSION/42"))
    answered(reply, 200, 1000)
    assert reply.data["result"] == "ACCEPTED" and reply.data["timeout"] > 0
    assert not validate_response("commands", "RECEIVER", "post_command", reply.json)
    assert log(party.state).wait_for_results(1)
    path, authorization, body = recorder.posts[0]
    assert path == "/results/START_SESSION/42"
    assert authorization == "Token " + base64.b64encode(TOKEN_B.encode()).decode()
    assert body == {"result": "ACCEPTED"} and not validate_object("CommandResult", body)
    assert log(party.state).results[0][2] == 200


def test_the_result_goes_out_with_the_token_the_party_holds_when_it_is_sent(
    start: Start, results: tuple[Results, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commanding party rotated its credentials (PUT) between its command and the result:
    the result carries the new token, not the one it registered when it commanded."""
    monkeypatch.setattr(commands, "RESULT_DELAY_S", 0.5)
    recorder, base = results
    party = cpo(start)
    reply = command(party, "START_SESSION", start_session(f"{base}/START_SESSION/43"))
    answered(reply, 200, 1000)
    party.state.accept_registration(TOKEN_C, their_token=TOKEN_B + "-rotated", label="token C")
    assert log(party.state).wait_for_results(1)
    [(authorization, _)] = recorder.to("/results/START_SESSION/43")
    rotated = (TOKEN_B + "-rotated").encode()
    assert authorization == "Token " + base64.b64encode(rotated).decode()


def test_an_unknown_location_gets_2003_and_no_result(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party = cpo(start)
    body = start_session(f"{base}/x", location_id="NO-SUCH-LOCATION")
    answered(command(party, "START_SESSION", body), 200, 2003)
    unknown_evse = start_session(f"{base}/x", evse_uid="NO-SUCH-EVSE")
    answered(command(party, "START_SESSION", unknown_evse), 200, 2003)
    assert not log(party.state).wait_for_results(1, timeout=0.5) and recorder.posts == []


def test_a_body_that_is_not_the_commands_object_gets_2001(start: Start) -> None:
    party = cpo(start)
    body = {k: v for k, v in start_session("http://127.0.0.1:9/r").items() if k != "token"}
    answered(command(party, "START_SESSION", body), 200, 2001)


def test_an_unknown_command_gets_404(start: Start) -> None:
    party = cpo(start)
    answered(command(party, "SELF_DESTRUCT", {}), 404, 2000)


def test_stop_session_of_an_unknown_session_gets_unknown_session_and_no_result(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party = cpo(start)
    body = fixture("commands", "StopSession.full") | {"response_url": f"{base}/stop/1"}
    reply = command(party, "STOP_SESSION", body)
    answered(reply, 200, 1000)
    assert reply.data["result"] == "UNKNOWN_SESSION"
    assert not log(party.state).wait_for_results(1, timeout=0.5) and recorder.posts == []


def test_a_reservation_can_be_cancelled_and_an_unknown_one_cannot(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party = cpo(start)
    reserve = fixture("commands", "ReserveNow.full") | {
        "response_url": f"{base}/reserve/1",
        "location_id": LOCATION["id"],
        "evse_uid": EVSE["uid"],
        "reservation_id": "RES-1",
    }
    answered(command(party, "RESERVE_NOW", reserve), 200, 1000)
    cancel = {"response_url": f"{base}/cancel/1", "reservation_id": "res-1"}
    answered(command(party, "CANCEL_RESERVATION", cancel), 200, 1000)
    other = {"response_url": f"{base}/cancel/2", "reservation_id": "RES-2"}
    answered(command(party, "CANCEL_RESERVATION", other), 200, 1000)
    assert log(party.state).wait_for_results(3)
    by_path = {path: body["result"] for path, _, body in recorder.posts}
    assert by_path == {
        "/results/reserve/1": "ACCEPTED",
        "/results/cancel/1": "CANCELED_RESERVATION",
        "/results/cancel/2": "UNKNOWN_RESERVATION",
    }


def test_a_cpo_lists_the_receiver_and_an_emsp_the_sender(start: Start) -> None:
    listed = {
        role: {(e["identifier"], e["role"]) for e in offered_endpoints(start(role).state)}
        for role in ("CPO", "EMSP")
    }
    assert {p for p in listed["CPO"] if p[0] == "commands"} == {("commands", "RECEIVER")}
    assert {p for p in listed["EMSP"] if p[0] == "commands"} == {("commands", "SENDER")}


def test_an_emsp_takes_results_at_any_url_below_its_commands_sender(start: Start) -> None:
    party = start("EMSP", token_a=None)
    party.state.accept_registration(TOKEN_C, label="token C")
    base = functional_url(party.state, "commands", "SENDER")
    client = party.client(TOKEN_C)
    stored = client.request("POST", f"{base}/START_SESSION/7", json_body={"result": "ACCEPTED"})
    answered(stored, 200, 1000)
    assert log(party.state).delivered == [("START_SESSION/7", {"result": "ACCEPTED"})]
    answered(client.request("POST", f"{base}/x", json_body={"result": "MAYBE"}), 200, 2001)
    answered(client.get(f"{base}/START_SESSION/7"), 405, 2000)
    stranger = party.client("unknown-token").request("POST", f"{base}/y", json_body={})
    assert stranger.status == 401 and len(log(party.state).delivered) == 1


# --- each commands fault changes the one behaviour it names ---------------------------------


def test_fault_commands_response_without_timeout(start: Start) -> None:
    party = cpo(start, "commands_response_without_timeout")
    reply = command(party, "START_SESSION", start_session("http://127.0.0.1:9/r"))
    answered(reply, 200, 1000)
    assert reply.data == {"result": "ACCEPTED"}
    assert validate_response("commands", "RECEIVER", "post_command", reply.json)


def test_fault_commands_no_result(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start, "commands_no_result")
    reply = command(party, "START_SESSION", start_session(f"{base}/s/1"))
    assert reply.data["result"] == "ACCEPTED"
    assert not log(party.state).wait_for_results(1, timeout=0.6) and recorder.posts == []


def test_fault_commands_result_unauthenticated(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start, "commands_result_unauthenticated")
    command(party, "START_SESSION", start_session(f"{base}/s/1"))
    assert log(party.state).wait_for_results(1)
    assert [(path, auth) for path, auth, _ in recorder.posts] == [("/results/s/1", None)]


def test_fault_commands_unknown_location_accepted(start: Start) -> None:
    party = cpo(start, "commands_unknown_location_accepted")
    body = start_session("http://127.0.0.1:9/r", location_id="NO-SUCH-LOCATION")
    reply = command(party, "START_SESSION", body)
    answered(reply, 200, 1000)
    assert reply.data["result"] == "ACCEPTED"


def test_fault_commands_accepts_invalid(start: Start) -> None:
    party = cpo(start, "commands_accepts_invalid")
    body = {k: v for k, v in start_session("http://127.0.0.1:9/r").items() if k != "token"}
    reply = command(party, "START_SESSION", body)
    answered(reply, 200, 1000)
    assert reply.data["result"] == "ACCEPTED" and not log(party.state).results


def test_fault_commands_stop_unknown_accepted(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start, "commands_stop_unknown_accepted")
    body = fixture("commands", "StopSession.full") | {"response_url": f"{base}/stop/1"}
    reply = command(party, "STOP_SESSION", body)
    assert reply.data["result"] == "ACCEPTED"
    assert log(party.state).wait_for_results(1)
    assert recorder.posts[0][2] == {"result": "FAILED"}


def _started_session(party: RunningParty, base: str) -> dict[str, Any]:
    body = start_session(f"{base}/START_SESSION/s")
    assert command(party, "START_SESSION", body).data["result"] == "ACCEPTED"
    session = stored(party.state, "sessions")[-1]  # the newest, the one the command began
    assert session["cdr_token"]["uid"] == body["token"]["uid"]
    return session


def test_a_started_session_is_listed_active_and_stops(
    start: Start, results: tuple[Results, str]
) -> None:
    _, base = results
    party = cpo(start)
    session = _started_session(party, base)
    assert session["status"] == "ACTIVE" and session["auth_method"] == "COMMAND"
    assert not validate_object("Session", session)
    stop = {"session_id": session["id"], "response_url": f"{base}/stop/2"}
    assert command(party, "STOP_SESSION", stop).data["result"] == "ACCEPTED"
    assert session["status"] == "COMPLETED" and "end_date_time" in session


def test_fault_commands_stop_rejected(start: Start, results: tuple[Results, str]) -> None:
    _, base = results
    party = cpo(start, "commands_stop_rejected")
    session = _started_session(party, base)
    stop = {"session_id": session["id"], "response_url": f"{base}/stop/3"}
    assert command(party, "STOP_SESSION", stop).data["result"] == "REJECTED"
    assert session["status"] == "ACTIVE"


def test_fault_commands_result_wrong_url(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start, "commands_result_wrong_url")
    command(party, "START_SESSION", start_session(f"{base}/wrong-url"))
    assert log(party.state).wait_for_results(1)
    assert recorder.to("/results/wrong-url-elsewhere") and not recorder.to("/results/wrong-url")


def test_fault_commands_result_late(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start, "commands_result_late")
    reply = command(party, "START_SESSION", start_session(f"{base}/late"))
    announced = reply.data["timeout"]
    assert not log(party.state).wait_for_results(1, timeout=announced)  # not within it
    assert log(party.state).wait_for_results(1) and recorder.to("/results/late")  # later


def test_fault_commands_result_raw_token(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start, "commands_result_raw_token")
    command(party, "START_SESSION", start_session(f"{base}/raw"))
    assert log(party.state).wait_for_results(1)
    assert [auth for auth, _ in recorder.to("/results/raw")] == [f"Token {TOKEN_B}"]


def test_fault_commands_result_invalid(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start, "commands_result_invalid")
    command(party, "START_SESSION", start_session(f"{base}/invalid"))
    assert log(party.state).wait_for_results(1)
    [(_, body)] = recorder.to("/results/invalid")
    assert validate_object("CommandResult", body)


def test_fault_commands_result_without_ids(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start, "commands_result_without_ids")
    command(party, "START_SESSION", start_session(f"{base}/no-ids"))
    assert log(party.state).wait_for_results(1)
    assert recorder.message_ids["/results/no-ids"] == ("", "")


def test_results_carry_message_ids(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start)
    command(party, "START_SESSION", start_session(f"{base}/ids"))
    assert log(party.state).wait_for_results(1)
    request_id, correlation_id = recorder.message_ids["/results/ids"]
    assert request_id and correlation_id


def test_fault_commands_cancel_unknown_done(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party = cpo(start, "commands_cancel_unknown_done")
    cancel = {"response_url": f"{base}/cancel/9", "reservation_id": "NEVER-MADE"}
    answered(command(party, "CANCEL_RESERVATION", cancel), 200, 1000)
    assert log(party.state).wait_for_results(1)
    assert recorder.to("/results/cancel/9") == [(ANY, {"result": "CANCELED_RESERVATION"})]


def test_fault_commands_location_only(start: Start) -> None:
    party = cpo(start, "commands_location_only")
    unlock = {
        "response_url": "http://127.0.0.1:9/r",
        "location_id": LOCATION["id"],
        "evse_uid": "NO-SUCH-EVSE",
        "connector_id": "NO-SUCH-CONNECTOR",
    }
    reply = command(party, "UNLOCK_CONNECTOR", unlock)
    answered(reply, 200, 1000)
    assert reply.data["result"] == "ACCEPTED"


def test_unknown_evse_or_connector_gets_2003(start: Start) -> None:
    party = cpo(start)
    for changes in ({"evse_uid": "NO-SUCH-EVSE"}, {"connector_id": "NO-SUCH-CONNECTOR"}):
        body = {
            "response_url": "http://127.0.0.1:9/r",
            "location_id": LOCATION["id"],
            "evse_uid": EVSE["uid"],
            "connector_id": EVSE["connectors"][0]["id"],
        } | changes
        answered(command(party, "UNLOCK_CONNECTOR", body), 200, 2003)


def test_fault_commands_refusals_http_400(start: Start) -> None:
    party = cpo(start, "commands_refusals_http_400")
    unknown = start_session("http://127.0.0.1:9/r", location_id="NO-SUCH-LOCATION")
    answered(command(party, "START_SESSION", unknown), 400, 2003)
    body = {k: v for k, v in start_session("http://127.0.0.1:9/r").items() if k != "token"}
    answered(command(party, "START_SESSION", body), 400, 2001)
    answered(command(party, "SELF_DESTRUCT", {}), 404, 2000)  # no such resource: stays 404
