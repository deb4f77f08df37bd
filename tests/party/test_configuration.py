"""Versions, version details, authentication and the transport rules every answer follows."""

from __future__ import annotations

import re
import uuid
from collections import Counter

import pytest

from ocpi_conformance.party import Identity, PartyState, build_app, serve
from ocpi_conformance.party.app import functional_url
from ocpi_conformance.spec.v2_2_1 import VERSION, Response
from ocpi_conformance.spec.validation import validate_response
from ocpi_conformance.transport.client import OcpiClient, Reply
from ocpi_conformance.transport.discovery import is_absolute_url

from .conftest import TOKEN_A, Start, handshake

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def assert_envelope(reply: Reply, http: int, code: int) -> None:
    assert reply.status == http, reply.describe()
    assert reply.header("Content-Type") == "application/json"
    Response.model_validate(reply.json)
    assert reply.status_code == code, reply.text
    assert TIMESTAMP.match(reply.json["timestamp"])
    if code >= 2000:
        assert reply.json.get("status_message"), "an error says why"


def test_versions_and_details_with_token_a(start: Start) -> None:
    party = start("CPO")
    client = party.client(TOKEN_A)
    versions = client.get(party.state.versions_url, module="versions")
    assert_envelope(versions, 200, 1000)
    assert not validate_response("versions", "", "get_versions", versions.json)
    assert versions.data == [  # every version it speaks, newest first
        {"version": "2.3.0", "url": party.state.details_url_for("2.3.0")},
        {"version": VERSION, "url": party.state.details_url},
        {"version": "2.1.1", "url": party.state.details_url_for("2.1.1")},
    ]
    details = client.get(party.state.details_url, module="versions")
    assert_envelope(details, 200, 1000)
    assert not validate_response("versions", "", "get_version_details", details.json)
    assert details.data["version"] == VERSION
    endpoints = details.data["endpoints"]
    assert [e["identifier"] for e in endpoints].count("credentials") == 1
    assert all(is_absolute_url(e["url"]) for e in endpoints)
    pairs = Counter((e["identifier"], e["role"]) for e in endpoints)
    assert max(pairs.values()) == 1, pairs


SERVED = {
    "CPO": [
        ("locations", "SENDER"),
        ("commands", "RECEIVER"),
        ("chargingprofiles", "RECEIVER"),
        ("tokens", "RECEIVER"),
        ("hubclientinfo", "RECEIVER"),
        ("sessions", "SENDER"),
        ("cdrs", "SENDER"),
        ("tariffs", "SENDER"),
    ],
    "EMSP": [
        ("locations", "RECEIVER"),
        ("commands", "SENDER"),
        ("chargingprofiles", "SENDER"),
        ("tariffs", "RECEIVER"),
        ("sessions", "RECEIVER"),
        ("cdrs", "RECEIVER"),
        ("hubclientinfo", "RECEIVER"),
        ("tokens", "SENDER"),
    ],
}


@pytest.mark.parametrize("role", SERVED)
def test_details_offer_only_what_is_served(start: Start, role: str) -> None:
    party = start(role)
    details = party.client(TOKEN_A).get(party.state.details_url, module="versions")
    assert [(e["identifier"], e["role"], e["url"]) for e in details.data["endpoints"]] == [
        ("credentials", "RECEIVER", party.state.credentials_url),
        *((m, i, functional_url(party.state, m, i)) for m, i in SERVED[role]),
    ]


