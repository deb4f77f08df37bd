"""`ocpi-conformance diff OLD NEW`: what changed between two runs' results.json, and whether the
target got worse, so a CI job can gate on "nothing new fails" rather than "nothing fails".

Worse means: a case fails (outcome failed or error) at or above `fail_on` in NEW and did not in
OLD, because it passed, was skipped or blocked, failed below the level, or did not exist (a case
added since counts: a gate never goes green by mistake). Known deviations are not consulted: a
case that newly fails is new, whatever note it carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ocpi_conformance.outputs.results import RecordedCase, RecordedRun
from ocpi_conformance.verdicts.gate import LEVELS
from ocpi_conformance.verdicts.outcome import FAILING

MESSAGE_CHARS = 160  # a changed case's message, on the terminal


@dataclass(frozen=True)
class Change:
    id: str
    old: RecordedCase | None
    new: RecordedCase | None
    gates: bool = False  # fails the diff's gate: newly failing at or above fail_on

    def record(self) -> dict[str, Any]:
        shown = self.new or self.old
        assert shown is not None
        return {
            "id": self.id,
            "title": shown.title,
            "old_level": self.old.level if self.old else None,
            "new_level": self.new.level if self.new else None,
            "old_outcome": self.old.outcome if self.old else None,
            "new_outcome": self.new.outcome if self.new else None,
            "message": shown.message,
            "gates": self.gates,
        }


@dataclass
class Diff:
    old: RecordedRun
    new: RecordedRun
    fail_on: str
    new_failures: list[Change] = field(default_factory=list)
    fixed: list[Change] = field(default_factory=list)
    changed_levels: list[Change] = field(default_factory=list)
    changed_outcomes: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)

    @property
    def gating(self) -> list[str]:
        """The ids that make NEW worse than OLD (each once)."""
        groups = (self.new_failures, self.changed_levels, self.added)
        return sorted({c.id for group in groups for c in group if c.gates})

    @property
    def worse(self) -> bool:
        return bool(self.gating)


def compare(old: RecordedRun, new: RecordedRun, fail_on: str = "mandatory") -> Diff:
    diff = Diff(old, new, fail_on)
    for case_id in sorted(old.cases.keys() | new.cases.keys()):
        before, after = old.cases.get(case_id), new.cases.get(case_id)
        if before is None:
            assert after is not None
            diff.added.append(Change(case_id, None, after, _fails_at(after, fail_on)))
            continue
        if after is None:
            diff.removed.append(Change(case_id, before, None))
            continue
        gates = _fails_at(after, fail_on) and not _fails_at(before, fail_on)
        change = Change(case_id, before, after, gates)
        if before.level != after.level:
            diff.changed_levels.append(change)
        if before.outcome == after.outcome:
            continue
        if after.outcome in FAILING and before.outcome not in FAILING:
            diff.new_failures.append(change)
        elif before.outcome in FAILING and after.outcome == "passed":
            diff.fixed.append(change)
        else:
            diff.changed_outcomes.append(change)
    return diff


def _fails_at(case: RecordedCase, fail_on: str) -> bool:
    return case.outcome in FAILING and LEVELS[case.level] <= LEVELS[fail_on]


def to_json(diff: Diff) -> dict[str, Any]:
    """`diff --format json`: a document for tools (keys are added, never renamed)."""

    def side(results: RecordedRun) -> dict[str, Any]:
        return {"path": str(results.path), **results.meta, "cases": len(results.cases)}

    return {
        "old": side(diff.old),
        "new": side(diff.new),
        "fail_on": diff.fail_on,
        "worse": diff.worse,
        "gating": diff.gating,
        "new_failures": [c.record() for c in diff.new_failures],
        "fixed": [c.record() for c in diff.fixed],
        "changed_levels": [c.record() for c in diff.changed_levels],
        "changed_outcomes": [c.record() for c in diff.changed_outcomes],
        "added": [c.record() for c in diff.added],
        "removed": [c.record() for c in diff.removed],
    }


def _short(message: str) -> str:
    text = " ".join(message.split())
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


def _line(change: Change, what: str) -> str:
    shown = change.new or change.old
    assert shown is not None
    mark = "  (fails the gate)" if change.gates else ""
    said = f": {_short(shown.message)}" if shown.message and shown.outcome != "passed" else ""
    return f"  {change.id} [{shown.level}] {shown.title} -- {what}{said}{mark}"


def _outcomes(change: Change) -> str:
    before = change.old.outcome if change.old else "-"
    return f"{before} -> {change.new.outcome if change.new else '-'}"


def lines(diff: Diff) -> list[str]:
    """What a person reads: both runs, then each group of changes, then the verdict."""

    def side(name: str, results: RecordedRun) -> str:
        meta = results.meta
        about = ", ".join(str(meta[k]) for k in ("role", "target", "started_at") if meta.get(k))
        verdict = f", verdict {meta['verdict']}" if meta.get("verdict") else ""
        return f"{name}: {results.path} ({about}{verdict}; {len(results.cases)} cases)"

    out = [side("old", diff.old), side("new", diff.new)]
    for key in ("role", "target"):
        before, after = diff.old.meta.get(key), diff.new.meta.get(key)
        if before != after:
            out.append(f"note: the runs differ in {key} ({before} vs {after})")
    groups = (
        ("new failures", diff.new_failures, _outcomes),
        ("fixed", diff.fixed, _outcomes),
        ("changed levels", diff.changed_levels, _levels),
        ("changed outcomes", diff.changed_outcomes, _outcomes),
        ("added cases", diff.added, lambda c: f"new case, {c.new.outcome if c.new else '-'}"),
        ("removed cases", diff.removed, lambda c: f"was {c.old.outcome if c.old else '-'}"),
    )
    for title, changes, what in groups:
        if not changes:
            continue
        out += ["", f"{title} ({len(changes)}):"]
        if changes is diff.changed_outcomes:
            out += _grouped(changes)
        else:
            out += [_line(change, what(change)) for change in changes]
    out.append("")
    if diff.worse:
        out.append(
            f"verdict: WORSE ({len(diff.gating)} case(s) newly fail at or above "
            f"{diff.fail_on}: {', '.join(diff.gating)})"
        )
    elif any(changes for _, changes, _ in groups):
        out.append(f"verdict: NOT WORSE (no case newly fails at or above {diff.fail_on})")
    else:
        out.append("verdict: NO CHANGE")
    return out


def _grouped(changes: list[Change]) -> list[str]:
    """Outcomes that changed the same way for the same reason, on one line (a missing
    precondition skips or blocks many cases at once)."""
    by_reason: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        shown = change.new or change.old
        reason = _short(shown.message) if shown is not None else ""
        by_reason.setdefault((_outcomes(change), reason), []).append(change)
    out = []
    for (outcomes, reason), alike in by_reason.items():
        if len(alike) == 1:
            out.append(_line(alike[0], outcomes))
            continue
        said = f": {reason}" if reason else ""
        ids = ", ".join(change.id for change in alike)
        out.append(f"  {outcomes}{said} ({len(alike)} cases): {ids}")
    return out


def _levels(change: Change) -> str:
    before = change.old.level if change.old else "-"
    after = change.new.level if change.new else "-"
    return f"{before} -> {after}, {change.new.outcome if change.new else '-'}"
