"""Judgements counted per case and per party, and the verdict of each rule they give:
passed (with how many times it was applied), failed (each breaking exchange, attributed to the
party that erred), or not observed, which is never a pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ocpi_conformance.verdicts.cases import Case
from ocpi_conformance.verdicts.checks.judged import Judgement
from ocpi_conformance.verdicts.outcome import CaseResult

KEPT_FINDINGS = 20  # per case and party; the rest are counted
NOT_OBSERVED = "not observed: no exchange of the capture exercised this rule"


@dataclass
class Count:
    passed: int = 0
    failed: int = 0
    findings: list[dict[str, Any]] = field(default_factory=list)
    root: str | None = None

    @property
    def applied(self) -> int:
        return self.passed + self.failed


@dataclass
class Tally:
    counts: dict[str, dict[str, Count]] = field(default_factory=dict)  # case -> party -> count

    def add(self, judgement: Judgement) -> None:
        count = self.counts.setdefault(judgement.case, {}).setdefault(judgement.party, Count())
        if judgement.problem is None:
            count.passed += 1
            return
        count.failed += 1
        count.root = count.root or judgement.root
        if len(count.findings) < KEPT_FINDINGS:
            count.findings.append(
                {
                    "party": judgement.party,
                    "exchanges": list(judgement.seqs),
                    "problem": judgement.problem,
                }
            )

    def merge(self, counts: dict[str, dict[str, Count]]) -> None:
        """Add another tally's counts (a worker's, of a unit judged after everything so far):
        its findings come after the ones kept, up to KEPT_FINDINGS."""
        for case, by_party in counts.items():
            mine = self.counts.setdefault(case, {})
            for party, count in by_party.items():
                merged = mine.setdefault(party, Count())
                merged.passed += count.passed
                merged.failed += count.failed
                merged.root = merged.root or count.root
                room = KEPT_FINDINGS - len(merged.findings)
                if room > 0:
                    merged.findings.extend(count.findings[:room])

    def rename(self, aliases: dict[str, str]) -> None:
        """Parties known by an origin first and by their identity later (a proxy learns as it
        goes) are counted under the identity."""
        for by_party in self.counts.values():
            for old, new in aliases.items():
                if old in by_party and old != new:
                    count = by_party.pop(old)
                    merged = by_party.setdefault(new, Count())
                    merged.passed += count.passed
                    merged.failed += count.failed
                    merged.root = merged.root or count.root
                    for finding in count.findings:
                        finding["party"] = new
                    merged.findings = (merged.findings + count.findings)[:KEPT_FINDINGS]

    def result(self, case: Case, number: str, judged: str | None) -> tuple[CaseResult, dict]:
        """The case's result over every party (or the one `judged`), and its per-party detail
        for results.json."""
        by_party = self.counts.get(case.id, {})
        if judged is not None:
            by_party = {k: v for k, v in by_party.items() if k == judged}
        applied = sum(c.applied for c in by_party.values())
        failed = {k: c for k, c in by_party.items() if c.failed}
        if applied == 0:
            outcome, message = "skipped", NOT_OBSERVED
        elif failed:
            outcome = "failed"
            first_party, first = next(iter(failed.items()))
            finding = first.findings[0] if first.findings else {"problem": "", "exchanges": []}
            where = ", ".join(str(s) for s in finding["exchanges"])
            broken = sum(c.failed for c in failed.values())
            message = (
                f"{broken} of {applied} application(s) break it; {first_party}: "
                f"{finding['problem']} (exchange {where})"
            )
        else:
            outcome = "passed"
            message = ""
        result = CaseResult.of(case, outcome, message, applied, number)
        if failed:
            result.root = next(iter(failed.values())).root
        detail = {
            "parties": {
                party: {
                    "outcome": "failed" if count.failed else "passed",
                    "applied": count.applied,
                    "failed": count.failed,
                }
                for party, count in sorted(by_party.items())
            },
            "findings": [f for c in failed.values() for f in c.findings],
        }
        return result, detail
