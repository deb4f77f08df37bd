"""`ocpi-conformance diff OLD NEW`: what changed between two runs, and exit 1 only when a case
newly fails at or above --fail-on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ocpi_conformance.cli import main


def _case(case_id: str, outcome: str, level: str = "mandatory", message: str = "") -> dict:
    return {"id": case_id, "title": f"title of {case_id}", "level": level, "outcome": outcome,
            "message": message, "module": "locations"}  # fmt: skip


def _results(folder: Path, *cases: dict[str, Any], role: str = "cpo") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    doc = {
        "tool": "ocpi-conformance",
        "role": role,
        "target": "http://t/ocpi/versions",
        "started_at": "2026-11-23T10:00:00Z",
        "verdict": "pass",
        "cases": list(cases),
    }
    (folder / "results.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


OLD = (
    _case("LOC-CPO-001", "passed"),
    _case("LOC-CPO-002", "failed", message="Location 1 breaks evses"),
    _case("LOC-CPO-003", "passed"),
    _case("LOC-CPO-004", "failed", "optional"),
    _case("LOC-CPO-005", "passed", "recommended"),
    _case("LOC-CPO-006", "passed"),
)
NEW = (
    _case("LOC-CPO-001", "failed", message="GET /locations -> HTTP 500"),
    _case("LOC-CPO-002", "passed"),
    _case("LOC-CPO-003", "blocked", message="blocked by LOC-CPO-001"),
    _case("LOC-CPO-004", "failed", "mandatory"),
    _case("LOC-CPO-005", "error", "recommended", message="harness fault"),
    _case("LOC-CPO-007", "passed"),
)


@pytest.fixture
def runs(tmp_path: Path) -> tuple[Path, Path]:
    return _results(tmp_path / "old", *OLD), _results(tmp_path / "new", *NEW)


def test_the_json_names_every_kind_of_change(
    runs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = runs
    assert main(["diff", str(old), str(new / "results.json"), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    groups = ("new_failures", "fixed", "changed_levels", "changed_outcomes", "added", "removed")
    ids = {key: [c["id"] for c in doc[key]] for key in groups}
    assert ids["new_failures"] == ["LOC-CPO-001", "LOC-CPO-005"]
    assert ids["fixed"] == ["LOC-CPO-002"]
    assert ids["changed_levels"] == ["LOC-CPO-004"]
    assert ids["changed_outcomes"] == ["LOC-CPO-003"]
    assert ids["added"] == ["LOC-CPO-007"] and ids["removed"] == ["LOC-CPO-006"]
    # LOC-CPO-005 newly fails below the gate; LOC-CPO-004 now fails at mandatory
    assert doc["gating"] == ["LOC-CPO-001", "LOC-CPO-004"] and doc["worse"] is True
    [first] = [c for c in doc["new_failures"] if c["id"] == "LOC-CPO-001"]
    assert (first["old_outcome"], first["new_outcome"]) == ("passed", "failed")
    assert first["gates"] is True
    assert doc["old"]["path"].endswith("old/results.json") and doc["old"]["cases"] == 6


def test_the_text_reads_as_groups_and_a_verdict(
    runs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = runs
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "new failures (2):" in out and "fixed (1):" in out and "removed cases (1):" in out
    assert (
        "  LOC-CPO-001 [mandatory] title of LOC-CPO-001 -- passed -> failed: GET /locations -> "
        "HTTP 500  (fails the gate)" in out
    )
    assert "LOC-CPO-004 [mandatory] title of LOC-CPO-004 -- optional -> mandatory, failed" in out
    assert out.rstrip().endswith(
        "verdict: WORSE (2 case(s) newly fail at or above mandatory: LOC-CPO-001, LOC-CPO-004)"
    )


def test_fail_on_recommended_also_gates_recommended_failures(runs: tuple[Path, Path]) -> None:
    old, new = runs
    assert main(["diff", str(old), str(new), "--fail-on", "recommended", "--format", "json"]) == 1
    recommended_worse = _results(old.parent / "w", *OLD[:4], NEW[4], *OLD[5:])  # 005: error
    assert main(["diff", str(old), str(recommended_worse)]) == 0
    assert main(["diff", str(old), str(recommended_worse), "--fail-on", "recommended"]) == 1


def test_nothing_worse_is_exit_0_even_with_failures_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    passed = _case("VER-ANY-001", "passed")
    same = _results(tmp_path / "a", _case("TRN-ANY-005", "failed"), passed)
    again = _results(tmp_path / "b", _case("TRN-ANY-005", "failed"), passed)
    assert main(["diff", str(same), str(again)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("verdict: NO CHANGE")
    better = _results(tmp_path / "c", _case("TRN-ANY-005", "passed"), passed)
    assert main(["diff", str(same), str(better)]) == 0
    assert "verdict: NOT WORSE" in capsys.readouterr().out


def test_an_added_case_that_fails_is_worse(tmp_path: Path) -> None:
    old = _results(tmp_path / "a", _case("VER-ANY-001", "passed"))
    new = _results(tmp_path / "b", _case("VER-ANY-001", "passed"), _case("VER-ANY-002", "failed"))
    assert main(["diff", str(old), str(new)]) == 1


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "has no results.json"),
        (b"{not json", "is not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "nests deeper than 64"),
        (b"\xff\xfe{}", "not valid UTF-8"),
        (b'{"cases": {}}', "not a results.json"),
        (b'{"cases": [{"id": "X-1", "level": "mandatory", "outcome": "sort of"}]}', "outcome"),
        (b'{"cases": [{"id": "X-1", "level": "must", "outcome": "passed"}]}', "level 'must'"),
        (b'{"cases": [{"level": "mandatory", "outcome": "passed"}]}', "case 1: no id"),
    ],
)
def test_unreadable_input_is_exit_2_with_one_line(
    tmp_path: Path, content: bytes | None, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _results(tmp_path / "good", _case("VER-ANY-001", "passed"))
    bad = tmp_path / "bad"
    bad.mkdir()
    if content is not None:
        (bad / "results.json").write_bytes(content)
    for args in ([good, bad], [bad, good]):
        assert main(["diff", *map(str, args)]) == 2
        out, err = capsys.readouterr()
        [line] = err.splitlines()
        assert out == "" and line.startswith("ocpi-conformance: error: ") and said in line, line


def test_a_deep_results_file_is_one_line_from_the_real_command(tmp_path: Path) -> None:
    good = _results(tmp_path / "good", _case("VER-ANY-001", "passed"))
    (tmp_path / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ocpi_conformance.cli",
            "diff",
            str(good),
            str(tmp_path / "deep.json"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"ocpi-conformance: error: {tmp_path / 'deep.json'}: the file nests deeper than 64 levels\n"
    )
