"""Sessions a CPO party starts and stops on command (START_SESSION / STOP_SESSION), kept in the
same list its Sessions Sender serves, so an eMSP can find the session its command began; and
the Charging Preferences an eMSP sets on them (mod_sessions_cpo_put_method).

A real Charge Point would report the session some time after the CommandResult; the sandbox
adds it at once, ACTIVE, with the command's Token as its cdr_token (auth_method COMMAND).

Charging preferences: for an ACTIVE session on an EVSE with CHARGING_PREFERENCES_CAPABLE, the
ChargingPreferencesResponse ACCEPTED (kept on the session's record here, not in the Session);
on an EVSE without it, HTTP 404 with status_code 2001, as the ChargingPreferencesResponse enum
says; a body that is not a ChargingPreferences object gets 2001.
Reading: the enum has no value for a session the CPO does not know (or that has ended), so
that gets HTTP 404 with status_code 2000 (no such object), as any unknown path does here.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from ocpi_conformance.ids import new_id
from ocpi_conformance.party import locations
from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.lists import stored
from ocpi_conformance.party.locations.store import child
from ocpi_conformance.party.service import Answer, Call, Outcome, describe, envelope
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_2_1.enums import Capability, ChargingPreferencesResponse
from ocpi_conformance.spec.validation import validate_object

SESSIONS_PREFERENCES_NOT_A_RESPONSE = fault(
    "sessions_preferences_not_a_response",
    "charging preferences are answered with data that is no ChargingPreferencesResponse value",
    caught_by=["SES-CPO-012"],
)

SESSIONS_PREFERENCES_UNKNOWN_ACCEPTED = fault(
    "sessions_preferences_unknown_accepted",
    "charging preferences for a session the CPO does not know are ACCEPTED",
    caught_by=["SES-CPO-014"],
)

MODULE = "sessions"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def start(state: PartyState, command: dict[str, Any]) -> dict[str, Any]:
    """An ACTIVE Session for a START_SESSION the party accepted."""
    token = command["token"]
    session = copy.deepcopy(fixture(MODULE, "Session.minimal"))
    stamp = _now()
    session.update(
        country_code=state.identity.country_code,
        party_id=state.identity.party_id,
        id=new_id("SES"),
        start_date_time=stamp,
        cdr_token={
            key: token[key] for key in ("country_code", "party_id", "uid", "type", "contract_id")
        },
        auth_method="COMMAND",
        location_id=command["location_id"],
        evse_uid=command.get("evse_uid") or session["evse_uid"],
        connector_id=command.get("connector_id") or session["connector_id"],
        status="ACTIVE",
        last_updated=stamp,
    )
    violations = validate_object("Session", session)
    if violations:
        raise ValueError(f"the started Session breaks the spec: {violations[0]}")
    with state.lock:
        stored(state, MODULE).append(session)
    return session


def active(state: PartyState, session_id: str) -> dict[str, Any] | None:
    """The ACTIVE session of this party by that id, if there is one."""
    with state.lock:
        for session in stored(state, MODULE):
            if session["id"].upper() == session_id.upper() and session["status"] == "ACTIVE":
                return session
    return None


def stop(state: PartyState, session_id: str) -> bool:
    """End an ACTIVE session of this party; False when there is none by that id."""
    with state.lock:
        session = active(state, session_id)
        if session is None:
            return False
        stamp = _now()
        session.update(status="COMPLETED", end_date_time=stamp, last_updated=stamp)
        return True


def put_charging_preferences(call: Call) -> Outcome:
    body = call.json()
    violations = validate_object("ChargingPreferences", body)
    if violations:
        raise Answer(200, 2001, f"not a valid ChargingPreferences: {describe(violations)}")
    faults = call.state.faults
    session = active(call.state, call.params["session_id"])
    if session is None and SESSIONS_PREFERENCES_UNKNOWN_ACCEPTED not in faults:
        raise Answer(404, 2000, "no charging session by that id")
    if session is not None and not _takes_preferences(call.state, session):
        raise Answer(404, 2001, "the EVSE is not CHARGING_PREFERENCES_CAPABLE")
    if session is not None:
        preferences(call.state)[session["id"].upper()] = body
    answer = "YES" if SESSIONS_PREFERENCES_NOT_A_RESPONSE in faults else None
    return Outcome(200, envelope(1000, answer or ChargingPreferencesResponse.ACCEPTED.value))


def preferences(state: PartyState) -> dict[str, dict[str, Any]]:
    """The Charging Preferences set, by session id (upper case)."""
    return state.store("charging_preferences", lambda _state: {})


def _takes_preferences(state: PartyState, session: dict[str, Any]) -> bool:
    identity = state.identity
    location = locations.store(state).get(
        identity.country_code, identity.party_id, session["location_id"]
    )
    evse = child((location or {}).get("evses"), "uid", session["evse_uid"]) or {}
    return Capability.CHARGING_PREFERENCES_CAPABLE in (evse.get("capabilities") or [])


HANDLERS = {"put_charging_preferences": put_charging_preferences}
