"""exchanges.jsonl, the run's evidence one exchange a line (docs/exchanges.md): what a record
holds, which cases it names, that it reads back, and that no token reaches it."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from ocpi_conformance.outputs import exchanges_jsonl
from ocpi_conformance.transport.exchanges import Exchange, ExchangeLog

from .harness_runs import run, run_cli, sandbox
from .misbehaving_server import misbehaving_server

STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def _exchange(url: str, request_body: str | None, response_body: str | None) -> Exchange:
    return Exchange(
        "inbound", "PUT", url, {"content-type": "application/json"}, request_body, 200,
        {"x-request-id": "r"}, response_body, 1_790_000_000.25, 1500.0,
    )  # fmt: skip


def test_records_name_every_case_that_used_the_exchange_in_recorded_order(
    tmp_path: Path,
) -> None:
    log = ExchangeLog()
    log.add(_exchange("http://x/discovery", None, '{"data": []}'))  # before any case
    log.current_case = "SES-CPO-001"
    log.add(_exchange("http://x/a", '{"id": "S1"}', '"just a JSON string"'))
    log.add(_exchange("http://x/b", "not json", ""))
    stamped = log.all()[1]
    log.current_case = "SES-CPO-007"
    log.claim([stamped])
    log.current_case = None
    assert exchanges_jsonl.write(tmp_path / "exchanges.jsonl", log) == 3
    records = [json.loads(line) for line in (tmp_path / "exchanges.jsonl").open()]
    assert [r["seq"] for r in records] == [1, 2, 3]
    assert [r["cases"] for r in records] == [[], ["SES-CPO-001", "SES-CPO-007"], ["SES-CPO-001"]]
    first, second, third = records
    assert first["request"] == {
        "headers": {"content-type": "application/json"},
        "body": None,
        "body_format": None,
    }
    assert first["response"]["body"] == {"data": []}
    assert second["request"]["body"] == {"id": "S1"}
    assert second["response"]["body"] == "just a JSON string"
    assert second["response"]["body_format"] == "json"
    assert third["request"]["body"] == "not json" and third["request"]["body_format"] == "text"
    assert third["response"]["body"] == "" and third["response"]["body_format"] == "text"
    assert first["started_at"] == "2026-09-21T14:13:20.250Z"
    assert first["ended_at"] == "2026-09-21T14:13:21.750Z" and first["elapsed_ms"] == 1500.0
    assert (first["direction"], first["method"], first["response"]["status"]) == (
        "inbound",
        "PUT",
        200,
    )
    assert first["error"] is None


def test_a_file_reads_back_and_a_malformed_one_is_refused(tmp_path: Path) -> None:
    log = ExchangeLog()
    log.current_case = "TOK-CPO-001"
    log.add(_exchange("http://x/a", '{"uid": "T1"}', "plain text"))
    path = tmp_path / "exchanges.jsonl"
    exchanges_jsonl.write(path, log)
    [(back, cases)] = list(exchanges_jsonl.read(path))
    assert cases == ["TOK-CPO-001"] and back.case == "TOK-CPO-001"
    assert json.loads(back.request_body or "") == {"uid": "T1"}
    assert back.response_body == "plain text" and back.status == 200
    assert abs(back.started_at - 1_790_000_000.25) < 0.001
    path.write_text(path.read_text() + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(exchanges_jsonl.ExchangesFileError, match="line 2 nests deeper"):
        list(exchanges_jsonl.read(path))
    path.write_text('{"seq": 1, "request": 5, "response": {}}\n', encoding="utf-8")
    with pytest.raises(exchanges_jsonl.ExchangesFileError, match="line 1"):
        list(exchanges_jsonl.read(path))


def _token_forms(token: str) -> set[str]:
    return {token, base64.b64encode(token.encode()).decode()}


def test_a_run_writes_every_exchange_with_its_cases_and_no_token(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, "--modules", "credentials,versions,locations")
        tokens = state.every_token()
    assert result.code == 0, result.stdout[-2000:]
    text = (tmp_path / "exchanges.jsonl").read_text(encoding="utf-8")
    assert len(tokens) >= 3  # token A, the token Bs we handed out, the token Cs it issued
    leaks = [form for token in tokens for form in _token_forms(token) if form in text]
    assert not leaks
    records = [json.loads(line) for line in text.splitlines()]
    assert {r["direction"] for r in records} == {"outbound", "inbound"}
    assert [r["seq"] for r in records] == list(range(1, len(records) + 1))
    assert all(STAMP.match(r["started_at"]) and STAMP.match(r["ended_at"]) for r in records)
    masked = [r["request"]["headers"].get("authorization", "") for r in records]
    assert any(value.startswith("Token «token") for value in masked)
    for case in result.results["cases"]:  # results.json counts what exchanges.jsonl lists
        used = [r for r in records if case["id"] in r["cases"]]
        assert len(used) == case["exchanges"], case["id"]


def test_an_untestable_target_leaves_the_exchanges_that_show_why(tmp_path: Path) -> None:
    """Discovery failed (exit 3): the versions request and its answer are the evidence."""
    with misbehaving_server() as target:
        url = f"http://127.0.0.1:{target.server_port}/deep"
        result = run_cli(tmp_path, "--versions-url", url, "--role", "cpo", "--token-a", "a-1234")
    assert result.code == 3
    records = [json.loads(line) for line in (tmp_path / "exchanges.jsonl").open()]
    # token A as 2.2.1 sends it (Base64), then as 2.1.1 does (raw): neither answer is readable
    assert [r["request"]["headers"]["authorization"] for r in records] == [
        "Token «token A, base64»",
        "Token «token A»",
    ]
    for record in records:
        assert (record["method"], record["url"], record["cases"]) == ("GET", url, [])
        assert record["response"]["body_format"] == "text"
        assert record["response"]["body"].startswith("[[[[")
