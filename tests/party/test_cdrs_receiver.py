"""The CDRs Receiver of an eMSP party (party/cdrs_receiver.py): POST answered with a Location
header, GET at that URL, CDRs never replaced, and what each cdrs fault changes."""

from __future__ import annotations

from typing import Any

from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object, validate_response
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Reply
from ocpi_conformance.transport.discovery import is_absolute_url
from suites.emsp.test_cdrs import credit_of

from .conftest import RunningParty, Start
from .locations_support import answered

V221 = spec_version("2.2.1")  # these tests post 2.2.1 CDRs (a Price of excl_vat, incl_vat)
TOKEN_C = "party-test-token-c-cdrs"


def emsp(start: Start, *faults: str) -> RunningParty:
    party = start("EMSP", faults=faults, token_a=None)
    party.state.accept_token(TOKEN_C, label="token C")
    return party


def _cdr(**changes: Any) -> dict[str, Any]:
    return {**fixture("cdrs", "CDR.minimal"), "country_code": "ZZ", "party_id": "OCC", **changes}


def call(party: RunningParty, method: str, url: str, body: Any = None) -> Reply:
    return party.client(TOKEN_C).request(method, url, module="cdrs", json_body=body)


def post(party: RunningParty, body: Any) -> Reply:
    return call(party, "POST", functional_url(party.state, "cdrs", "RECEIVER"), body)


def test_post_answers_location_and_get_returns_the_cdr(start: Start) -> None:
    party, cdr = emsp(start), _cdr(id="OCC-CDR/1 ?#")  # a CiString may hold / ? # and spaces
    reply = post(party, cdr)
    answered(reply, 201, 1000)
    location = reply.header("Location")
    assert is_absolute_url(location), location
    got = call(party, "GET", location)
    answered(got, 200, 1000)
    assert got.data == cdr
    assert not validate_response("cdrs", "RECEIVER", "get_cdr", got.json)


def test_retry_is_answered_alike_and_a_change_is_refused(start: Start) -> None:
    party, cdr = emsp(start), _cdr()
    location = post(party, cdr).header("Location")
    again = post(party, cdr)
    answered(again, 200, 1000)
    assert again.header("Location") == location
    answered(post(party, {**cdr, "total_energy": 11.0}), 200, 2001)
    assert call(party, "GET", location).data == cdr


def test_credit_cdr_is_valid_and_stored_beside_the_original(start: Start) -> None:
    party, cdr = emsp(start), _cdr()
    credit = credit_of(cdr, V221)
    assert not validate_object("CDR", credit), "the harness's credit CDR breaks a rule"
    location = post(party, cdr).header("Location")
    reply = post(party, credit)
    answered(reply, 201, 1000)
    assert call(party, "GET", reply.header("Location")).data == credit
    assert call(party, "GET", location).data == cdr


def test_invalid_is_refused_and_unknown_is_404(start: Start) -> None:
    party = emsp(start)
    answered(post(party, _cdr(total_energy="lots")), 200, 2001)
    answered(post(party, ["not", "a", "cdr"]), 200, 2001)
    base = functional_url(party.state, "cdrs", "RECEIVER")
    for tail in ("/ZZ/OCC/OCC-CDR-0002", "/ZZ/OCC", "/anything"):
        answered(call(party, "GET", base + tail), 404, 2000)
    answered(call(party, "PUT", base + "/ZZ/OCC/OCC-CDR-0002", _cdr()), 405, 2000)


def test_fault_cdrs_no_location(start: Start) -> None:
    reply = post(emsp(start, "cdrs_no_location"), _cdr())
    answered(reply, 201, 1000)
    assert reply.header("Location") is None


def test_fault_cdrs_relative_location(start: Start) -> None:
    location = post(emsp(start, "cdrs_relative_location"), _cdr()).header("Location")
    assert location and location.startswith("/") and not is_absolute_url(location)


def test_fault_cdrs_post_always_200(start: Start) -> None:
    answered(post(emsp(start, "cdrs_post_always_200"), _cdr()), 200, 1000)


def test_fault_cdrs_alters_currency(start: Start) -> None:
    party = emsp(start, "cdrs_alters_currency")
    location = post(party, _cdr()).header("Location")
    assert call(party, "GET", location).data["currency"] == "eur"


def test_fault_cdrs_accepts_invalid(start: Start) -> None:
    answered(post(emsp(start, "cdrs_accepts_invalid"), _cdr(total_energy="lots")), 201, 1000)


def test_fault_cdrs_refuses_credit(start: Start) -> None:
    party, cdr = emsp(start, "cdrs_refuses_credit"), _cdr()
    answered(post(party, cdr), 201, 1000)
    answered(post(party, credit_of(cdr, V221)), 200, 2001)


def test_fault_cdrs_credit_replaces_original(start: Start) -> None:
    party, cdr = emsp(start, "cdrs_credit_replaces_original"), _cdr()
    location = post(party, cdr).header("Location")
    answered(post(party, credit_of(cdr, V221)), 200, 1000)
    assert call(party, "GET", location).data["credit"] is True


def test_fault_cdrs_unknown_is_200(start: Start) -> None:
    party = emsp(start, "cdrs_unknown_is_200")
    base = functional_url(party.state, "cdrs", "RECEIVER")
    answered(call(party, "GET", base + "/ZZ/OCC/OCC-NEVER"), 200, 1000)


def test_fault_cdrs_post_replaces(start: Start) -> None:
    party, cdr = emsp(start, "cdrs_post_replaces"), _cdr()
    location = post(party, cdr).header("Location")
    answered(post(party, {**cdr, "total_energy": 11.0}), 200, 1000)
    assert call(party, "GET", location).data["total_energy"] == 11.0


def test_fault_cdrs_https_location(start: Start) -> None:
    party = emsp(start, "cdrs_https_location")
    reply = post(party, _cdr())
    answered(reply, 201, 1000)
    location = reply.header("Location") or ""
    assert location.startswith("https://") and party.state.base_url.startswith("http://")


def test_fault_cdrs_refusals_http_400(start: Start) -> None:
    party, cdr = emsp(start, "cdrs_refusals_http_400"), _cdr()
    invalid = {k: v for k, v in cdr.items() if k != "start_date_time"}
    answered(post(party, invalid), 400, 2001)
    answered(post(party, cdr), 201, 1000)
    answered(post(party, {**cdr, "total_energy": 99.0}), 400, 2001)  # a change: refused


def test_fault_cdrs_naive_answer_timestamps(start: Start) -> None:
    party = emsp(start, "cdrs_naive_answer_timestamps")
    reply = post(party, _cdr())
    answered(reply, 201, 1000)
    assert validate_response("cdrs", "RECEIVER", "post_cdr", reply.json)
