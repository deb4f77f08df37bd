"""The Sessions Receiver of an eMSP party (party/sessions_receiver.py): charging_periods
replaced by a PUT, added to by a PATCH, and what each sessions fault changes."""

from __future__ import annotations

from typing import Any

from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.transport.client import Reply, object_url

from .conftest import RunningParty, Start
from .locations_support import answered

TOKEN_C = "party-test-token-c-sessions"
P1 = {"start_date_time": "2024-03-04T08:00:00Z", "dimensions": [{"type": "ENERGY", "volume": 1}]}
P2 = {"start_date_time": "2024-03-04T08:15:00Z", "dimensions": [{"type": "ENERGY", "volume": 2}]}


def emsp(start: Start, *faults: str) -> RunningParty:
    party = start("EMSP", faults=faults, token_a=None)
    party.state.accept_token(TOKEN_C, label="token C")
    return party


def _session(**changes: Any) -> dict[str, Any]:
    return {**fixture("sessions", "Session.minimal"), "country_code": "ZZ", "party_id": "OCC",
            **changes}  # fmt: skip


def _url(party: RunningParty, session: dict[str, Any]) -> str:
    base = functional_url(party.state, "sessions", "RECEIVER")
    return object_url(base, session["country_code"], session["party_id"], session["id"])


def call(party: RunningParty, method: str, url: str, body: Any = None) -> Reply:
    return party.client(TOKEN_C).request(method, url, module="sessions", json_body=body)


def _periods(party: RunningParty, url: str) -> list[dict[str, Any]]:
    return call(party, "GET", url).data.get("charging_periods") or []


def test_put_replaces_and_patch_adds_charging_periods(start: Start) -> None:
    party, session = emsp(start), _session(charging_periods=[P1])
    url = _url(party, session)
    answered(call(party, "PUT", url, session), 201, 1000)
    answered(call(party, "PUT", url, {**session, "charging_periods": [P2]}), 200, 1000)
    assert _periods(party, url) == [P2]
    patch = {"charging_periods": [P1], "last_updated": "2024-03-04T09:00:00Z"}
    answered(call(party, "PATCH", url, patch), 200, 1000)
    assert _periods(party, url) == [P2, P1]
    answered(call(party, "PATCH", url, {"kwh": 5}), 200, 2001)  # no last_updated


def test_fault_sessions_patch_replaces_periods(start: Start) -> None:
    party, session = emsp(start, "sessions_patch_replaces_periods"), _session(charging_periods=[P1])
    url = _url(party, session)
    call(party, "PUT", url, session)
    call(party, "PATCH", url, {"charging_periods": [P2], "last_updated": "2024-03-04T09:00:00Z"})
    assert _periods(party, url) == [P2]


def test_fault_sessions_put_keeps_periods(start: Start) -> None:
    party, session = emsp(start, "sessions_put_keeps_periods"), _session(charging_periods=[P1])
    url = _url(party, session)
    call(party, "PUT", url, session)
    call(party, "PUT", url, {**session, "charging_periods": [P2]})
    assert _periods(party, url) == [P1, P2]


def test_fault_sessions_put_always_200(start: Start) -> None:
    party, session = emsp(start, "sessions_put_always_200"), _session()
    answered(call(party, "PUT", _url(party, session), session), 200, 1000)


def test_fault_sessions_patch_without_last_updated_ok(start: Start) -> None:
    party, session = emsp(start, "sessions_patch_without_last_updated_ok"), _session()
    url = _url(party, session)
    call(party, "PUT", url, session)
    answered(call(party, "PATCH", url, {"kwh": 5}), 200, 1000)
    assert call(party, "GET", url).data["kwh"] == 5


def test_fault_sessions_accepts_invalid(start: Start) -> None:
    party, session = emsp(start, "sessions_accepts_invalid"), _session(kwh="lots")
    answered(call(party, "PUT", _url(party, session), session), 201, 1000)
