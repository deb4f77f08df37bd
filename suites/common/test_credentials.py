"""CRD: registration, token rotation and unregistration (credentials.asciidoc).

The handshake itself runs once (ocpi_conformance.handshake); these cases judge what it observed.
The unregistration cases are marked `ocpi_last`: they end the registration every other case uses.
"""

from __future__ import annotations

import uuid

import pytest

from ocpi_conformance.catalog import case
from ocpi_conformance.checks.envelope import assert_envelope, assert_success
from ocpi_conformance.client import OcpiClient
from ocpi_conformance.discovery import Discovery
from ocpi_conformance.handshake import Attempt, Handshake
from ocpi_conformance.harness import Harness
from ocpi_conformance.peer import Peer

CREDENTIALS = ("credentials", "", "post")


def _registration(handshake: Handshake) -> Attempt:
    assert not handshake.notes, handshake.notes[0]
    assert handshake.registration is not None, "no registration was attempted"
    return handshake.registration


def _callback(attempt: Attempt, url: str) -> str:
    """How the target authenticated its GET of `url` on our peer, or why it did not call."""
    calls = [
        e for e in attempt.callbacks if e.method == "GET" and e.url.rstrip("/") == url.rstrip("/")
    ]
    assert calls, (
        f"the target answered the POST without fetching {url} "
        f"(it called: {', '.join(e.url for e in attempt.callbacks) or 'nothing'})"
    )
    header = calls[0].request_headers.get("authorization", "")
    return header


@case("CRD-ANY-001")
def test_post_registers(handshake: Handshake) -> None:
    attempt = _registration(handshake)
    assert_success(attempt.reply, *CREDENTIALS)
    assert attempt.registered, f"{attempt.reply.describe()}: no token C in the answer"
    assert "«token A»" not in (attempt.reply.exchange.response_body or ""), (
        "the target handed back token A as token C"
    )


@case("CRD-ANY-002")
def test_target_fetches_our_versions_with_token_b(handshake: Handshake, peer: Peer) -> None:
    header = _callback(_registration(handshake), peer.versions_url)
    assert header == "Token «token B, base64»", (
        f"the target fetched our versions with Authorization {header!r}, expected token B "
        "Base64-encoded"
    )


@case("CRD-ANY-003")
def test_target_fetches_our_details_with_token_b(handshake: Handshake, peer: Peer) -> None:
    header = _callback(_registration(handshake), peer.details_url)
    assert header == "Token «token B, base64»", (
        f"the target fetched our details with Authorization {header!r}, expected token B "
        "Base64-encoded"
    )


@case("CRD-ANY-004")
def test_token_c_works(client: OcpiClient, discovery: Discovery, handshake: Handshake) -> None:
    _registration(handshake)
    reply = client.get(discovery.versions_url, module="versions")
    assert reply.status == 200, f"with token C: {reply.describe()}"


@case("CRD-ANY-005")
def test_token_a_stops_working(
    harness: Harness, discovery: Discovery, handshake: Handshake
) -> None:
    _registration(handshake)
    reply = harness.client(harness.config.secret("token_a")).get(
        discovery.versions_url, module="versions"
    )
    assert reply.status == 401, (
        f"token A after registration: {reply.describe()}, expected HTTP 401 (token A MAY no "
        "longer be used once the exchange has finished)"
    )


@case("CRD-ANY-006")
def test_get_credentials(client: OcpiClient, discovery: Discovery) -> None:
    url = discovery.endpoint("credentials")
    assert url, "the details list no credentials endpoint"
    reply = client.get(url, module="credentials")
    assert_success(reply, "credentials", "", "get")


@case("CRD-ANY-007")
def test_second_post_is_refused(client: OcpiClient, discovery: Discovery, peer: Peer) -> None:
    token_b = f"occ-{uuid.uuid4()}"
    client.secrets.add(token_b, "token B (second POST)")
    reply = client.request(
        "POST",
        discovery.endpoint("credentials") or "",
        module="credentials",
        json_body=peer.credentials(token_b),
    )
    assert reply.status == 405, f"a second POST: {reply.describe()}, expected HTTP 405"


