"""The terminal summary at the end of a run: what a person at the console needs first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from ocpi_conformance.verdicts.outcome import CaseResult

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
    out += _failed(results, blocking)
    noted = [r for r in results if r.outcome == "passed" and r.message]
    if noted:
        out.append("")
        out.append("notes (passed cases with something to tell):")
        out += [f"  {r.id}: {clip(r.message)}" for r in noted]
    skipped: dict[str, list[str]] = defaultdict(list)
    for result in results:
        if result.outcome == "skipped":
            skipped[result.message or "no reason given"].append(result.id)
    if skipped:
        out.append("")
        out.append("skipped cases, by reason (each reason in full in results.json):")
        for reason, ids in sorted(skipped.items(), key=lambda item: item[1][0]):
            out.append(f"  {_ids(ids)}: {clip(reason)}")
    blocked: dict[str, list[str]] = defaultdict(list)
    for result in results:
        if result.outcome == "blocked" and result.blocked_by:
            blocked[result.blocked_by].append(result.id)
    if blocked:
        out.append("")
        out.append("blocked cases (not run; their precondition failed in another case):")
        for root, ids in sorted(blocked.items()):
            out.append(f"  blocked by {root}: {_ids(ids)}")
    out.append("")
    out.append(f"seed: {seed}")
    out += [f"report: {path}" for path in paths]
    return out


REASON_CHARS = 110  # of a skip reason on the terminal; results.json keeps it whole
IDS_SHOWN = 6


def clip(text: str, limit: int = REASON_CHARS) -> str:
    """One line of at most `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _ids(ids: list[str]) -> str:
    """`A, B, C (+12 more)`, or the count alone when there are many."""
    shown = ", ".join(ids[:IDS_SHOWN])
    more = f" (+{len(ids) - IDS_SHOWN} more)" if len(ids) > IDS_SHOWN else ""
    return f"{len(ids)} case(s) {shown}{more}" if len(ids) > 1 else shown


def _failed(results: list[CaseResult], blocking: set[str]) -> list[str]:
    """The failed cases grouped by the problem they share (`root`), problems first: one
    defect of the target is one problem however many cases show it."""
    failed = [r for r in results if r.outcome in ("failed", "error")]
    if not failed:
        return []
    groups: dict[str, list[CaseResult]] = defaultdict(list)
    for result in failed:
        groups[result.root or result.id].append(result)
    out = ["", f"failed cases: {len(groups)} problem(s), {len(failed)} failed case(s)"]
    for root, members in sorted(groups.items(), key=lambda g: (-len(g[1]), g[1][0].id)):
        indent = "  "
        if len(members) > 1:
            out.append(f"  {root} ({len(members)} cases):")
            indent = "    "
        for result in members:
            mark = "" if result.id in blocking else "  (does not fail the gate)"
            known = f"  [{result.known_deviation}]" if result.known_deviation else ""
            kind = "harness error: " if result.outcome == "error" else ""
            out.append(
                f"{indent}{result.id} [{result.level}] {result.title}: {kind}{result.message}"
                f"{known}{mark}"
            )
    return out


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
