"""The front page from a run folder's files alone: the verdict as results.json says it, the
mandatory score, the matrix, every failed case with the exchange that shows it (from
exchanges.jsonl when the run wrote one, else from the Allure results), credentials masked even
where a recording let one through, and nothing that would load from the network.

The front page of real runs (and its link into the Allure report) is tested in
tests/test_html_report.py; these build run folders by hand to reach each branch.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from ocpi_conformance.outputs import front_page
from ocpi_conformance.outputs import html as report_html
from ocpi_conformance.outputs.run_folder import Exchange, RunFolderError, exchanges_of
from ocpi_conformance.transport.exchanges import Exchange as Recorded

CLAUSE = "transport_and_format.asciidoc#transport_and_format_unique_messageg_ids"
SECRET = "a-raw-token-that-slipped-through-1234"


def _case(case_id: str, outcome: str, level: str = "mandatory", **extra: Any) -> dict[str, Any]:
    module, interface = extra.pop("where", ("transport", "ANY"))
    return {
        "id": case_id,
        "title": f"title of {case_id}",
        "module": module,
        "role": "cpo",
        "interface": interface,
        "level": level,
        "outcome": outcome,
        "message": extra.pop("message", ""),
        "spec": CLAUSE,
        "exchanges": 1,
        "initiator": "harness",
        **extra,
    }


def _results(folder: Path, cases: list[dict[str, Any]], **extra: Any) -> None:
    doc = {
        "tool": "ocpi-conformance",
        "tool_version": "0.1.0",
        "ocpi_version": "2.2.1",
        "role": "cpo",
        "target": "https://user:pass@ocpi.example.com/ocpi/versions",
        "profile": "ci",
        "verdict": "fail",
        "fail_on": "mandatory",
        "seed": 221,
        "started_at": "2026-11-23T10:00:00Z",
        "duration_s": 12.3,
        "cases": cases,
        **extra,
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(json.dumps(doc), encoding="utf-8")


def _recorded(url: str, *, case: str, status: int = 200, **extra: Any) -> Recorded:
    return Recorded(
        direction="outbound",
        method=extra.pop("method", "GET"),
        url=url,
        request_headers=extra.pop("request_headers", {"x-request-id": "req-1"}),
        request_body=extra.pop("request_body", None),
        status=status,
        response_headers={"content-type": "application/json"},
        response_body=extra.pop("response_body", '{"status_code": 1000}'),
        started_at=0.0,
        elapsed_ms=3.0,
        case=case,
    )


def _jsonl(folder: Path, *records: tuple[Recorded, list[str]]) -> None:
    lines = [json.dumps({**r.to_dict(), "cases": cases}) for r, cases in records]
    (folder / "exchanges.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _text(page: str) -> str:
    """The page as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", page)))


def _card(page: str, case_id: str) -> str:
    match = re.search(rf'<article class="case" id="{case_id}">(.*?)</article>', page, re.DOTALL)
    assert match, f"no card for {case_id}"
    return match.group(1)


def test_verdict_score_and_matrix_come_from_results_json(tmp_path: Path) -> None:
    cases = [
        _case("TRN-ANY-001", "passed"),
        _case(
            "TRN-ANY-005", "failed", message=f"X-Request-ID sent 'req-1', answered None [{CLAUSE}]"
        ),
        _case("LOC-CPO-001", "blocked", where=("locations", "SENDER"), blocked_by="TRN-ANY-005"),
        _case("LOC-CPO-002", "skipped", where=("locations", "SENDER"), message="no Locations"),
        _case("LOC-CPO-011", "passed", "recommended", where=("locations", "SENDER")),
    ]
    _results(tmp_path, cases)
    page = front_page.write(tmp_path, "allure.html", {}).read_text(encoding="utf-8")
    text = _text(page)
    # mandatory and applicable: TRN-ANY-001, -005 and LOC-CPO-001 (blocked counts, skipped not)
    assert "FAIL 1 of 3 applicable mandatory cases passed" in text
    assert "1 case fails the gate (it fails on mandatory cases)" in text
    assert (
        "<title>OCPI conformance: CPO https://ocpi.example.com/ocpi/versions - FAIL: 1 of 3" in page
    )
    assert "user:pass" not in page
    rows = dict(
        re.findall(
            r'<tr class="(?:ok|bad|warn)"><th scope="row">.*?</span>(\w+)</th>(.*?)</tr>', page
        )
    )
    counts = {m: re.findall(r">(\d+(?:/\d+)?)</td>", row) for m, row in rows.items()}
    #                      passed failed blocked skipped error mandatory passed
    assert counts == {
        "locations": ["1", "0", "1", "1", "0", "0/1"],
        "transport": ["1", "1", "0", "0", "0", "1/2"],
    }
    assert "LOC-CPO-001 title of LOC-CPO-001: blocked by TRN-ANY-005" in text
    assert "LOC-CPO-002 : no Locations" in text


