"""Sessions, CDRs, Tariffs and Tokens in 2.1.1: the Sender lists of 2.1.1 objects (seeded from
fixtures/2.1.1), real-time authorization, and the Receivers of what a 2.1.1 party pushes: the
owner in the URL only, 2.1.1's PATCH (no last_updated required, no appending), 2.1.1's Tokens
URL (no ?type), 2.1.1's status codes. Real HTTP."""

from __future__ import annotations

import copy

import pytest

from ocpi_conformance.party.lists import MODULES, SEEDED, seed, stored
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object, validate_response
from ocpi_conformance.spec.version import version as spec_version

from .conftest import IDENTITIES, RunningParty, Start
from .locations_support import answered

V211 = "2.1.1"
TOKEN_C = "party-test-token-c-211"
ROLE_OF = {"sessions": "CPO", "cdrs": "CPO", "tariffs": "CPO", "tokens": "EMSP"}
OTHER = {"CPO": "EMSP", "EMSP": "CPO"}


def party(start: Start, role: str, *faults: str) -> RunningParty:
    served = start(role, faults=faults, token_a=None)
    served.state.accept_token(TOKEN_C, label="token C")
    return served


def url(served: RunningParty, module: str, role: str) -> str:
    return functional_url(served.state, module, role, V211)


@pytest.mark.parametrize("module", MODULES)
def test_211_seeds_are_211_objects_without_owner(module: str) -> None:
    items = seed(module, IDENTITIES[ROLE_OF[module]], V211)
    obj = spec_version(V211).listed_object(module)
    assert len(items) == SEEDED
    assert all(not validate_object(obj, item, V211) for item in items)
    assert all("country_code" not in item and "party_id" not in item for item in items)


@pytest.mark.parametrize("module", MODULES)
def test_the_211_list_serves_the_211_seeds(start: Start, module: str) -> None:
    served = party(start, ROLE_OF[module])
    client = served.client(TOKEN_C, V211)
    params = spec_version(V211).required_list_params(module)
    walk = client.walk(url(served, module, "SENDER"), module=module, params={**params, "limit": 3})
    assert walk.stopped is None and walk.items == seed(module, served.state.identity, V211)
    for page in walk.pages:
        assert not validate_response(module, "SENDER", "get_list", page.json, V211)
    assert walk.items != stored(served.state, module)  # the 2.2.1 list is another


def test_authorize_in_211_answers_a_211_authorization_info(start: Start) -> None:
    served = party(start, "EMSP")
    token = seed("tokens", served.state.identity, V211)[0]
    authorize = f"{url(served, 'tokens', 'SENDER')}/{token['uid']}/authorize"
    where = {"location_id": "LOC-0001"}
    reply = served.client(TOKEN_C, V211).request(
        "POST", authorize, module="tokens", params={"type": token["type"]}, json_body=where
    )
    answered(reply, 200, 1000)
    assert not validate_response("tokens", "SENDER", "post_authorize", reply.json, V211)
    assert reply.data == {"allowed": "ALLOWED", "location": where}  # no token, no reference
    # an unknown Token: 404, and 2000 (2.1.1 has no 2004)
    unknown = served.client(TOKEN_C, V211).request(
        "POST", f"{url(served, 'tokens', 'SENDER')}/NO-SUCH/authorize", module="tokens"
    )
    answered(unknown, 404, 2000)


def test_sessions_receiver_211_replaces_charging_periods_on_patch(start: Start) -> None:
    served = party(start, "EMSP")
    session = {**fixture("sessions", "Session.full", V211), "id": "OCC-SES-R1"}
    at = f"{url(served, 'sessions', 'RECEIVER')}/NL/CPO/OCC-SES-R1"
    client = served.client(TOKEN_C, V211)
    answered(client.request("PUT", at, module="sessions", json_body=session), 201, 1000)
    period = {"start_date_time": "2024-02-21T10:30:00Z",
              "dimensions": [{"type": "ENERGY", "volume": 2.0}]}  # fmt: skip
    patched = client.request(
        "PATCH", at, module="sessions", json_body={"charging_periods": [period]}
    )
    answered(patched, 200, 1000)  # no last_updated needed in 2.1.1
    assert client.get(at, module="sessions").data["charging_periods"] == [period]
    # while 2.2.1 appends (mod_sessions_patch_method)
    assert spec_version("2.2.1").patch_appends("Session") == ("charging_periods",)
    assert spec_version(V211).patch_appends("Session") == ()


