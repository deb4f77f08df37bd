"""The locations suites against the sandbox: a conformant CPO and eMSP fail no LOC case, and each
locations fault of the sandbox fails the case that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocpi_conformance.verdicts.catalog import catalogue

from .harness_runs import run, sandbox


@pytest.mark.parametrize("role", ["cpo", "emsp"])
def test_conformant_sandbox_fails_no_location_case(tmp_path: Path, role: str) -> None:
    with sandbox(role) as state:
        result = run(state, tmp_path, "--profile", "quick", role=role)
    assert result.code == 0, result.failed()
    ran = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    expected = {
        c
        for c, case in catalogue().items()
        if c.startswith(f"LOC-{role.upper()}-") and case.applies_to("2.2.1")  # the sandbox's
    }
    assert len(ran & expected) >= len(expected) - 2, sorted(expected - ran)


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
