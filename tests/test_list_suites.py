"""The Sender-list suites (SES-CPO, CDR-CPO, TAR-CPO, TOK-EMSP, with Tokens' real-time
authorization) against the sandbox: the clean sandbox fails none of their cases, and each
lists or tokens fault fails the cases that name it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocpi_conformance.catalog import CASES

from .harness_runs import run, sandbox

PREFIXES = {"cpo": ("SES-CPO-", "CDR-CPO-", "TAR-CPO-"), "emsp": ("TOK-EMSP-",)}
MODULES = {"cpo": "sessions,cdrs,tariffs", "emsp": "tokens"}
CAUGHT_BY = {
    ("lists_link_wrong", "cpo"): {"SES-CPO-001", "CDR-CPO-001", "TAR-CPO-001"},
    ("lists_link_wrong", "emsp"): {"TOK-EMSP-001"},
    ("lists_invalid_object", "cpo"): {"SES-CPO-002", "CDR-CPO-002", "TAR-CPO-002"},
    ("lists_invalid_object", "emsp"): {"TOK-EMSP-002"},
    ("tokens_authorize_without_token", "emsp"): {"TOK-EMSP-009"},
    ("tokens_unknown_is_200", "emsp"): {"TOK-EMSP-010"},
}


def _run(tmp_path: Path, role: str, *faults: str):
    with sandbox(role, *faults) as state:
        return run(state, tmp_path, "--profile", "quick", "--modules", MODULES[role], role=role)


@pytest.mark.parametrize("role", sorted(PREFIXES))
def test_conformant_sandbox_fails_no_list_case(tmp_path: Path, role: str) -> None:
    result = _run(tmp_path, role)
    assert result.code == 0, result.failed()
    passed = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    expected = {c for c in CASES if c.startswith(PREFIXES[role])}
    assert len(expected) >= 8 * len(PREFIXES[role]) and expected <= passed, expected - passed


@pytest.mark.parametrize(("fault", "role"), sorted(CAUGHT_BY))
def test_list_fault_fails_the_cases_that_name_it(tmp_path: Path, fault: str, role: str) -> None:
    result = _run(tmp_path, role, fault)
    assert CAUGHT_BY[fault, role] <= set(result.failed()), sorted(result.failed())
    assert result.code == 1
