"""The PTP role (Payment Terminal Provider, OCPI 2.3.0's Payments module, tag
v2.3.0-ed2-payments): `--role ptp` only where the text gives it, a PTP sandbox that registers as
the Role it can (OTHER) and offers the Payments Sender, and a clean run of its suites."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ocpi_conformance.party.payments import SENDER
from ocpi_conformance.run.config import ConfigError, load
from ocpi_conformance.sandbox import start
from ocpi_conformance.spec.roles import TESTED_ROLES, role_in
from ocpi_conformance.spec.version import KNOWN
from ocpi_conformance.verdicts.catalog import select

from .harness_runs import run, sandbox

TARGET = {"versions_url": "https://ptp.example.com/ocpi/versions", "role": "ptp", "token_a": "A"}


def test_ptp_is_a_role_of_2_3_0_only() -> None:
    assert "2.3.0" in KNOWN
    assert "ptp" in TESTED_ROLES
    assert role_in("ptp", "2.3.0")
    assert not role_in("ptp", "2.2.1") and not role_in("ptp", "2.1.1")


@pytest.mark.parametrize("number", ["2.2.1", "2.1.1"])
def test_ptp_in_an_older_version_is_a_one_line_error(number: str) -> None:
    with pytest.raises(ConfigError) as error:
        load({**TARGET, "ocpi_version": number}, environ={})
    assert f"--role ptp with --ocpi-version {number}" in str(error.value)
    assert "\n" not in str(error.value)


def test_ptp_in_2_3_0_is_a_target() -> None:
    assert load({**TARGET, "ocpi_version": "2.3.0"}, environ={}).role == "ptp"


def test_cli_refuses_ptp_in_2_2_1_with_exit_2(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "ocpi_conformance.cli", "run", "--versions-url",
               TARGET["versions_url"], "--role", "ptp", "--token-a", "A", "--ocpi-version",
               "2.2.1", "--output", str(tmp_path)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    [line] = [line for line in done.stderr.splitlines() if line.strip()]
    assert "ptp" in line and "Traceback" not in done.stderr


def test_ptp_cases_are_payments_sender_cases() -> None:
    cases = [c for c in select("ptp") if c.role == "PTP"]
    assert cases and all(c.module == "payments" and c.interface == "SENDER" for c in cases)
    assert all(c.versions == ("2.3.0",) for c in cases)


def test_a_ptp_sandbox_registers_as_other_and_offers_payments_sender() -> None:
    state, server = start("ptp", "ptp-token-a-0001")
    try:
        credentials = state.own_credentials("t", "2.3.0")
        assert [r["role"] for r in credentials["roles"]] == ["OTHER"]
        assert SENDER.offered(state, "2.3.0")
        assert not SENDER.offered(state, "2.2.1")
    finally:
        server.stop()


def test_a_clean_ptp_run_passes(tmp_path: Path) -> None:
    with sandbox("ptp") as state:
        result = run(state, tmp_path, "--profile", "quick", role="ptp", version="2.3.0")
    assert result.code == 0, result.stdout[-2000:]
    passed = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    assert {"PAY-PTP-001", "PAY-PTP-022", "PAY-PTP-041", "PAY-PTP-043"} <= passed
