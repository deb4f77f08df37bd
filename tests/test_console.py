"""What a person and a CI system read of a run: a terminal without pytest's debug dump, one
count everywhere (terminal, results.json, junit.xml), the gate's verdict, case selection and
clean one-line errors before anything starts."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ocpi_conformance.verdicts.catalog import catalogue

from .harness_runs import Run, run, run_cli, sandbox
from .misbehaving_server import misbehaving_server


@pytest.fixture(scope="module")
def failing(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """A CPO that breaks a mandatory rule (no X-Request-ID echo) and a recommended one."""
    with sandbox("cpo", "no_request_id_echo", "no_envelope_on_401") as state:
        return run(state, tmp_path_factory.mktemp("console"), "--profile", "quick")


def test_the_terminal_is_for_people(failing: Run) -> None:
    out = failing.stdout
    assert failing.code == 1
    assert out.startswith("ocpi-conformance: testing http://127.0.0.1:")
    assert "profile quick, seed 221" in out.splitlines()[0]
    for noise in ("E   ", "Traceback", "assert ", "def test_", "FAILURES", "=====", "[  "):
        assert noise not in out, noise
    assert "  TRN-ANY-005 [mandatory] X-Request-ID is echoed in the response: " in out
    assert "TRN-ANY-004 [recommended]" in out and "(does not fail the gate)" in out
    assert "verdict: FAIL (1 case(s) fail the gate;" in out


def test_one_count_everywhere(failing: Run) -> None:
    doc = failing.results
    last = failing.stdout.strip().splitlines()[-1]
    summary = doc["summary"]
    assert last == (
        f"{summary['passed']} passed, {summary['failed']} failed, {summary['blocked']} blocked, "
        f"{summary['skipped']} skipped, {summary['error']} errors"
    )
    suite = ET.parse(failing.output / "junit.xml").getroot().find("testsuite")
    assert suite is not None and int(suite.get("tests", -1)) == len(doc["cases"])
    assert int(suite.get("errors", -1)) == summary["error"]
    assert int(suite.get("failures", -1)) == 1  # the mandatory failure; the other is a warning
    cases = {c.get("name", "").split(" ")[0]: c for c in suite.iter("testcase")}
    assert set(cases) == {c["id"] for c in doc["cases"]}
    warning = cases["TRN-ANY-004"]
    assert warning.find("failure") is None and "WARNING" in (warning.findtext("system-out") or "")
    assert cases["TRN-ANY-005"].get("classname") == "any.transport.ANY"
    level = cases["TRN-ANY-005"].find("properties/property[@name='level']")
    assert level is not None and level.get("value") == "mandatory"


def test_results_json_carries_the_verdict(failing: Run) -> None:
    doc = failing.results
    assert doc["verdict"] == "fail" and doc["fail_on"] == "mandatory" and doc["seed"] == 221
    assert all("blocked_by" in c for c in doc["cases"])
    initiators = {c["id"]: c["initiator"] for c in doc["cases"]}
    assert initiators["TRN-ANY-001"] == "harness" and initiators["TRN-ANY-101"] == "target"
    assert initiators["LOC-CPO-001"] == "harness" and initiators["LOC-CPO-101"] == "target"


def test_cases_can_be_picked_and_skipped(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        picked = run(state, tmp_path / "picked", "--case", "VER-ANY-001,TRN-ANY-005")
    assert picked.code == 0, picked.stderr
    assert {c["id"] for c in picked.results["cases"]} == {"VER-ANY-001", "TRN-ANY-005"}
    assert not state.registrations(), "the registration was left although CRD-ANY-011 did not run"
    with sandbox("cpo") as state:
        versions = run(state, tmp_path / "versions", "--modules", "versions",
                       "--skip-case", "VER-ANY-010")  # fmt: skip
    ids = {c["id"] for c in versions.results["cases"]}
    expected = {
        c
        for c, case in catalogue().items()
        if case.module == "versions" and case.applies_to("2.2.1")
    }
    assert ids == expected - {"VER-ANY-010"}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--modules", "nope"], "unknown module(s) nope"),
        (["--case", "LOC-CPO-999"], "unknown case id(s) LOC-CPO-999"),
    ],
)
def test_a_bad_selection_is_one_line_and_exit_2(tmp_path: Path, args: list[str], says: str):
    result = run_cli(tmp_path, "--versions-url", "http://127.0.0.1:9/v", "--role", "cpo",
                     "--token-a", "t-aaaa", *args)  # fmt: skip
    assert result.code == 2 and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_output_under_a_file_is_refused_before_anything_starts(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run_cli(blocker / "out")
    assert result.code == 2 and "is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr and "testing the built-in" not in result.stdout


def test_a_target_that_answers_garbage_fails_the_versions_case(tmp_path: Path) -> None:
    with misbehaving_server() as server:
        url = f"http://127.0.0.1:{server.server_port}/echo"  # data: an object, not a list
        result = run_cli(tmp_path, "--versions-url", url, "--role", "cpo", "--token-a", "t-aaaa")
    assert result.code == 3
    [case] = result.results["cases"]
    assert case["id"] == "VER-ANY-001" and case["outcome"] == "failed"
    assert "data is an object with keys" in case["message"]


def test_the_allure_results_are_for_a_partner(failing: Run) -> None:
    import json

    results = failing.output / "allure-results"
    assert not list(results.glob("*-container.json")), "fixture steps are developer noise"
    failed = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in results.glob("*-result.json")
        if '"failed"' in p.read_text(encoding="utf-8")
    ]
    assert failed
    for result in failed:
        assert "trace" not in result.get("statusDetails", {})
        names = [a["name"] for a in result.get("attachments", [])]
        assert "for developers: traceback" in names


def test_a_long_case_is_not_silent(capsys: pytest.CaptureFixture[str]) -> None:
    """While one case runs long the terminal says which, every HEARTBEAT_S; once it ends,
    nothing more."""
    from types import SimpleNamespace

    from ocpi_conformance.plugin.outputs import Console
    from suites.common.test_transport import test_missing_authorization_gets_401

    console = Console(run=None)  # type: ignore[arg-type]
    console.HEARTBEAT_S = 0.05
    item = SimpleNamespace(
        function=test_missing_authorization_gets_401, name="test_missing_authorization_gets_401"
    )
    protocol = console.pytest_runtest_protocol(item)  # type: ignore[arg-type]
    next(protocol)
    time.sleep(0.3)
    with pytest.raises(StopIteration):
        protocol.send(None)
    said = capsys.readouterr().out
    assert "  ... still on TRN-ANY-001 " in said and " s)" in said
    time.sleep(0.2)
    assert capsys.readouterr().out == ""
