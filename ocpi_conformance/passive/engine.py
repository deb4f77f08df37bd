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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ocpi_conformance.passive.capture import Raw, records
from ocpi_conformance.passive.learn import Learner, PartyOption, worth_learning
from ocpi_conformance.passive.records import RecordError, decode, exchange_of
from ocpi_conformance.passive.redact import Redactor, line_without_cases
from ocpi_conformance.passive.tally import Tally
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.checks.context import Context
from ocpi_conformance.verdicts.checks.judged import Judgement, Seen
from ocpi_conformance.verdicts.checks.registry import Rules, rules

BATCH = 256  # records per unit of work
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


class Worker:
    """Judges records on their own (in a worker process, or in this one)."""

    def __init__(self, ctx: Context, masks: dict[str, str], table: Rules | None = None) -> None:
        self.ctx = ctx
        self.rules = table or rules()
        self.redactor = Redactor(ctx, masks)
        self.last_start = 0.0

    def batch(self, items: list[tuple[int, str, Raw]]) -> list[Judged]:
        return [self.one(seq, source, raw) for seq, source, raw in items]

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


def _work(items: list[tuple[int, str, Raw]]) -> list[Judged]:
    assert _WORKER is not None
    return _WORKER.batch(items)


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
        if judged.problem is not None:
            self.note("records that could not be read", judged.problem)
            return
        self.exchanges += 1
        if judged.timeless:
            self.note("records without a timestamp (judged as if they came with the one before)")
        if self.previous is not None:
            start, end = self.previous
            if judged.start < start - ORDER_SLACK_S and judged.end < end - ORDER_SLACK_S:
                self.note(
                    "exchanges out of order (starting and ending before the one before "
                    "them; rules of time judge them by their own stamps)",
                    f"exchange {judged.seq}",
                )
        self.previous = (judged.start, judged.end)
        cases: list[str] = []
        if judged.line is not None:
            self.index[judged.seq] = cases
            self.pending.append((judged.seq, judged.line, cases))
        for judgement in judged.judgements:
            self._count(judgement)
        for index, fact in judged.facts:
            for judgement in self.folds[index].add(judged.seq, fact):
                self._count(judgement)
        self._flush(LATE_WINDOW)

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


def learn(paths: list[Path], number: str | None, options: list[PartyOption]) -> Learner:
    """Pass 1: who is who, from the records that can say it."""
    learner = Learner(number, list(options))
    for path in paths:
        for raw in records(path):
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
    return learner


def _batches(paths: list[Path]) -> Iterator[list[tuple[int, str, Raw]]]:
    seq = 0
    batch: list[tuple[int, str, Raw]] = []
    for path in paths:
        for raw in records(path):
            seq += 1
            batch.append((seq, path.name, raw))
            if len(batch) >= BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


def judged(
    paths: list[Path], ctx: Context, masks: dict[str, str], workers: int
) -> Iterator[Judged]:
    """Pass 2: every record judged, in order, by `workers` processes (1: this one)."""
    if workers <= 1:
        worker = Worker(ctx, masks)
        for batch in _batches(paths):
            yield from worker.batch(batch)
        return
    table = rules()  # handed over whole: a worker need not read the suites to bind ids
    with ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(ctx, masks, table)
    ) as pool:
        queue: deque[Future[list[Judged]]] = deque()
        for batch in _batches(paths):
            queue.append(pool.submit(_work, batch))
            if len(queue) >= workers * IN_FLIGHT:
                yield from queue.popleft().result()
        while queue:
            yield from queue.popleft().result()


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
    learner = learn(paths, number, list(options))
    ctx = learner.context()
    judge = Judge(ctx, out)
    for item in judged(paths, ctx, learner.masks.labels, workers):
        judge.take(item)
        if progress is not None and judge.exchanges % 10_000 == 0 and item.problem is None:
            progress(judge.exchanges)
    judge.finish()
    return ctx, judge
