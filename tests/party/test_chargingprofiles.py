"""The ChargingProfiles module of the party: a CPO's Receiver answers at once and POSTs each
result to the request's response_url with the requesting party's token; an eMSP's Sender takes
results and ActiveChargingProfile updates, answering without data."""

from __future__ import annotations

import base64
import copy
from typing import Any

from ocpi_conformance.party import sessions
from ocpi_conformance.party.app import offered_endpoints
from ocpi_conformance.party.chargingprofiles import log
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object, validate_response
from ocpi_conformance.transport.client import Reply

from . import results_support
from .conftest import RunningParty, Start
from .locations_support import SEED, answered
from .results_support import Results

results = results_support.results  # the fixture: where results are POSTed
TOKEN_C = "party-test-token-c-chargingprofiles"
TOKEN_B = "party-test-token-b-chargingprofiles"  # what the CPO calls the eMSP with
LOCATION = SEED[0]
EVSE = LOCATION["evses"][0]
MODULE = "chargingprofiles"


def cpo(start: Start, *faults: str) -> tuple[RunningParty, str]:
    """A CPO party, and the id of a session it is charging."""
    party = start("CPO", faults=faults, token_a=None)
    party.state.accept_registration(TOKEN_C, their_token=TOKEN_B, label="token C")
    command = {
        "token": fixture("tokens", "Token.full"),
        "location_id": LOCATION["id"],
        "evse_uid": EVSE["uid"],
        "connector_id": EVSE["connectors"][0]["id"],
    }
    return party, sessions.start(party.state, command)["id"]


def url_of(party: RunningParty, session_id: str, role: str = "RECEIVER") -> str:
    return f"{functional_url(party.state, MODULE, role)}/{session_id}"


def put(party: RunningParty, session_id: str, response_url: str, **changes: Any) -> Reply:
    body = copy.deepcopy(fixture(MODULE, "SetChargingProfile.full"))
    body.update(response_url=response_url, **changes)
    return party.client(TOKEN_C).request(
        "PUT", url_of(party, session_id), module=MODULE, json_body=body
    )


def get(party: RunningParty, session_id: str, response_url: str, duration: int = 900) -> Reply:
    params = {"duration": duration, "response_url": response_url}
    return party.client(TOKEN_C).get(url_of(party, session_id), module=MODULE, params=params)


def delete(party: RunningParty, session_id: str, response_url: str) -> Reply:
    params = {"response_url": response_url}
    return party.client(TOKEN_C).request(
        "DELETE", url_of(party, session_id), module=MODULE, params=params
    )


def accepted(reply: Reply, operation: str) -> None:
    answered(reply, 200, 1000)
    assert reply.data["result"] == "ACCEPTED" and reply.data["timeout"] > 0
    assert not validate_response(MODULE, "RECEIVER", operation, reply.json)


