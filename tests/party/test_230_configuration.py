"""The party in OCPI 2.3.0: its versions list offers 2.3.0 beside 2.2.1 and 2.1.1, its 2.3.0
details, registration in 2.3.0 (a Hub's Credentials with hub_party_id, a Credentials object with
an undocumented field), and the 2.3.0 faults of the configuration modules: each shows in 2.3.0
and leaves 2.2.1 as it was. Real HTTP."""

from __future__ import annotations

import copy
from typing import Any

from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.spec.validation import validate_object, validate_response
from ocpi_conformance.spec.version import KNOWN

from .conftest import TOKEN_A, RunningParty, Start, handshake
from .locations_support import answered

V230 = "2.3.0"
HUB_PARTY_ID = "NLHUB"
# 2.3.0's new modules, as a CPO serves them (party/payments.py, bookings.py,
# invoicereconciliation.py): the Payments Receiver, the Bookings Sender, both IR interfaces
NEW_MODULES = {
    ("payments", "RECEIVER"),
    ("Booking", "SENDER"),
    ("invoicereconciliation", "SENDER"),
    ("invoicereconciliation", "RECEIVER"),
}


def _hub_credentials(sender: RunningParty) -> tuple[str, dict[str, Any]]:
    """`sender`'s 2.3.0 Credentials as a Roaming Hub would give them: hub_party_id, and the
    parties it reaches listed in roles (credentials_credentials_object, 2.3.0)."""
    token_b = sender.state.new_token()
    sender.state.accept_registration(token_b)
    body = copy.deepcopy(sender.state.own_credentials(token_b, V230))
    reached = {"role": "EMSP", "business_details": {"name": "Reached eMSP"}}
    body["roles"].append({**reached, "party_id": "RCH", "country_code": "BE"})
    body["hub_party_id"] = HUB_PARTY_ID
    return token_b, body


def test_the_party_speaks_its_own_versions_not_the_harness_s() -> None:
    assert SPOKEN == ("2.1.1", "2.2.1", "2.3.0")
    assert set(KNOWN) <= set(SPOKEN)  # a run tests no version the party cannot serve


def test_the_versions_list_offers_230_first_and_its_details_are_230(start: Start) -> None:
    party = start("CPO")
    client = party.client(TOKEN_A, V230)
    versions = client.get(party.state.versions_url, module="versions")
    assert [v["version"] for v in versions.data] == ["2.3.0", "2.2.1", "2.1.1"]
    assert not validate_response("versions", "", "get_versions", versions.json, V230)
    details = client.get(party.state.details_url_for(V230), module="versions")
    answered(details, 200, 1000)
    assert not validate_response("versions", "", "get_version_details", details.json, V230)
    assert details.data["version"] == V230
    endpoints = {(e["identifier"], e["role"]) for e in details.data["endpoints"]}
    # version_information_endpoint_endpoint_class (2.3.0): "advised to send SENDER"
    assert ("credentials", "SENDER") in endpoints
    assert {("chargingprofiles", "RECEIVER"), ("hubclientinfo", "RECEIVER")} <= endpoints
    assert all(e["url"].startswith(party.state.details_url_for(V230) + "/") for e in
               details.data["endpoints"])  # fmt: skip
    assert endpoints >= NEW_MODULES
    # 2.2.1 keeps its own reading of the credentials role
    old = party.client(TOKEN_A).get(party.state.details_url, module="versions")
    assert ("credentials", "RECEIVER") in {(e["identifier"], e["role"]) for e in
                                            old.data["endpoints"]}  # fmt: skip


def test_an_emsp_offers_its_230_interfaces(start: Start) -> None:
    party = start("EMSP")
    details = party.client(TOKEN_A, V230).get(party.state.details_url_for(V230))
    endpoints = {(e["identifier"], e["role"]) for e in details.data["endpoints"]}
    assert {
        ("locations", "RECEIVER"),
        ("sessions", "RECEIVER"),
        ("cdrs", "RECEIVER"),
        ("tariffs", "RECEIVER"),
        ("tokens", "SENDER"),
        ("commands", "SENDER"),
        ("chargingprofiles", "SENDER"),
        ("hubclientinfo", "RECEIVER"),
    } <= endpoints


