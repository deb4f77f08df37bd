"""The vocabulary of exchange-level checks: what one is given (`Seen`: an exchange and what
the context says about it) and what it says back (`Judgement`s, each naming the case it judges,
the party the rule binds there and the exchanges that show it).

A check never sends anything and never knows where its exchanges came from: an active case's
client, a capture, a proxy. Two kinds:
- `ExchangeRule`: a function of one exchange: None when the rule does not apply to it, else the
  problems it shows ([] when it keeps the rule);
- `SequenceRule`: what only a sequence shows: `extract` takes from each exchange the few facts
  the rule needs (small, picklable: it runs wherever the exchange is read), and a `Fold` reads
  those facts in order and says its judgements as it goes and at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.checks.context import (
    Context,
    Party,
    Place,
    Presented,
    TokenRole,
    header,
)

SERVER = "server"  # the rule binds the party that answered
CLIENT = "client"  # the rule binds the party that sent the request


@dataclass
class Seen:
    """One exchange with what the context says about it, worked out once for every check."""

    exchange: Exchange
    ctx: Context
    seq: int = 0
    # what one check worked out that another can reuse (a page validated whole is valid item by
    # item too): keyed by the check's own name
    memo: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, exchange: Exchange, ctx: Context, seq: int = 0) -> Seen:
        return cls(exchange, ctx, seq)

    @cached_property
    def place(self) -> Place | None:
        return self.ctx.place_of(self.exchange)

    @cached_property
    def server(self) -> Party | None:
        place = self.place
        return place.server if place is not None else self.ctx.server_of(self.exchange)

    @cached_property
    def client(self) -> Party | None:
        return self.ctx.client_of(self.exchange, self.server)

    @cached_property
    def presented(self) -> Presented | None:
        return self.ctx.presented(self.exchange)

    @cached_property
    def token(self) -> TokenRole | None:
        found = self.presented
        return self.ctx.tokens.get(found.print) if found and found.print else None

    @property
    def answered(self) -> bool:
        return self.exchange.status is not None

    def request_header(self, name: str) -> str | None:
        return header(self.exchange.request_headers, name)

    def response_header(self, name: str) -> str | None:
        return header(self.exchange.response_headers, name)

    @cached_property
    def request_json(self) -> Any:
        return self.exchange.request_json()

    @cached_property
    def response_json(self) -> Any:
        return self.exchange.response_json()

    @property
    def envelope(self) -> dict[str, Any] | None:
        body = self.response_json
        return body if isinstance(body, dict) else None

    @property
    def status_code(self) -> int | None:
        value = (self.envelope or {}).get("status_code")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def data(self) -> Any:
        return (self.envelope or {}).get("data")

    def party_key(self, judges: str) -> str:
        """The key of the party a rule of `judges` binds in this exchange."""
        if judges == SERVER:
            return self.server.key if self.server is not None else "unknown server"
        if self.client is not None:
            return self.client.key
        return f"a client of {self.server.key}" if self.server is not None else "unknown client"

    def shown(self) -> str:
        """The request as a finding quotes it."""
        status = f"HTTP {self.exchange.status}" if self.answered else "no answer"
        return f"{self.exchange.method} {self.exchange.url} -> {status}"


@dataclass(frozen=True)
class Judgement:
    """One rule applied once: the case, the party it binds, the exchanges (by their sequence
    numbers in the capture) and the problem; `problem` None: they kept the rule."""

    case: str
    party: str
    seqs: tuple[int, ...]
    problem: str | None = None
    root: str | None = None  # the defect in words that do not depend on the request


Verdict = list[str] | None  # None: not applicable; []: kept; else each problem


@dataclass(frozen=True)
class ExchangeRule:
    """A rule judged on one exchange: `check(seen)` -> Verdict, binding the `judges` party.
    `modules`: where it can apply at all (None: anywhere), so the judge calls it only there."""

    case: str
    judges: str
    check: Callable[[Seen], Verdict]
    modules: frozenset[str] | None = None
    # The role the case's id names (LOC-CPO: a CPO), where a module's rule is one case per
    # role (a ClientInfo Receiver is a CPO's or an eMSP's): judged only on a party known to
    # have it.
    role: str | None = None

    def judge(self, seen: Seen) -> Judgement | None:
        if self.modules is not None:
            place = seen.place
            if place is None or place.module not in self.modules:
                return None
        if self.role is not None:
            party = seen.server if self.judges == SERVER else seen.client
            if party is None or party.role != self.role:
                return None
        problems = self.check(seen)
        if problems is None:
            return None
        party = seen.party_key(self.judges)
        if not problems:
            return Judgement(self.case, party, (seen.seq,))
        return Judgement(self.case, party, (seen.seq,), "; ".join(problems), _root(problems[0]))


def _root(problem: str) -> str:
    """A problem's words without the request that showed it (before ': ' where there is one)."""
    return problem.split(": ", 1)[-1][:160]


class Fold(Protocol):
    def add(self, seq: int, fact: Any) -> Iterable[Judgement]: ...

    def finish(self) -> Iterable[Judgement]: ...


class SequenceRule(Protocol):
    """A rule only a sequence of exchanges shows. `cases`: the ids it can judge."""

    cases: tuple[str, ...]

    def extract(self, seen: Seen) -> Any | None: ...

    def fold(self, ctx: Context) -> Fold: ...


def judge_sequence(rule: SequenceRule, exchanges: Iterable[Seen]) -> Iterator[Judgement]:
    """A sequence rule applied to exchanges in one go (what an active case would call)."""
    seen = list(exchanges)
    if not seen:
        return
    fold = rule.fold(seen[0].ctx)
    for item in seen:
        fact = rule.extract(item)
        if fact is not None:
            yield from fold.add(item.seq, fact)
    yield from fold.finish()


@dataclass
class Bounded:
    """A dict that forgets its oldest entries past `limit`: the state of a fold over a capture
    of any size stays bounded (what it forgot is counted, and said in the results)."""

    limit: int
    items: dict[Any, Any] = field(default_factory=dict)
    forgotten: int = 0

    def put(self, key: Any, value: Any) -> None:
        self.items.pop(key, None)
        self.items[key] = value
        while len(self.items) > self.limit:
            self.items.pop(next(iter(self.items)))
            self.forgotten += 1

    def get(self, key: Any, default: Any = None) -> Any:
        return self.items.get(key, default)

    def pop(self, key: Any, default: Any = None) -> Any:
        return self.items.pop(key, default)

    def __contains__(self, key: Any) -> bool:
        return key in self.items

    def values(self) -> Iterable[Any]:
        return self.items.values()
