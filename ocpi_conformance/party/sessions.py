"""Sessions a CPO party starts and stops on command (START_SESSION / STOP_SESSION), kept in the
same list its Sessions Sender serves, so an eMSP can find the session its command began.

A real Charge Point would report the session some time after the CommandResult; the sandbox
adds it at once, ACTIVE, with the command's Token as its cdr_token (auth_method COMMAND).
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from ..ids import new_id
from ..resources import fixture
from ..validation import validate_object
from .lists import stored
from .state import PartyState

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
