"""Safe to point at a partner's production: no request (so no token) to another host, no
relay through our peer, no hang past the deadline, no traceback, bounded memory, GET only in
read-only mode, nothing of ours left behind, no token in the output.

"Another host" is a recorder on 127.0.0.2: every test asserts it was never asked anything.
"""

from __future__ import annotations

import base64
import json
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocpi_conformance.party import Registration
from ocpi_conformance.transport.client import Limits, OcpiClient
from ocpi_conformance.transport.guards import HostPolicy
from ocpi_conformance.verdicts.catalog import select

from .harness_runs import TOKEN_A, WRITTEN_FOR, run, run_cli, sandbox
from .misbehaving_server import _Server, misbehaving_server

TOKEN = "canary-token-3f9d2c71"


@pytest.fixture(scope="module")
def target() -> Iterator[_Server]:
    with misbehaving_server() as running:
        yield running


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[_Server]:
    with misbehaving_server("127.0.0.2") as running:
        yield running


def _url(server: _Server, path: str) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}{path}"


def _client(target: _Server, **limits: float) -> OcpiClient:
    policy = HostPolicy.for_target(_url(target, "/versions"))
    return OcpiClient(TOKEN, limits=Limits(**limits), policy=policy)


def test_a_link_to_another_host_is_never_followed(target: _Server, elsewhere: _Server) -> None:
    away = _url(elsewhere, "/steal")
    with _client(target) as client:
        walk = client.walk(_url(target, f"/link-away?to={away}"))
    assert sum(elsewhere.hits.values()) == 0
    # the target's Link is its finding, never our refusal
    assert walk.stopped is not None and walk.stopped.startswith("the target's Link rel=next")
    assert "127.0.0.2" in walk.stopped and "--allow-host" in walk.stopped


def test_a_redirect_elsewhere_is_not_followed(target: _Server, elsewhere: _Server) -> None:
    away = _url(elsewhere, "/steal")
    with _client(target) as client:
        reply = client.get(_url(target, f"/redirect-away?to={away}"))
    assert reply.status == 307 and sum(elsewhere.hits.values()) == 0


def test_an_allowed_host_is_asked(target: _Server, elsewhere: _Server) -> None:
    policy = HostPolicy.for_target(_url(target, "/versions"), ["127.0.0.2"])
    with OcpiClient(TOKEN, policy=policy) as client:
        assert client.get(_url(elsewhere, "/echo")).status == 200
    assert elsewhere.hits["/echo"] >= 1
    elsewhere.hits.clear()


def test_details_on_another_host_end_the_run_with_exit_3(
    tmp_path: Path, target: _Server, elsewhere: _Server
) -> None:
    away = _url(elsewhere, "/details")
    result = run_cli(
        tmp_path,
        "--versions-url",
        _url(target, f"/versions-away?to={away}"),
        "--role",
        "cpo",
        "--token-a",
        TOKEN,
    )
    assert result.code == 3, result.stderr
    assert "refused to send a request to http://127.0.0.2" in result.stderr
    assert sum(elsewhere.hits.values()) == 0
    assert "Traceback" not in result.stderr + result.stdout


def test_the_peer_fetches_no_other_host_and_echoes_nothing(elsewhere: _Server) -> None:
    """A target registering with our peer names a versions URL elsewhere: the peer refuses
    it (3001) without asking it, and says nothing of what such a URL might hold."""
    with sandbox("cpo") as state:
        state.callback_policy = HostPolicy.for_target(state.versions_url)
        credentials = {
            "token": "hostile-token-b-12345",
            "url": _url(elsewhere, "/echo"),
            "roles": [
                {
                    "role": "EMSP",
                    "party_id": "EVL",
                    "country_code": "NL",
                    "business_details": {"name": "hostile"},
                }
            ],
        }
        with OcpiClient(TOKEN_A) as client:
            reply = client.request(
                "POST", state.credentials_url, module="credentials", json_body=credentials
            )
    assert reply.status_code == 3001, reply.describe()
    assert sum(elsewhere.hits.values()) == 0
    assert "echo" not in (reply.text or "").lower().replace(_url(elsewhere, "/echo"), "")


def test_headers_trickled_a_byte_at_a_time_end_at_the_deadline(target: _Server) -> None:
    started = time.monotonic()
    with _client(target, read_timeout=1, total_timeout=2) as client:
        reply = client.get(_url(target, "/trickle-headers"))
    assert time.monotonic() - started < 4
    assert not reply.ok and "not complete within 2 s" in (reply.error or "")


def test_deeply_nested_json_is_a_described_failure(target: _Server) -> None:
    with _client(target) as client:
        reply = client.get(_url(target, "/deep"))
    assert reply.json is None and "nests deeper than" in (reply.json_error or "")


def test_deep_json_from_the_versions_endpoint_is_exit_3_without_traceback(
    tmp_path: Path, target: _Server
) -> None:
    result = run_cli(tmp_path, "--versions-url", _url(target, "/deep"), "--role", "cpo",
                     "--token-a", TOKEN)  # fmt: skip
    assert result.code == 3, result.stderr
    assert "nests deeper than" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert (tmp_path / "results.json").is_file()


