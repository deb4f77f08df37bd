"""OCPI 2.1.1 beside 2.2.1: the versions list offers both, each version has its own details
(2.1.1's endpoints have no role), its own credentials module (2.1.1's Credentials are flat) and
its own token encoding (2.1.1 sends the token raw); a registration is made in one version and
remembered with it. Real HTTP between two parties."""

from __future__ import annotations

import pytest

from ocpi_conformance.party import PENDING
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.spec.validation import validate_object, validate_response
from ocpi_conformance.spec.version import version as spec_version

from .conftest import IDENTITIES, TOKEN_A, RunningParty, Start, handshake

V211 = "2.1.1"
HIGHEST = SPOKEN[-1]  # the highest version two parties both speak
# What each role serves in 2.1.1: one URL per module, the interface its role implements; no
# ChargingProfiles (not a 2.1.1 module) and no HubClientInfo (2.1.1 has no hubs).
SERVED_211 = {
    "CPO": {"credentials", "locations", "commands", "tokens", "sessions", "cdrs", "tariffs"},
    "EMSP": {"credentials", "locations", "commands", "tariffs", "sessions", "cdrs", "tokens"},
}


def _details(party: RunningParty, version: str = V211) -> dict:
    reply = party.client(TOKEN_A, version).get(party.state.details_url_for(version))
    assert reply.status == 200 and reply.status_code == 1000, reply.text
    assert not validate_response("versions", "", "get_version_details", reply.json, version)
    return reply.data


@pytest.mark.parametrize("role", sorted(SERVED_211))
def test_the_211_details_list_identifier_and_url_of_what_is_served(start: Start, role: str) -> None:
    party = start(role)
    details = _details(party)
    assert details["version"] == V211
    endpoints = details["endpoints"]
    assert all(set(e) == {"identifier", "url"} for e in endpoints)  # no role in 2.1.1
    assert {e["identifier"] for e in endpoints} == SERVED_211[role]
    assert len(endpoints) == len(SERVED_211[role])  # one URL per module
    assert all(e["url"].startswith(party.state.details_url_for(V211) + "/") for e in endpoints)
    # each URL answers in 2.1.1 (a Sender list, say) once registered
    party.state.accept_token("registered-211", label="token C")
    client = party.client("registered-211", V211)
    lists = {"CPO": ("locations", "sessions", "cdrs", "tariffs"), "EMSP": ("tokens",)}[role]
    for module in lists:
        url = next(e["url"] for e in endpoints if e["identifier"] == module)
        params = spec_version(V211).required_list_params(module)
        reply = client.get(url, module=module, params=params)
        assert reply.status == 200, reply.text
        assert not validate_response(module, "SENDER", "get_list", reply.json, V211)


def test_each_version_takes_the_token_as_it_carries_it(start: Start) -> None:
    party = start("CPO")
    d211, c211 = party.state.details_url_for(V211), party.state.credentials_url_for(V211)
    d221, c221 = party.state.details_url, party.state.credentials_url
    for url in (d211, c211):
        assert party.client(TOKEN_A).request("GET", url, auth="raw").status == 200
        assert party.client(TOKEN_A).request("GET", url, auth="base64").status == 401
    for url in (d221,):
        assert party.client(TOKEN_A).request("GET", url, auth="base64").status == 200
    for url in (d221, c221):
        assert party.client(TOKEN_A).request("GET", url, auth="raw").status == 401
    # the versions list serves every version: either encoding names the token
    for auth in ("raw", "base64"):
        reply = party.client(TOKEN_A).request("GET", party.state.versions_url, auth=auth)
        assert reply.status == 200 and [v["version"] for v in reply.data] == [
            "2.3.0",
            "2.2.1",
            V211,
        ]
    unknown = party.client("not-a-token").request("GET", party.state.versions_url, auth="raw")
    assert unknown.status == 401


