"""No parser without a guard: a body nested 100,000 arrays deep is a described failure of its
case, and every output a run writes copes with it (it once ended a run with INTERNALERROR
RecursionError from the Allure attachments, and every other case was lost)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from ocpi_conformance.outputs import allure as allure_report
from ocpi_conformance.outputs import exchanges_jsonl, summary
from ocpi_conformance.outputs import html as report_html
from ocpi_conformance.outputs import results as results_module
from ocpi_conformance.party.service import Answer, Call
from ocpi_conformance.plugin.outputs import JunitXml
from ocpi_conformance.transport.client import Reply
from ocpi_conformance.transport.exchanges import Exchange, ExchangeLog
from ocpi_conformance.transport.guards import json_or_none, parse_json, parse_json_text
from ocpi_conformance.verdicts.catalog import catalogue
from ocpi_conformance.verdicts.checks.inbound import not_taken
from ocpi_conformance.verdicts.gate import judge
from ocpi_conformance.verdicts.outcome import CaseResult
from suites.contracts.pushed import body_of

from .harness_runs import TOKEN_A, run, sandbox
from .misbehaving_server import DEEP_JSON, deep_locations_in_front_of

DEEP = DEEP_JSON.decode()


def _deep_exchange(direction: str = "outbound", status: int = 500) -> Exchange:
    return Exchange(
        direction, "POST", "http://127.0.0.1:9/ocpi/2.2.1/locations", {"X-Request-ID": "r1"},
        DEEP, status, {"Content-Type": "application/json"}, DEEP, time.time(), 3.0,
        case="LOC-CPO-001",
    )  # fmt: skip


def _deep_result() -> CaseResult:
    case = catalogue()["LOC-CPO-001"]
    return CaseResult.of(case, "failed", f"the page said {DEEP}", 1)


def test_the_bounded_decoders_give_a_reason_not_a_recursion_error() -> None:
    assert parse_json(DEEP_JSON) == (None, "response body nests deeper than 64 levels")
    assert parse_json_text(DEEP, "the POST") == (None, "the POST nests deeper than 64 levels")
    assert parse_json_text("[" * 65 + "]" * 65)[1] == "body nests deeper than 64 levels"
    assert parse_json_text("[" * 64 + "]" * 64)[1] is None
    assert json_or_none(DEEP) is None
    assert json_or_none('{"status_code": 1000}') == {"status_code": 1000}


def test_every_reader_of_a_recorded_body_copes_with_a_deep_one() -> None:
    exchange = _deep_exchange()
    record = exchange.to_dict()
    assert record["request"]["body"] == DEEP and record["response"]["body"] == DEEP
    assert "--data '[[[[" in exchange.curl()
    reply = Reply(exchange, 500, httpx.Headers(), DEEP, json_error="nests deeper")
    assert reply.describe().endswith("more characters in the attached exchange])")
    assert not_taken([exchange]) == [f"{exchange.url}: HTTP 500, status_code None"]
    pushed = SimpleNamespace(exchange=_deep_exchange("inbound", 200))
    assert body_of(pushed) is None  # type: ignore[arg-type]
    allure_report.attach_exchanges([exchange])  # pretty-prints request and response


def test_the_peer_answers_a_deep_request_body_with_400() -> None:
    call = Call(None, None, None, {}, [], DEEP_JSON)  # type: ignore[arg-type]
    with pytest.raises(Answer) as answered:
        call.json()
    assert (answered.value.http, answered.value.code) == (400, 2001)
    assert "nests deeper than 64" in str(answered.value.message)
    with sandbox("cpo") as state:  # the credentials endpoint reads its body itself
        request = urllib.request.Request(
            state.credentials_url,
            data=DEEP_JSON,
            method="POST",
            headers={"Authorization": f"Token {base64.b64encode(TOKEN_A.encode()).decode()}"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
    answer = json.loads(refused.value.read())
    assert refused.value.code == 400 and answer["status_code"] == 2001
    assert "nests deeper than 64" in answer["status_message"]


def test_every_output_file_and_the_terminal_cope_with_a_deep_body(tmp_path: Path) -> None:
    result = _deep_result()
    doc = results_module.document(
        [result],
        role="cpo",
        target="http://t",
        profile="ci",
        started_at=0.0,
        duration_s=1.0,
        ocpi_version="2.2.1",
    )
    results_module.write(tmp_path / "results.json", doc)
    assert json.loads((tmp_path / "results.json").read_text())["cases"][0]["message"].endswith(DEEP)
    gate = judge([result], fail_on="mandatory", deviations={}, today=dt.date.today())
    run = SimpleNamespace(
        verdicts=SimpleNamespace(results={result.id: result}),
        blocking=gate.blocking,
        gate=gate,
        output=tmp_path,
    )
    JunitXml(run).pytest_sessionfinish(None)  # type: ignore[arg-type]
    failure = ET.parse(tmp_path / "junit.xml").find(".//failure")
    assert failure is not None and DEEP in failure.get("message", "")
    lines = summary.lines([result], blocking={result.id}, seed=1, paths=[])
    assert any(DEEP in line for line in lines)
    assert "1 failed" in summary.counts([result])
    log = ExchangeLog()
    log.add(_deep_exchange())
    assert exchanges_jsonl.write(tmp_path / "exchanges.jsonl", log) == 1
    [line] = (tmp_path / "exchanges.jsonl").read_text().splitlines()
    record = json.loads(line)
    assert record["response"] == {
        "status": 500,
        "headers": {"Content-Type": "application/json"},
        "body": DEEP,
        "body_format": "text",
    }
    [(back, cases)] = list(exchanges_jsonl.read(tmp_path / "exchanges.jsonl"))
    assert back.response_body == DEEP and cases == ["LOC-CPO-001"]


def _attachments_holding(folder: Path, text: str) -> list[Path]:
    return [
        p
        for p in folder.glob("*-attachment*")
        if text in p.read_text(encoding="utf-8", errors="replace")
    ]


def test_a_locations_page_100000_arrays_deep_fails_its_case_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    with sandbox("cpo") as state, deep_locations_in_front_of(state, state.base_url) as front:
        result = run(state, tmp_path, "--report")  # and the partner's HTML report (Allure 3)
    assert front.hits["/locations"] >= 1
    assert "INTERNALERROR" not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.code == 1, result.stderr[-2000:]
    cases: dict[str, Any] = {c["id"]: c for c in result.results["cases"]}
    assert cases["LOC-CPO-001"]["outcome"] == "failed"
    assert "nests deeper than 64 levels" in cases["LOC-CPO-001"]["message"]
    expected = {
        i for i, c in catalogue().items() if c.role in ("CPO", "ANY") and c.applies_to("2.2.1")
    }
    assert set(cases) == expected  # every case of the role reported, none lost
    assert not [i for i, c in cases.items() if c["outcome"] == "error"]
    assert "LOC-CPO-001 [mandatory]" in result.stdout and "verdict: FAIL" in result.stdout
    deep_page = DEEP[:1000]
    assert _attachments_holding(tmp_path / "allure-results", deep_page)
    records = [json.loads(line) for line in (tmp_path / "exchanges.jsonl").open()]
    judged = [r for r in records if "LOC-CPO-001" in r["cases"] and "/locations" in r["url"]]
    assert judged and judged[0]["response"]["body"] == DEEP
    assert judged[0]["response"]["body_format"] == "text"
    junit = ET.parse(tmp_path / "junit.xml").getroot()
    assert any("LOC-CPO-001" in (t.get("name") or "") for t in junit.iter("testcase"))
    page = (tmp_path / "report" / "allure.html").read_text(encoding="utf-8")  # drilling down
    embedded = report_html.embedded_files(page).values()
    assert any(deep_page.encode() in data for data in embedded)
    assert "LOC-CPO-001" in report_html.case_anchors(page)
    front = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "LOC-CPO-001" in front and "nests deeper than 64 levels" in front
