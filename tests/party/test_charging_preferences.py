"""Charging Preferences on a CPO party's Sessions Sender (mod_sessions_cpo_put_method): a
ChargingPreferencesResponse for a session it is charging on a capable EVSE, 404/2001 on an EVSE
without CHARGING_PREFERENCES_CAPABLE, and no ACCEPTED for a session it does not know."""

from __future__ import annotations

from typing import Any

from ocpi_conformance.party import sessions
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_response
from ocpi_conformance.transport.client import Reply

from .conftest import RunningParty, Start
from .locations_support import SEED, answered

TOKEN_C = "party-test-token-c-preferences"
CAPABLE = "CHARGING_PREFERENCES_CAPABLE"


def cpo(start: Start, *faults: str) -> RunningParty:
    party = start("CPO", faults=faults, token_a=None)
    party.state.accept_registration(TOKEN_C, label="token C")
    return party


def charging(party: RunningParty, capable: bool) -> str:
    """The id of a session the party charges on an EVSE that has (or lacks) the capability."""
    location, evse = next(
        (location, evse)
        for location in SEED
        for evse in location["evses"]
        if (CAPABLE in evse["capabilities"]) == capable
    )
    command: dict[str, Any] = {
        "token": fixture("tokens", "Token.full"),
        "location_id": location["id"],
        "evse_uid": evse["uid"],
        "connector_id": evse["connectors"][0]["id"],
    }
    return sessions.start(party.state, command)["id"]


def put(party: RunningParty, session_id: str, body: Any = None) -> Reply:
    url = f"{functional_url(party.state, 'sessions', 'SENDER')}/{session_id}/charging_preferences"
    body = fixture("sessions", "ChargingPreferences.full") if body is None else body
    return party.client(TOKEN_C).request("PUT", url, module="sessions", json_body=body)


def test_a_capable_evse_accepts_and_keeps_them(start: Start) -> None:
    party = cpo(start)
    session_id = charging(party, capable=True)
    reply = put(party, session_id)
    answered(reply, 200, 1000)
    assert reply.data == "ACCEPTED"
    assert not validate_response("sessions", "SENDER", "put_charging_preferences", reply.json)
    assert sessions.preferences(party.state)[session_id.upper()]["profile_type"]


def test_an_evse_without_the_capability_gets_404_2001(start: Start) -> None:
    party = cpo(start)
    answered(put(party, charging(party, capable=False)), 404, 2001)


def test_an_unknown_or_ended_session_is_not_accepted(start: Start) -> None:
    party = cpo(start)
    session_id = charging(party, capable=True)
    sessions.stop(party.state, session_id)
    answered(put(party, session_id), 404, 2000)
    answered(put(party, "NO-SUCH-SESSION"), 404, 2000)


def test_a_body_that_is_not_charging_preferences_gets_2001(start: Start) -> None:
    party = cpo(start)
    answered(put(party, charging(party, capable=True), {"profile_type": "SLOW"}), 200, 2001)


def test_fault_sessions_preferences_not_a_response(start: Start) -> None:
    party = cpo(start, "sessions_preferences_not_a_response")
    reply = put(party, charging(party, capable=True))
    answered(reply, 200, 1000)
    assert validate_response("sessions", "SENDER", "put_charging_preferences", reply.json)


def test_fault_sessions_preferences_unknown_accepted(start: Start) -> None:
    party = cpo(start, "sessions_preferences_unknown_accepted")
    reply = put(party, "NO-SUCH-SESSION")
    answered(reply, 200, 1000)
    assert reply.data == "ACCEPTED"
