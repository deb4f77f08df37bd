"""Every fault of the sandbox fails the cases it names (`party.faults`), in each role those cases
test and each OCPI version it shows in (`Fault.versions`, the run's --ocpi-version): one
parametrized test over the registry, so a new fault is tested the moment it exists. Real HTTP,
the real CLI, the real registration handshake."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ocpi_conformance.party import FAULTS, PartyState
from ocpi_conformance.spec.version import KNOWN
from ocpi_conformance.verdicts.catalog import catalogue

from .harness_runs import run, run_cli, sandbox

RUNS = [
    pytest.param(found.name, role, version, id=f"{found.name}-{role}-{version}")
    for found in sorted(FAULTS.values(), key=lambda f: f.name)
    if not found.untestable
    for role in found.roles
    for version in found.versions
]


def _shown_in(role: str, case_id: str) -> bool:
    case_role = case_id.split("-")[1].lower()
    return case_role == role or (case_role == "any" and role == "cpo")


def test_every_fault_is_caught_by_known_cases() -> None:
    cases = catalogue()
    for found in FAULTS.values():
        assert found.description.strip(), found.name
        assert found.untestable or found.caught_by, found.name
        unknown = found.caught_by - set(cases)
        assert not unknown, f"{found.name} names unknown cases {sorted(unknown)}"


def _target_registers(state: PartyState, tmp_path: Path) -> tuple[str, ...]:
    """The flags of a run in which the sandbox registers with the harness (its trigger)."""
    token = tmp_path / "peer-token-a.txt"
    token.write_text("faults-test-peer-token-a\n", encoding="utf-8")
    trigger = f"{sys.executable} -m ocpi_conformance.sandbox.trigger {state.base_url}"
    return ("--peer-token-a-file", str(token), "--trigger", f"{trigger} --register {token}")


def test_every_fault_shows_in_known_versions() -> None:
    assert all(found.versions and set(found.versions) <= set(KNOWN) for found in FAULTS.values())


@pytest.mark.parametrize(("fault", "role", "version"), RUNS)
def test_fault_fails_the_cases_that_name_it(
    tmp_path: Path, fault: str, role: str, version: str
) -> None:
    expected = {c for c in FAULTS[fault].caught_by if _shown_in(role, c)}
    elsewhere = sorted(c for c in expected if version not in catalogue()[c].versions)
    assert not elsewhere, f"{fault} shows in {version}, but {elsewhere} do not run there"
    with sandbox(role, fault) as state:
        # --timeout 2: a result that never comes (commands_no_result) is waited for 4 x 2 s;
        # only the catching cases run (each run is a whole CLI run, its handshake included)
        flags = ("--profile", "quick", "--timeout", "2", "--case", ",".join(sorted(expected)))
        if FAULTS[fault].target_registers:
            target = ("--versions-url", state.versions_url, "--role", role)
            asked = ("--ocpi-version", version)
            flags += (*target, *asked, *_target_registers(state, tmp_path))
            result = run_cli(tmp_path / "out", *flags)
        else:
            result = run(state, tmp_path, *flags, role=role, version=version)
    failed = result.failed()
    assert expected <= set(failed), f"{fault} ({role}, {version}): failed {sorted(failed)}"
    assert all(failed[c] for c in expected), "a case failed without a message"
    mandatory = any(catalogue()[c].level == "mandatory" for c in failed)
    assert result.code == (1 if mandatory else 0), result.stderr[-500:]


@pytest.mark.parametrize(
    ("fault", "version"),
    sorted((f.name, v) for f in FAULTS.values() if f.untestable for v in f.versions),
)
def test_untestable_target_exits_3_in_one_line(tmp_path: Path, fault: str, version: str) -> None:
    with sandbox("cpo", fault) as state:
        result = run(state, tmp_path, version=version)
    assert result.code == 3
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("ocpi-conformance: target not testable:")
    assert "Traceback" not in result.stdout + result.stderr