def test_a_passing_run_says_pass_and_lists_no_failure(tmp_path: Path) -> None:
    _results(tmp_path, [_case("TRN-ANY-001", "passed")], verdict="pass")
    text = _text(front_page.write(tmp_path, "allure.html", {}).read_text(encoding="utf-8"))
    assert "PASS 1 of 1 applicable mandatory cases passed" in text
    assert "No case fails the gate" in text and "None: every case that ran passed." in text


def test_a_failed_case_shows_id_level_title_reason_clause_and_its_exchange(tmp_path: Path) -> None:
    message = f"X-Request-ID sent 'req-7', answered None [{CLAUSE}]"
    _results(tmp_path, [_case("TRN-ANY-005", "failed", message=message)])
    _jsonl(
        tmp_path,
        (_recorded("http://t/ocpi/versions", case="TRN-ANY-001"), ["TRN-ANY-001"]),
        (
            _recorded(
                "http://t/ocpi/2.2.1/credentials",
                case="TRN-ANY-005",
                request_headers={"x-request-id": "req-7", "authorization": "Token «token C»"},
                response_body='{"status_code": 1000, "data": {"url": "http://t/v"}}',
            ),
            ["TRN-ANY-005"],
        ),
    )
    anchors = {"TRN-ANY-005": "#abc123"}
    card = _card(
        front_page.write(tmp_path, "allure.html", anchors).read_text("utf-8"), "TRN-ANY-005"
    )
    text = _text(card)
    assert "TRN-ANY-005 mandatory fails the gate title of TRN-ANY-005" in text
    assert "X-Request-ID sent 'req-7', answered None" in text  # the reason, its clause apart
    assert f'href="https://github.com/ocpi/ocpi/blob/2.2.1/{CLAUSE}"' in card
    assert "GET http://t/ocpi/2.2.1/credentials HTTP 200" in text
    assert "x-request-id: req-7" in text and "authorization: Token «token C»" in text
    assert '"url": "http://t/v"' in text
    assert "/ocpi/versions" not in text  # another case's exchange
    assert 'href="allure.html#abc123"' in card


def test_the_exchange_shown_is_the_one_the_message_points_at(tmp_path: Path) -> None:
    message = 'Location NL/CPO/LOC-0003: $.coordinates.latitude: "52.0274" does not match'
    pages = [
        _recorded(f"http://t/locations?offset={n}", case="X", response_body=body)
        for n, body in enumerate(
            [
                '{"data": [{"id": "LOC-0001"}]}',
                '{"data": [{"id": "LOC-0003", "latitude": "52.0274"}]}',
                "{}",
            ]
        )
    ]
    views = [Exchange.of_record(e.to_dict()) for e in pages]
    assert front_page.evidence(message, views) == 1
    assert front_page.evidence("objects returned more than once", views) == 2  # the last
    assert front_page.evidence("anything", []) is None


def test_without_exchanges_jsonl_the_allure_results_give_the_exchange(tmp_path: Path) -> None:
    results = tmp_path / "allure-results"
    results.mkdir(parents=True)
    (results / "req.json").write_text(
        json.dumps({"headers": {"x-request-id": "req-9"}, "body": None}), encoding="utf-8"
    )
    (results / "resp.json").write_text(
        json.dumps({"status": 404, "headers": {}, "body": {"status_code": 2003}}), encoding="utf-8"
    )
    attachments = [
        {"name": "request", "source": "req.json", "type": "application/json"},
        {"name": "response", "source": "resp.json", "type": "application/json"},
    ]
    result = {
        "name": "CMD-CPO-010 title",
        "status": "failed",
        "labels": [{"name": "as_id", "value": "CMD-CPO-010"}],
        "steps": [
            {"name": "fixture set-up", "attachments": []},
            {
                "name": "POST http://t/commands/START_SESSION <- (the target called us) HTTP 404",
                "attachments": attachments,
            },
        ],
    }
    (results / "1-result.json").write_text(json.dumps(result), encoding="utf-8")
    [exchange] = exchanges_of(tmp_path, ["CMD-CPO-010"])["CMD-CPO-010"]
    assert (exchange.direction, exchange.method, exchange.url) == (
        "inbound",
        "POST",
        "http://t/commands/START_SESSION",
    )
    assert exchange.status == 404 and exchange.error is None
    assert exchange.request_headers == {"x-request-id": "req-9"}
    assert exchange.response_body == {"status_code": 2003}


