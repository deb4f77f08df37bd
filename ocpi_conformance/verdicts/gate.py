"""The CI gate: which failures fail a run (exit code 1), after levels and known deviations, and
the one verdict every output repeats (terminal, results.json, junit.xml, exit code).

A gate fails closed: a run that was cut short, or that judged nothing at all (every selected
case skipped or blocked), does not pass, whatever its failures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ocpi_conformance.verdicts.deviations import Deviation
from ocpi_conformance.verdicts.outcome import CaseResult

LEVELS = {"mandatory": 0, "recommended": 1, "optional": 2}
JUDGED = ("passed", "failed", "error")  # outcomes that rest on something the run observed


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


@dataclass(frozen=True)
class GateVerdict:
    """The run's verdict: computed once, read by every output and by the exit code."""

    passed: bool
    why: str  # one line: what decided it
    blocking: list[CaseResult] = field(default_factory=list)
    mandatory_passed: int = 0
    mandatory_applicable: int = 0

    @property
    def word(self) -> str:
        return "PASS" if self.passed else "FAIL"

    def line(self) -> str:
        return (
            f"verdict: {self.word} ({self.why}; {self.mandatory_passed} of "
            f"{self.mandatory_applicable} applicable mandatory cases passed)"
        )


def judge(
    results: Iterable[CaseResult],
    *,
    fail_on: str,
    deviations: dict[str, Deviation],
    today: dt.date,
    stopped: str | None = None,
) -> GateVerdict:
    """The gate over a run's results: blocking failures, a run cut short (`stopped`), or a run
    that judged nothing all fail it."""
    results = list(results)
    failing = blocking(results, fail_on, deviations, today)
    mandatory = [r for r in results if r.level == "mandatory" and r.outcome not in ("skipped",)]
    passed_mandatory = sum(r.outcome == "passed" for r in mandatory)
    judged = any(r.outcome in JUDGED for r in results)
    if stopped:
        passed, why = False, f"stopped early: {stopped}"
    elif failing:
        passed, why = False, f"{len(failing)} case(s) fail the gate"
    elif not judged:
        passed = False
        why = "nothing was judged: no case ran to a verdict (every one skipped or blocked)"
    else:
        passed, why = True, "no case fails the gate"
    return GateVerdict(passed, why, failing, passed_mandatory, len(mandatory))