def test_a_profile_is_set_read_and_cleared_with_a_result_each_time(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party, session_id = cpo(start)
    accepted(put(party, session_id, f"{base}/put/1"), "put_charging_profile")
    assert log(party.state).wait_for_results(1)
    accepted(get(party, session_id, f"{base}/get/1", duration=600), "get_active_charging_profile")
    assert log(party.state).wait_for_results(2)
    accepted(delete(party, session_id, f"{base}/delete/1"), "delete_charging_profile")
    accepted(delete(party, session_id, f"{base}/delete/2"), "delete_charging_profile")
    assert log(party.state).wait_for_results(4)
    [(auth, set_result)] = recorder.to("/results/put/1")
    assert auth == "Token " + base64.b64encode(TOKEN_B.encode()).decode()
    assert set_result == {"result": "ACCEPTED"}
    [(_, active)] = recorder.to("/results/get/1")
    assert not validate_object("ActiveChargingProfileResult", active)
    profile = active["profile"]["charging_profile"]
    sent = fixture(MODULE, "SetChargingProfile.full")["charging_profile"]
    assert profile["charging_profile_period"] == sent["charging_profile_period"]
    assert profile["duration"] == 600
    assert recorder.to("/results/delete/1") == [(auth, {"result": "ACCEPTED"})]
    assert recorder.to("/results/delete/2") == [(auth, {"result": "UNKNOWN"})]  # none left


def test_without_a_profile_the_active_one_is_the_evse_maximum(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party, session_id = cpo(start)
    accepted(get(party, session_id, f"{base}/get/2"), "get_active_charging_profile")
    assert log(party.state).wait_for_results(1)
    [(_, active)] = recorder.to("/results/get/2")
    assert active["result"] == "ACCEPTED"
    assert not validate_object("ActiveChargingProfileResult", active)


def test_an_unknown_or_stopped_session_is_unknown_session_and_gets_no_result(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party, session_id = cpo(start)
    sessions.stop(party.state, session_id)
    for reply in (
        put(party, "NO-SUCH-SESSION", f"{base}/x/1"),
        get(party, "NO-SUCH-SESSION", f"{base}/x/2"),
        delete(party, session_id, f"{base}/x/3"),
    ):
        answered(reply, 200, 1000)
        assert reply.data["result"] == "UNKNOWN_SESSION"
    assert not log(party.state).wait_for_results(1, timeout=0.5) and recorder.posts == []


def test_invalid_requests_get_2001(start: Start) -> None:
    party, session_id = cpo(start)
    client = party.client(TOKEN_C)
    body = fixture(MODULE, "SetChargingProfile.full")
    del body["response_url"]
    answered(client.request("PUT", url_of(party, session_id), json_body=body), 200, 2001)
    without_duration = client.get(url_of(party, session_id), params={"response_url": "http://x/"})
    answered(without_duration, 200, 2001)
    answered(client.request("DELETE", url_of(party, session_id)), 200, 2001)


def test_a_cpo_lists_the_receiver_and_an_emsp_the_sender(start: Start) -> None:
    listed = {
        role: {(e["identifier"], e["role"]) for e in offered_endpoints(start(role).state)}
        for role in ("CPO", "EMSP")
    }
    assert {p for p in listed["CPO"] if p[0] == MODULE} == {(MODULE, "RECEIVER")}
    assert {p for p in listed["EMSP"] if p[0] == MODULE} == {(MODULE, "SENDER")}


def emsp(start: Start, *faults: str) -> RunningParty:
    party = start("EMSP", faults=faults, token_a=None)
    party.state.accept_registration(TOKEN_C, label="token C")
    return party


def test_an_emsp_takes_results_at_any_url_below_its_sender(start: Start) -> None:
    party = emsp(start)
    base = functional_url(party.state, MODULE, "SENDER")
    client = party.client(TOKEN_C)
    active = fixture(MODULE, "ActiveChargingProfileResult.full")
    answered(client.request("POST", f"{base}/GET/7", json_body=active), 200, 1000)
    answered(client.request("POST", f"{base}/x", json_body={"result": "MAYBE"}), 200, 2001)
    assert log(party.state).delivered == [("GET/7", active)]


def test_an_emsp_takes_an_active_profile_update_without_data(start: Start) -> None:
    party = emsp(start)
    client = party.client(TOKEN_C)
    update = fixture(MODULE, "ActiveChargingProfile.full")
    reply = client.request("PUT", url_of(party, "SES-1", "SENDER"), json_body=update)
    answered(reply, 200, 1000)
    assert reply.data is None and "data" not in reply.json
    assert log(party.state).updates == [("SES-1", update)]
    broken = {k: v for k, v in update.items() if k != "charging_profile"}
    answered(client.request("PUT", url_of(party, "SES-1", "SENDER"), json_body=broken), 200, 2001)


# --- each chargingprofiles fault changes the one behaviour it names ---------------------------


def test_fault_chargingprofiles_response_without_timeout(start: Start) -> None:
    party, session_id = cpo(start, "chargingprofiles_response_without_timeout")
    reply = put(party, session_id, "http://127.0.0.1:9/r")
    answered(reply, 200, 1000)
    assert reply.data == {"result": "ACCEPTED"}
    assert validate_response(MODULE, "RECEIVER", "put_charging_profile", reply.json)


def test_fault_chargingprofiles_no_result(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party, session_id = cpo(start, "chargingprofiles_no_result")
    accepted(put(party, session_id, f"{base}/put/2"), "put_charging_profile")
    assert not log(party.state).wait_for_results(1, timeout=0.6) and recorder.posts == []


def test_fault_chargingprofiles_result_invalid(start: Start, results: tuple[Results, str]) -> None:
    recorder, base = results
    party, session_id = cpo(start, "chargingprofiles_result_invalid")
    put(party, session_id, f"{base}/put/3")
    assert log(party.state).wait_for_results(1)
    [(_, body)] = recorder.to("/results/put/3")
    assert validate_object("ChargingProfileResult", body)


def test_fault_chargingprofiles_result_without_profile(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party, session_id = cpo(start, "chargingprofiles_result_without_profile")
    get(party, session_id, f"{base}/get/3")
    assert log(party.state).wait_for_results(1)
    assert recorder.to("/results/get/3") == [(recorder.posts[0][1], {"result": "ACCEPTED"})]


def test_fault_chargingprofiles_result_raw_token(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party, session_id = cpo(start, "chargingprofiles_result_raw_token")
    delete(party, session_id, f"{base}/delete/3")
    assert log(party.state).wait_for_results(1)
    assert [auth for auth, _ in recorder.to("/results/delete/3")] == [f"Token {TOKEN_B}"]


def test_fault_chargingprofiles_result_without_ids(
    start: Start, results: tuple[Results, str]
) -> None:
    recorder, base = results
    party, session_id = cpo(start, "chargingprofiles_result_without_ids")
    put(party, session_id, f"{base}/put/4")
    assert log(party.state).wait_for_results(1)
    assert recorder.message_ids["/results/put/4"] == ("", "")


def test_fault_chargingprofiles_unknown_session_accepted(start: Start) -> None:
    party, _ = cpo(start, "chargingprofiles_unknown_session_accepted")
    reply = put(party, "NO-SUCH-SESSION", "http://127.0.0.1:9/r")
    answered(reply, 200, 1000)
    assert reply.data["result"] == "ACCEPTED"


def test_fault_chargingprofiles_update_answered_with_data(start: Start) -> None:
    party = emsp(start, "chargingprofiles_update_answered_with_data")
    update = fixture(MODULE, "ActiveChargingProfile.full")
    reply = party.client(TOKEN_C).request("PUT", url_of(party, "SES-1", "SENDER"), json_body=update)
    answered(reply, 200, 1000)
    assert reply.data == update


def test_fault_chargingprofiles_update_accepts_invalid(start: Start) -> None:
    party = emsp(start, "chargingprofiles_update_accepts_invalid")
    reply = party.client(TOKEN_C).request(
        "PUT", url_of(party, "SES-1", "SENDER"), json_body={"charging_profile": "none"}
    )
    answered(reply, 200, 1000)