@case("CRD-ANY-008")
def test_put_rotates_the_token(
    client: OcpiClient, harness: Harness, discovery: Discovery, peer: Peer
) -> None:
    if harness.config.read_only:
        pytest.skip("--read-only sends no PUT")
    url = discovery.endpoint("credentials") or ""
    old = client.token
    token_b = f"occ-{uuid.uuid4()}"
    client.secrets.add(token_b, "token B (rotated)")
    peer.expect_registration(token_b)
    reply = client.request("PUT", url, module="credentials", json_body=peer.credentials(token_b))
    assert_success(reply, "credentials", "", "put")
    new = reply.data.get("token")
    assert isinstance(new, str) and new != old, "PUT did not hand out a new token C"
    client.secrets.add(new, "token C (rotated)")
    client.token = new  # every later case uses the rotated token
    stale = client.with_token(old).get(discovery.versions_url, module="versions")
    assert stale.status == 401, f"the old token C after PUT: {stale.describe()}, expected 401"
    fresh = client.get(discovery.versions_url, module="versions")
    assert fresh.status == 200, f"the new token C after PUT: {fresh.describe()}"


@case("CRD-ANY-009")
def test_refused_callback_gets_3001(handshake: Handshake) -> None:
    attempt = handshake.refused_callback
    assert attempt is not None, handshake.notes[0] if handshake.notes else "no probe was made"
    assert not attempt.registered, "the target registered although our peer refused its callback"
    assert attempt.reply.status_code == 3001, (
        f"{attempt.reply.describe()}: expected status_code 3001 when our versions endpoint "
        "refuses the callback"
    )


@case("CRD-ANY-010")
def test_no_common_version_gets_3002(handshake: Handshake) -> None:
    attempt = handshake.no_common_version
    assert attempt is not None, handshake.notes[0] if handshake.notes else "no probe was made"
    assert not attempt.registered, "the target registered although we offered no 2.2.1"
    assert attempt.reply.status_code == 3002, (
        f"{attempt.reply.describe()}: expected status_code 3002 when we offer no common version"
    )


@pytest.mark.ocpi_last
@case("CRD-ANY-011")
def test_delete_unregisters(client: OcpiClient, harness: Harness, discovery: Discovery) -> None:
    if harness.config.read_only:
        pytest.skip("--read-only sends no DELETE")
    reply = client.request("DELETE", discovery.endpoint("credentials") or "", module="credentials")
    assert_envelope(reply, "credentials", "", "delete")
    after = client.get(discovery.versions_url, module="versions")
    assert after.status == 401, f"token C after DELETE: {after.describe()}, expected HTTP 401"


@pytest.mark.ocpi_last
@case("CRD-ANY-012")
def test_after_delete_put_and_delete_get_405(
    client: OcpiClient, harness: Harness, discovery: Discovery, peer: Peer
) -> None:
    if harness.config.read_only:
        pytest.skip("--read-only sends no PUT or DELETE")
    url = discovery.endpoint("credentials") or ""
    token_a_client = client.with_token(harness.config.secret("token_a"))
    put = token_a_client.request(
        "PUT", url, module="credentials", json_body=peer.credentials(f"occ-{uuid.uuid4()}")
    )
    delete = token_a_client.request("DELETE", url, module="credentials")
    if put.status == 401 and delete.status == 401:
        pytest.skip("the target refuses token A after unregistering: no unregistered party can ask")
    # 401 is the transport rule for a token the target no longer knows; 405 is the credentials
    # rule for a known party that is not registered. Either is right; anything else is not.
    wrong = [
        f"{verb} after unregistering: {reply.describe()}, expected HTTP 405 (or 401)"
        for verb, reply in (("PUT", put), ("DELETE", delete))
        if reply.status not in (401, 405)
    ]
    assert not wrong, "; ".join(wrong)
