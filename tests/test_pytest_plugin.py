"""ocpi-conformance is a real pytest plugin: `pytest --ocpi-...` runs our suites, and a team's
own tests beside them get the harness's fixtures (docs/examples)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ocpi_conformance.resources import suites_dir

from .harness_runs import TOKEN_A, sandbox

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "test_our_own_rules.py"


def _pytest(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd)


def test_pytest_options_run_the_suites(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        done = _pytest(
            str(suites_dir() / "common"),
            f"--rootdir={suites_dir()}",
            f"--ocpi-versions-url={state.versions_url}",
            "--ocpi-role=cpo",
            f"--ocpi-token-a={TOKEN_A}",
            f"--ocpi-output={tmp_path}",
            "-k",
            "VER-ANY-001 or TRN-ANY-005",
            cwd=tmp_path,
        )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    doc = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert {c["id"]: c["outcome"] for c in doc["cases"]} == {
        "VER-ANY-001": "passed",
        "TRN-ANY-005": "passed",
    }


def test_a_teams_own_tests_use_our_fixtures(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        done = _pytest(
            str(EXAMPLE),
            f"--ocpi-versions-url={state.versions_url}",
            "--ocpi-role=cpo",
            f"--ocpi-token-a={TOKEN_A}",
            f"--ocpi-output={tmp_path}",
            cwd=tmp_path,
        )
    # the sandbox CPO offers tariffs and pages its Locations: both of the team's tests pass
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "2 passed" in done.stdout


def test_a_bad_option_is_a_usage_error(tmp_path: Path) -> None:
    done = _pytest(
        str(EXAMPLE), "--ocpi-versions-url=ftp://nowhere", "--ocpi-role=cpo", cwd=tmp_path
    )
    assert done.returncode == 4, done.stdout + done.stderr  # pytest's usage error
    assert "versions_url" in done.stdout + done.stderr


OWN_TESTS = '''
import pytest


def test_our_backend_offers_tariffs(discovery):
    """We promised our partners tariffs"""
    assert discovery.endpoint("tariffs") is not None


@pytest.mark.ocpi_case("OUR-CPO-007")
def test_a_rule_of_ours_that_fails(discovery):
    assert discovery.endpoint("no-such-module") is not None, "our own rule broke"
'''


def test_a_teams_own_tests_count_in_the_verdict(tmp_path: Path) -> None:
    """A team's failing test fails the gate, and results.json and junit.xml carry both of its
    tests with their own ids (the marker's, or the pytest node id)."""
    own = tmp_path / "test_ours.py"
    own.write_text(OWN_TESTS, encoding="utf-8")
    with sandbox("cpo") as state:
        done = _pytest(
            str(own),
            f"--ocpi-versions-url={state.versions_url}",
            "--ocpi-role=cpo",
            f"--ocpi-token-a={TOKEN_A}",
            f"--ocpi-output={tmp_path / 'out'}",
            cwd=tmp_path,
        )
    assert done.returncode == 1, done.stdout[-2000:]
    doc = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    outcomes = {c["id"]: (c["outcome"], c["module"], c["level"]) for c in doc["cases"]}
    assert outcomes == {
        "test_ours.py::test_our_backend_offers_tariffs": ("passed", "own", "mandatory"),
        "OUR-CPO-007": ("failed", "own", "mandatory"),
    }
    assert doc["verdict"] == "fail"
    assert "verdict: FAIL (1 case(s) fail the gate; 1 of 2" in done.stdout
    junit = (tmp_path / "out" / "junit.xml").read_text(encoding="utf-8")
    assert "OUR-CPO-007" in junit and "our own rule broke" in junit
