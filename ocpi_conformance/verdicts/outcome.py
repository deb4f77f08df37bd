"""A case's result: its outcome and one-line message, the verdict every output writes."""

from __future__ import annotations

from dataclasses import dataclass

from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.verdicts.cases import Case

OUTCOMES = ("passed", "failed", "skipped", "blocked", "error")
FAILING = ("failed", "error")  # what a rerun repeats and a diff calls a failure


@dataclass
class CaseResult:
    id: str
    title: str
    module: str
    role: str
    interface: str
    level: str
    outcome: str
    message: str
    spec: str
    exchanges: int
    known_deviation: str | None = None  # set when a known-deviations entry covers the failure
    blocked_by: str | None = None  # the case whose failure kept this one from running
    initiator: str = "harness"  # who sent the request the case judges: harness or target
    duration_s: float = 0.0  # the case's time, its setup and teardown included
    # the problem a failure shows, shared by every case that fails for the same defect of the
    # target ("HTTP 403 where 401 is due"); None for a case that did not fail
    root: str | None = None

    @classmethod
    def of(
        cls, case: Case, outcome: str, message: str, exchanges: int, version: str = DEFAULT
    ) -> CaseResult:
        """The result of `case` in a run of OCPI `version`, citing that version's clause."""
        return cls(
            case.id,
            case.title,
            case.module,
            case.role.lower(),
            case.interface,
            case.level,
            outcome,
            message,
            case.clause_in(version),
            exchanges,
            initiator=case.initiator,
        )
