"""The commands suite against the sandbox: a conformant CPO fails no CMD case, and each commands
(the faults: tests/test_faults_caught.py)"""

from __future__ import annotations

from pathlib import Path

from ocpi_conformance.catalog import catalogue
from ocpi_conformance.party.commands import log

from .harness_runs import run, sandbox

# The harness waits WAIT_FACTOR x --timeout for a result that never comes: keep it short here.
QUICK = ("--profile", "quick", "--modules", "commands,locations", "--timeout", "1")


def test_conformant_sandbox_fails_no_command_case(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK)
    assert result.code == 0, result.failed()
    passed = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    assert {c for c in catalogue() if c.startswith("CMD-CPO-")} <= passed


def test_read_only_sends_no_command(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK, "--read-only")
    outcomes = {c["id"]: c["outcome"] for c in result.results["cases"]}
    assert {outcomes[c] for c in catalogue() if c.startswith("CMD-CPO-")} == {"skipped"}
    assert log(state).received == []
