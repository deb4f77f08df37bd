"""Objects are told apart by their spec identity: a Token by its party, uid *and* type
(mod_tokens_token_object), other client-owned objects by party and id."""

from __future__ import annotations

import httpx

from ocpi_conformance.spec.v2_2_1 import identity, shown
from ocpi_conformance.transport.client import Reply, Walk
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.checks.pagination import completeness_problems


def _token(uid: str, kind: str) -> dict[str, str]:
    return {"country_code": "NL", "party_id": "MSP", "uid": uid, "type": kind}


def _walk(items: list[dict[str, str]]) -> Walk:
    exchange = Exchange("outbound", "GET", "http://127.0.0.1/t", {}, None, 200, {}, None, 0, 0)
    headers = httpx.Headers({"X-Total-Count": str(len(items))})
    page = Reply(exchange, 200, headers, "", json={"data": items, "status_code": 1000})
    return Walk(pages=[page], items=items)


def test_one_uid_with_two_types_is_two_tokens() -> None:
    rfid, app = _token("OCC-1", "RFID"), _token("occ-1", "APP_USER")
    assert identity("Token", rfid) != identity("Token", app)
    assert completeness_problems(_walk([rfid, app]), "Token") == []
    assert shown("Token", rfid) == "NL/MSP/OCC-1 (RFID)"


def test_the_same_token_twice_is_reported() -> None:
    rfid = _token("OCC-1", "RFID")
    again = _token("occ-1", "rfid")  # CiStrings: case does not make another object
    problems = completeness_problems(_walk([rfid, again]), "Token")
    assert problems and "more than once" in problems[0]


def test_a_location_is_named_by_its_party_and_id() -> None:
    one = {"country_code": "NL", "party_id": "CPO", "id": "LOC1"}
    other = {"country_code": "BE", "party_id": "CPO", "id": "LOC1"}
    assert identity("Location", one) != identity("Location", other)


def test_a_client_info_is_named_by_its_party_alone() -> None:
    """mod_hub_client_info: the Receiver's URL is {country_code}/{party_id}; no id field."""
    info = {"country_code": "NL", "party_id": "cpo", "role": "CPO", "status": "CONNECTED"}
    assert identity("ClientInfo", info) == ("NL", "CPO")
    assert shown("ClientInfo", info) == "NL/CPO"
