"""Real backends are broken in many ways at once (issue #21): with several sandbox faults
together, each case still judges its own subject. These tests pin, for realistic combinations,
which cases fail, which are blocked (naming the case that judges their cause), and which must
still pass, and that failures sharing a defect are counted as one problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness_runs import Run, run, sandbox

COMMON = ("--profile", "quick", "--modules", "versions,credentials,transport")


def _outcomes(result: Run) -> dict[str, str]:
    return {c["id"]: c["outcome"] for c in result.results["cases"]}


@pytest.fixture(scope="module")
def registers_early(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The first probe registers, no authentication anywhere, no envelope timestamp."""
    faults = ("register_any_body", "no_auth", "no_timestamp")
    with sandbox("cpo", *faults) as state:
        return run(state, tmp_path_factory.mktemp("early"), *COMMON)


def test_a_probe_that_registers_is_the_registration(registers_early: Run) -> None:
    outcome = _outcomes(registers_early)
    # its own case fails; the registration cases judge that attempt for their own subjects
    assert outcome["CRD-ANY-013"] == "failed"
    failed = registers_early.failed()
    assert (
        "without fetching" in failed["CRD-ANY-002"] and "without fetching" in failed["CRD-ANY-003"]
    )
    assert outcome["CRD-ANY-004"] == "passed"  # the token C it gave works
    assert "timestamp" in failed["CRD-ANY-001"]  # its answer judged as a registration answer
    # the probes never sent are blocked by the case of the probe that registered
    cases = {c["id"]: c for c in registers_early.results["cases"]}
    for blocked in ("CRD-ANY-009", "CRD-ANY-010"):
        assert cases[blocked]["outcome"] == "blocked"
        assert cases[blocked]["blocked_by"] == "CRD-ANY-013"


def test_no_auth_fails_the_auth_cases_as_one_problem(registers_early: Run) -> None:
    cases = {c["id"]: c for c in registers_early.results["cases"]}
    # and token A, spent, still served (CRD-ANY-005): the same defect
    auth = ("TRN-ANY-001", "TRN-ANY-002", "TRN-ANY-003", "VER-ANY-008", "VER-ANY-009",
            "CRD-ANY-005")  # fmt: skip
    assert {cases[c]["outcome"] for c in auth} == {"failed"}
    assert {cases[c]["root"] for c in auth} == {"HTTP 200 where HTTP 401 is due"}
    assert cases["TRN-ANY-004"]["outcome"] == "blocked"
    assert cases["TRN-ANY-004"]["blocked_by"] == "TRN-ANY-001"
    shared = [c for c in cases.values() if c["root"] == "HTTP 200 where HTTP 401 is due"]
    assert f"HTTP 200 where HTTP 401 is due ({len(shared)} cases):" in registers_early.stdout
    problems = {c["root"] or c["id"] for c in cases.values() if c["outcome"] == "failed"}
    failed = sum(c["outcome"] == "failed" for c in cases.values())
    assert f"failed cases: {len(problems)} problem(s), {failed} failed case(s)" in (
        registers_early.stdout
    )
    assert len(problems) <= failed / 2, "failures sharing a defect are not grouped"


def test_no_timestamp_fails_only_the_envelope_cases(registers_early: Run) -> None:
    outcome = _outcomes(registers_early)
    failed = registers_early.failed()
    assert outcome["TRN-ANY-007"] == "failed" and "timestamp" in failed["TRN-ANY-007"]
    # ids and content type are judged on the same answers, and hold
    for holds in ("TRN-ANY-005", "TRN-ANY-006", "TRN-ANY-008"):
        assert outcome[holds] == "passed", (holds, failed.get(holds))


def test_credentials_routes_missing_leave_the_transport_rules_to_served_routes(
    tmp_path: Path,
) -> None:
    with sandbox("cpo", "credentials_routes_missing") as state:
        result = run(state, tmp_path, *COMMON)
    outcome = _outcomes(result)
    for missing in ("CRD-ANY-006", "CRD-ANY-008", "CRD-ANY-011"):
        assert outcome[missing] == "failed", missing
    transport = [f"TRN-ANY-00{n}" for n in range(1, 10)]
    not_passed = {c: outcome[c] for c in transport if outcome[c] != "passed"}
    assert not not_passed, f"judged on a route the target lacks: {not_passed}"
    messages = {c["id"]: c["message"] for c in result.results["cases"]}
    assert all(outcome[c] == "passed" for c in ("CRD-ANY-001", "CRD-ANY-002", "CRD-ANY-004"))
    assert "/credentials" not in str([e for e in messages.values() if "judged on" in e])
