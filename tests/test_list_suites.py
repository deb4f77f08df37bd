"""The Sender-list suites (SES-CPO, CDR-CPO, TAR-CPO, TOK-EMSP, with Tokens' real-time
authorization) against the sandbox: the clean sandbox fails none of their cases, and each
lists or tokens fault fails the cases that name it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ocpi_conformance.party.lists import stored
from ocpi_conformance.verdicts.catalog import catalogue

from .harness_runs import run, sandbox

PREFIXES = {"cpo": ("SES-CPO-", "CDR-CPO-", "TAR-CPO-"), "emsp": ("TOK-EMSP-",)}
MODULES = {"cpo": "sessions,cdrs,tariffs", "emsp": "tokens"}


def _run(tmp_path: Path, role: str, *faults: str):
    with sandbox(role, *faults) as state:
        return run(state, tmp_path, "--profile", "quick", "--modules", MODULES[role], role=role)


@pytest.mark.parametrize("role", sorted(PREFIXES))
def test_conformant_sandbox_fails_no_list_case(tmp_path: Path, role: str) -> None:
    result = _run(tmp_path, role)
    assert result.code == 0, result.failed()
    passed = {c["id"] for c in result.results["cases"] if c["outcome"] == "passed"}
    expected = {  # the lists' cases; the charging preferences PUTs (SES-CPO-012+) need commands
        c
        for c, case in catalogue().items()
        if c.startswith(PREFIXES[role]) and not case.needs and case.applies_to("2.2.1")
    }
    assert len(expected) >= 8 * len(PREFIXES[role]) and expected <= passed, expected - passed


# A list ignoring limit, offset and date_from: what the probes can still show depends on what it
# holds. Each case either fails on its own evidence, or passes, or is skipped saying why (for
# want of data, or blocked by the case that judges the cause): never passed for want of data.
IGNORES_PAGING = ("lists_limit_ignored", "lists_offset_ignored", "lists_date_from_ignored")
# pages, objects and headers valid; date_to applied; a huge limit capped; bad paging refused
STILL_PASSING = {f"TAR-CPO-{n:03d}" for n in (1, 2, 3, 8, 10, 13)}


def _tariff_outcomes(
    tmp_path: Path, shape: Callable[[list[dict]], None], faults: tuple[str, ...] = IGNORES_PAGING
) -> dict[str, dict[str, str]]:
    with sandbox("cpo", *faults) as state:
        shape(stored(state, "tariffs"))
        result = run(state, tmp_path, "--profile", "quick", "--modules", "tariffs")
    return {
        c["id"]: {"outcome": c["outcome"], "message": c["message"]}
        for c in result.results["cases"]
        if c["id"].startswith("TAR-CPO-0")
    }


def _one_object(items: list[dict]) -> None:
    del items[1:]


def _one_shared_timestamp(items: list[dict]) -> None:
    for item in items:
        item["last_updated"] = items[0]["last_updated"]


def _by_outcome(found: dict[str, dict[str, str]]) -> dict[str, set[str]]:
    grouped: dict[str, set[str]] = {}
    for case, seen in found.items():
        grouped.setdefault(seen["outcome"], set()).add(case)
    return grouped


def test_a_list_of_one_object_ignoring_paging(tmp_path: Path) -> None:
    found = _tariff_outcomes(tmp_path, _one_object)
    assert _by_outcome(found) == {
        # offset=1 on a list of one still returns it; date_from after it still selects it
        "failed": {"TAR-CPO-006", "TAR-CPO-012"},
        "passed": STILL_PASSING,
        # no second object: no next page, no limit below the count; the date_from cases
        # are blocked by the one that shows date_from is not applied
        "blocked": {"TAR-CPO-007", "TAR-CPO-011"},
        "skipped": {"TAR-CPO-004", "TAR-CPO-005", "TAR-CPO-009"},
    }, found
    assert "TAR-CPO-012" in found["TAR-CPO-007"]["message"]
    assert "holds 1 Tariff" in found["TAR-CPO-004"]["message"]


def test_a_list_with_one_shared_timestamp_ignoring_paging(tmp_path: Path) -> None:
    found = _tariff_outcomes(tmp_path, _one_shared_timestamp)
    assert _by_outcome(found) == {
        "failed": {"TAR-CPO-006", "TAR-CPO-009", "TAR-CPO-012"},
        "passed": STILL_PASSING,
        # a page never has a next: the Link cases are blocked by the limit case
        "blocked": {"TAR-CPO-004", "TAR-CPO-005", "TAR-CPO-007", "TAR-CPO-011"},
    }, found
    assert "TAR-CPO-009" in found["TAR-CPO-004"]["message"]
    assert "TAR-CPO-009" in found["TAR-CPO-005"]["message"]


@pytest.mark.parametrize("shape", [_one_object, _one_shared_timestamp])
def test_a_conformant_list_of_little_data_fails_nothing(tmp_path: Path, shape) -> None:
    """The same data, served right: what can be shown passes on evidence, the rest is skipped
    for want of data, and nothing fails."""
    found = _by_outcome(_tariff_outcomes(tmp_path, shape, faults=()))
    assert "failed" not in found and "blocked" not in found, found
    date_cases = {"TAR-CPO-007", "TAR-CPO-008", "TAR-CPO-011", "TAR-CPO-012"}
    assert date_cases <= found["passed"], found
    multi_page = {"TAR-CPO-004", "TAR-CPO-005", "TAR-CPO-009"}
    assert multi_page <= found["skipped" if shape is _one_object else "passed"], found
