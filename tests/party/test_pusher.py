"""The sandbox as a client (party/pusher.py): after a party registers with it, a CPO sandbox
pushes a Location, a Session, a CDR and a Tariff to that party's Receivers, an eMSP sandbox a
Token; `POST /sandbox/push` pushes again. Real HTTP between two parties; what each push fault
changes in the requests."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from ocpi_conformance.party import chargingprofiles, commands, lists, pusher
from ocpi_conformance.party.app import TRIGGER_PATH
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.transport.exchanges import Exchange

from .conftest import RunningParty, Start, handshake

V = SPOKEN[-1]  # two parties register in the highest version both speak
CPO_PUSHES = 6  # Location PUT + PATCH, Session PUT + PATCH, CDR POST, Tariff PUT
EMSP_PUSHES = 4  # Token PUT + PATCH, a START_SESSION, a SetChargingProfile on its session


@dataclass
class Pair:
    target: RunningParty  # the sandbox that pushes
    peer: RunningParty  # the party that registered with it and receives


def registered(start: Start, role: str, *faults: str) -> Pair:
    target = start(role, faults=faults)
    pusher.enable(target.state)
    peer = start("EMSP" if role == "CPO" else "CPO", token_a=None)
    _, result = handshake(peer, target)
    assert result.ok, result.problem
    return Pair(target, peer)


def pushes(pair: Pair, count: int) -> list[Exchange]:
    """The requests the peer received at its Receivers, once `count` have arrived."""

    def received() -> list[Exchange]:
        return [
            e
            for e in pair.peer.state.log.all()
            if e.direction == "inbound" and "/receiver/" in e.url
        ]

    pair.peer.state.log.wait_for(lambda _e: len(received()) >= count, timeout=5)
    return received()


def body(exchange: Exchange) -> Any:
    return json.loads(exchange.request_body or "null")


def test_a_cpo_pushes_its_objects_once_registered(start: Start) -> None:
    pair = registered(start, "CPO")
    seen = pushes(pair, CPO_PUSHES)
    shapes = [(e.method, e.url.split("/receiver/")[1].split("/")[0]) for e in seen]
    assert shapes == [
        ("PUT", "locations"),
        ("PATCH", "locations"),
        ("PUT", "sessions"),
        ("PATCH", "sessions"),
        ("POST", "cdrs"),
        ("PUT", "tariffs"),
    ]
    assert all(e.status in (200, 201) for e in seen), [(e.url, e.status) for e in seen]
    assert all("last_updated" in body(e) for e in seen if e.method == "PATCH")
    first = seen[0].request_headers
    assert first["ocpi-from-country-code"] == "NL" and first["ocpi-to-party-id"] == "MSP"
    assert first["x-request-id"] and first["x-correlation-id"]


def test_an_emsp_pushes_its_token_with_its_type(start: Start) -> None:
    pair = registered(start, "EMSP")
    seen = pushes(pair, EMSP_PUSHES)[:2]
    assert [e.method for e in seen] == ["PUT", "PATCH"]
    assert all("?type=" in e.url and e.status in (200, 201) for e in seen)


def _command(pair: Pair) -> Exchange:
    pushes(pair, EMSP_PUSHES)
    return next(e for e in pair.peer.state.log.all() if "/receiver/commands/" in e.url)


def _result_answer(pair: Pair) -> dict[str, Any]:
    """What the eMSP answered to the CommandResult the CPO POSTed to its response_url."""
    assert commands.log(pair.peer.state, V).wait_for_results(1)
    posted = next(
        e
        for e in pair.peer.state.log.all()
        if e.direction == "outbound" and "/sender/commands/" in e.url
    )
    return json.loads(posted.response_body or "{}")


def test_an_emsp_commands_the_cpo_it_registered_with(start: Start) -> None:
    pair = registered(start, "EMSP")
    command = _command(pair)
    assert command.url.endswith("/receiver/commands/START_SESSION") and command.status == 200
    assert json.loads(command.response_body or "{}")["data"]["result"] == "ACCEPTED"
    assert _result_answer(pair)["status_code"] == 1000
    assert commands.log(pair.target.state, V).delivered  # the eMSP took the result


def test_fault_command_invalid(start: Start) -> None:
    command = _command(registered(start, "EMSP", "command_invalid"))
    assert "token" not in body(command)
    assert json.loads(command.response_body or "{}")["status_code"] == 2001


def test_fault_command_result_refused(start: Start) -> None:
    pair = registered(start, "EMSP", "command_result_refused")
    _command(pair)
    assert _result_answer(pair)["status_code"] == 2001


def test_the_trigger_pushes_again_and_only_a_sandbox_has_one(start: Start) -> None:
    pair = registered(start, "CPO")
    pushes(pair, CPO_PUSHES)
    command = [sys.executable, "-m", "ocpi_conformance.sandbox.trigger", pair.target.state.base_url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    assert len(pushes(pair, 2 * CPO_PUSHES)) == 2 * CPO_PUSHES
    peer_trigger = pair.peer.client(None).request("POST", pair.peer.state.base_url + TRIGGER_PATH)
    assert peer_trigger.status == 401  # the harness's peer never pushes on request


def test_fault_push_invalid_object(start: Start) -> None:
    location = body(pushes(registered(start, "CPO", "push_invalid_object"), CPO_PUSHES)[0])
    assert "address" not in location and "coordinates" not in location


def test_fault_push_patch_without_last_updated(start: Start) -> None:
    seen = pushes(registered(start, "CPO", "push_patch_without_last_updated"), CPO_PUSHES)
    patches = [body(e) for e in seen if e.method == "PATCH"]
    assert patches and all("last_updated" not in p for p in patches)


def test_fault_push_url_body_disagree(start: Start) -> None:
    put = pushes(registered(start, "CPO", "push_url_body_disagree"), CPO_PUSHES)[0]
    assert put.url.endswith(f"/{body(put)['id']}-OTHER")


def test_fault_push_raw_token(start: Start) -> None:
    pair = registered(start, "CPO", "push_raw_token")
    seen = pushes(pair, CPO_PUSHES)
    assert all(e.status == 401 for e in seen)  # the peer refuses a token not Base64-encoded
    token = pair.peer.state.registrations()[0].token
    assert base64.b64encode(token.encode()).decode() not in str(seen[0].request_headers)


def test_fault_push_no_request_id(start: Start) -> None:
    first = pushes(registered(start, "CPO", "push_no_request_id"), CPO_PUSHES)[0]
    assert not first.request_headers.get("x-request-id")
    assert not first.request_headers.get("x-correlation-id")


def test_fault_push_cdr_with_put(start: Start) -> None:
    seen = pushes(registered(start, "CPO", "push_cdr_with_put"), CPO_PUSHES)
    cdr = next(e for e in seen if "/receiver/cdrs" in e.url)
    assert cdr.method == "PUT" and cdr.status == 405


def test_fault_push_wrong_routing(start: Start) -> None:
    first = pushes(registered(start, "CPO", "push_wrong_routing"), CPO_PUSHES)[0]
    assert (
        first.request_headers["ocpi-to-country-code"],
        first.request_headers["ocpi-to-party-id"],
    ) == ("XX", "XXX")


def _inbound(party: RunningParty) -> list[tuple[str, str]]:
    """(method, path below /ocpi/) of what a party received, in the order it was sent."""
    found = sorted(
        (e for e in party.state.log.all() if e.direction == "inbound"), key=lambda e: e.started_at
    )
    return [(e.method, e.url.split("/ocpi/")[1]) for e in found]


def _registers_with(start: Start, *faults: str) -> Pair:
    """The sandbox starts the registration with a party that gave it a token A."""
    target = start("CPO", faults=faults, token_a=None)
    pusher.enable(target.state)
    peer = start("EMSP", token_a="token-a-the-peer-gave")
    result = pusher.register_with(target.state, peer.state.versions_url, "token-a-the-peer-gave")
    assert result.ok, result.problem
    return Pair(target, peer)


def test_the_sandbox_starts_a_registration_then_pushes(start: Start) -> None:
    pair = _registers_with(start)
    seen = _inbound(pair.peer)[:3]
    assert seen == [("GET", "versions"), ("GET", V), ("POST", f"{V}/credentials")]
    assert all(e.status in (200, 201) for e in pushes(pair, CPO_PUSHES))


def test_fault_register_skips_details(start: Start) -> None:
    pair = _registers_with(start, "register_skips_details")
    # having read no versions list, it guesses the default version's credentials URL
    assert _inbound(pair.peer)[0] == ("POST", f"{DEFAULT}/credentials")


def test_fault_register_keeps_token_a(start: Start) -> None:
    pair = _registers_with(start, "register_keeps_token_a")
    assert all(e.status == 401 for e in pushes(pair, CPO_PUSHES))  # token A is spent


def _profile_request(pair: Pair) -> Exchange:
    pushes(pair, EMSP_PUSHES)
    return next(e for e in pair.peer.state.log.all() if "/receiver/chargingprofiles/" in e.url)


def test_an_emsp_sets_a_profile_on_the_session_it_started(start: Start) -> None:
    pair = registered(start, "EMSP")
    request = _profile_request(pair)
    started = next(
        s for s in lists.stored(pair.peer.state, "sessions", V) if s["id"] in request.url
    )
    assert request.method == "PUT" and started["status"] == "ACTIVE"
    assert json.loads(request.response_body or "{}")["data"]["result"] == "ACCEPTED"
    assert chargingprofiles.log(pair.peer.state, V).wait_for_results(1)
    assert chargingprofiles.log(pair.target.state, V).delivered  # the eMSP took the result


def test_fault_profile_invalid(start: Start) -> None:
    request = _profile_request(registered(start, "EMSP", "profile_invalid"))
    assert "response_url" not in body(request)
    assert json.loads(request.response_body or "{}")["status_code"] == 2001


def test_fault_profile_result_refused(start: Start) -> None:
    pair = registered(start, "EMSP", "profile_result_refused")
    _profile_request(pair)
    assert chargingprofiles.log(pair.peer.state, V).wait_for_results(1)
    [(_, _, status)] = chargingprofiles.log(pair.peer.state, V).results
    posted = next(
        e
        for e in pair.peer.state.log.all()
        if e.direction == "outbound" and "/sender/chargingprofiles/" in e.url
    )
    assert status == 200 and json.loads(posted.response_body or "{}")["status_code"] == 2001


def test_fault_push_to_versions_url(start: Start) -> None:
    pair = registered(start, "CPO", "push_to_versions_url")
    versions = pair.peer.state.versions_url
    pair.peer.state.log.wait_for(lambda e: e.url.startswith(versions + "/sessions"), timeout=5)
    stray = [e for e in pair.peer.state.log.all() if e.url.startswith(versions + "/sessions")]
    assert stray and all(e.status == 404 for e in stray)
    assert not any("/receiver/sessions" in e.url for e in pair.peer.state.log.all())


def test_fault_push_hardcoded_token(start: Start) -> None:
    seen = pushes(registered(start, "CPO", "push_hardcoded_token"), CPO_PUSHES)
    assert all(e.status == 401 for e in seen)  # a token the peer never gave
    assert all(e.request_headers.get("authorization") == "Token «redacted»" for e in seen)
