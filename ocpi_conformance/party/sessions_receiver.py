"""The Sessions Receiver of an eMSP (mod_sessions_msp_interface): Sessions a CPO pushes, at
/{country_code}/{party_id}/{session_id}, with PUT, GET and PATCH on the shared Receiver
(`receiver.py`), in 2.1.1 and 2.2.1. Its own rules: a PUT replaces the charging_periods with
those it carries (none: the list is emptied); in a version whose PATCH appends them
(`Version.patch_appends`, 2.2.1's mod_sessions_patch_method) a PATCH with charging_periods adds
them to the stored ones, and one without (or with an empty list) leaves them as they are;
elsewhere (2.1.1) a PATCH replaces the fields it carries, charging_periods too."""

from __future__ import annotations

from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.receiver import (
    JSON,
    Deviations,
    Merge,
    handlers,
    merge_fields,
    replace_whole,
)
from ocpi_conformance.party.service import Call, Service
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.party.state import PartyState

MODULE = "sessions"

SESSIONS_PATCH_REPLACES_PERIODS = fault(
    "sessions_patch_replaces_periods",
    "a PATCH with charging_periods replaces the stored ones instead of adding to them",
    caught_by=["SES-EMSP-011"],
)
SESSIONS_PUT_KEEPS_PERIODS = fault(
    "sessions_put_keeps_periods",
    "a PUT adds its charging_periods to the stored ones instead of replacing them",
    caught_by=["SES-EMSP-012"],
)
SESSIONS_PUT_ALWAYS_200 = fault(
    "sessions_put_always_200",
    "PUT of a new Session gets HTTP 200, not 201",
    caught_by=["SES-EMSP-002"],
)
SESSIONS_PATCH_WITHOUT_LAST_UPDATED_OK = fault(
    "sessions_patch_without_last_updated_ok",
    "a Session PATCH without last_updated is applied",
    caught_by=["SES-EMSP-005"],
)
SESSIONS_ACCEPTS_INVALID = fault(
    "sessions_accepts_invalid",
    "PUT stores Sessions that break the schema, answering 1000",
    caught_by=["SES-EMSP-007"],
)


def _appending(stored: JSON, received: JSON) -> JSON:
    merged = merge_fields(stored, received)
    added = received.get("charging_periods") or []
    merged["charging_periods"] = [*(stored.get("charging_periods") or []), *added]
    return merged


def _keeping(stored: JSON, received: JSON) -> JSON:
    kept = dict(received)
    kept["charging_periods"] = [
        *(stored.get("charging_periods") or []),
        *(received.get("charging_periods") or []),
    ]
    return kept


def _on_put(call: Call) -> Merge:
    return _keeping if SESSIONS_PUT_KEEPS_PERIODS in call.state.faults else replace_whole


def _on_patch(call: Call) -> Merge:
    appends = "charging_periods" in call.version.patch_appends("Session")
    if not appends or SESSIONS_PATCH_REPLACES_PERIODS in call.state.faults:
        return merge_fields
    return _appending


def _deviations(state: PartyState) -> Deviations:
    faults = state.faults
    return Deviations(
        put_always_200=SESSIONS_PUT_ALWAYS_200 in faults,
        accepts_invalid=SESSIONS_ACCEPTS_INVALID in faults,
        patch_without_last_updated_ok=SESSIONS_PATCH_WITHOUT_LAST_UPDATED_OK in faults,
    )


SERVICES = (
    Service(
        MODULE,
        "RECEIVER",
        handlers(
            MODULE,
            "Session",
            "session_id",
            _deviations,
            versions=SPOKEN,
            on_put=_on_put,
            on_patch=_on_patch,
        ),
        versions=SPOKEN,
    ),
)
