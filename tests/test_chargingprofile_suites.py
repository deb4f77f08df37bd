"""The ChargingProfiles suite and the charging preferences cases against the sandbox: a
conformant CPO fails none, the sessions they started are stopped and the profile cleared, and
--read-only sends none of it (the faults: tests/test_faults_caught.py)."""

from __future__ import annotations

from pathlib import Path

from ocpi_conformance.party import sessions
from ocpi_conformance.party.chargingprofiles import log as profiles
from ocpi_conformance.party.commands import log as commands
from ocpi_conformance.party.lists import stored
from ocpi_conformance.verdicts.catalog import catalogue

from .harness_runs import WRITTEN_FOR, run, run_read_only, sandbox

QUICK = ("--profile", "quick", "--timeout", "1")
MODULES = ("--modules", "chargingprofiles,commands,locations,sessions")


def test_conformant_sandbox_fails_no_charging_profile_case(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK, *MODULES)
        started = [s for s in stored(state, "sessions") if s["auth_method"] == "COMMAND"]
        left = dict(profiles(state).profiles)
    assert result.code == 0, result.failed()
    passed = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    ran = {i for i, c in catalogue().items() if c.applies_to(WRITTEN_FOR)}  # the run's version
    assert {c for c in ran if c.startswith("CHP-CPO-")} <= passed
    assert started and all(s["status"] == "COMPLETED" for s in started)  # stopped, each one
    assert left == {}  # the profile set was cleared


def test_read_only_sends_no_profile_nor_preferences_and_starts_no_session(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run_read_only(state, tmp_path, *QUICK, *MODULES)
        sent = profiles(state).results
        preferred = sessions.preferences(state)
    outcomes = {c["id"]: c["outcome"] for c in result.results["cases"]}
    assert {outcomes[c] for c in catalogue() if c.startswith("CHP-CPO-")} == {"skipped"}
    assert {outcomes[c] for c in ("SES-CPO-012", "SES-CPO-013", "SES-CPO-014")} == {"skipped"}
    assert commands(state).received == [] and sent == [] and preferred == {}


def test_preferences_on_an_evse_without_the_capability_are_judged_there(tmp_path: Path) -> None:
    """The sandbox's even-numbered EVSEs lack CHARGING_PREFERENCES_CAPABLE: a session there
    gets 404/2001, which SES-CPO-013 judges (and SES-CPO-012 leaves)."""
    target = ("--command-target", "LOC-0006/LOC-0006-2/1")
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK, "--modules", "commands,locations,sessions", *target)
    assert result.outcome("SES-CPO-013") == "passed"
    assert result.outcome("SES-CPO-012") == "skipped"
