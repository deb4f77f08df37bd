"""`ocpi-conformance judge`: a harness run's own capture gives the verdicts the run gave; a
capture with one fault seeded fails exactly the rules that fault breaks; HAR and EV Panda
records are judged like the harness's own; the number of processes changes nothing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from ocpi_conformance.cli import main

from .harness_runs import run_cli
from .passive_captures import (
    Proxied,
    as_evpanda,
    as_har,
    find,
    lines,
    proxied,
    unmasked,
    write_lines,
)


def judge(tmp: Path, *captures: Path, extra: tuple[str, ...] = ()) -> tuple[int, dict[str, Any]]:
    out = tmp / "judged"
    code = main(["judge", *map(str, captures), "--output", str(out), *extra])
    return code, json.loads((out / "results.json").read_text(encoding="utf-8"))


def outcomes(doc: dict[str, Any]) -> dict[str, str]:
    return {c["id"]: c["outcome"] for c in doc["cases"]}


def failed(doc: dict[str, Any]) -> set[str]:
    return {c["id"] for c in doc["cases"] if c["outcome"] == "failed"}


# --- the harness's own capture ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`ocpi-conformance run --ocpi-version 2.2.1` with no target: the sandbox as a CPO and as
    an eMSP, in OUTPUT/2.2.1/<role>."""
    out = tmp_path_factory.mktemp("demo") / "run"
    result = run_cli(out, "--ocpi-version", "2.2.1")
    assert result.code == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return out / "2.2.1"


@pytest.mark.parametrize(("role", "target"), [("cpo", "NL/CPO"), ("emsp", "NL/MSP")])
def test_a_runs_capture_gives_the_runs_verdicts(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], role: str, target: str
) -> None:
    """Judged passively, for the party the run tested, every rule the capture exercised has
    the verdict the run gave it. (The harness's own conduct, its deliberate probes included, is
    judged too, and attributed to it, not to the target.)"""
    active = {
        c["id"]: c["outcome"]
        for c in json.loads((demo / role / "results.json").read_text())["cases"]
    }
    code, doc = judge(tmp_path, demo / role / "exchanges.jsonl", extra=("--judge-party", target))
    assert code == 0, capsys.readouterr().out[-3000:]
    assert doc["judged_party"] == target and doc["mode"] == "passive"
    passive = outcomes(doc)
    compared = {
        case: (active[case], outcome)
        for case, outcome in passive.items()
        if outcome in ("passed", "failed") and active.get(case) in ("passed", "failed")
    }
    differ = {case: pair for case, pair in compared.items() if pair[0] != pair[1]}
    assert not differ
    assert len(compared) >= 40, sorted(compared)
    # without --judge-party the harness's own probes (a raw token, token A after registering)
    # are findings, and they are the harness's, never the target's
    _, everyone = judge(tmp_path / "all", demo / role / "exchanges.jsonl")
    blamed = {f["party"] for c in everyone["cases"] for f in c.get("findings", [])}
    assert blamed and target not in blamed


# --- seeded faults ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Proxied:
    return proxied(tmp_path_factory.mktemp("clean"))


def _late(records: list[dict[str, Any]]) -> None:
    result = find(records, "POST", "/sender/commands/START_SESSION/")
    for key in ("started_at", "ended_at"):
        moment = dt.datetime.fromisoformat(result[key].replace("Z", "+00:00"))
        result[key] = (moment + dt.timedelta(seconds=5)).isoformat().replace("+00:00", "Z")


def _token_a_reused(records: list[dict[str, Any]]) -> None:
    push = find(records, "PUT", "/receiver/locations/")
    push["request"]["headers"]["authorization"] = "Token «token A of NL/MSP, base64»"
    push["response"]["status"] = 401
    push["response"]["body"] = {"status_code": 2000, "status_message": "token A is spent",
                                "timestamp": "2026-01-01T00:00:00Z"}  # fmt: skip


def _push_without_ids(records: list[dict[str, Any]]) -> None:
    push = find(records, "PUT", "/receiver/sessions/")
    for name in ("x-request-id", "x-correlation-id"):
        del push["request"]["headers"][name]


def _endless_link(records: list[dict[str, Any]]) -> None:
    page = find(records, "GET", "/sender/locations?")
    base = page["url"].split("?")[0]
    page["response"]["headers"]["link"] = f'<{base}?offset=0&limit=5>; rel="next"'
    at = records.index(page)
    for number in range(2):  # the client follows it, and is sent back to the start again
        again = copy.deepcopy(page)
        again["url"] = f"{base}?offset=0&limit=5"
        again["seq"] = 10_000 + number
        ids = {"x-request-id": f"loop-{number}", "x-correlation-id": f"loop-{number}"}
        again["request"]["headers"].update(ids)
        again["response"]["headers"].update(ids)
        records.insert(at + 1 + number, again)


