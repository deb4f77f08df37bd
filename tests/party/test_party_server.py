"""The party server answers registration by the book, over real loopback HTTP.

The suites' runs against the sandbox cover the happy path; these pin the edges a suite run does
not reach: what the server does with bodies, tokens and callbacks that go wrong.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ocpi_conformance.client import OcpiClient
from ocpi_conformance.party import FAULTS, Identity, PartyState, build_app, serve
from ocpi_conformance.sandbox import start

TOKEN_A = "party-test-token-a"


@pytest.fixture
def target() -> Iterator[PartyState]:
    state, server = start("cpo", TOKEN_A)
    yield state
    server.stop()


@pytest.fixture
def caller() -> Iterator[PartyState]:
    """A second party that registers with the target and answers its callbacks."""
    state = PartyState(Identity("EMSP", "ZZ", "OCC", "caller"))
    server = serve(build_app(state))
    state.set_base_url(server.url)
    yield state
    server.stop()


def _post(target: PartyState, caller: PartyState, token_b: str, *, with_token: str = TOKEN_A):
    caller.accept_token(token_b)
    with OcpiClient(with_token) as client:
        return client.request(
            "POST", target.credentials_url, json_body=caller.own_credentials(token_b)
        )


def test_registration_calls_back_with_token_b(target: PartyState, caller: PartyState) -> None:
    reply = _post(target, caller, "token-b-123456")
    assert (reply.status, reply.status_code) == (200, 1000)
    callbacks = [e for e in caller.log.all() if e.direction == "inbound"]
    assert [e.url for e in callbacks] == [caller.versions_url, caller.details_url]
    assert all(e.request_headers["authorization"] == "Token «token B, base64»" for e in callbacks)
    token_c = reply.data["token"]
    assert target.registration(token_c) is not None and not target.is_token_a(TOKEN_A)


def test_unreachable_caller_gets_3001_and_token_a_survives(target: PartyState) -> None:
    body = {
        "token": "token-b-unreachable",
        "url": "http://127.0.0.1:9/ocpi/versions",
        "roles": [
            {
                "role": "EMSP",
                "business_details": {"name": "x"},
                "party_id": "OCC",
                "country_code": "ZZ",
            }
        ],
    }
    with OcpiClient(TOKEN_A) as client:
        reply = client.request("POST", target.credentials_url, json_body=body)
    assert (reply.status, reply.status_code) == (200, 3001)
    assert target.is_token_a(TOKEN_A)


def test_no_common_version_gets_3002(target: PartyState, caller: PartyState) -> None:
    caller.faults.add("drop_2_2_1")
    reply = _post(target, caller, "token-b-no-221")
    assert reply.status_code == 3002


def test_not_json_is_400_and_not_credentials_is_2001(target: PartyState) -> None:
    with OcpiClient(TOKEN_A) as client:
        broken = client.request("POST", target.credentials_url, raw_body="{nope")
        wrong = client.request("POST", target.credentials_url, json_body={"token": "x"})
    assert (broken.status, broken.status_code) == (400, 2001)
    assert (wrong.status, wrong.status_code) == (200, 2001)
    assert "url: Field required" in (wrong.envelope or {}).get("status_message", "")


def test_put_and_delete_before_registration_get_405(target: PartyState) -> None:
    with OcpiClient(TOKEN_A) as client:
        assert client.request("PUT", target.credentials_url, json_body={}).status == 405
        assert client.request("DELETE", target.credentials_url).status == 405


def test_delete_makes_token_a_valid_again(target: PartyState, caller: PartyState) -> None:
    token_c = _post(target, caller, "token-b-delete").data["token"]
    with OcpiClient(token_c) as client:
        assert client.request("DELETE", target.credentials_url).status == 200
        assert client.get(target.versions_url).status == 401
    assert target.is_token_a(TOKEN_A)


def test_token_a_is_refused_beyond_configuration_modules(target: PartyState) -> None:
    with OcpiClient(TOKEN_A) as client:
        reply = client.get(target.details_url + "/locations")
    assert reply.status == 401


def test_unknown_path_is_404_with_envelope(target: PartyState, caller: PartyState) -> None:
    token_c = _post(target, caller, "token-b-404").data["token"]
    with OcpiClient(token_c) as client:
        reply = client.get(target.details_url + "/nothing/here")
    assert (reply.status, reply.status_code) == (404, 2000)


def test_every_fault_is_described() -> None:
    assert len(FAULTS) >= 8 and all(FAULTS.values())


def test_every_inbound_request_is_recorded_redacted(target: PartyState, caller: PartyState) -> None:
    token_c = _post(target, caller, "token-b-recorded").data["token"]
    everything = repr([e.to_dict() for e in target.log.all() + caller.log.all()])
    for token in (TOKEN_A, token_c, "token-b-recorded"):
        assert token not in everything
