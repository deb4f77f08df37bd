"""The command line honours the exit-code contract: 0 ok, 2 usage errors in one line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from ocpi_conformance.spec.roles import TESTED_ROLES, role_in
from ocpi_conformance.spec.version import KNOWN

from .conftest import Demo


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ocpi_conformance.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_help() -> None:
    result = _run("--help")
    assert result.returncode == 0
    assert "schemas" in result.stdout


def test_console_script_is_installed() -> None:
    script = shutil.which("ocpi-conformance", path=str(Path(sys.executable).parent))
    assert script, "the package's console script is missing from this environment"
    result = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("ocpi-conformance ")


def test_missing_command_is_a_usage_error() -> None:
    result = _run()
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_flag_is_a_usage_error() -> None:
    result = _run("schemas", "export", "--bogus", "x")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_export_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("", encoding="utf-8")
    result = _run("schemas", "export", str(target))
    assert result.returncode == 2
    assert result.stderr.strip() == f"ocpi-conformance: error: {target} is not a directory"


def test_schemas_check_passes_on_the_committed_schemas() -> None:
    result = _run("schemas", "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_run_without_target_tests_the_sandbox_in_every_version_and_role(demo_run: Demo) -> None:
    result, root = demo_run.done, demo_run.output
    assert result.returncode == 0, result.stdout + result.stderr
    plan = [(n, r) for n in KNOWN for r in TESTED_ROLES if role_in(r, n)]  # PTP: 2.3.0 only
    assert {("2.3.0", "cpo"), ("2.3.0", "emsp"), ("2.3.0", "ptp")} <= set(plan)
    for number, role in plan:
        doc = json.loads((root / number / role / "results.json").read_text("utf-8"))
        assert (doc["ocpi_version"], doc["role"], doc["verdict"]) == (number, role, "pass")
    # the hub is a role of 2.2.1 only: its sandbox is tested from four seats of ours
    hub = json.loads((root / "2.2.1" / "hub" / "results.json").read_text("utf-8"))
    assert (hub["role"], hub["verdict"]) == ("hub", "pass")
    assert [s["role"] for s in hub["seats"]] == ["CPO", "EMSP", "EMSP", "OTHER"]
    assert any(c["id"].startswith("HUB-") and c["outcome"] == "passed" for c in hub["cases"])
    assert not (root / "2.1.1" / "hub").exists()
    assert "2.2.1 HUB PASS" in result.stdout
    assert f"reports in {root}/<version>/<role>" in result.stdout


def test_run_rejects_bad_flags_in_one_line(tmp_path: Path) -> None:
    result = _run("run", "--versions-url", "not-a-url", "--role", "cpo", "--token-a", "x")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "ocpi-conformance: error: versions_url: must be an absolute http:// or https:// URL"
    )
