"""The locations suites against the sandbox: a conformant CPO and eMSP fail no LOC case, and each
locations fault of the sandbox fails the case that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocpi_conformance.catalog import CASES

from .harness_runs import run, sandbox

CAUGHT_BY = {
    # sender faults: the target is a CPO
    "locations_link_wrong": ("cpo", {"LOC-CPO-001"}),
    "locations_date_to_inclusive": ("cpo", {"LOC-CPO-008"}),
    "locations_offset_ignored": ("cpo", {"LOC-CPO-006"}),
    "locations_no_total_count": ("cpo", {"LOC-CPO-003"}),
    "locations_invalid_object": ("cpo", {"LOC-CPO-002"}),
    "locations_unknown_is_200": ("cpo", {"LOC-CPO-011"}),
    # receiver faults: the target is an eMSP
    "locations_drops_field": ("emsp", {"LOC-EMSP-001"}),
    "locations_ignores_patch": ("emsp", {"LOC-EMSP-006", "LOC-EMSP-007", "LOC-EMSP-008"}),
    "locations_keeps_parent_last_updated": ("emsp", {"LOC-EMSP-004", "LOC-EMSP-007"}),
    "locations_patch_without_last_updated_ok": ("emsp", {"LOC-EMSP-009"}),
    "locations_accepts_invalid": ("emsp", {"LOC-EMSP-011"}),
    "locations_put_always_200": ("emsp", {"LOC-EMSP-002"}),
}


@pytest.mark.parametrize("role", ["cpo", "emsp"])
def test_conformant_sandbox_fails_no_location_case(tmp_path: Path, role: str) -> None:
    with sandbox(role) as state:
        result = run(state, tmp_path, "--profile", "quick", role=role)
    assert result.code == 0, result.failed()
    ran = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    expected = {c for c in CASES if c.startswith(f"LOC-{role.upper()}-")}
    assert len(ran & expected) >= len(expected) - 2, sorted(expected - ran)


@pytest.mark.parametrize("fault", sorted(CAUGHT_BY))
def test_location_fault_fails_the_case_that_names_it(tmp_path: Path, fault: str) -> None:
    role, cases = CAUGHT_BY[fault]
    with sandbox(role, fault) as state:
        result = run(state, tmp_path, "--profile", "quick", role=role)
    failed = result.failed()
    assert cases <= set(failed), f"{fault}: failed {sorted(failed)}"
    mandatory = any(CASES[c].level == "mandatory" for c in failed)
    assert result.code == (1 if mandatory else 0)


def test_a_failing_property_case_names_its_example(tmp_path: Path) -> None:
    with sandbox("emsp", "locations_drops_field") as state:
        result = run(state, tmp_path, "--profile", "quick", role="emsp")
    message = result.failed()["LOC-EMSP-001"]
    assert "(failing example in the report; seed 221)" in message
    attachments = [
        p
        for p in (tmp_path / "allure-results").glob("*-attachment.txt")
        if "Failing test case" in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert attachments, "the failing example is not attached to the Allure results"
