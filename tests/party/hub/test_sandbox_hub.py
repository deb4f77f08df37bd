"""The hub sandbox as a whole: the built-in CPO and eMSP sandboxes register with it and do their
whole production flow through it (pushes, a START_SESSION and its result, a charging profile);
the guards hold (loopback, bounded bodies, no token in any record); every hub fault is
registered with its clause and shown taking effect by a test of this folder."""

from __future__ import annotations

import base64
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from ocpi_conformance.party import commands, locations, pusher
from ocpi_conformance.party.hub import HUB_FAULTS, hub_of
from ocpi_conformance.party.hub import app as hub_app
from ocpi_conformance.sandbox import start, start_hub
from ocpi_conformance.spec.roles import SANDBOX_ROLES, TESTED_ROLES, role_in
from ocpi_conformance.transport.client import OcpiClient

from ...spec_tables.extract import anchors_of
from .conftest import FAST, Net, wait_until

SPEC = "/work/.mirror/ocpi+ocpi/repo"


def test_the_sandboxes_work_through_the_hub() -> None:
    hub, hub_server = start_hub(["a-cpo", "a-emsp1", "a-emsp2"], forward_timeout_s=3.0)
    cpo, cpo_server = start("cpo", "unused-cpo", party_id="CPO")
    emsp1, emsp1_server = start("emsp", "unused-e1", party_id="MS1")
    emsp2, emsp2_server = start("emsp", "unused-e2", party_id="MS2", country_code="DE")
    try:
        for state, token in ((emsp2, "a-emsp2"), (cpo, "a-cpo"), (emsp1, "a-emsp1")):
            assert pusher.register_with(state, hub.state.versions_url, token).ok
        # the CPO broadcasts its objects (no OCPI-to-*: open routing, its own objects): both
        # eMSPs receive them; the eMSPs' Tokens reach the CPO; eMSP1 (registered after the CPO,
        # so it finds the CPO's Location in the hub's GET All) sends a START_SESSION: it reaches
        # the CPO and its result eMSP1, through the hub
        for emsp in (emsp1, emsp2):
            assert wait_until(lambda e=emsp: len(locations.store(e, "2.2.1")) == 1, 8.0)
        delivered = commands.log(emsp1, "2.2.1").delivered
        assert wait_until(lambda: bool(delivered), 10.0)
        assert delivered[0][1]["result"] == "ACCEPTED"
        received = commands.log(cpo, "2.2.1").received
        assert "START_SESSION" in [c for c, _ in received]
        tokens = cpo.store("tokens-received", lambda _s: None, "2.2.1")
        assert tokens is not None and len(tokens.objects) == 2  # one Token of each eMSP
        assert {i["status"] for i in hub.client_infos()} == {"CONNECTED"}
        # no token, raw or Base64, in any record of the hub
        records = "\n".join(str(e.to_dict()) for e in hub.state.log.all())
        for token in hub.state.every_token():
            assert token not in records
            assert base64.b64encode(token.encode()).decode() not in records
        assert hub_of(hub.state) is hub
    finally:
        for server in (hub_server, cpo_server, emsp1_server, emsp2_server):
            server.stop()
        hub.stop()


def test_start_hub_refuses_unknown_faults() -> None:
    with pytest.raises(ValueError, match="unknown hub fault"):
        start_hub(["x"], faults=("answer_403_for_401",))  # a party's, not a hub's


def test_start_plays_the_hub_too() -> None:
    state, server = start("hub", "a-token-a-for-start")
    try:
        with OcpiClient("a-token-a-for-start", limits=FAST) as client:
            versions = client.get(state.versions_url)
        assert [v["version"] for v in versions.data] == ["2.2.1"]
        assert state.identity.role == "HUB"
    finally:
        server.stop()
        hub_of(state).stop()


def test_the_hub_registers_loopback_parties_only(net: Net) -> None:
    hub = net.start_hub()
    hub.add_token_a("token-a-of-a-remote-party")
    credentials = {
        "token": "remote-token-b-000000",
        "url": "http://10.1.2.3/ocpi/versions",  # the hub never calls it
        "roles": [
            {
                "role": "CPO",
                "party_id": "RMT",
                "country_code": "NL",
                "business_details": {"name": "remote"},
            }
        ],
    }
    with OcpiClient("token-a-of-a-remote-party", limits=FAST) as client:
        reply = client.request(
            "POST", hub.state.credentials_url, module="credentials", json_body=credentials
        )
    assert reply.status_code == 3001
    outbound = [e for e in hub.state.log.all() if e.direction == "outbound"]
    assert outbound and all((e.error or "").startswith("refused") for e in outbound)


def test_a_body_beyond_the_limit_is_413(net: Net, monkeypatch: pytest.MonkeyPatch) -> None:
    net.start_hub()
    cpo = net.party("CPO", "CPO")
    monkeypatch.setattr(hub_app, "MAX_BODY", 1000)
    with cpo.client(to=("NL", "HUB")) as client:
        url = f"{cpo.hub_endpoint('tariffs', 'RECEIVER')}/NL/CPO/T1"
        reply = client.request("PUT", url, module="tariffs", raw_body="x" * 5000)
    assert reply.status == 413


def test_the_hub_is_a_role_of_2_2_1_only() -> None:
    assert "hub" in SANDBOX_ROLES and "hub" in TESTED_ROLES  # suites/hub
    assert role_in("hub", "2.2.1")
    assert not role_in("hub", "2.1.1") and not role_in("hub", "2.3.0")


def test_every_hub_fault_has_a_test_and_a_clause() -> None:
    here = Path(__file__).parent
    modules = [
        importlib.import_module(f"{__package__}.{path.stem}") for path in here.glob("test_*.py")
    ]
    untested = {n for n in HUB_FAULTS if not any(hasattr(m, f"test_fault_{n}") for m in modules)}
    assert untested == set()
    for found in HUB_FAULTS.values():
        assert found.description.strip() and found.name.startswith("hub_")
        document, anchor = found.clause.split("#")
        text = subprocess.run(
            ["git", "-C", SPEC, "show", f"2.2.1:{document}"], capture_output=True, text=True
        ).stdout
        if not text:
            pytest.skip("the spec mirror is not on this machine")
        assert _has_anchor(text, anchor), found.clause


def _has_anchor(text: str, anchor: str) -> bool:
    return anchor in anchors_of(text)


def test_the_cli_lists_the_hub_faults() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "ocpi_conformance.cli", "sandbox", "--role", "hub", "--list-faults"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0
    assert {line.split()[0] for line in listed.stdout.splitlines()} == set(HUB_FAULTS)