def test_exchanges_jsonl_wins_over_the_allure_results(tmp_path: Path) -> None:
    (tmp_path / "allure-results").mkdir()
    result = {
        "name": "TRN-ANY-005 t",
        "labels": [{"name": "as_id", "value": "TRN-ANY-005"}],
        "steps": [{"name": "GET http://from-allure/x -> HTTP 200", "attachments": []}],
    }
    (tmp_path / "allure-results" / "1-result.json").write_text(json.dumps(result), "utf-8")
    assert [e.url for e in exchanges_of(tmp_path, ["TRN-ANY-005"])["TRN-ANY-005"]] == [
        "http://from-allure/x"
    ]
    _jsonl(tmp_path, (_recorded("http://from-jsonl/x", case="TRN-ANY-005"), ["TRN-ANY-005"]))
    assert [e.url for e in exchanges_of(tmp_path, ["TRN-ANY-005"])["TRN-ANY-005"]] == [
        "http://from-jsonl/x"
    ]


def test_a_credential_that_slipped_through_a_recording_is_masked(tmp_path: Path) -> None:
    _results(tmp_path, [_case("CRD-ANY-004", "failed", message="the token was not rotated")])
    credentials = {"token": SECRET, "url": "http://t/v", "roles": []}
    _jsonl(
        tmp_path,
        (
            _recorded(
                "http://someone:" + SECRET + "@t/ocpi/2.2.1/credentials",
                case="CRD-ANY-004",
                method="POST",
                request_headers={"Authorization": f"Token {SECRET}"},
                request_body=json.dumps(credentials),
                response_body=json.dumps({"data": {**credentials, "token": "«token C»"}}),
            ),
            ["CRD-ANY-004"],
        ),
    )
    page = front_page.write(tmp_path, "allure.html", {}).read_text(encoding="utf-8")
    assert SECRET not in page
    text = _text(page)
    assert "Authorization: Token «redacted»" in text
    assert '"token": "«redacted»"' in text and '"token": "«token C»"' in text


def test_the_page_loads_nothing_and_runs_no_script(tmp_path: Path) -> None:
    _results(tmp_path, [_case("TRN-ANY-005", "failed", message="<script>alert(1)</script>")])
    page = front_page.write(tmp_path, "allure.html", {}).read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # text from the target stays text
    assert report_html.external_references(page) == []
    assert "default-src 'none'" in page


def test_a_huge_body_is_cut_with_a_pointer_to_the_allure_report(tmp_path: Path) -> None:
    _results(tmp_path, [_case("LOC-CPO-001", "failed", message="bad page")])
    body = json.dumps({"data": ["x" * 100] * 500})
    _jsonl(
        tmp_path, (_recorded("http://t/l", case="LOC-CPO-001", response_body=body), ["LOC-CPO-001"])
    )
    page = front_page.write(tmp_path, "allure.html", {}).read_text(encoding="utf-8")
    assert len(page) < 60_000
    assert re.search(r"… \d+ more characters in the Allure report", page)


def test_known_deviations_and_lower_levels_do_not_fail_the_gate(tmp_path: Path) -> None:
    known = "known deviation (until 2099-01-31: ships in 4.2)"
    expired = "EXPIRED known deviation (until 2020-01-31: ships in 4.2)"
    assert not front_page.fails_gate(_case("A", "failed", known_deviation=known), "mandatory")
    assert front_page.fails_gate(_case("A", "failed", known_deviation=expired), "mandatory")
    assert not front_page.fails_gate(_case("A", "failed", "recommended"), "mandatory")
    assert front_page.fails_gate(_case("A", "failed", "recommended"), "recommended")
    assert front_page.fails_gate(_case("A", "error"), "mandatory")
    assert not front_page.fails_gate(_case("A", "blocked"), "mandatory")


def test_a_folder_without_results_json_says_so(tmp_path: Path) -> None:
    with pytest.raises(RunFolderError, match=r"no results\.json in"):
        front_page.write(tmp_path, "allure.html", {})
    (tmp_path / "results.json").write_text("[]", encoding="utf-8")
    with pytest.raises(RunFolderError, match=r"not a results\.json"):
        front_page.write(tmp_path, "allure.html", {})
