"""The passive judge's loop: every exchange through every exchange rule, the facts the sequence
rules need folded in order, each judgement tallied per case and per party.

A capture file is read twice: once, cheaply, for who is who (`learn.py`: only records that can
teach it are parsed), then for the verdicts, with that context fixed. The second pass cuts the
records into batches that worker processes judge (parse, exchange rules, facts, the redacted
line of exchanges.jsonl) while this process folds the facts in order: the same batches and the
same context whatever the number of workers, so the verdicts do not depend on it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from ocpi_conformance.passive.capture import Raw, line_range, records, shape_of
from ocpi_conformance.passive.learn import Learner, PartyOption, worth_learning
from ocpi_conformance.passive.records import RecordError, decode, exchange_of
from ocpi_conformance.passive.redact import Redactor, line_without_cases
from ocpi_conformance.passive.tally import Count, Tally
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.checks.context import Context
from ocpi_conformance.verdicts.checks.judged import Judgement, Seen
from ocpi_conformance.verdicts.checks.registry import Rules, rules

BATCH = 1024  # records per unit of work
IN_FLIGHT = 4  # batches per worker submitted ahead
LATE_WINDOW = 2048  # exchanges kept back before their line is written (late sequence cases)
ORDER_SLACK_S = 0.002  # stamps are rounded to the millisecond
MAX_NOTES = 20
# An Authorization header in a record of any shape ("authorization": ..., or HAR's
# {"name": "Authorization", ...}), not a body's authorization_reference.
AUTHORIZATION_HEADER = re.compile(rb'"(?i:authorization)"\s*[:,]')


@dataclass
class Note:
    """What a capture showed that is no finding about a party: records it could not read,
    exchanges out of order, state a fold had to forget."""

    kind: str
    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, example: str | None = None) -> None:
        self.count += 1
        if example and len(self.examples) < 5:
            self.examples.append(example)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "count": self.count, "examples": self.examples}


@dataclass(frozen=True)
class Judged:
    """A worker's account of one record: its judgements, the facts for the sequence rules,
    and its redacted line (all but `cases`), or the problem that kept it from being judged."""

    seq: int
    problem: str | None = None
    judgements: tuple[Judgement, ...] = ()
    facts: tuple[tuple[int, Any], ...] = ()
    line: str | None = None  # '{...,"cases": ' : the cases and the closing brace come last
    start: float = 0.0
    end: float = 0.0
    timeless: bool = False


@dataclass(frozen=True)
class Unit:
    """A piece of pass 2's work: NDJSON records by byte range (a worker reads them itself), or
    records already cut out of a HAR or an array, handed over whole."""

    source: str  # the file's name, as messages name it
    first_seq: int
    path: Path | None = None
    start: int = 0
    end: int = 0
    index: int = 0  # the record index before the first one
    raws: tuple[Raw, ...] = ()


@dataclass
class Partial:
    """What a worker says of one unit: the file of its lines (each up to its cases), each
    exchange (seq, start, end, timeless, the cases its exchange rules judged), the problems of
    the records it could not read, its exchange rules' tallies, and the sequence rules' facts."""

    part: str
    seen: list[tuple[int, float, float, bool, tuple[str, ...]]]
    problems: list[tuple[int, str]]
    counts: dict[str, dict[str, Count]]
    facts: list[tuple[int, int, Any]]


class Worker:
    """Judges records on their own (in a worker process, or in this one)."""

    def __init__(self, ctx: Context, masks: dict[str, str], table: Rules | None = None) -> None:
        self.ctx = ctx
        self.rules = table or rules()
        self.redactor = Redactor(ctx, masks)
        self.last_start = 0.0

    def unit(self, unit: Unit, parts: Path) -> Partial:
        """Judge one unit of records: its lines to a part file of `parts`, its exchange
        rules' judgements tallied, its facts and exchanges listed in order."""
        self.last_start = 0.0  # a unit starts afresh: the same whoever judges it
        raws = (
            unit.raws
            if unit.path is None
            else line_range(unit.path, unit.start, unit.end, unit.index)
        )
        part = parts / f"{unit.first_seq:012d}.part"
        tally = Tally()
        partial = Partial(str(part), [], [], {}, [])
        with part.open("w", encoding="utf-8") as out:
            for seq, raw in enumerate(raws, start=unit.first_seq):
                judged = self.one(seq, unit.source, raw)
                if judged.problem is not None:
                    partial.problems.append((seq, judged.problem))
                    continue
                for judgement in judged.judgements:
                    tally.add(judgement)
                cases = tuple(sorted({j.case for j in judged.judgements}))
                partial.seen.append((seq, judged.start, judged.end, judged.timeless, cases))
                partial.facts.extend((seq, index, fact) for index, fact in judged.facts)
                out.write(f"{judged.line}\n")
        partial.counts = tally.counts
        return partial

    def one(self, seq: int, source: str, raw: Raw) -> Judged:
        if raw.data is None:
            return Judged(seq, raw.problem or f"record {raw.index}: not read")
        try:
            value = decode(raw.data, raw.index)
            stamp_missing = not any(
                k in value
                for k in (
                    "started_at",
                    "startedDateTime",
                    "timestamp",
                    "request_timestamp",
                    "created_at",
                    "time",
                )
            )
            exchange = exchange_of(value, raw.index, self.last_start)
        except RecordError as exc:
            return Judged(seq, f"{source}: {exc}")
        self.last_start = exchange.started_at
        return self.exchange(seq, exchange, {"file": source, "record": raw.index}, stamp_missing)

    def exchange(
        self, seq: int, exchange: Exchange, source: dict[str, Any], timeless: bool = False
    ) -> Judged:
        seen = Seen(exchange, self.ctx, seq)
        judgements = []
        place = seen.place
        for rule in self.rules.for_module(place.module if place is not None else None):
            found = rule.judge(seen)
            if found is not None:
                judgements.append(found)
        facts = []
        for index, sequence in enumerate(self.rules.sequence):
            fact = sequence.extract(seen)
            if fact is not None:
                facts.append((index, fact))
        line = line_without_cases(exchange, seq, self.redactor, source)
        end = exchange.started_at + exchange.elapsed_ms / 1000
        return Judged(
            seq,
            None,
            tuple(judgements),
            tuple(facts),
            line,
            exchange.started_at,
            end,
            timeless,
        )


