"""What the Allure results say to a partner: a failed case's message is its one-line reason as
results.json gives it, pytest's account (assertion rewriting, traceback) is an attachment "for
developers", the failure keeps its category, and a property case's failing example is JSON where
it is plain data.

tests/test_html_report.py checks the same on the results of real runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import allure
import pytest

from ocpi_conformance.outputs import allure as allure_report
from ocpi_conformance.verdicts.failures import categories

PYTEST_MESSAGE = (
    "AssertionError: objects returned more than once across pages: NL/CPO/LOC-0001\n"
    "assert not ['objects returned more than once across pages: NL/CPO/LOC-0001']\n"
    " +  where ['...'] = Walk(pages=[<Reply GET http://t/locations 200>])"
)
REASON = (
    "objects returned more than once across pages: NL/CPO/LOC-0001 "
    "[transport_and_format.asciidoc#transport_and_format_paginated_request]"
)


def _result(folder: Path, name: str, case_id: str, status: str, message: str) -> Path:
    result = {
        "name": f"{case_id} title",
        "status": status,
        "statusDetails": {"message": message, "trace": "suites/cpo/test_x.py:12: in test\n  ..."},
        "labels": [{"name": "as_id", "value": case_id}],
    }
    path = folder / f"{name}-result.json"
    path.write_text(json.dumps(result), encoding="utf-8")
    return path


def _attachment(folder: Path, result: dict[str, Any], name: str) -> str:
    [source] = [a["source"] for a in result["attachments"] if a["name"] == name]
    return (folder / source).read_text(encoding="utf-8")


def test_the_message_is_the_reason_and_pytest_goes_to_developers(tmp_path: Path) -> None:
    (tmp_path / "categories.json").write_text(json.dumps(categories()), encoding="utf-8")
    failed = _result(tmp_path, "a", "LOC-CPO-006", "failed", PYTEST_MESSAGE)
    transport = _result(
        tmp_path,
        "b",
        "TRN-ANY-005",
        "failed",
        "ocpi_conformance.verdicts.failures.TransportViolation: X-Request-ID sent 'r', "
        "answered None",
    )
    skipped = _result(tmp_path, "c", "SES-CPO-013", "skipped", "Skipped: not capable")
    allure_report.tidy(
        tmp_path,
        {
            "LOC-CPO-006": REASON,
            "TRN-ANY-005": "X-Request-ID sent 'r', answered None [clause]",
            "SES-CPO-013": "not capable",
        },
    )
    result = json.loads(failed.read_text(encoding="utf-8"))
    assert result["statusDetails"] == {"message": REASON}
    developers = _attachment(tmp_path, result, allure_report.DEVELOPERS)
    assert developers.startswith(PYTEST_MESSAGE) and "suites/cpo/test_x.py:12" in developers
    assert {
        "name": "category",
        "value": "Protocol semantics (registration, round trips, pagination)",
    } in result["labels"]
    result = json.loads(transport.read_text(encoding="utf-8"))
    assert result["statusDetails"]["message"] == "X-Request-ID sent 'r', answered None [clause]"
    assert {"name": "category", "value": "Transport and status-code errors"} in result["labels"]
    result = json.loads(skipped.read_text(encoding="utf-8"))
    assert result["statusDetails"] == {"message": "Skipped: not capable"}  # only its trace moved
    assert _attachment(tmp_path, result, allure_report.DEVELOPERS).startswith("suites/cpo/")


def test_the_html_categories_match_the_label_or_an_old_message(tmp_path: Path) -> None:
    from ocpi_conformance.outputs.html import failure_categories

    (tmp_path / "categories.json").write_text(json.dumps(categories()), encoding="utf-8")
    [transport] = [r for r in failure_categories(tmp_path) if r["name"].startswith("Transport")]
    by_label, by_message = transport["matchers"]
    assert by_label == {
        "statuses": ["failed"],
        "labels": {"category": r"^Transport\ and\ status\-code\ errors$"},
    }
    assert by_message["message"].startswith(
        "ocpi_conformance\\.verdicts\\.failures\\.TransportViolation"
    )


NOTE = """Failing test case: round_trip(
    example={'name': '2',
     'opening_times': None,
     'coordinates': {'longitude': '4.962640', 'latitude': '-3.14716'},
     'publish': True,
     'city': "\\U000753cf\\xad'",
     'images': []},
)"""


def test_a_failing_example_of_plain_data_is_json() -> None:
    data = json.loads(allure_report.example_as_json(NOTE) or "")
    assert data == {
        "name": "2",
        "opening_times": None,
        "coordinates": {"longitude": "4.962640", "latitude": "-3.14716"},
        "publish": True,
        "city": "\U000753cf\xad'",
        "images": [],
    }
    assert allure_report.example_as_json(NOTE).startswith('{\n  "name": "2",')


def test_several_arguments_become_an_object_by_name() -> None:
    note = "Falsifying example: test_patch(\n    base={'id': 'A'},\n    change=[1, 2.5],\n)"
    assert json.loads(allure_report.example_as_json(note) or "") == {
        "base": {"id": "A"},
        "change": [1, 2.5],
    }


@pytest.mark.parametrize(
    "note",
    [
        "Falsifying example: test(example=Location(id='A'))",  # a repr: stays text
        "Falsifying example: test(example={1, 2})",  # a set: not JSON
        "Falsifying example: test(example=float('nan'))",
        "Falsifying example: test(example=__import__('os').system('true'))",  # never run
        "Falsifying example: test('positional')",
        "Something else: test(example=1)",
        "Falsifying example: test(example={'a': 1}",  # cut short
    ],
)
def test_anything_else_stays_the_text_hypothesis_wrote(note: str) -> None:
    assert allure_report.example_as_json(note) is None


def test_a_lone_surrogate_is_escaped_not_lost() -> None:
    note = "Falsifying example: test(example={'name': '\\ud800'})"
    text = allure_report.example_as_json(note) or ""
    text.encode("utf-8")
    assert json.loads(text) == {"name": "\ud800"}


def test_attach_example_attaches_json_and_how_to_draw_it_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attached: list[tuple[str, str, Any]] = []
    monkeypatch.setattr(
        allure,
        "attach",
        lambda body, name, attachment_type: attached.append((name, body, attachment_type)),
    )
    text_note = "Falsifying example: test(example=Location(id='A'))"
    allure_report.attach_example(f"{NOTE}\n{text_note}", seed=221)
    names = [(name, kind) for name, _, kind in attached]
    assert names == [
        ("failing example", allure.attachment_type.JSON),
        ("failing example: how to draw it again", allure.attachment_type.TEXT),
        ("failing example", allure.attachment_type.TEXT),
    ]
    assert json.loads(attached[0][1])["name"] == "2"
    assert "--seed 221" in attached[1][1]
    assert attached[2][1].startswith(text_note) and "--seed 221" in attached[2][1]
