"""The CI gate: which failures fail a run (exit code 1), after levels and known deviations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .deviations import Deviation
from .reporting.results import CaseResult

LEVELS = {"mandatory": 0, "recommended": 1, "optional": 2}


def mark_known(
    results: Iterable[CaseResult], deviations: dict[str, Deviation], today: dt.date
) -> None:
    """Note on each failed case that a known deviation covers it (it stays failed)."""
    for result in results:
        deviation = deviations.get(result.id)
        if deviation is not None and result.outcome in ("failed", "error"):
            result.known_deviation = deviation.describe(today)


def blocking(
    results: Iterable[CaseResult],
    fail_on: str,
    deviations: dict[str, Deviation],
    today: dt.date,
) -> list[CaseResult]:
    """Failures at or above `fail_on` that no unexpired known deviation covers."""
    threshold = LEVELS[fail_on]
    out = []
    for result in results:
        if result.outcome not in ("failed", "error") or LEVELS[result.level] > threshold:
            continue
        deviation = deviations.get(result.id)
        if deviation is not None and not deviation.expired(today):
            continue
        out.append(result)
    return out
