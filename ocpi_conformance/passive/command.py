"""`ocpi-conformance judge CAPTURE...`: judge recorded traffic without sending a byte.

Exit codes as a run's: 0 every rule the capture exercised at or above --fail-on passed (and it
exercised some: nothing observed is no pass), 1 a rule failed or nothing was observed, 2 a
usage error or a file that is no capture (one line, never a traceback).
"""

from __future__ import annotations

import contextlib
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ocpi_conformance.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from ocpi_conformance.passive import engine, outputs
from ocpi_conformance.passive.capture import MAX_RECORD_BYTES, CaptureError
from ocpi_conformance.passive.learn import PartyOption
from ocpi_conformance.passive.tally import Tally
from ocpi_conformance.spec.version import KNOWN
from ocpi_conformance.verdicts import gate
from ocpi_conformance.verdicts.checks.context import Context
from ocpi_conformance.verdicts.checks.registry import PASSIVE_ONLY, cases
from ocpi_conformance.verdicts.deviations import Deviation, DeviationsError, load

PARALLEL_FROM_BYTES = 32 * 2**20  # smaller captures are judged faster in one process


class UsageError(ValueError):
    """A judge command that cannot start; one line, exit 2."""


@dataclass
class JudgeSettings:
    captures: list[Path]
    output: Path | None = None
    parties: list[str] = field(default_factory=list)
    ocpi_version: str | None = None
    fail_on: str = "mandatory"
    known_deviations: Path | None = None
    judge_party: str | None = None
    workers: int | None = None

    def output_dir(self) -> Path:
        if self.output is not None:
            return self.output
        return Path("reports") / datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _say(line: str = "") -> None:
    with contextlib.suppress(BrokenPipeError):  # `judge ... | head`: the verdict stands
        print(line, flush=True)


def _error(message: str) -> int:
    print(f"ocpi-conformance: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def check(
    settings: JudgeSettings, captures: bool = True
) -> tuple[list[PartyOption], dict[str, Deviation]]:
    """What can be wrong before anything is read: UsageError with one line. `captures`:
    whether there are capture files to check (the proxy has none)."""
    if captures and not settings.captures:
        raise UsageError("judge needs at least one capture file")
    for path in settings.captures if captures else []:
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
    if settings.ocpi_version is not None and settings.ocpi_version not in KNOWN:
        raise UsageError(f"--ocpi-version {settings.ocpi_version}: known: {', '.join(KNOWN)}")
    try:
        options = [PartyOption.parse(text) for text in settings.parties]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    deviations: dict[str, Deviation] = {}
    if settings.known_deviations is not None:
        from ocpi_conformance.verdicts.catalog import catalogue

        try:
            deviations = load(settings.known_deviations, {*catalogue(), *PASSIVE_ONLY})
        except DeviationsError as exc:
            raise UsageError(str(exc)) from None
    if settings.workers is not None and settings.workers < 1:
        raise UsageError("--workers must be 1 or more")
    return options, deviations


def judged_key(ctx: Context, wanted: str | None) -> str | None:
    """The key of the party --judge-party names (its key, or a role only one party has)."""
    if wanted is None:
        return None
    if wanted.upper() in ctx.parties:
        return wanted.upper()
    if wanted in ctx.parties:
        return wanted
    by_role = [p.key for p in ctx.parties.values() if (p.role or "").upper() == wanted.upper()]
    if len(by_role) == 1:
        return by_role[0]
    known = ", ".join(f"{p.key} ({p.role or 'role unknown'})" for p in ctx.parties.values())
    raise UsageError(
        f"--judge-party {wanted}: the capture shows no such party (parties: {known or 'none'})"
    )


def verdicts(
    ctx: Context,
    tally: Tally,
    judged: str | None,
    fail_on: str,
    deviations: dict[str, Deviation],
) -> outputs.Verdicts:
    number = ctx.version.number
    results, detail = [], {}
    for case in cases().values():
        if not case.applies_to(number):
            continue
        result, extra = tally.result(case, number, judged)
        results.append(result)
        detail[case.id] = extra
    today = outputs.today()
    gate.mark_known(results, deviations, today)
    verdict = gate.judge(results, fail_on=fail_on, deviations=deviations, today=today)
    if not any(r.outcome in ("passed", "failed") for r in results):
        verdict = gate.GateVerdict(
            False,
            "nothing was observed: no rule was exercised by the "
            "capture (nothing observed is no pass)",
        )
    return outputs.Verdicts(results, detail, verdict)


def evidence(path: Path, wanted: set[int]) -> dict[int, dict[str, Any]]:
    """The records of exchanges.jsonl with these seqs (the failing findings' evidence)."""
    import json

    found: dict[int, dict[str, Any]] = {}
    if not wanted or not path.is_file():
        return found
    with path.open("rb") as lines:
        while line := lines.readline(MAX_RECORD_BYTES + 1):
            seq_at = line.find(b'"seq": ')
            if seq_at < 0:
                continue
            digits = line[seq_at + 7 : seq_at + 20].split(b",")[0]
            if digits.isdigit() and int(digits) in wanted:
                try:
                    found[int(digits)] = json.loads(line)
                except ValueError:
                    continue
    return found


def run(settings: JudgeSettings) -> int:
    try:
        options, deviations = check(settings)
    except UsageError as exc:
        return _error(str(exc))
    folder = settings.output_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _error(f"--output {folder}: {exc.strerror}")
    size = sum(p.stat().st_size for p in settings.captures)
    workers = settings.workers or (engine.cores() if size >= PARALLEL_FROM_BYTES else 1)
    started = time.time()
    names = ", ".join(str(p) for p in settings.captures)
    _say(
        f"ocpi-conformance: judging {names} ({size:,} bytes, {workers} process(es)), "
        f"output {folder}"
    )
    try:
        with (folder / "exchanges.jsonl").open("w", encoding="utf-8") as out:
            ctx, judge = engine.run(
                settings.captures,
                number=settings.ocpi_version,
                options=options,
                out=out,
                workers=workers,
                progress=lambda n: _say(f"  ... {n:,} exchanges judged"),
            )
        judged = judged_key(ctx, settings.judge_party)
    except (CaptureError, UsageError) as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(f"cannot read the capture: {exc}")
    found = verdicts(ctx, judge.tally, judged, settings.fail_on, deviations)
    notes = [note.to_dict() for note in judge.notes.values()]
    if judge.exchanges == 0:
        notes.append({"kind": "the capture holds no exchange", "count": 0, "examples": []})
    doc = outputs.document(
        found,
        ctx=ctx,
        captures=settings.captures,
        judged=judged,
        started_at=started,
        fail_on=settings.fail_on,
        notes=notes,
        exchanges=judge.exchanges,
    )
    outputs.write_results(folder, doc)
    outputs.write_junit(folder, found)
    wanted = {
        s for d in found.detail.values() for f in d.get("findings", [])[:5] for s in f["exchanges"]
    }
    outputs.write_allure(
        folder, found, evidence(folder / "exchanges.jsonl", wanted), ctx.version.number
    )
    who = ", ".join(f"{p.key} ({p.role or 'role unknown'})" for p in ctx.parties.values())
    _say(
        f"ocpi-conformance: {judge.exchanges:,} exchanges, OCPI {ctx.version.number}, parties: "
        f"{who or 'none recognised'}" + (f"; judging {judged} only" if judged else "")
    )
    for line in outputs.terminal(found, folder, notes):
        _say(line)
    return EXIT_OK if found.gate.passed else EXIT_FAILED
