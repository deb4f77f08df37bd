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
