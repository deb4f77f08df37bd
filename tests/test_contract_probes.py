"""The pieces the contracts judge with, alone: invalid objects one per kind of broken rule and
the verdict per rule (contracts/refusals.py), what a Sender list holds and the probes derived
from it (contracts/list_probes.py), the Link rules (checks/pagination.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.strategies.mutations import KINDS
from ocpi_conformance.transport.client import Reply, Walk
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.checks.pagination import after, link_problems
from suites.contracts.list_probes import Held
from suites.contracts.refusals import (
    ACCEPTED,
    RIGHT,
    STORED,
    WRONG,
    Refusal,
    http_problems,
    keeps_names,
    one_of_each_kind,
    refusal_problems,
)

EXCHANGE = Exchange("outbound", "PUT", "http://127.0.0.1/t", {}, None, 200, {}, None, 0, 0)


def _reply(status: int | None, body: Any = None, headers: dict[str, str] | None = None) -> Reply:
    return Reply(EXCHANGE, status, httpx.Headers(headers or {}), "", json=body)


@pytest.mark.parametrize(
    ("module", "obj"),
    [("tariffs", "Tariff"), ("locations", "Location"), ("cdrs", "CDR"), ("tokens", "Token")],
)
def test_one_invalid_object_per_kind_each_breaking_one_rule(module: str, obj: str) -> None:
    base = fixture(module, f"{obj}.full")
    names = ("country_code", "party_id", "uid" if obj == "Token" else "id")
    found = one_of_each_kind(obj, base, keeps_names(names))
    kinds = [broken.mutation.kind for broken in found]
    assert len(kinds) == len(set(kinds)) >= 8, kinds
    assert kinds == [k for k in KINDS if k in kinds]  # in the order CDR probes take them
    for broken in found:
        violations = validate_object(obj, broken.body)
        assert len({v.path for v in violations}) == 1, (broken.what, violations)
        assert all(broken.body[name] == base[name] for name in names)


def test_a_refusal_is_judged_worst_first() -> None:
    said = {"status_code": 1000, "timestamp": "2024-01-01T00:00:00Z"}
    refused = {"status_code": 2001, "timestamp": "2024-01-01T00:00:00Z"}
    assert Refusal("a", _reply(200, said), stored=True).verdict == STORED
    assert Refusal("a", _reply(200, said), stored=False).verdict == ACCEPTED
    assert Refusal("a", _reply(422, {"detail": "x"})).verdict == WRONG
    assert Refusal("a", _reply(400, refused)).verdict == RIGHT  # the HTTP status: its own case


def test_the_refusal_finding_names_every_rule_let_through_with_counts() -> None:
    said = {"status_code": 1000, "timestamp": "2024-01-01T00:00:00Z"}
    refused = {"status_code": 2001, "timestamp": "2024-01-01T00:00:00Z"}
    found = [
        Refusal("PUT 1", _reply(200, said), True, "a DateTime with a UTC offset at $.x"),
        Refusal("PUT 2", _reply(200, said), True, "a string where a number belongs at $.y"),
        Refusal("PUT 3", _reply(422, {"detail": "no"}), False, "a required field left out"),
        Refusal("PUT 4", _reply(200, refused), False, "an enum value in the wrong case"),
    ]
    problem = refusal_problems(found, "invalid Tariffs")
    assert problem is not None and problem.startswith("3 of 4 invalid Tariffs broke the rule")
    assert "stored anyway (2): a DateTime with a UTC offset at $.x, a string where a number" in (
        problem
    )
    assert "refused with another status_code than 2001 (1): a required field left out" in problem
    assert "enum" not in problem
    assert refusal_problems(found[3:], "invalid Tariffs") is None


def test_only_http_errors_and_silence_break_the_http_rule() -> None:
    answers = [
        ("ok", _reply(200)),
        ("created", _reply(201)),
        ("framework", _reply(422)),
        ("bad request", _reply(400)),
        ("gone", _reply(None)),
    ]
    problems = http_problems(answers)
    assert [p.split(":")[0] for p in problems] == ["framework", "bad request", "gone"]


def _item(n: int, stamp: str) -> dict[str, str]:
    return {"country_code": "NL", "party_id": "CPO", "id": f"T{n}", "last_updated": stamp}


def test_the_split_has_objects_on_both_sides() -> None:
    stamps = ["2024-02-01T09:00:00Z", "2024-02-02T09:00:00Z", "2024-02-03T09:00:00Z"]
    items = [_item(n, s) for n, s in enumerate(stamps)] + [_item(0, stamps[0])]
    held = Held.of("Tariff", items, spec_version("2.2.1"))
    assert held.count == 3  # each object once
    assert held.split == "2024-02-02T09:00:00Z" and held.only_stamp is None
    assert held.newest == dt.datetime(2024, 2, 3, 9, tzinfo=dt.UTC)


def test_one_shared_timestamp_has_no_split() -> None:
    items = [_item(n, "2024-02-01T09:00:00.5Z") for n in range(3)]
    held = Held.of("Tariff", items, spec_version("2.2.1"))
    assert held.split is None and held.only_stamp == "2024-02-01T09:00:00.5Z"
    assert held.newest is not None and after(held.newest) == "2024-02-01T09:00:01Z"


def _page(count: int, link: str | None, total: int | None = None) -> Reply:
    headers = {"Link": link} if link is not None else {}
    if total is not None:
        headers["X-Total-Count"] = str(total)
    return _reply(200, {"data": [{}] * count, "status_code": 1000}, headers)


def test_an_empty_link_header_on_the_last_page_says_no_next_page() -> None:
    """RFC 8288: Link = #link-value, a list that may be empty (reading: docs/levels-review)."""
    walk = Walk(pages=[_page(3, '<http://127.0.0.1/t?offset=3>; rel="next"', 4), _page(1, "", 4)])
    assert walk.pages[1].next_link() is None
    assert link_problems(walk) == []


def test_a_missing_link_is_found_without_x_total_count() -> None:
    walk = Walk(pages=[_page(3, None)])
    assert link_problems(walk) == []  # nothing says more remain
    assert link_problems(walk, count=5) == ["page 1: 3 of 5 objects seen but no Link rel=next"]