_WORKER: Worker | None = None


def _start_worker(ctx: Context, masks: dict[str, str], table: Rules) -> None:
    global _WORKER
    _WORKER = Worker(ctx, masks, table)


def _work(unit: Unit, parts: Path) -> Partial:
    assert _WORKER is not None
    return _WORKER.unit(unit, parts)


def cores() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# --- the sequence of judgements ---------------------------------------------------------------


class Judge:
    """Tallies judgements and folds facts in sequence order; writes exchanges.jsonl lines with
    the cases that judged each (a line waits LATE_WINDOW exchanges for late sequence cases)."""

    def __init__(self, ctx: Context, out: TextIO | None, table: Rules | None = None) -> None:
        self.ctx = ctx
        self.rules = table or rules()
        self.folds = [rule.fold(ctx) for rule in self.rules.sequence]
        self.tally = Tally()
        self.out = out
        self.pending: deque[tuple[int, str, list[str]]] = deque()
        self.index: dict[int, list[str]] = {}
        self.notes: dict[str, Note] = {}
        self.previous: tuple[float, float] | None = None
        self.exchanges = 0

    def note(self, kind: str, example: str | None = None) -> None:
        self.notes.setdefault(kind, Note(kind)).add(example)

    def take(self, judged: Judged) -> None:
        """One exchange judged on its own (the proxy's way)."""
        if judged.problem is not None:
            self.note("records that could not be read", judged.problem)
            return
        self._exchange(judged.seq, judged.start, judged.end, judged.timeless, judged.line)
        for judgement in judged.judgements:
            self._count(judgement)  # names its case on the exchange's line
        self._fold(judged.seq, judged.facts)
        self._flush(LATE_WINDOW)

    def take_partial(self, partial: Partial) -> None:
        """A unit of records a worker judged: its tallies merged, then each exchange in
        sequence order (its facts folded, its line written with every case that judged it)."""
        self.tally.merge(partial.counts)
        facts = iter(partial.facts)
        fact = next(facts, None)
        problems = dict(partial.problems)
        with open(partial.part, encoding="utf-8") as lines:
            for seq, start, end, timeless, cases in partial.seen:
                while problems and min(problems) < seq:
                    self.note("records that could not be read", problems.pop(min(problems)))
                line = lines.readline().rstrip("\n")
                self._exchange(seq, start, end, timeless, line).extend(cases)
                found = []
                while fact is not None and fact[0] == seq:
                    found.append((fact[1], fact[2]))
                    fact = next(facts, None)
                self._fold(seq, found)
                self._flush(LATE_WINDOW)
        for seq in sorted(problems):
            self.note("records that could not be read", problems[seq])
        Path(partial.part).unlink(missing_ok=True)

    def _exchange(
        self, seq: int, start: float, end: float, timeless: bool, line: str | None
    ) -> list[str]:
        """The bookkeeping of one exchange: counted, its order noted, its line kept back for
        the cases sequence rules may still name."""
        self.exchanges += 1
        if timeless:
            self.note("records without a timestamp (judged as if they came with the one before)")
        if self.previous is not None:
            before, ended = self.previous
            if start < before - ORDER_SLACK_S and end < ended - ORDER_SLACK_S:
                self.note(
                    "exchanges out of order (starting and ending before the one before "
                    "them; rules of time judge them by their own stamps)",
                    f"exchange {seq}",
                )
        self.previous = (start, end)
        cases: list[str] = []
        if line is not None:
            self.index[seq] = cases
            self.pending.append((seq, line, cases))
        return cases

    def _fold(self, seq: int, facts: Iterable[tuple[int, Any]]) -> None:
        for index, fact in facts:
            for judgement in self.folds[index].add(seq, fact):
                self._count(judgement)

    def _count(self, judgement: Judgement) -> None:
        self.tally.add(judgement)
        for seq in judgement.seqs:
            cases = self.index.get(seq)
            if cases is not None and judgement.case not in cases:
                cases.append(judgement.case)

    def _flush(self, keep: int) -> None:
        while len(self.pending) > keep:
            seq, line, cases = self.pending.popleft()
            self.index.pop(seq, None)
            if self.out is not None:
                self.out.write(line + json.dumps(sorted(cases)) + "}\n")

    def finish(self) -> None:
        for fold in self.folds:
            for judgement in fold.finish():
                self._count(judgement)
            for value in vars(fold).values():
                forgotten = getattr(value, "forgotten", 0)
                if forgotten:
                    self.note(
                        "state a sequence rule forgot to stay within its memory bound "
                        f"({type(fold).__name__})",
                        f"{forgotten} entries",
                    )
        self._flush(0)


