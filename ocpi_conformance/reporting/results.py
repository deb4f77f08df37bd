"""results.json, the machine-readable verdict other tools read (a fixed contract)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..cases import Case
from ..spec.v2_2_1 import VERSION

OUTCOMES = ("passed", "failed", "skipped", "blocked", "error")


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
    def of(cls, case: Case, outcome: str, message: str, exchanges: int) -> CaseResult:
        return cls(
            case.id,
            case.title,
            case.module,
            case.role.lower(),
            case.interface,
            case.level,
            outcome,
            message,
            case.spec,
            exchanges,
            initiator=case.initiator,
        )


def document(
    results: list[CaseResult],
    *,
    role: str | None,
    target: str | None,
    profile: str,
    started_at: float,
    duration_s: float,
) -> dict[str, Any]:
    summary = {outcome: 0 for outcome in OUTCOMES}
    for result in results:
        summary[result.outcome] += 1
    return {
        "tool": "ocpi-conformance",
        "tool_version": __version__,
        "ocpi_version": VERSION,
        "role": role,
        "target": target,
        "profile": profile,
        "started_at": datetime.fromtimestamp(started_at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration_s": round(duration_s, 1),
        "summary": summary,
        "cases": [_case(r) for r in sorted(results, key=lambda r: r.id)],
    }


def _case(result: CaseResult) -> dict[str, Any]:
    record = asdict(result)
    if record["known_deviation"] is None:
        del record["known_deviation"]
    return record


def write(path: Path, doc: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
