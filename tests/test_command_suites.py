"""The commands suite against the sandbox: a conformant CPO fails no CMD case, and each commands
(the faults: tests/test_faults_caught.py)"""

from __future__ import annotations

from pathlib import Path

from ocpi_conformance.party.commands import log
from ocpi_conformance.party.locations.seed import seed_locations
from ocpi_conformance.verdicts.catalog import catalogue

from .harness_runs import run, run_read_only, sandbox

# The harness waits WAIT_FACTOR x --timeout for a result that never comes: keep it short here.
QUICK = ("--profile", "quick", "--modules", "commands,locations", "--timeout", "1")


def test_conformant_sandbox_fails_no_command_case(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK)
    assert result.code == 0, result.failed()
    passed = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    ran = {c for c, case in catalogue().items() if case.applies_to("2.2.1")}  # the sandbox's
    assert {c for c in ran if c.startswith("CMD-CPO-")} <= passed


def test_read_only_sends_no_command(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run_read_only(state, tmp_path, *QUICK)
    outcomes = {c["id"]: c["outcome"] for c in result.results["cases"]}
    ran = [c for c, case in catalogue().items() if case.applies_to("2.2.1")]  # the sandbox's
    assert {outcomes[c] for c in ran if c.startswith("CMD-CPO-")} == {"skipped"}
    assert log(state).received == []


def test_commands_act_where_the_user_says_and_the_report_names_it(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK, "--command-target", "LOC-0002/LOC-0002-1/1")
        named = [body for _, body in log(state).received if body.get("location_id")]
        places = {
            (body["location_id"], body.get("evse_uid"))
            for body in named
            if "NO-SUCH" not in f"{body['location_id']}{body.get('evse_uid')}"  # probes
        }
    assert places == {("LOC-0002", "LOC-0002-1")}
    assert result.results["command_target"] == {
        "location_id": "LOC-0002",
        "evse_uid": "LOC-0002-1",
        "connector_id": "1",
        "chosen_by": "--command-target",
    }
    assert "commands acted on Location LOC-0002, EVSE LOC-0002-1, Connector 1" in result.stdout


def test_a_picked_place_is_an_available_evse(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK)
    place = result.results["command_target"]
    assert place["chosen_by"] == "picked from the Locations list"
    [location] = [
        loc for loc in seed_locations(state.identity) if loc["id"] == place["location_id"]
    ]
    [evse] = [evse for evse in location["evses"] if evse["uid"] == place["evse_uid"]]
    assert evse["status"] == "AVAILABLE"


def test_a_malformed_command_target_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, "--command-target", "LOC-0002/1")
    assert result.code == 2
    assert (
        result.stderr.strip().count("\n") == 0
        and "LOCATION_ID/EVSE_UID/CONNECTOR_ID" in result.stderr
    )
    assert log(state).received == []
