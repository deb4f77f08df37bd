"""Sessions a CPO party starts and stops on command (START_SESSION / STOP_SESSION), kept in the
same list its Sessions Sender serves in the command's OCPI version, so an eMSP can find the
session its command began; and the Charging Preferences an eMSP sets on them
(mod_sessions_cpo_put_method, 2.2.1).

A real Charge Point would report the session some time after the result; the sandbox adds it at
once, ACTIVE, made of the version's Session fixture, with what the version's Session names of
the command: 2.2.1 its Token as cdr_token (auth_method COMMAND) and the Location, EVSE and
Connector ids; 2.1.1 the Token's auth_id and the Location itself, with only the EVSE (the one
the command names, else the first with a Connector) and its first Connector (mod_sessions.md:
"only the relevant EVSE and connector"). 2.1.1 has no auth_method for a command: AUTH_REQUEST,
"Authentication request from the eMSP", is the one that says the eMSP asked for it.

Charging preferences: for an ACTIVE session on an EVSE with CHARGING_PREFERENCES_CAPABLE, the
ChargingPreferencesResponse ACCEPTED (kept on the session's record here, not in the Session);
on an EVSE without it, HTTP 404 with status_code 2001, as the ChargingPreferencesResponse enum
says; a body that is not a ChargingPreferences object gets 2001.
Reading: the enum has no value for a session the CPO does not know (or that has ended), so
that gets HTTP 404 with status_code 2000 (no such object), as any unknown path does here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ocpi_conformance.ids import new_id
from ocpi_conformance.party import intake, locations
from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.lists import stored
from ocpi_conformance.party.locations.store import child
from ocpi_conformance.party.service import Answer, Call, Outcome, describe, envelope, fold
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_2_1.enums import Capability, ChargingPreferencesResponse
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version

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
TOKEN_REFERENCE = ("country_code", "party_id", "uid", "type", "contract_id")  # a CdrToken's


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _where(state: PartyState, command: dict[str, Any], version: str) -> dict[str, Any]:
    """The Location a command names, with only the EVSE it charges at (the command's, else the
    first with a Connector) and that EVSE's first Connector (or the one the command names)."""
    store = locations.store(state, version)
    identity = state.identity
    location = store.get(identity.country_code, identity.party_id, command["location_id"]) or {}
    evses = [e for e in location.get("evses") or [] if e.get("connectors")]
    wanted = command.get("evse_uid")
    evse = store.child(evses, "uid", wanted) if wanted else next(iter(evses), None)
    if evse is None:
        raise Answer(200, 2003, f"no EVSE to charge at in Location {command['location_id']}")
    connectors = evse["connectors"]
    connector = store.child(connectors, "id", command.get("connector_id") or "") or connectors[0]
    return {**location, "evses": [{**evse, "connectors": [connector]}]}


def start(state: PartyState, command: dict[str, Any], version: str = DEFAULT) -> dict[str, Any]:
    """An ACTIVE Session of `version` for a START_SESSION the party accepted."""
    spec = spec_version(version)
    token = command["token"]
    session = copy.deepcopy(fixture(MODULE, "Session.minimal", version))
    stamp = _now()
    methods = {m.value for m in spec.enums["AuthMethod"]}
    # What each field of a Session is, where the version's Session has it (computed then).
    values: dict[str, Callable[[], Any]] = {
        "country_code": lambda: state.identity.country_code,
        "party_id": lambda: state.identity.party_id,
        "id": lambda: new_id("SES"),
        "start_date_time": lambda: stamp,
        "start_datetime": lambda: stamp,
        "cdr_token": lambda: {k: token[k] for k in TOKEN_REFERENCE},
        "auth_id": lambda: token["auth_id"],
        "auth_method": lambda: "COMMAND" if "COMMAND" in methods else "AUTH_REQUEST",
        "location_id": lambda: command["location_id"],
        "evse_uid": lambda: command.get("evse_uid") or session["evse_uid"],
        "connector_id": lambda: command.get("connector_id") or session["connector_id"],
        "location": lambda: _where(state, command, version),
        "status": lambda: "ACTIVE",
        "last_updated": lambda: stamp,
    }
    fields = spec.objects["Session"].model_fields
    session.update({name: value() for name, value in values.items() if name in fields})
    violations = validate_object("Session", session, version)
    if violations:
        raise ValueError(f"the started Session breaks the spec: {violations[0]}")
    with state.lock:
        stored(state, MODULE, version).append(session)
    return session


def active(state: PartyState, session_id: str, version: str = DEFAULT) -> dict[str, Any] | None:
    """The ACTIVE session of this party by that id, if there is one."""
    same = fold(spec_version(version), "Session", "id")
    with state.lock:
        for session in stored(state, MODULE, version):
            if same(session["id"]) == same(session_id) and session["status"] == "ACTIVE":
                return session
    return None


def stop(state: PartyState, session_id: str, version: str = DEFAULT) -> bool:
    """End an ACTIVE session of this party; False when there is none by that id."""
    with state.lock:
        session = active(state, session_id, version)
        if session is None:
            return False
        stamp = _now()
        ended = {"end_date_time": stamp, "end_datetime": stamp}
        fields = spec_version(version).objects["Session"].model_fields
        session.update(status="COMPLETED", last_updated=stamp)
        session.update({k: v for k, v in ended.items() if k in fields})
        return True


def put_charging_preferences(call: Call) -> Outcome:
    body = call.json()
    violations = intake.check(call.state, "ChargingPreferences", body, call.number)
    if violations:
        raise Answer(200, 2001, f"not a valid ChargingPreferences: {describe(violations)}")
    faults = call.state.faults
    session = active(call.state, call.params["session_id"], call.number)
    if session is None and SESSIONS_PREFERENCES_UNKNOWN_ACCEPTED not in faults:
        raise Answer(404, 2000, "no charging session by that id")
    if session is not None and not _takes_preferences(call.state, session, call.number):
        raise Answer(404, 2001, "the EVSE is not CHARGING_PREFERENCES_CAPABLE")
    if session is not None:
        preferences(call.state, call.number)[session["id"].upper()] = body
    answer = "YES" if SESSIONS_PREFERENCES_NOT_A_RESPONSE in faults else None
    return Outcome(200, envelope(1000, answer or ChargingPreferencesResponse.ACCEPTED.value))


def preferences(state: PartyState, version: str = DEFAULT) -> dict[str, dict[str, Any]]:
    """The Charging Preferences set in one OCPI version, by session id (upper case)."""
    return state.store("charging_preferences", lambda _state: {}, version)


def _takes_preferences(state: PartyState, session: dict[str, Any], version: str) -> bool:
    identity = state.identity
    location = locations.store(state, version).get(
        identity.country_code, identity.party_id, session["location_id"]
    )
    evse = child((location or {}).get("evses"), "uid", session["evse_uid"]) or {}
    return Capability.CHARGING_PREFERENCES_CAPABLE in (evse.get("capabilities") or [])


HANDLERS = {"put_charging_preferences": put_charging_preferences}
