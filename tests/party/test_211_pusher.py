"""The sandbox as a client in 2.1.1: registered in 2.1.1 (or registering in 2.1.1 itself), it
pushes 2.1.1 objects in 2.1.1 calls (the raw token, no routing headers, a Token URL without
?type), and an eMSP sends a 2.1.1 START_SESSION; the fault that Base64-encodes the token of its
2.1.1 pushes. Real HTTP between two parties."""

from __future__ import annotations

import json
from typing import Any

from ocpi_conformance.party import commands, pusher
from ocpi_conformance.party.app import REGISTER_PATH
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.exchanges import Exchange

from .conftest import TOKEN_A, Start, handshake
from .test_pusher import CPO_PUSHES, Pair, body, pushes

V211 = "2.1.1"
EMSP_PUSHES_211 = 3  # Token PUT + PATCH, a START_SESSION (no ChargingProfiles in 2.1.1)
OBJECT_OF = {"locations": "Location", "sessions": "Session", "tariffs": "Tariff", "cdrs": "CDR"}


def registered_211(start: Start, role: str, *faults: str) -> Pair:
    target = start(role, faults=faults)
    pusher.enable(target.state)
    peer = start("EMSP" if role == "CPO" else "CPO", token_a=None)
    _, result = handshake(peer, target, version=V211)
    assert result.ok, result.problem
    return Pair(target, peer)


def _module(exchange: Exchange) -> str:
    return exchange.url.split("/receiver/")[1].split("/")[0]


def test_a_cpo_registered_in_211_pushes_211_objects(start: Start) -> None:
    pair = registered_211(start, "CPO")
    seen = pushes(pair, CPO_PUSHES)
    assert [(e.method, _module(e)) for e in seen] == [
        ("PUT", "locations"),
        ("PATCH", "locations"),
        ("PUT", "sessions"),
        ("PATCH", "sessions"),
        ("POST", "cdrs"),
        ("PUT", "tariffs"),
    ]
    assert all("/ocpi/2.1.1/receiver/" in e.url for e in seen)
    assert all(e.status in (200, 201) for e in seen), [(e.url, e.status) for e in seen]
    for exchange in seen:
        if exchange.method != "PATCH":
            obj = OBJECT_OF[_module(exchange)]
            assert not validate_object(obj, body(exchange), V211), exchange.url
    first = seen[0].request_headers
    assert first["authorization"] == "Token «token B»"  # raw: no ", base64"
    assert not any(h.startswith("ocpi-") for h in first)  # no routing headers in 2.1.1


def test_an_emsp_registered_in_211_pushes_its_token_then_commands(start: Start) -> None:
    pair = registered_211(start, "EMSP")
    seen = pushes(pair, EMSP_PUSHES_211)
    token_put, token_patch, started = seen[:3]
    assert (token_put.method, token_patch.method) == ("PUT", "PATCH")
    assert all("?" not in e.url and e.status in (200, 201) for e in (token_put, token_patch))
    assert not validate_object("Token", body(token_put), V211)
    assert started.url.endswith("/2.1.1/receiver/commands/START_SESSION")
    sent: dict[str, Any] = body(started)
    assert not validate_object("StartSession", sent, V211) and "connector_id" not in sent
    assert json.loads(started.response_body or "{}")["data"] == "ACCEPTED"
    assert commands.log(pair.peer.state, V211).wait_for_results(1)
    delivered = commands.log(pair.target.state, V211).delivered
    assert [result for _, result in delivered] == [{"result": "ACCEPTED"}]
    # then it looks for the session in the CPO's 2.1.1 list (the commander's last call)
    looked = pair.peer.state.log.wait_for(
        lambda e: e.direction == "inbound" and "/2.1.1/sender/sessions" in e.url, timeout=5
    )
    assert looked is not None and looked.status == 200


def test_the_sandbox_registers_in_the_version_asked(start: Start) -> None:
    target = start("CPO", token_a=None)
    pusher.enable(target.state)
    peer = start("EMSP", token_a="token-a-the-peer-gave")
    ask = {"versions_url": peer.state.versions_url, "token_a": "token-a-the-peer-gave"}
    reply = target.client(None).request(
        "POST", target.state.base_url + REGISTER_PATH, json_body={**ask, "version": V211}
    )
    assert reply.status == 200 and reply.status_code == 1000, reply.text
    inbound = [
        (e.method, e.url.split("/ocpi/")[1])
        for e in sorted(peer.state.log.all(), key=lambda e: e.started_at)
        if e.direction == "inbound"
    ]
    assert inbound[:3] == [("GET", "versions"), ("GET", V211), ("POST", f"{V211}/credentials")]
    registration = target.state.registrations()[0]
    assert registration.version == V211 and registration.roles[0]["party_id"] == "MSP"
    assert all(e.status in (200, 201) for e in pushes(Pair(target, peer), CPO_PUSHES))
    unknown = target.client(None).request(
        "POST", target.state.base_url + REGISTER_PATH, json_body={**ask, "version": "9.9"}
    )
    assert unknown.status == 400


def test_fault_push_base64_token(start: Start) -> None:
    pair = registered_211(start, "CPO", "push_base64_token")
    seen = pushes(pair, CPO_PUSHES)
    assert all(e.status == 401 for e in seen)  # the 2.1.1 peer takes the token raw only
    assert all(e.request_headers["authorization"] == "Token «token B, base64»" for e in seen)
    # in 2.2.1 the same encoding is the right one: the fault shows in 2.1.1 only
    assert spec_version("2.2.1").token_encoding == "base64"


def test_push_raw_token_is_no_fault_in_211(start: Start) -> None:
    seen = pushes(registered_211(start, "CPO", "push_raw_token"), CPO_PUSHES)
    assert all(e.status in (200, 201) for e in seen)


def test_the_versions_list_takes_a_211_partys_raw_token_a(start: Start) -> None:
    party = start("CPO")
    reply = party.client(TOKEN_A, V211).get(party.state.versions_url, module="versions")
    assert reply.status == 200 and reply.exchange.request_headers["authorization"] == (
        "Token «redacted»"
    )
