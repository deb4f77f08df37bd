"""The ChargingProfiles module (mod_charging_profiles.asciidoc) for the party, in every OCPI
version that has one (2.2.1, 2.3.0: the same tables), each version with its own profiles, on the
sessions of that version.

A CPO serves the Receiver interface on the sessions it started on command (`sessions.py`):
each request is answered at once with a ChargingProfileResponse and, when ACCEPTED, its result
is POSTed to the request's `response_url` a moment later with the requesting party's own token
(`callback.py`, as the Commands results are):
- PUT `{session_id}` with a SetChargingProfile: the profile is kept for the session, then a
  ChargingProfileResult ACCEPTED;
- GET `{session_id}?duration=..&response_url=..`: an ActiveChargingProfileResult ACCEPTED whose
  profile is the one kept (or, with none set, the EVSE's maximum: "If there is no longer any
  charging profile active, the ActiveChargingProfile SHALL reflect this by showing the maximum
  charging capacity of the EVSE"), lasting the `duration` asked;
- DELETE `{session_id}?response_url=..`: the profile is dropped, then a ClearProfileResult
  ACCEPTED, or UNKNOWN when none was set ("No Charging Profile(s) were found by the EVSE");
- a session it does not know (or no longer charging): UNKNOWN_SESSION and no result.
There is no Charge Point behind it, so every EVSE takes profiles (no NOT_SUPPORTED).
Readings: a body that is not a SetChargingProfile, or a GET without an int `duration` or either
method without `response_url`, gets status_code 2001 ("Invalid or missing parameters").

An eMSP serves the Sender interface: any URL below it may be a `response_url` it handed out,
and a valid result object POSTed there is kept (`log(state).delivered`); PUT `{session_id}` with
an ActiveChargingProfile (the CPO's update) is kept too. Both are answered with the envelope
without data, as the text asks; a body that is not the object gets 2001.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ocpi_conformance.party import intake, sessions
from ocpi_conformance.party.callback import Deviation, post_later
from ocpi_conformance.party.commander import PROFILE_RESULT_REFUSED
from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.service import Answer, Call, Outcome, Service, describe, envelope, now
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.spec.v2_2_1.enums import (
    ChargingProfileResponseType,
    ChargingProfileResultType,
)
from ocpi_conformance.spec.version import DEFAULT

CHP_RESPONSE_WITHOUT_TIMEOUT = fault(
    "chargingprofiles_response_without_timeout",
    "the ChargingProfileResponse lacks its required timeout",
    caught_by=["CHP-CPO-001", "CHP-CPO-005", "CHP-CPO-010"],
)

CHP_NO_RESULT = fault(
    "chargingprofiles_no_result",
    "an ACCEPTED charging profile request never gets its result POSTed",
    caught_by=["CHP-CPO-002", "CHP-CPO-006", "CHP-CPO-011"],
)

CHP_RESULT_INVALID = fault(
    "chargingprofiles_result_invalid",
    "the result POSTed has a result outside ChargingProfileResultType",
    caught_by=["CHP-CPO-002", "CHP-CPO-006", "CHP-CPO-011"],
)

CHP_RESULT_WITHOUT_PROFILE = fault(
    "chargingprofiles_result_without_profile",
    "the GET is answered with a ChargingProfileResult (ACCEPTED, no profile), not the "
    "ActiveChargingProfileResult with the profile",
    caught_by=["CHP-CPO-009"],
)

CHP_RESULT_RAW_TOKEN = fault(
    "chargingprofiles_result_raw_token",
    "the result POST carries the token not Base64-encoded",
    caught_by=["CHP-CPO-003", "CHP-CPO-007", "CHP-CPO-012"],
)

CHP_RESULT_WITHOUT_IDS = fault(
    "chargingprofiles_result_without_ids",
    "the result POST carries no X-Request-ID or X-Correlation-ID",
    caught_by=["CHP-CPO-004", "CHP-CPO-008", "CHP-CPO-013"],
)

CHP_UNKNOWN_SESSION_ACCEPTED = fault(
    "chargingprofiles_unknown_session_accepted",
    "a charging profile request for a session the CPO does not know is ACCEPTED",
    caught_by=["CHP-CPO-014"],
)

CHP_UPDATE_ANSWERED_WITH_DATA = fault(
    "chargingprofiles_update_answered_with_data",
    "the eMSP answers the CPO's ActiveChargingProfile PUT with data (the profile echoed)",
    caught_by=["CHP-EMSP-001"],
)

CHP_UPDATE_ACCEPTS_INVALID = fault(
    "chargingprofiles_update_accepts_invalid",
    "the eMSP takes a PUT body that is not an ActiveChargingProfile with status_code 1000",
    caught_by=["CHP-EMSP-002"],
)

MODULE = "chargingprofiles"
TIMEOUT_S = 3  # ChargingProfileResponse.timeout: short, as a sandbox can be
RESULT_DELAY_S = 0.2
RESULTS = ("ActiveChargingProfileResult", "ChargingProfileResult", "ClearProfileResult")
# What the EVSE can give when no profile limits it (the seed's largest AC connector)
MAXIMUM = {"charging_rate_unit": "A", "charging_profile_period": [{"start_period": 0, "limit": 32}]}


@dataclass
class ProfileLog:
    """Profiles set per session (CPO), results sent and what arrived (eMSP)."""

    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)  # by session id, upper
    results: list[tuple[str, dict[str, Any], int | None]] = field(default_factory=list)
    delivered: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # as a Sender
    updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # PUTs taken
    sent: threading.Condition = field(default_factory=threading.Condition)

    def wait_for_results(self, count: int, timeout: float = 5.0) -> bool:
        with self.sent:
            return self.sent.wait_for(lambda: len(self.results) >= count, timeout)


def log(state: PartyState, version: str = DEFAULT) -> ProfileLog:
    """What the party holds and sent for ChargingProfiles in one OCPI version."""
    return state.store(MODULE, lambda _state: ProfileLog(), version)


# --- Receiver (CPO) ------------------------------------------------------------------------------


def put_charging_profile(call: Call) -> Outcome:
    body = call.json()
    violations = intake.check(call.state, "SetChargingProfile", body, call.number)
    if violations:
        raise Answer(200, 2001, f"not a valid SetChargingProfile: {describe(violations)}")
    session_id = call.params["session_id"]
    if not _known(call, session_id):
        return _unknown(call, body["response_url"])
    log(call.state, call.number).profiles[session_id.upper()] = body["charging_profile"]
    return _accepted(call, body["response_url"], {"result": ChargingProfileResultType.ACCEPTED})


def get_active_charging_profile(call: Call) -> Outcome:
    url, duration = call.arg("response_url"), call.arg("duration")
    if not url or duration is None or not duration.isdigit():
        raise Answer(200, 2001, "duration (an int) and response_url are required")
    session_id = call.params["session_id"]
    if not _known(call, session_id):
        return _unknown(call, url)
    if CHP_RESULT_WITHOUT_PROFILE in call.state.faults:
        return _accepted(call, url, {"result": ChargingProfileResultType.ACCEPTED})
    profile = dict(log(call.state, call.number).profiles.get(session_id.upper(), MAXIMUM))
    profile.pop("start_date_time", None)  # relative to the calculation, which is now
    profile["duration"] = int(duration)
    active = {"start_date_time": now(), "charging_profile": profile}
    return _accepted(call, url, {"result": ChargingProfileResultType.ACCEPTED, "profile": active})


def delete_charging_profile(call: Call) -> Outcome:
    url = call.arg("response_url")
    if not url:
        raise Answer(200, 2001, "response_url is required")
    session_id = call.params["session_id"]
    if not _known(call, session_id):
        return _unknown(call, url)
    dropped = log(call.state, call.number).profiles.pop(session_id.upper(), None)
    found = ChargingProfileResultType.ACCEPTED if dropped else ChargingProfileResultType.UNKNOWN
    return _accepted(call, url, {"result": found})


def _known(call: Call, session_id: str) -> bool:
    return sessions.active(call.state, session_id, call.number) is not None


def _unknown(call: Call, url: str) -> Outcome:
    if CHP_UNKNOWN_SESSION_ACCEPTED in call.state.faults:
        return _accepted(call, url, {"result": ChargingProfileResultType.REJECTED})
    return _response(call, ChargingProfileResponseType.UNKNOWN_SESSION)


def _accepted(call: Call, url: str, result: dict[str, Any]) -> Outcome:
    """ACCEPTED now, and the result POSTed to `url` shortly (each result fault changes one
    thing about that POST)."""
    faults = call.state.faults
    if CHP_NO_RESULT not in faults:
        body = {**result, "result": str(result["result"])}
        if CHP_RESULT_INVALID in faults:
            body["result"] = "DONE"
        profiles = log(call.state, call.number)
        deviation = Deviation(
            raw_token=CHP_RESULT_RAW_TOKEN in faults,
            without_ids=CHP_RESULT_WITHOUT_IDS in faults,
        )

        def done(status: int | None) -> None:
            with profiles.sent:
                profiles.results.append((url, body, status))
                profiles.sent.notify_all()

        post_later(
            call, url, body, module=MODULE, delay=RESULT_DELAY_S, deviation=deviation, done=done
        )
    return _response(call, ChargingProfileResponseType.ACCEPTED)


def _response(call: Call, result: ChargingProfileResponseType) -> Outcome:
    data: dict[str, Any] = {"result": result.value, "timeout": TIMEOUT_S}
    if CHP_RESPONSE_WITHOUT_TIMEOUT in call.state.faults:
        del data["timeout"]
    return Outcome(200, envelope(1000, data))


# --- Sender (eMSP) -------------------------------------------------------------------------------


def post_charging_profile_result(call: Call) -> Outcome:
    """A result arriving at one of our response_urls (mod_charging_profiles_msp_post_method):
    any of the three result objects, as the request it answers decides."""
    body = call.json()
    found = [intake.check(call.state, name, body, call.number) for name in RESULTS]
    if all(found):
        closest = describe(min(found, key=len))  # what the nearest of them holds against it
        raise Answer(200, 2001, f"not one of {', '.join(RESULTS)} ({closest})")
    if PROFILE_RESULT_REFUSED in call.state.faults:
        raise Answer(200, 2001, "refused (the profile_result_refused fault)")
    profiles = log(call.state, call.number)
    with profiles.sent:
        profiles.delivered.append((call.params["reference"], body))
        profiles.sent.notify_all()
    return Outcome(200, envelope(1000))


def put_active_charging_profile(call: Call) -> Outcome:
    """The CPO's update of a session's ActiveChargingProfile (mod_charging_profiles_msp_put_
    method): kept, and answered with the envelope without data."""
    body = call.json()
    violations = intake.check(call.state, "ActiveChargingProfile", body, call.number)
    if violations and CHP_UPDATE_ACCEPTS_INVALID not in call.state.faults:
        raise Answer(200, 2001, f"not a valid ActiveChargingProfile: {describe(violations)}")
    log(call.state, call.number).updates.append((call.params["session_id"], body))
    data = body if CHP_UPDATE_ANSWERED_WITH_DATA in call.state.faults else None
    return Outcome(200, envelope(1000, data))


SERVICES = (
    Service(
        MODULE,
        "RECEIVER",
        {
            "get_active_charging_profile": get_active_charging_profile,
            "put_charging_profile": put_charging_profile,
            "delete_charging_profile": delete_charging_profile,
        },
        roles=("CPO",),
        versions=SPOKEN,
    ),
    Service(
        MODULE,
        "SENDER",
        {
            "post_charging_profile_result": post_charging_profile_result,
            "put_active_charging_profile": put_active_charging_profile,
        },
        roles=("EMSP",),
        versions=SPOKEN,
    ),
)
