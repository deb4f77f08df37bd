"""The Tariffs Receiver of an eMSP party (party/tariffs.py on the shared party/receiver.py):
PUT, GET and DELETE over HTTP, and what each tariffs fault changes."""

from __future__ import annotations

from typing import Any

from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_response
from ocpi_conformance.transport.client import Reply, object_url

from .conftest import RunningParty, Start
from .locations_support import answered

TOKEN_C = "party-test-token-c-tariffs"


def emsp(start: Start, *faults: str) -> RunningParty:
    party = start("EMSP", faults=faults, token_a=None)
    party.state.accept_token(TOKEN_C, label="token C")
    return party


def _tariff(**changes: Any) -> dict[str, Any]:
    return {**fixture("tariffs", "Tariff.full"), "country_code": "ZZ", "party_id": "OCC", **changes}


def _url(party: RunningParty, tariff: dict[str, Any]) -> str:
    base = functional_url(party.state, "tariffs", "RECEIVER")
    return object_url(base, tariff["country_code"], tariff["party_id"], tariff["id"])


def call(party: RunningParty, method: str, url: str, body: Any = None) -> Reply:
    return party.client(TOKEN_C).request(method, url, module="tariffs", json_body=body)


def test_put_get_delete(start: Start) -> None:
    party, tariff = emsp(start), _tariff()
    url = _url(party, tariff)
    answered(call(party, "PUT", url, tariff), 201, 1000)
    answered(call(party, "PUT", url, tariff), 200, 1000)
    got = call(party, "GET", url)
    answered(got, 200, 1000)
    assert got.data == tariff and not validate_response(
        "tariffs", "RECEIVER", "get_tariff", got.json
    )
    answered(call(party, "DELETE", url), 200, 1000)
    answered(call(party, "GET", url), 404, 2000)
    answered(call(party, "DELETE", url), 404, 2000)


def test_invalid_or_mismatched_tariffs_get_2001_and_are_not_stored(start: Start) -> None:
    party, tariff = emsp(start), _tariff()
    url = _url(party, tariff)
    answered(call(party, "PUT", url, {**tariff, "currency": 7}), 200, 2001)
    answered(call(party, "PUT", url + "-OTHER", tariff), 200, 2001)
    answered(call(party, "GET", url), 404, 2000)


def test_tariffs_have_no_patch(start: Start) -> None:
    party, tariff = emsp(start), _tariff()
    answered(call(party, "PATCH", _url(party, tariff), {"currency": "USD"}), 405, 2000)


def test_fault_tariffs_alters_currency(start: Start) -> None:
    party, tariff = emsp(start, "tariffs_alters_currency"), _tariff()
    call(party, "PUT", _url(party, tariff), tariff)
    assert call(party, "GET", _url(party, tariff)).data["currency"] == "eur"


def test_fault_tariffs_put_always_200(start: Start) -> None:
    party, tariff = emsp(start, "tariffs_put_always_200"), _tariff()
    answered(call(party, "PUT", _url(party, tariff), tariff), 200, 1000)


def test_fault_tariffs_accepts_invalid(start: Start) -> None:
    party, tariff = emsp(start, "tariffs_accepts_invalid"), _tariff(currency=7)
    answered(call(party, "PUT", _url(party, tariff), tariff), 201, 1000)


def test_fault_tariffs_unknown_is_200(start: Start) -> None:
    party, tariff = emsp(start, "tariffs_unknown_is_200"), _tariff()
    reply = call(party, "GET", _url(party, tariff))
    answered(reply, 200, 1000)
    assert reply.data is None


def test_fault_tariffs_delete_ignored(start: Start) -> None:
    party, tariff = emsp(start, "tariffs_delete_ignored"), _tariff()
    url = _url(party, tariff)
    call(party, "PUT", url, tariff)
    answered(call(party, "DELETE", url), 200, 1000)
    answered(call(party, "GET", url), 200, 1000)


def _without_currency() -> dict[str, Any]:
    tariff = _tariff()
    del tariff["currency"]
    return tariff


def test_fault_tariffs_refusals_http_400(start: Start) -> None:
    party = emsp(start, "tariffs_refusals_http_400")
    tariff = _without_currency()
    answered(call(party, "PUT", _url(party, tariff), tariff), 400, 2001)
    other = _tariff()
    answered(call(party, "PUT", _url(party, _tariff(id="OTHER")), other), 400, 2001)


def test_fault_tariffs_naive_answer_timestamps(start: Start) -> None:
    party, tariff = emsp(start, "tariffs_naive_answer_timestamps"), _tariff()
    put = call(party, "PUT", _url(party, tariff), tariff)
    answered(put, 201, 1000)
    assert put.json["timestamp"] == "2024-03-04T08:15:30.123456"
    assert validate_response("tariffs", "RECEIVER", "put_tariff", put.json)
    got = call(party, "GET", _url(party, tariff))  # reads are answered right
    assert not validate_response("tariffs", "RECEIVER", "get_tariff", got.json)


def test_fault_tariffs_takes_strings(start: Start) -> None:
    party, tariff = emsp(start, "tariffs_takes_strings"), _tariff()
    tariff["elements"][0]["price_components"][0]["price"] = "0.25"
    answered(call(party, "PUT", _url(party, tariff), tariff), 201, 1000)
    answered(call(party, "PUT", _url(party, _without_currency()), _without_currency()), 200, 2001)
