"""The Tokens Receiver of a CPO party (party/tokens_receiver.py): Tokens named by owner, uid
and type, RFID when ?type is left out, invalidated by PATCH, and what each fault changes."""

from __future__ import annotations

from typing import Any

from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.transport.client import Reply, object_url

from .conftest import RunningParty, Start
from .locations_support import answered

TOKEN_C = "party-test-token-c-tokens"
STAMP = "2024-03-04T09:00:00Z"


def cpo(start: Start, *faults: str) -> RunningParty:
    party = start("CPO", faults=faults, token_a=None)
    party.state.accept_token(TOKEN_C, label="token C")
    return party


def _token(**changes: Any) -> dict[str, Any]:
    return {**fixture("tokens", "Token.minimal"), "country_code": "ZZ", "party_id": "OCC",
            **changes}  # fmt: skip


def _url(party: RunningParty, token: dict[str, Any], kind: str | None = "") -> str:
    base = functional_url(party.state, "tokens", "RECEIVER")
    url = object_url(base, token["country_code"], token["party_id"], token["uid"])
    kind = token["type"] if kind == "" else kind
    return url if kind is None else f"{url}?type={kind}"


def call(party: RunningParty, method: str, url: str, body: Any = None) -> Reply:
    return party.client(TOKEN_C).request(method, url, module="tokens", json_body=body)


def _two_types(party: RunningParty, second: int = 201) -> tuple[dict[str, Any], dict[str, Any]]:
    """An APP_USER Token, then an RFID one with the same uid: two new Tokens (HTTP 201)."""
    app = _token(type="APP_USER", contract_id="OCC-C-APP")
    rfid = _token(type="RFID", contract_id="OCC-C-RFID")
    answered(call(party, "PUT", _url(party, app), app), 201, 1000)
    answered(call(party, "PUT", _url(party, rfid), rfid), second, 1000)
    return app, rfid


def test_put_get_patch_by_uid_and_type(start: Start) -> None:
    party = cpo(start)
    app, rfid = _two_types(party)
    assert call(party, "GET", _url(party, app)).data == app
    assert call(party, "GET", _url(party, rfid)).data == rfid
    assert call(party, "GET", _url(party, rfid, None)).data == rfid  # no ?type: RFID
    answered(call(party, "PUT", _url(party, rfid), rfid), 200, 1000)
    answered(call(party, "PATCH", _url(party, app), {"valid": False, "last_updated": STAMP}),
             200, 1000)  # fmt: skip
    assert call(party, "GET", _url(party, app)).data["valid"] is False
    assert call(party, "GET", _url(party, rfid)).data["valid"] is True
    answered(call(party, "PATCH", _url(party, rfid), {"valid": False}), 200, 2001)


def test_type_of_url_and_body_must_agree(start: Start) -> None:
    party, token = cpo(start), _token(type="APP_USER")
    answered(call(party, "PUT", _url(party, token, "RFID"), token), 200, 2001)
    answered(call(party, "PUT", _url(party, token, None), token), 200, 2001)
    answered(call(party, "GET", _url(party, token)), 404, 2000)


def test_tokens_cannot_be_deleted(start: Start) -> None:
    party, token = cpo(start), _token()
    call(party, "PUT", _url(party, token), token)
    answered(call(party, "DELETE", _url(party, token)), 405, 2000)


def test_fault_tokens_ignores_type(start: Start) -> None:
    party = cpo(start, "tokens_ignores_type")
    app, rfid = _two_types(party, second=200)  # the RFID Token replaced the APP_USER one
    assert call(party, "GET", _url(party, app)).data == rfid


def test_fault_tokens_untyped_not_rfid(start: Start) -> None:
    party = cpo(start, "tokens_untyped_not_rfid")
    _, rfid = _two_types(party)
    answered(call(party, "GET", _url(party, rfid, None)), 404, 2000)


def test_fault_tokens_patch_ignores_valid(start: Start) -> None:
    party, token = cpo(start, "tokens_patch_ignores_valid"), _token()
    call(party, "PUT", _url(party, token), token)
    answered(call(party, "PATCH", _url(party, token), {"valid": False, "last_updated": STAMP}),
             200, 1000)  # fmt: skip
    assert call(party, "GET", _url(party, token)).data["valid"] is True


def test_fault_tokens_accepts_invalid(start: Start) -> None:
    party, token = cpo(start, "tokens_accepts_invalid"), _token(valid="yes")
    answered(call(party, "PUT", _url(party, token), token), 201, 1000)


def test_fault_tokens_put_always_200(start: Start) -> None:
    party, token = cpo(start, "tokens_put_always_200"), _token()
    answered(call(party, "PUT", _url(party, token), token), 200, 1000)