def _cdr_totals(records: list[dict[str, Any]]) -> None:
    cdr = find(records, "POST", "/receiver/cdrs")
    cdr["request"]["body"]["total_energy"] += 8.0


SEEDED = {
    "token A reused after registering": (_token_a_reused, {"CRD-ANY-103"}),
    "a push without message ids": (_push_without_ids, {"TRN-ANY-102"}),
    "an endless Link": (_endless_link, {"LOC-CPO-001"}),
    "a CDR whose totals disagree with its periods": (_cdr_totals, {"CDR-CPO-202"}),
    "a late CommandResult": (_late, {"CMD-CPO-002"}),
}


def test_the_clean_capture_breaks_nothing(clean: Proxied, tmp_path: Path) -> None:
    code, doc = judge(tmp_path, clean.capture)
    assert code == 0 and not failed(doc)
    exercised = {c for c, o in outcomes(doc).items() if o == "passed"}
    assert {rule for _, rules in SEEDED.values() for rule in rules} <= exercised


@pytest.mark.parametrize("fault", sorted(SEEDED))
def test_a_seeded_fault_fails_exactly_its_rules(clean: Proxied, tmp_path: Path, fault: str) -> None:
    seed, expected = SEEDED[fault]
    records = lines(clean.capture)
    seed(records)
    code, doc = judge(tmp_path, write_lines(tmp_path / "seeded.jsonl", records))
    assert failed(doc) == expected
    assert code == 1
    finding = next(c for c in doc["cases"] if c["id"] in expected)["findings"][0]
    assert finding["party"] == "NL/CPO"  # the party that erred: each fault is the CPO's


# --- other tools' captures ---------------------------------------------------------------------


def test_a_har_file_is_judged_like_the_jsonl_and_its_tokens_stay_out(
    clean: Proxied, tmp_path: Path
) -> None:
    records, tokens = unmasked(lines(clean.capture))
    har = tmp_path / "capture.har"
    har.write_text(json.dumps(as_har(records), indent=1), encoding="utf-8")
    assert any(t in har.read_text() for t in tokens)  # the HAR holds raw tokens
    code, doc = judge(tmp_path, har)
    _, reference = judge(tmp_path / "ref", clean.capture)
    assert code == 0
    assert outcomes(doc) == outcomes(reference)
    import base64

    forms = tokens | {base64.b64encode(t.encode()).decode() for t in tokens}
    for path in (tmp_path / "judged").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [f for f in forms if f in text], path.name


def test_ev_panda_records_are_judged_without_authorization(clean: Proxied, tmp_path: Path) -> None:
    """EV Panda keeps no Authorization header: the rules of the token are not observed (never
    passed), the others are judged as on the harness's own capture."""
    capture = tmp_path / "evpanda.jsonl"
    capture.write_text("".join(json.dumps(r) + "\n" for r in as_evpanda(lines(clean.capture))))
    code, doc = judge(tmp_path, capture)
    _, reference = judge(tmp_path / "ref", clean.capture)
    got, want = outcomes(doc), outcomes(reference)
    assert code == 0
    token_rules = {"TRN-ANY-101", "CRD-ANY-103"}
    for rule in token_rules:
        assert want[rule] == "passed" and got[rule] == "skipped", rule
    same = {c for c in want if c not in token_rules}
    assert {c: got[c] for c in same} == {c: want[c] for c in same}


def test_two_processes_give_the_verdicts_of_one(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ocpi_conformance.passive import engine

    monkeypatch.setattr(engine, "BATCH", 64)  # units of 64 records: several for each worker
    capture = demo / "cpo" / "exchanges.jsonl"
    _, one = judge(tmp_path / "one", capture, extra=("--workers", "1"))
    _, two = judge(tmp_path / "two", capture, extra=("--workers", "2"))
    assert len(capture.read_text().splitlines()) > 4 * 64
    strip = lambda doc: [{k: v for k, v in c.items() if k != "duration_s"} for c in doc["cases"]]  # noqa: E731
    assert strip(one) == strip(two)
    assert (tmp_path / "one" / "judged" / "exchanges.jsonl").read_text() == (
        tmp_path / "two" / "judged" / "exchanges.jsonl"
    ).read_text()
