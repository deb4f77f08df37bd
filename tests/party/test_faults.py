"""Each fault in FAULTS changes the one behaviour it names, and only while it is switched on."""

from __future__ import annotations

import importlib
from pathlib import Path

from ocpi_conformance.party import FAULTS, PENDING
from ocpi_conformance.transport.redaction import encode_token

from .conftest import TOKEN_A, Start, handshake


def test_every_fault_has_a_test() -> None:
    here = Path(__file__).parent
    modules = [
        importlib.import_module(f"{__package__}.{path.stem}") for path in here.glob("test_*.py")
    ]
    untested = {n for n in FAULTS if not any(hasattr(m, f"test_fault_{n}") for m in modules)}
    assert untested == set()
    assert all(found.description.strip() for found in FAULTS.values())


def test_fault_answer_403_for_401(start: Start) -> None:
    party = start("CPO", faults=("answer_403_for_401",))
    reply = party.client(None).get(party.state.versions_url)
    assert reply.status == 403 and reply.status_code == 2000
    assert party.client(TOKEN_A).get(party.state.versions_url).status == 200


def test_fault_skip_callback(start: Start) -> None:
    receiver = start("CPO", faults=("skip_callback",))
    sender = start("EMSP", token_a=None)
    _, result = handshake(sender, receiver)
    assert result.ok, result.problem
    assert not [e for e in sender.state.log.all() if e.direction == "inbound"]


def test_fault_keep_token_a(start: Start) -> None:
    receiver = start("CPO", faults=("keep_token_a",))
    sender = start("EMSP", token_a=None)
    _, result = handshake(sender, receiver)
    assert result.ok, result.problem
    assert receiver.state.lookup(TOKEN_A) == PENDING
    assert receiver.client(TOKEN_A).get(receiver.state.versions_url).status == 200


def test_fault_no_request_id_echo(start: Start) -> None:
    party = start("CPO", faults=("no_request_id_echo",))
    reply = party.client(TOKEN_A).get(party.state.versions_url)
    assert reply.header("X-Request-ID") is None
    assert reply.header("X-Correlation-ID") == reply.exchange.request_headers["x-correlation-id"]


def test_fault_no_correlation_id_echo(start: Start) -> None:
    party = start("CPO", faults=("no_correlation_id_echo",))
    reply = party.client(TOKEN_A).get(party.state.versions_url)
    assert reply.header("X-Correlation-ID") is None
    assert reply.header("X-Request-ID") == reply.exchange.request_headers["x-request-id"]


def test_fault_refuse_all(start: Start) -> None:
    receiver, sender = start("CPO"), start("EMSP", token_a=None)
    _, result = handshake(sender, receiver)
    receiver.state.faults.add("refuse_all")
    for token in (TOKEN_A, result.token_c):
        reply = receiver.client(token).get(receiver.state.versions_url)
        assert reply.status == 401 and reply.status_code == 2000
    receiver.state.faults.discard("refuse_all")
    assert receiver.client(result.token_c).get(receiver.state.versions_url).status == 200


def test_fault_drop_2_2_1(start: Start) -> None:
    party = start("CPO", faults=("drop_2_2_1",))
    versions = party.client(TOKEN_A).get(party.state.versions_url)
    assert versions.status == 200 and versions.status_code == 1000
    assert [v["version"] for v in versions.data] == ["2.3.0", "2.1.1"]
    # a party registering at another's 2.2.1 credentials finds no 2.2.1 among ours: 3002
    receiver, sender = start("CPO"), party
    token_b = sender.state.new_token()
    sender.state.accept_registration(token_b)
    reply = receiver.post(TOKEN_A, sender.state.own_credentials(token_b))
    assert (reply.status, reply.status_code) == (200, 3002), reply.text


def test_fault_drop_2_1_1(start: Start) -> None:
    party = start("CPO", faults=("drop_2_1_1",))
    versions = party.client(TOKEN_A).get(party.state.versions_url)
    assert [v["version"] for v in versions.data] == ["2.3.0", "2.2.1"]


def test_fault_no_envelope_on_401(start: Start) -> None:
    party = start("CPO", faults=("no_envelope_on_401",))
    reply = party.client(None).get(party.state.versions_url)
    assert reply.status == 401
    assert reply.json_error is not None and reply.envelope is None
    assert (reply.header("Content-Type") or "").startswith("text/plain")


