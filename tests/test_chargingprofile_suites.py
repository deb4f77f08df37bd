"""The ChargingProfiles suite against the sandbox: a conformant CPO fails no CHP case, the
session the suite started is stopped and its profile cleared, and --read-only sends none of it
(the faults: tests/test_faults_caught.py)."""

from __future__ import annotations

from pathlib import Path

from ocpi_conformance.catalog import catalogue
from ocpi_conformance.party.chargingprofiles import log as profiles
from ocpi_conformance.party.commands import log as commands
from ocpi_conformance.party.lists import stored

from .harness_runs import run, sandbox

QUICK = ("--profile", "quick", "--timeout", "1")
MODULES = ("--modules", "chargingprofiles,commands,locations,sessions")


def test_conformant_sandbox_fails_no_charging_profile_case(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK, *MODULES)
        started = [s for s in stored(state, "sessions") if s["auth_method"] == "COMMAND"]
        left = dict(profiles(state).profiles)
    assert result.code == 0, result.failed()
    passed = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    assert {c for c in catalogue() if c.startswith("CHP-CPO-")} <= passed
    assert started and all(s["status"] == "COMPLETED" for s in started)  # stopped, each one
    assert left == {}  # the profile set was cleared


def test_read_only_sends_no_profile_and_starts_no_session(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK, *MODULES, "--read-only")
        sent = profiles(state).results
    outcomes = {c["id"]: c["outcome"] for c in result.results["cases"]}
    assert {outcomes[c] for c in catalogue() if c.startswith("CHP-CPO-")} == {"skipped"}
    assert commands(state).received == [] and sent == []
