"""Each case's outcome and one-line message, from pytest's phase reports.

A case keeps its worst outcome over its phases (a clean-up error after a pass is an error).
An assertion is a finding about the target; in setup it is a precondition the target refused;
anything else is the harness's own error.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ocpi_conformance.transport.exchanges import ExchangeLog
from ocpi_conformance.verdicts.cases import Case
from ocpi_conformance.verdicts.failures import BLOCKED
from ocpi_conformance.verdicts.outcome import CaseResult

NOTE = "ocpi_note"  # a user property: information a case gives beside its verdict (`inform`)
RANK = {"passed": 0, "skipped": 1, "blocked": 2, "failed": 3, "error": 4}


class Verdicts:
    """The run's case results, by id."""

    def __init__(self, log: ExchangeLog, seed: int, version: Callable[[], str]) -> None:
        self.log = log
        self.seed = seed
        self.version = version  # the run's OCPI version, known once discovery chose it
        self.results: dict[str, CaseResult] = {}
        self.last: str | None = None  # the case recorded most recently
        self.durations: dict[str, float] = {}

    def record(
        self, case: Case, report: pytest.TestReport, call: pytest.CallInfo[None]
    ) -> CaseResult:
        outcome, message = verdict(report, call)
        if outcome == "passed":
            message = "; ".join(str(v) for k, v in report.user_properties if k == NOTE)
        root = root_of(call) if outcome == "failed" else None
        if falsifying_example(call) is not None:
            message = f"{message} (failing example in the report; seed {self.seed})"
        if outcome == "failed" and case.spec:
            message = f"{message} [{case.clause_in(self.version())}]"
        self.last = case.id
        spent = self.durations.get(case.id, 0.0) + report.duration
        self.durations[case.id] = spent
        previous = self.results.get(case.id)
        if previous is None or RANK[outcome] > RANK[previous.outcome]:
            exchanges = len(self.log.for_case(case.id))
            result = CaseResult.of(case, outcome, message, exchanges, self.version())
            if outcome == "blocked":
                result.blocked_by = message.removeprefix(BLOCKED).split(":")[0]
            result.root = root
            self.results[case.id] = result
        elif outcome == "passed" and previous.outcome == "passed" and message:
            previous.message = message  # the notes a later phase of a passing case gave
        self.results[case.id].duration_s = round(spent, 3)
        self.results[case.id].exchanges = len(self.log.for_case(case.id))  # all phases'
        return self.results[case.id]

    def not_run(self, case: Case, message: str) -> None:
        """A case the run never reached (interrupted, budget spent)."""
        if case.id not in self.results:
            self.results[case.id] = CaseResult.of(case, "skipped", message, 0, self.version())


def root_of(call: pytest.CallInfo[None]) -> str | None:
    """The problem a failure names as shared with other cases (OcpiFailure.root), if any."""
    value = call.excinfo.value if call.excinfo is not None else None
    root = getattr(value, "root", None)
    return root if isinstance(root, str) and root else None


def falsifying_example(call: pytest.CallInfo[None]) -> str | None:
    """The failing example hypothesis notes on a property case's exception (shrunk to the
    smallest one unless the profile skips shrinking)."""
    if call.excinfo is None:
        return None
    notes = getattr(call.excinfo.value, "__notes__", [])
    found = [n for n in notes if n.startswith(("Falsifying example", "Failing test case"))]
    return "\n".join(found) if found else None


def verdict(report: pytest.TestReport, call: pytest.CallInfo[None]) -> tuple[str, str]:
    """The case outcome of one phase report and its one-line message."""
    if report.passed:
        return "passed", ""
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        return ("blocked" if reason.startswith(BLOCKED) else "skipped"), reason
    excinfo = call.excinfo
    if excinfo is not None and excinfo.errisinstance(AssertionError):
        # An assertion in setup is a precondition the target refused (the Location the
        # per-level cases need, say): the case could not pass, so it failed, and says why.
        text = str(excinfo.value).split("\nassert ")[0].strip()
        text = text.splitlines()[0] if text else "assertion failed"
        return "failed", text if report.when == "call" else f"precondition failed: {text}"
    detail = f"{excinfo.typename}: {excinfo.value}" if excinfo else "unknown"
    return "error", f"harness error in {report.when}: {detail}".splitlines()[0]