def test_versions_and_details_with_token_c(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    _, result = handshake(sender, receiver)
    client = receiver.client(result.token_c)
    assert_envelope(client.get(receiver.state.versions_url), 200, 1000)
    assert_envelope(client.get(receiver.state.details_url), 200, 1000)


@pytest.mark.parametrize(
    ("token", "auth"),
    [(None, "base64"), ("unknown-token-9f8e7d", "base64"), (TOKEN_A, "raw")],
    ids=["missing", "unknown", "raw"],
)
def test_unauthenticated_gets_401_with_envelope(start: Start, token: str | None, auth: str) -> None:
    party = start("CPO")
    urls = [party.state.details_url, party.state.credentials_url]
    if auth != "raw":  # the versions list serves 2.1.1 too, which sends the token raw
        urls.append(party.state.versions_url)
    for url in urls:
        assert_envelope(party.client(token).request("GET", url, auth=auth), 401, 2000)


def test_token_a_refused_on_a_functional_module(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    url = functional_url(receiver.state, "locations", "SENDER")
    assert_envelope(receiver.client(TOKEN_A).get(url, module="locations"), 401, 2000)
    _, result = handshake(sender, receiver)
    # with token C the module is reachable
    assert_envelope(receiver.client(result.token_c).get(url, module="locations"), 200, 1000)
    # and an interface the party does not offer is no endpoint
    other = functional_url(receiver.state, "locations", "RECEIVER")
    assert_envelope(receiver.client(result.token_c).get(other, module="locations"), 404, 2000)


def test_unknown_path_gets_404_with_envelope(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    _, result = handshake(sender, receiver)
    client = receiver.client(result.token_c)
    for path in ("/ocpi/2.2.1/nothing", "/elsewhere", "/"):
        assert_envelope(client.get(receiver.server.url + path), 404, 2000)
    assert_envelope(client.get(receiver.server.url + "/ocpi/2.0"), 404, 2000)


def test_wrong_method_on_versions_gets_405(start: Start) -> None:
    party = start("CPO")
    reply = party.client(TOKEN_A).request("POST", party.state.versions_url, json_body={})
    assert_envelope(reply, 405, 2000)


def test_message_ids_are_echoed(start: Start) -> None:
    party = start("CPO")
    reply = party.client(TOKEN_A).get(party.state.versions_url)
    sent = reply.exchange.request_headers
    assert reply.header("X-Request-ID") == sent["x-request-id"]
    assert reply.header("X-Correlation-ID") == sent["x-correlation-id"]
    assert reply.header("X-Correlation-ID") != reply.header("X-Request-ID")


def test_a_missing_correlation_id_gets_a_fresh_one(start: Start) -> None:
    party = start("CPO")
    client = party.client(TOKEN_A)
    reply = client.request(
        "GET", party.state.versions_url, headers={"X-Correlation-ID": "", "X-Request-ID": ""}
    )
    assert uuid.UUID(reply.header("X-Correlation-ID") or "")
    assert uuid.UUID(reply.header("X-Request-ID") or "")


def test_unexpected_error_gets_500_envelope() -> None:
    # a business name longer than string(100): our own Credentials object cannot be built
    state = PartyState(Identity("CPO", "NL", "CPO", "x" * 101))
    state.add_token_a(TOKEN_A)
    with serve(build_app(state)) as server, OcpiClient(TOKEN_A) as client:
        state.set_base_url(server.url)
        reply = client.get(state.credentials_url)
    assert_envelope(reply, 500, 3000)


def test_inbound_exchanges_are_recorded_redacted(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    token_b, result = handshake(sender, receiver)
    receiver.client(result.token_c).get(receiver.state.credentials_url)
    inbound = [e for e in receiver.state.log.all() if e.direction == "inbound"]
    assert [e.method for e in inbound] == ["GET", "GET", "POST", "GET"]
    text = repr([e.to_dict() for e in receiver.state.log.all() + sender.state.log.all()])
    for secret in (TOKEN_A, token_b, result.token_c):
        assert secret and secret not in text
    assert inbound[0].request_headers["authorization"] == "Token «token A, base64»"
    assert inbound[-1].request_headers["authorization"] == "Token «token C, base64»"


def test_identity_role_must_be_a_role() -> None:
    with pytest.raises(ValueError):
        Identity("PRESIDENT", "NL", "CPO", "x")


def test_a_public_url_with_a_path_is_served(start: Start) -> None:
    party = start("CPO")
    party.state.set_base_url(party.server.url + "/tunnel/")  # a proxy that keeps its prefix
    client = party.client(TOKEN_A)
    versions = client.get(party.state.versions_url)
    assert versions.status == 200
    urls = {v["version"]: v["url"] for v in versions.data}
    assert urls["2.2.1"] == party.server.url + "/tunnel/ocpi/2.2.1"
    details = client.get(urls["2.2.1"])
    assert details.status == 200
    assert all(
        e["url"].startswith(party.server.url + "/tunnel/") for e in details.data["endpoints"]
    )
    # and one that strips it
    assert client.get(party.server.url + "/ocpi/versions").status == 200
