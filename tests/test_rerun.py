"""`run --rerun-failed DIR`: only what failed there, with that run's role, target, profile and
seed unless given; nothing to rerun is exit 2, never a run of everything or of nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocpi_conformance.cli import main
from ocpi_conformance.run.config import ConfigError, load

from .harness_runs import TOKEN_A, run, run_cli, sandbox

TARGET = "http://127.0.0.1:9/ocpi/versions"


def _results(folder: Path, outcomes: dict[str, str], **meta: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    cases = [
        {"id": case_id, "title": "t", "level": "mandatory", "outcome": outcome, "message": ""}
        for case_id, outcome in outcomes.items()
    ]
    doc = {"role": "cpo", "target": TARGET, "profile": "quick", "seed": 7, **meta, "cases": cases}
    (folder / "results.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


FAILED = {"TRN-ANY-005": "failed", "LOC-CPO-001": "error", "VER-ANY-001": "passed"}


def test_the_failed_cases_and_the_recorded_run_make_the_selection(tmp_path: Path) -> None:
    folder = _results(tmp_path / "r", {**FAILED, "LOC-CPO-002": "blocked"})
    config = load({"rerun_failed": folder, "token_c": "c-token-1234"}, environ={})
    assert set(config.case) == {"TRN-ANY-005", "LOC-CPO-001"}
    assert (config.role, config.versions_url, config.profile, config.seed) == (
        "cpo",
        TARGET,
        "quick",
        7,
    )


def test_flags_env_and_toml_win_over_the_recorded_run(tmp_path: Path) -> None:
    folder = _results(tmp_path / "r", FAILED)
    other = "http://127.0.0.1:10/ocpi/versions"
    config = load(
        {"rerun_failed": None, "versions_url": other, "token_c": "c-token-1234"},
        environ={"OCPI_RERUN_FAILED": str(folder), "OCPI_SEED": "99"},
    )
    assert config.rerun_failed == folder
    assert (config.versions_url, config.seed, config.profile) == (other, 99, "quick")
    toml = tmp_path / "run.toml"
    toml.write_text(f'rerun_failed = "{folder}"\ncase = ["LOC-CPO-001", "VER-ANY-001"]\n')
    narrowed = load({"token_c": "c-token-1234"}, environ={}, toml_path=toml)
    assert narrowed.case == ("LOC-CPO-001",)  # --case narrows: VER-ANY-001 did not fail


@pytest.mark.parametrize(
    ("outcomes", "extra", "said"),
    [
        (None, {}, "has no results.json"),
        ({"VER-ANY-001": "passed", "TRN-ANY-005": "skipped"}, {}, "no case failed"),
        (FAILED, {"case": "VER-ANY-001"}, "none of the --case ids failed"),
        (FAILED, {"modules": "versions"}, "leave none of its failed cases"),
        (FAILED, {"skip_case": "TRN-ANY-005,LOC-CPO-001"}, "leave none"),
        ({"LOC-CPO-001": "failed"}, {"role": "emsp"}, "leave none"),
        ({"XYZ-CPO-999": "failed"}, {}, "unknown to this version"),
    ],
)
def test_nothing_to_rerun_is_a_configuration_error(
    tmp_path: Path, outcomes: dict[str, str] | None, extra: dict[str, str], said: str
) -> None:
    folder = tmp_path / "r"
    if outcomes is None:
        folder.mkdir()
    else:
        _results(folder, outcomes)
    flags = {"rerun_failed": folder, "token_c": "c-token-1234", **extra}
    with pytest.raises(ConfigError, match=said):
        load(flags, environ={})


def test_the_command_says_nothing_to_rerun_in_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _results(tmp_path / "r", {"VER-ANY-001": "passed"})
    code = main(["run", "--rerun-failed", str(folder), "--token-c", "c-token-1234"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == (
        f"ocpi-conformance: error: --rerun-failed {folder}: no case failed in "
        f"{folder / 'results.json'}: nothing to rerun\n"
    )


def test_a_rerun_runs_only_what_failed_against_the_recorded_target(tmp_path: Path) -> None:
    with sandbox("cpo", "no_request_id_echo") as state:
        first = run(state, tmp_path / "first", "--modules", "transport,versions")
        assert first.code == 1 and set(first.failed()) == {"TRN-ANY-005"}
        again = run_cli(
            tmp_path / "again", "--rerun-failed", str(first.output), "--token-a", TOKEN_A
        )
    assert again.code == 1, again.stderr
    assert "rerunning 1 case(s) that failed in" in again.stdout
    assert [c["id"] for c in again.results["cases"]] == ["TRN-ANY-005"]
    assert again.results["target"] == state.versions_url and again.results["seed"] == 221
    assert again.outcome("TRN-ANY-005") == "failed"
