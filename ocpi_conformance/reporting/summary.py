"""The terminal summary at the end of a run: what a person at the console needs first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from .results import CaseResult

COLUMNS = ("passed", "failed", "blocked", "skipped", "error")


def lines(
    results: Iterable[CaseResult], *, blocking: set[str], seed: int, paths: list[str]
) -> list[str]:
    results = sorted(results, key=lambda r: r.id)
    matrix: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for result in results:
        matrix[(result.module, result.interface)][result.outcome] += 1
    out = [f"{'module':<18}{'interface':<11}" + "".join(f"{c:>9}" for c in COLUMNS)]
    for (module, interface), counts in sorted(matrix.items()):
        out.append(f"{module:<18}{interface:<11}" + "".join(f"{counts[c]:>9}" for c in COLUMNS))
    out.append("")
    out += _per_module(results, lambda r: r.level == "mandatory" and r.outcome != "skipped")
    failed = [r for r in results if r.outcome in ("failed", "error")]
    if failed:
        out.append("")
        out.append("failed cases:")
        for result in failed:
            mark = "" if result.id in blocking else "  (does not fail the gate)"
            known = f"  [{result.known_deviation}]" if result.known_deviation else ""
            out.append(f"  {result.id} [{result.level}] {result.message}{known}{mark}")
    blocked: dict[str, list[str]] = defaultdict(list)
    for result in results:
        if result.outcome == "blocked" and result.blocked_by:
            blocked[result.blocked_by].append(result.id)
    if blocked:
        out.append("")
        out.append("blocked cases (not run; their precondition failed in another case):")
        for root, ids in sorted(blocked.items()):
            out.append(f"  blocked by {root}: {', '.join(ids)}")
    out.append("")
    out.append(f"seed: {seed}")
    out += [f"report: {path}" for path in paths]
    return out


def _per_module(results: list[CaseResult], applicable: Callable[[CaseResult], bool]) -> list[str]:
    """ "N of M applicable mandatory cases passed" per module (the certification dry run)."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for result in results:
        if applicable(result):
            totals[result.module][1] += 1
            totals[result.module][0] += result.outcome == "passed"
    return [
        f"{module}: {passed} of {total} applicable mandatory cases passed"
        for module, (passed, total) in sorted(totals.items())
    ]