# --- the two passes ----------------------------------------------------------------------------


@dataclass
class Plan:
    """What pass 1 learned of the files besides who is who: the units of pass 2's work where a
    file can be cut by byte ranges (NDJSON), None for a file read as a stream again."""

    units: dict[Path, list[Unit] | None] = field(default_factory=dict)
    count: dict[Path, int] = field(default_factory=dict)  # records per file


def learn(
    paths: list[Path], number: str | None, options: list[PartyOption]
) -> tuple[Learner, Plan]:
    """Pass 1: who is who, from the records that can say it; and the plan of pass 2."""
    learner = Learner(number, list(options))
    plan = Plan()
    seq = 0
    for path in paths:
        ndjson = shape_of(path) == "ndjson"
        units: list[Unit] = []
        count = 0
        for raw in records(path):
            seq += 1
            count += 1
            if ndjson:
                if (count - 1) % BATCH == 0:
                    units.append(Unit(path.name, seq, path, raw.offset, raw.end, raw.index - 1))
                else:
                    units[-1] = replace(units[-1], end=raw.end)
            if raw.data is None:
                continue
            if not learner.authorization_seen and AUTHORIZATION_HEADER.search(raw.data):
                learner.authorization_seen = True
            if not worth_learning(raw.data):
                continue
            try:
                learner.learn(exchange_of(decode(raw.data, raw.index), raw.index))
            except RecordError:
                continue  # said in pass 2
        plan.units[path] = units if ndjson else None
        plan.count[path] = count
    return learner, plan


def _units(paths: list[Path], plan: Plan) -> Iterator[Unit]:
    seq = 0
    for path in paths:
        planned = plan.units.get(path)
        if planned is not None:
            yield from planned
            seq += plan.count[path]
            continue
        batch: list[Raw] = []
        for raw in records(path):
            batch.append(raw)
            if len(batch) >= BATCH:
                yield Unit(path.name, seq + 1, raws=tuple(batch))
                seq += len(batch)
                batch = []
        if batch:
            yield Unit(path.name, seq + 1, raws=tuple(batch))
            seq += len(batch)


def judged(
    paths: list[Path], plan: Plan, ctx: Context, masks: dict[str, str], workers: int
) -> Iterator[Partial]:
    """Pass 2: every unit judged, in order, by `workers` processes (1: this one)."""
    with tempfile.TemporaryDirectory(prefix="ocpi-judge-") as tmp:
        parts = Path(tmp)
        if workers <= 1:
            worker = Worker(ctx, masks)
            for unit in _units(paths, plan):
                yield worker.unit(unit, parts)
            return
        table = rules()  # handed over whole: a worker need not read the suites to bind ids
        with ProcessPoolExecutor(
            workers, initializer=_start_worker, initargs=(ctx, masks, table)
        ) as pool:
            queue: deque[Future[Partial]] = deque()
            for unit in _units(paths, plan):
                queue.append(pool.submit(_work, unit, parts))
                if len(queue) >= workers * IN_FLIGHT:
                    yield queue.popleft().result()
            while queue:
                yield queue.popleft().result()


def run(
    paths: list[Path],
    *,
    number: str | None,
    options: Iterable[PartyOption],
    out: TextIO | None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> tuple[Context, Judge]:
    """Judge the capture files: the context learned and the judge with every tally."""
    learner, plan = learn(paths, number, list(options))
    ctx = learner.context()
    judge = Judge(ctx, out)
    shown = 0
    for partial in judged(paths, plan, ctx, learner.masks.labels, workers):
        judge.take_partial(partial)
        if progress is not None and judge.exchanges - shown >= 100_000:
            shown = judge.exchanges
            progress(judge.exchanges)
    judge.finish()
    return ctx, judge
