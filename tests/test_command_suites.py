"""The commands suite against the sandbox: a conformant CPO fails no CMD case, and each commands
fault of the sandbox fails the case that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocpi_conformance.catalog import CASES
from ocpi_conformance.party.commands import log

from .harness_runs import run, sandbox

CAUGHT_BY = {
    "commands_response_without_timeout": {"CMD-CPO-001"},
    "commands_no_result": {"CMD-CPO-002"},
    "commands_result_unauthenticated": {"CMD-CPO-003"},
    "commands_unknown_location_accepted": {"CMD-CPO-004"},
    "commands_accepts_invalid": {"CMD-CPO-005"},
    "commands_stop_unknown_accepted": {"CMD-CPO-006"},
}
# The harness waits WAIT_FACTOR x --timeout for a result that never comes: keep it short here.
QUICK = ("--profile", "quick", "--modules", "commands,locations", "--timeout", "1")


def test_conformant_sandbox_fails_no_command_case(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK)
    assert result.code == 0, result.failed()
    passed = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    assert {c for c in CASES if c.startswith("CMD-CPO-")} <= passed


@pytest.mark.parametrize("fault", sorted(CAUGHT_BY))
def test_command_fault_fails_the_case_that_names_it(tmp_path: Path, fault: str) -> None:
    with sandbox("cpo", fault) as state:
        result = run(state, tmp_path, *QUICK)
    failed = result.failed()
    assert CAUGHT_BY[fault] <= set(failed), f"{fault}: failed {sorted(failed)}"
    mandatory = any(CASES[c].level == "mandatory" for c in failed)
    assert result.code == (1 if mandatory else 0)


def test_read_only_sends_no_command(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK, "--read-only")
    outcomes = {c["id"]: c["outcome"] for c in result.results["cases"]}
    assert {outcomes[c] for c in CASES if c.startswith("CMD-CPO-")} == {"skipped"}
    assert log(state).received == []
