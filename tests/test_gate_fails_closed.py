"""A gate that never goes green by mistake (issue #22): every plain mistake a user or a CI job
makes ends in a non-zero exit, one line saying why, and outputs that agree with the exit code.
Real CLI runs in subprocesses against sandboxes on loopback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from ocpi_conformance.party import Registration

from .conftest import Demo
from .harness_runs import TOKEN_A, run, run_cli, sandbox

CLI = [sys.executable, "-m", "ocpi_conformance.cli"]


def _one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def _interrupt_after_start(command: list[str], env: dict[str, str] | None = None) -> tuple:
    """Start a run, send it SIGINT once it is testing, and return (code, stdout, stderr)."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        seen.append(line)
        if line.startswith("ocpi-conformance: testing") and "profile" in line:
            break
    time.sleep(1.5)  # inside the suites
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=90)
    return process.returncode, "".join(seen) + out, err


def test_ctrl_c_fails_the_gate_and_every_output_says_so(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        command = [*CLI, "run", "--versions-url", state.versions_url, "--role", "cpo",
                   "--token-a", TOKEN_A, "--output", str(tmp_path)]  # fmt: skip
        code, out, err = _interrupt_after_start(command)
    assert code == 1, out + err
    assert "verdict: FAIL (stopped early: interrupted (SIGINT)" in out
    assert "verdict: PASS" not in out
    doc = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert doc["verdict"] == "fail" and "interrupted" in doc["error"]
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    assert suite is not None and int(suite.get("failures", "0")) >= 1, "junit.xml looks green"


def test_ctrl_c_in_the_demo_stops_every_run(tmp_path: Path) -> None:
    code, out, err = _interrupt_after_start([*CLI, "run", "--output", str(tmp_path)])
    assert code == 1, out + err
    assert out.count("testing the built-in") == 1, "the demo went on after Ctrl-C"
    assert "verdict of the demo, every version and role: FAIL" in out
    assert "not run" in out and "stopped early: interrupted (SIGINT)" in out


def test_target_settings_without_a_versions_url_are_refused(tmp_path: Path) -> None:
    env = {**os.environ, "OCPI_ROLE": "cpo", "OCPI_TOKEN_A": "some-token-a"}
    env.pop("OCPI_VERSIONS_URL", None)
    done = subprocess.run([*CLI, "run", "--output", str(tmp_path)], capture_output=True,
                          text=True, env=env, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 2
    line = _one_line_error(done.stderr)
    assert "no --versions-url" in line and "--role" in line and "--token-a" in line
    assert not list(tmp_path.iterdir()), "the demo ran instead"


def test_a_cpo_tested_as_an_emsp_stops_naming_the_role_it_shows(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, role="emsp")
    assert result.code == 3, result.stdout + result.stderr
    line = _one_line_error(result.stderr)
    assert "is not a EMSP" in line and "--role cpo" in line, line
    assert result.results["verdict"] == "fail"


def test_read_only_with_a_token_a_is_refused(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, "--read-only")
    assert result.code == 2
    assert "--read-only" in _one_line_error(result.stderr) and not state.log.all()


def test_cases_of_another_role_are_refused(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        foreign = run(state, tmp_path / "a", "--case", "LOC-EMSP-001")
        nothing = run(state, tmp_path / "b", "--modules", "versions", "--case", "LOC-CPO-001")
        requests = len(state.log.all())
    assert foreign.code == 2 and "another role" in _one_line_error(foreign.stderr)
    assert nothing.code == 2 and "--modules does not select" in _one_line_error(nothing.stderr)
    assert requests == 0, "a refused run sent requests"


def test_both_tokens_are_refused(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, "--token-c", "also-a-token-c")
    assert result.code == 2 and "not both" in _one_line_error(result.stderr)


def test_a_peer_port_that_cannot_be_bound_is_a_usage_error(tmp_path: Path) -> None:
    with socket.socket() as busy, sandbox("cpo") as state:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run(state, tmp_path, "--peer-port", str(port))
        requests = len(state.log.all())
    assert result.code == 2, result.stdout + result.stderr
    line = _one_line_error(result.stderr)
    assert "cannot listen" in line and str(port) in line and "--peer-port" in line
    assert requests == 0 and "errors" not in result.stdout


def test_a_port_out_of_range_is_said_before_anything_starts(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--versions-url", "http://127.0.0.1:99999/ocpi/versions",
                     "--role", "cpo", "--token-a", "x")  # fmt: skip
    assert result.code == 2
    assert "out of range" in _one_line_error(result.stderr)
    peer = run_cli(tmp_path, "--versions-url", "http://127.0.0.1:9/ocpi/versions",
                   "--role", "cpo", "--token-a", "x", "--peer-port", "70000")  # fmt: skip
    assert peer.code == 2 and "peer_port" in _one_line_error(peer.stderr)


def test_a_run_that_judges_nothing_does_not_pass(tmp_path: Path) -> None:
    """The only case picked needs a registration of the harness's own, and the run has a token
    C: it is skipped, the run judged nothing, so the gate cannot pass."""
    with sandbox("cpo") as state:
        state.register(TOKEN_A, Registration(token="given-token-c-1f2e3d"))
        result = run_cli(tmp_path, "--versions-url", state.versions_url, "--role", "cpo",
                         "--token-c", "given-token-c-1f2e3d", "--case", "CRD-ANY-001")  # fmt: skip
    outcomes = {c["id"]: c["outcome"] for c in result.results["cases"]}
    assert set(outcomes.values()) <= {"skipped", "blocked"}, outcomes
    assert result.code == 1, result.stdout
    assert "verdict: FAIL (nothing was judged" in result.stdout
    assert result.results["verdict"] == "fail"


def test_each_module_has_one_line_in_the_terminal(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, "--profile", "quick")
    modules = {c["module"] for c in result.results["cases"]}
    words = [line.split() for line in result.stdout.splitlines() if line[:2] == "  "]
    module_lines = [w[0] for w in words if w and w[0] in modules and w[1].isdigit()]
    assert module_lines and len(module_lines) == len(set(module_lines)), module_lines


def test_the_demo_ends_with_one_verdict_for_every_version_and_role(demo_run: Demo) -> None:
    done = demo_run.done
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert done.stdout.strip().splitlines()[-1] == (
        "verdict of the demo, every version and role: PASS (2.1.1 CPO PASS, 2.1.1 EMSP PASS, "
        "2.2.1 CPO PASS, 2.2.1 EMSP PASS, 2.2.1 HUB PASS, 2.3.0 CPO PASS, 2.3.0 EMSP PASS, "
        "2.3.0 PTP PASS)"
    )