def test_a_registration_in_211(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    token_b, result = handshake(sender, receiver, version=V211)
    assert result.ok and result.version == V211, result.problem
    # the answer is a flat 2.1.1 Credentials object naming the receiver
    assert not validate_object("Credentials", result.credentials, V211)
    assert result.credentials["party_id"] == "CPO" and "roles" not in result.credentials
    assert result.version_url == receiver.state.details_url_for(V211)
    # the receiver fetched the sender's versions and 2.1.1 details with the raw token B
    inbound = [e for e in sender.state.log.all() if e.direction == "inbound"]
    assert [e.url for e in inbound] == [
        sender.state.versions_url,
        sender.state.details_url_for(V211),
    ]
    assert all(e.request_headers["authorization"] == "Token «token B»" for e in inbound)
    # what the receiver remembers: the version, the flat party, the 2.1.1 endpoints
    registration = receiver.state.lookup(result.token_c)
    assert registration is not None and registration != PENDING
    assert registration.version == V211 and registration.their_token == token_b
    assert registration.roles == [
        {"business_details": {"name": "Test eMSP"}, "party_id": "MSP", "country_code": "DE"}
    ]
    assert registration.endpoint("locations", "RECEIVER") == (
        f"{sender.state.details_url_for(V211)}/receiver/locations"
    )
    # token C reads the 2.1.1 credentials, raw; token A is spent
    get = receiver.client(result.token_c, V211).get(receiver.credentials_url(V211))
    assert get.status == 200 and not validate_response("credentials", "", "get", get.json, V211)
    assert get.data["token"] == result.token_c and "roles" not in get.data
    assert receiver.client(TOKEN_A).get(receiver.state.versions_url).status == 401


def test_registration_picks_the_highest_common_version(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    _, result = handshake(sender, receiver)
    assert result.ok and result.version == HIGHEST
    assert receiver.state.lookup(result.token_c).version == HIGHEST  # type: ignore[union-attr]


def test_a_client_without_211_gets_3002_at_the_211_credentials(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", faults=("drop_2_1_1",), token_a=None)
    token_b = sender.state.new_token()
    sender.state.accept_registration(token_b)
    reply = receiver.post(TOKEN_A, sender.state.own_credentials(token_b, V211), version=V211)
    assert (reply.status, reply.status_code) == (200, 3002), reply.text
    assert receiver.state.lookup(TOKEN_A) == PENDING


def test_a_221_credentials_object_is_no_211_one(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    token_b = sender.state.new_token()
    sender.state.accept_registration(token_b)
    reply = receiver.post(TOKEN_A, sender.state.own_credentials(token_b), version=V211)
    assert (reply.status, reply.status_code) == (200, 2001), reply.text
    assert "business_details" in reply.json["status_message"]
    assert receiver.state.lookup(TOKEN_A) == PENDING


def test_registering_in_a_version_the_other_does_not_offer_fails(start: Start) -> None:
    receiver, sender = start("CPO", faults=("drop_2_1_1",)), start("EMSP", token_a=None)
    _, result = handshake(sender, receiver, version=V211)
    assert not result.ok and "does not offer OCPI 2.1.1" in (result.problem or "")


def test_a_put_at_the_211_credentials_switches_the_registration_to_211(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    _, result = handshake(sender, receiver)
    assert receiver.state.lookup(result.token_c).version == HIGHEST  # type: ignore[union-attr]
    new_b = sender.state.new_token()
    sender.state.accept_registration(new_b, label="token B2")
    put = receiver.client(result.token_c, V211).request(
        "PUT",
        receiver.credentials_url(V211),
        module="credentials",
        json_body=sender.state.own_credentials(new_b, V211),
    )
    assert put.status == 200 and put.status_code == 1000, put.text
    assert not validate_response("credentials", "", "put", put.json, V211)
    registration = receiver.state.registration(put.data["token"])
    assert registration is not None and registration.version == V211
    assert registration.version_url == sender.state.details_url_for(V211)
    assert all("role" not in e for e in registration.endpoints)


def test_own_credentials_of_each_version() -> None:
    from ocpi_conformance.party import PartyState

    state = PartyState(IDENTITIES["CPO"])
    state.set_base_url("http://127.0.0.1:9")
    flat, roles = state.own_credentials("t-1", V211), state.own_credentials("t-1")
    assert flat == {
        "token": "t-1",
        "url": "http://127.0.0.1:9/ocpi/versions",
        "business_details": {"name": "Test CPO"},
        "party_id": "CPO",
        "country_code": "NL",
    }
    assert not validate_object("Credentials", flat, V211)
    assert roles["roles"][0]["role"] == "CPO" and not validate_object("Credentials", roles)


def test_fault_drop_2_1_1_leaves_the_later_versions_registering(start: Start) -> None:
    receiver, sender = start("CPO", faults=("drop_2_1_1",)), start("EMSP", token_a=None)
    _, result = handshake(sender, receiver)
    assert result.ok and result.version == HIGHEST