def test_a_211_receiver_compares_the_id_not_an_owner_the_object_lacks(start: Start) -> None:
    served = party(start, "EMSP")
    tariff = {**fixture("tariffs", "Tariff.full", V211), "id": "OCC-TAR-R1"}
    base = url(served, "tariffs", "RECEIVER")
    client = served.client(TOKEN_C, V211)
    put = client.request("PUT", f"{base}/NL/CPO/OCC-TAR-R1", module="tariffs", json_body=tariff)
    answered(put, 201, 1000)
    answered(client.request("PUT", f"{base}/NL/CPO/OTHER", module="tariffs", json_body=tariff),
             200, 2001)  # fmt: skip
    # another owner's Tariff of the same id is another Tariff
    answered(client.request("PUT", f"{base}/BE/XYZ/OCC-TAR-R1", module="tariffs",
                            json_body=tariff), 201, 1000)  # fmt: skip
    # 2.1.1 Tariffs have a PATCH (2.2.1's have none), and a DELETE
    patch = client.request(
        "PATCH", f"{base}/NL/CPO/OCC-TAR-R1", module="tariffs", json_body={"currency": "USD"}
    )
    answered(patch, 200, 1000)
    assert client.get(f"{base}/NL/CPO/OCC-TAR-R1", module="tariffs").data["currency"] == "USD"
    answered(client.request("DELETE", f"{base}/NL/CPO/OCC-TAR-R1", module="tariffs"), 200, 1000)
    answered(client.get(f"{base}/NL/CPO/OCC-TAR-R1", module="tariffs"), 404, 2000)
    v221 = functional_url(served.state, "tariffs", "RECEIVER")
    no_patch = served.client(TOKEN_C).request("PATCH", f"{v221}/NL/CPO/X", json_body={})
    assert no_patch.status == 405


def test_tokens_receiver_211_names_a_token_by_its_uid_without_type(start: Start) -> None:
    served = party(start, "CPO")
    token = copy.deepcopy(fixture("tokens", "Token.full", V211))
    at = f"{url(served, 'tokens', 'RECEIVER')}/DE/MSP/{token['uid']}"
    client = served.client(TOKEN_C, V211)
    answered(client.request("PUT", at, module="tokens", json_body=token), 201, 1000)
    got = client.get(at, module="tokens")
    answered(got, 200, 1000)
    assert got.data == token
    assert not validate_response("tokens", "RECEIVER", "get_token", got.json, V211)
    answered(client.request("PATCH", at, module="tokens", json_body={"valid": False}), 200, 1000)
    assert client.get(at, module="tokens").data["valid"] is False
    other_type = {**token, "type": "OTHER"}  # the same uid: the same Token in 2.1.1's URL
    answered(client.request("PUT", at, module="tokens", json_body=other_type), 200, 1000)


def test_cdrs_receiver_211_locates_a_cdr_under_the_callers_party(start: Start) -> None:
    served = start("EMSP", token_a=None)
    served.state.accept_registration(
        TOKEN_C,
        roles=[{"business_details": {"name": "A CPO"}, "party_id": "CPO", "country_code": "NL"}],
        version=V211,
        label="token C",
    )
    cdr = {**fixture("cdrs", "CDR.full", V211), "id": "OCC-CDR-R1"}
    client = served.client(TOKEN_C, V211)
    posted = client.request("POST", url(served, "cdrs", "RECEIVER"), module="cdrs", json_body=cdr)
    answered(posted, 201, 1000)
    where = posted.header("Location")
    assert where == f"{url(served, 'cdrs', 'RECEIVER')}/NL/CPO/OCC-CDR-R1"
    got = client.get(where, module="cdrs")
    answered(got, 200, 1000)
    assert got.data == cdr
    assert not validate_response("cdrs", "RECEIVER", "get_cdr", got.json, V211)
    v221 = {**fixture("cdrs", "CDR.full"), "id": "OCC-CDR-R2"}
    answered(client.request("POST", url(served, "cdrs", "RECEIVER"), json_body=v221), 200, 2001)