def test_fault_content_type_text(start: Start) -> None:
    party = start("CPO", faults=("content_type_text",))
    reply = party.client(TOKEN_A).get(party.state.versions_url)
    assert (reply.header("Content-Type") or "").startswith("text/plain")
    assert reply.status_code == 1000  # the body is still the JSON envelope


def test_fault_timestamp_with_offset(start: Start) -> None:
    party = start("CPO", faults=("timestamp_with_offset",))
    reply = party.client(TOKEN_A).get(party.state.versions_url)
    assert reply.envelope["timestamp"].endswith("+00:00")


def test_fault_malformed_json_200(start: Start) -> None:
    party = start("CPO", faults=("malformed_json_200",))
    reply = party.client(TOKEN_A).request("POST", party.state.credentials_url, raw_body="{x")
    assert reply.status == 200 and reply.status_code == 2001


def test_fault_relative_urls(start: Start) -> None:
    party = start("CPO", faults=("relative_urls",))
    details = party.client(TOKEN_A).get(party.state.details_url)
    assert all(e["url"].startswith("/ocpi/") for e in details.data["endpoints"])
    versions = party.client(TOKEN_A).get(party.state.versions_url)
    assert versions.data[0]["url"].startswith("http://")  # discovery still possible


def test_fault_duplicate_endpoints(start: Start) -> None:
    party = start("CPO", faults=("duplicate_endpoints",))
    details = party.client(TOKEN_A).get(party.state.details_url)
    identifiers = [e["identifier"] for e in details.data["endpoints"]]
    assert identifiers.count("credentials") == 2


def test_fault_answers_misrouted(start: Start) -> None:
    party = start("CPO", faults=("answers_misrouted",))
    reply = party.client(TOKEN_A).get(party.state.versions_url)
    assert (reply.header("OCPI-to-country-code"), reply.header("OCPI-to-party-id")) == ("XX", "XXX")


def test_fault_no_auth(start: Start) -> None:
    party = start("CPO", faults=("no_auth",))
    for token in (None, "an-unknown-token-7"):
        reply = party.client(token).get(party.state.versions_url)
        assert reply.status == 200 and reply.status_code == 1000, token
    raw = party.client(TOKEN_A).request("GET", party.state.versions_url, auth="raw")
    assert raw.status == 200


def test_fault_no_timestamp(start: Start) -> None:
    party = start("CPO", faults=("no_timestamp",))
    reply = party.client(TOKEN_A).get(party.state.versions_url)
    assert reply.status == 200 and "timestamp" not in reply.json
    assert start("EMSP").client(TOKEN_A).get(party.state.versions_url).status in (200, 401)


def test_fault_accepts_bearer(start: Start) -> None:
    party = start("CPO", faults=("accepts_bearer",))
    bearer = {"Authorization": f"Bearer {encode_token(TOKEN_A)}"}
    reply = party.client(None).request("GET", party.state.versions_url, headers=bearer)
    assert reply.status == 200
    conformant = start("EMSP")
    refused = conformant.client(None).request("GET", conformant.state.versions_url, headers=bearer)
    assert refused.status == 401


def test_fault_scheme_case_sensitive(start: Start) -> None:
    party = start("CPO", faults=("scheme_case_sensitive",))
    upper = {"Authorization": f"TOKEN {encode_token(TOKEN_A)}"}
    assert party.client(None).request("GET", party.state.versions_url, headers=upper).status == 401
    conformant = start("EMSP")
    taken = conformant.client(None).request("GET", conformant.state.versions_url, headers=upper)
    assert taken.status == 200


def test_fault_endpoints_redirect(start: Start) -> None:
    party = start("CPO", faults=("endpoints_redirect",))
    party.state.accept_token("registered-token-r")
    client = party.client("registered-token-r")
    url = party.state.details_url + "/sender/locations"
    reply = client.get(url, params={"limit": 1})  # followed: same origin
    assert reply.status == 200 and isinstance(reply.data, list)
    statuses = [e.status for e in client.log.all() if "/sender/locations" in e.url]
    assert statuses[-2:] == [308, 200]
