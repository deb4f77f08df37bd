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
            kind = "harness error: " if result.outcome == "error" else ""
            out.append(
                f"  {result.id} [{result.level}] {result.title}: {kind}{result.message}"
                f"{known}{mark}"
            )
    skipped: dict[str, list[str]] = defaultdict(list)
    for result in results:
        if result.outcome == "skipped":
            skipped[result.message or "no reason given"].append(result.id)
    if skipped:
        out.append("")
        out.append("skipped cases, by reason:")
        for reason, ids in sorted(skipped.items(), key=lambda item: item[1][0]):
            out.append(f"  {reason}: {', '.join(ids)}")
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


def verdict(results: Iterable[CaseResult], blocking: list[CaseResult], stopped: str | None) -> str:
    """The gate's verdict in one line, then the counts results.json holds."""
    results = list(results)
    mandatory = [r for r in results if r.level == "mandatory" and r.outcome != "skipped"]
    passed = sum(r.outcome == "passed" for r in mandatory)
    why = f"{len(blocking)} case(s) fail the gate" if blocking else "no case fails the gate"
    if stopped:
        why = f"stopped early: {stopped}"
    word = "FAIL" if blocking or stopped else "PASS"
    return (
        f"verdict: {word} ({why}; {passed} of {len(mandatory)} applicable mandatory cases passed)"
    )


def counts(results: Iterable[CaseResult]) -> str:
    """The last line: the same counts as results.json's summary."""
    tally = dict.fromkeys(COLUMNS, 0)
    for result in results:
        tally[result.outcome] += 1
    return ", ".join(f"{n} {'errors' if name == 'error' else name}" for name, n in tally.items())


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
