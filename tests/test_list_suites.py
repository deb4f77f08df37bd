"""The Sender-list suites (SES-CPO, CDR-CPO, TAR-CPO, TOK-EMSP, with Tokens' real-time
authorization) against the sandbox: the clean sandbox fails none of their cases, and each
lists or tokens fault fails the cases that name it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocpi_conformance.catalog import catalogue

from .harness_runs import run, sandbox

PREFIXES = {"cpo": ("SES-CPO-", "CDR-CPO-", "TAR-CPO-"), "emsp": ("TOK-EMSP-",)}
MODULES = {"cpo": "sessions,cdrs,tariffs", "emsp": "tokens"}


def _run(tmp_path: Path, role: str, *faults: str):
    with sandbox(role, *faults) as state:
        return run(state, tmp_path, "--profile", "quick", "--modules", MODULES[role], role=role)


@pytest.mark.parametrize("role", sorted(PREFIXES))
def test_conformant_sandbox_fails_no_list_case(tmp_path: Path, role: str) -> None:
    result = _run(tmp_path, role)
    assert result.code == 0, result.failed()
    passed = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    expected = {  # the lists' cases; the charging preferences PUTs (SES-CPO-012+) need commands
        c for c, case in catalogue().items() if c.startswith(PREFIXES[role]) and not case.needs
    }
    assert len(expected) >= 8 * len(PREFIXES[role]) and expected <= passed, expected - passed