def test_a_gzip_bomb_stops_at_the_body_limit(target: _Server) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with _client(target, max_body_bytes=1024 * 1024) as client:
        reply = client.get(_url(target, "/gzip-bomb"))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert "exceeds 1048576 bytes" in (reply.error or ""), reply.describe()
    assert grown_mb < 100, f"the harness grew by {grown_mb:.0f} MB"


def test_invalid_utf8_is_not_json(target: _Server) -> None:
    with _client(target) as client:
        reply = client.get(_url(target, "/latin1"))
    assert reply.json is None and "not valid UTF-8" in (reply.json_error or "")


def _registered(state) -> str:
    token_c = "given-token-c-safety-1"
    state.register(TOKEN_A, Registration(token=token_c))
    return token_c


@pytest.mark.parametrize("role", ["cpo", "emsp"])
def test_read_only_sends_get_only(tmp_path: Path, role: str) -> None:
    with sandbox(role) as state:
        token_c = _registered(state)
        result = run_cli(tmp_path, "--versions-url", state.versions_url, "--role", role,
                         "--token-c", token_c, "--read-only", "--profile", "quick")  # fmt: skip
        methods = {e.method for e in state.log.all() if e.direction == "inbound"}
    assert result.code in (0, 1), result.stderr
    assert methods == {"GET"}, methods
    outcomes = {c["id"]: c["outcome"] for c in result.results["cases"]}
    assert outcomes["CRD-ANY-001"] == "skipped" and outcomes["LOC-CPO-001" if role == "cpo"
           else "TOK-EMSP-001"] == "passed"  # fmt: skip


def test_read_only_with_token_a_does_not_register(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run_cli(tmp_path, "--versions-url", state.versions_url, "--role", "cpo",
                         "--token-a", TOKEN_A, "--read-only")  # fmt: skip
        requests = [e for e in state.log.all() if e.direction == "inbound"]
    # refused before it starts (issue #22): a read-only run registers nothing, so it needs a
    # token C, and with a token A it would skip nearly every case and pass the gate
    assert result.code == 2 and not requests, requests
    assert "give --token-c" in result.stderr


def _every_form(tokens: set[str]) -> set[str]:
    return tokens | {base64.b64encode(t.encode()).decode() for t in tokens}


def test_no_token_the_run_saw_reaches_its_output(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, "--profile", "quick")
        tokens = _every_form(state.every_token())
    assert result.code == 0, result.failed()
    assert len(tokens) >= 6  # token A, the probes' and the real token B, token C, the PUT's
    for path in tmp_path.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            leaked = [t for t in tokens if t in text]
            assert not leaked, f"{path.name} holds a token"


def test_tokens_from_files_stay_off_the_command_line(tmp_path: Path) -> None:
    token_file = tmp_path / "token-a.txt"
    token_file.write_text(TOKEN_A + "\n", encoding="utf-8")
    with sandbox("cpo") as state:
        result = run_cli(tmp_path / "out", "--versions-url", state.versions_url, "--role", "cpo",
                         "--token-a-file", str(token_file), "--profile", "quick")  # fmt: skip
    assert result.code == 0, result.stderr
    missing = run_cli(tmp_path / "out2", "--versions-url", "http://127.0.0.1:9/", "--role",
                      "cpo", "--token-a-file", str(tmp_path / "nope"))  # fmt: skip
    assert missing.code == 2 and "cannot read token_a" in missing.stderr


def _emsp_run(tmp_path: Path, state, *extra: str) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "ocpi_conformance.cli", "run", "--versions-url",
        state.versions_url, "--role", "emsp", "--token-a", TOKEN_A, "--profile",
        "certification", "--ocpi-version", WRITTEN_FOR, "--output", str(tmp_path), *extra,
    ]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _after_cut(tmp_path: Path, state, process: subprocess.Popen[str]) -> tuple[dict, str]:
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stderr
    doc = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert not state.registrations(), "the interrupted run left its registration"
    assert "Traceback" not in stderr
    return doc, stderr


def test_the_budget_ends_the_run_writes_results_and_unregisters(tmp_path: Path) -> None:
    with sandbox("emsp") as state:
        doc, stderr = _after_cut(tmp_path, state, _emsp_run(tmp_path, state, "--max-duration", "3"))
    assert "budget of 3 s expired" in stderr and "budget of 3 s expired" in doc["error"]
    # every case of the run is accounted for: judged, or listed as not run
    ran = select("emsp", version=WRITTEN_FOR)  # the sandbox run's version
    assert {c["id"] for c in doc["cases"]} == {c.id for c in ran}


def test_sigterm_ends_the_run_the_same_way(tmp_path: Path) -> None:
    with sandbox("emsp") as state:
        process = _emsp_run(tmp_path, state)
        time.sleep(3)
        process.send_signal(signal.SIGTERM)
        doc, stderr = _after_cut(tmp_path, state, process)
    assert "SIGTERM" in stderr and "SIGTERM" in doc["error"]
