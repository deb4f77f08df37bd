"""results.json, the machine-readable verdict other tools read (a fixed contract)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ocpi_conformance import __version__
from ocpi_conformance.transport.guards import parse_json
from ocpi_conformance.verdicts.cases import LEVELS as CASE_LEVELS
from ocpi_conformance.verdicts.outcome import OUTCOMES, CaseResult

MAX_RESULTS_BYTES = 64 * 1024 * 1024  # a results.json of every case with long messages is < 1 MB


def document(
    results: list[CaseResult],
    *,
    role: str | None,
    target: str | None,
    profile: str,
    started_at: float,
    duration_s: float,
    ocpi_version: str,
) -> dict[str, Any]:
    summary = {outcome: 0 for outcome in OUTCOMES}
    for result in results:
        summary[result.outcome] += 1
    return {
        "tool": "ocpi-conformance",
        "tool_version": __version__,
        "ocpi_version": ocpi_version,
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


# --- reading one back ------------------------------------------------------------------------


class ResultsError(ValueError):
    """A results.json that cannot be read back: missing, not JSON, not the contract's shape."""


@dataclass(frozen=True)
class RecordedCase:
    id: str
    title: str
    level: str
    outcome: str
    message: str


@dataclass(frozen=True)
class RecordedRun:
    path: Path
    meta: dict[str, Any]  # role, target, profile, seed, started_at, verdict, tool_version
    cases: dict[str, RecordedCase]


def results_path(given: Path) -> Path:
    """DIR means DIR/results.json."""
    return given / "results.json" if given.is_dir() else given


def read(given: Path) -> RecordedRun:
    """A results.json read back (a diff, a rerun), checked against the contract's shape;
    ResultsError with one line when it is not one."""
    path = results_path(given)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_RESULTS_BYTES + 1)
    except FileNotFoundError:
        where = f"{given} has no results.json" if given.is_dir() else f"{path} does not exist"
        raise ResultsError(where) from None
    except OSError as exc:
        raise ResultsError(f"{path}: cannot read it ({exc.strerror})") from None
    if len(raw) > MAX_RESULTS_BYTES:
        raise ResultsError(f"{path}: larger than {MAX_RESULTS_BYTES // 2**20} MiB")
    doc, why = parse_json(raw, "the file")
    if why:
        raise ResultsError(f"{path}: {why}")
    if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
        raise ResultsError(f"{path}: not a results.json (no list of cases)")
    cases: dict[str, RecordedCase] = {}
    for number, entry in enumerate(doc["cases"], start=1):
        case = _recorded(entry)
        if isinstance(case, str):
            raise ResultsError(f"{path}: case {number}: {case}")
        if case.id in cases:
            raise ResultsError(f"{path}: case {number}: {case.id} is listed twice")
        cases[case.id] = case
    keys = ("role", "target", "profile", "started_at", "verdict", "tool_version")
    meta: dict[str, Any] = {key: doc[key] for key in keys if isinstance(doc.get(key), str)}
    if isinstance(doc.get("seed"), int) and not isinstance(doc["seed"], bool):
        meta["seed"] = doc["seed"]
    return RecordedRun(path, meta, cases)


def _recorded(entry: Any) -> RecordedCase | str:
    """The case, or what is wrong with the entry."""
    if not isinstance(entry, dict):
        return "not an object"
    case_id, level, outcome = entry.get("id"), entry.get("level"), entry.get("outcome")
    if not isinstance(case_id, str) or not case_id:
        return "no id"
    if level not in CASE_LEVELS:
        return f"{case_id}: level {level!r} is none of {', '.join(CASE_LEVELS)}"
    if outcome not in OUTCOMES:
        return f"{case_id}: outcome {outcome!r} is none of {', '.join(OUTCOMES)}"
    title, message = entry.get("title"), entry.get("message")
    return RecordedCase(
        case_id,
        title if isinstance(title, str) else "",
        level,
        outcome,
        message if isinstance(message, str) else "",
    )