def test_two_parties_register_in_230(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    _, result = handshake(sender, receiver, version=V230)
    assert result.ok and result.version == V230, result.problem
    assert not validate_object("Credentials", result.credentials, V230)
    assert "hub_party_id" not in (result.credentials or {})  # no Hub
    [registration] = receiver.state.registrations()
    assert registration.version == V230 and registration.hub_party_id is None
    called_back = [e.url for e in sender.state.log.all() if e.direction == "inbound"]
    assert called_back[-1] == sender.state.details_url_for(V230)  # the 2.3.0 details


def test_a_hub_s_credentials_register_and_its_hub_party_id_is_kept(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    _, body = _hub_credentials(sender)
    reply = receiver.post(TOKEN_A, body, version=V230)
    answered(reply, 200, 1000)
    [registration] = receiver.state.registrations()
    assert registration.hub_party_id == HUB_PARTY_ID
    assert {(r["country_code"], r["party_id"]) for r in registration.roles} == {
        ("DE", "MSP"),
        ("BE", "RCH"),
    }


def test_undocumented_fields_of_a_credentials_object_are_tolerated(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    token_b = sender.state.new_token()
    sender.state.accept_registration(token_b)
    body = {**sender.state.own_credentials(token_b, V230), "x-occ-extension": {"a": 1}}
    body["roles"][0]["x-occ-role-note"] = "kept"
    answered(receiver.post(TOKEN_A, body, version=V230), 200, 1000)


def test_fault_drop_2_3_0(start: Start) -> None:
    party = start("CPO", faults=("drop_2_3_0",))
    versions = party.client(TOKEN_A).get(party.state.versions_url)
    assert [v["version"] for v in versions.data] == ["2.2.1", "2.1.1"]
    # its details still answer, though nothing names them
    assert party.client(TOKEN_A, V230).get(party.state.details_url_for(V230)).status == 200


def test_fault_credentials_role_hub(start: Start) -> None:
    party = start("CPO", faults=("credentials_role_hub",))
    ours = party.state.own_credentials("some-token", V230)
    assert [r["role"] for r in ours["roles"]] == ["CPO", "HUB"]
    assert any(v.path == "$.roles[1].role" for v in validate_object("Credentials", ours, V230))
    # what a registering party gets back, in 2.3.0
    sender = start("EMSP", token_a=None)
    _, result = handshake(sender, party, version=V230)
    assert not result.ok and "roles" in (result.problem or "")
    # 2.2.1 has HUB, and the fault is 2.3.0's: 2.2.1 Credentials are as before
    assert [r["role"] for r in party.state.own_credentials("some-token")["roles"]] == ["CPO"]


def test_fault_credentials_hub_party_id_refused(start: Start) -> None:
    receiver = start("CPO", faults=("credentials_hub_party_id_refused",))
    sender = start("EMSP", token_a=None)
    _, body = _hub_credentials(sender)
    reply = receiver.post(TOKEN_A, body, version=V230)
    answered(reply, 200, 2001)
    assert "hub_party_id" in reply.json["status_message"]
    assert not receiver.state.registrations()
    # the same Credentials without hub_party_id register
    del body["hub_party_id"]
    answered(receiver.post(TOKEN_A, body, version=V230), 200, 1000)


def test_fault_auth_errors_in_ocpi_layer(start: Start) -> None:
    party = start("CPO", faults=("auth_errors_in_ocpi_layer",))
    details_230 = party.state.details_url_for(V230)
    locations_230 = f"{details_230}/sender/locations"
    for url in (details_230, locations_230, party.state.credentials_url_for(V230)):
        answered(party.client(None, V230).get(url), 200, 2000)
        answered(party.client("not-a-known-token", V230).get(url), 200, 2000)
    answered(party.client(TOKEN_A, V230).get(locations_230), 200, 2000)  # token A
    # the 2.2.1 paths and the versions list keep their 401
    assert party.client(None).get(party.state.details_url).status == 401
    assert party.client(None).get(party.state.versions_url).status == 401
    assert party.client(TOKEN_A).get(f"{party.state.details_url}/sender/locations").status == 401


def test_without_the_fault_230_answers_401(start: Start) -> None:
    party = start("CPO")
    details_230 = party.state.details_url_for(V230)
    answered(party.client(None, V230).get(details_230), 401, 2000)
    answered(party.client(TOKEN_A, V230).get(f"{details_230}/sender/locations"), 401, 2000)
