"""A charging session across exchanges (mod_sessions, mod_cdrs): the Session's status only moves
forward and stays once final (`SessionLifeCycle`), the CDR that follows it names the same
session, token and place (`CdrFollowsSession`), its totals agree with its charging periods
(`cdr_totals`, one exchange), and its cost with its Tariff where the capture holds it
(`CdrCost`).

The objects come from wherever the CPO sent them: pushed to an eMSP's Receiver (the CPO is the
client) or listed by its Sender (the CPO is the server).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ocpi_conformance.verdicts.checks.context import Context
from ocpi_conformance.verdicts.checks.costs import cost, cost_problems, totals_problems
from ocpi_conformance.verdicts.checks.judged import (
    CLIENT,
    SERVER,
    Bounded,
    Judgement,
    Seen,
    Verdict,
)
from ocpi_conformance.verdicts.checks.lists import page
from ocpi_conformance.verdicts.checks.pagination import parse_datetime

RANK = {"PENDING": 0, "RESERVATION": 0, "RESERVED": 0, "ACTIVE": 1, "COMPLETED": 2, "INVALID": 2}
FINAL = frozenset({"COMPLETED", "INVALID"})


def objects_sent(seen: Seen, module: str) -> tuple[str, str, list[Any]] | None:
    """(the sending party's key, how, the objects) where `seen` carries objects of `module`
    from their owner: a whole push or a PATCH to the Receiver, or a page of the Sender's list."""
    place = seen.place
    if place is None or place.module != module or place.operation is None:
        return None
    name = place.operation.name
    if place.interface == "RECEIVER" and seen.exchange.method in ("PUT", "POST", "PATCH"):
        body = seen.request_json
        if not isinstance(body, dict):
            return None
        return seen.party_key(CLIENT), seen.exchange.method, [body]
    if place.interface == "SENDER" and name == "get_list":
        items = page(seen)
        return (seen.party_key(SERVER), "list", items) if items is not None else None
    return None


def _upper(value: Any) -> str:
    return str(value).upper() if value is not None else ""


def _stamp(value: Any) -> Any:
    try:
        return parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        return None


def token_uid(obj: dict[str, Any]) -> str | None:
    """The uid of the Token a Session or CDR names (2.2.1 cdr_token, 2.1.1 auth_id)."""
    token = obj.get("cdr_token")
    if isinstance(token, dict) and token.get("uid") is not None:
        return _upper(token.get("uid"))
    return _upper(obj["auth_id"]) if obj.get("auth_id") is not None else None


def place_ids(obj: dict[str, Any]) -> tuple[str, str, str] | None:
    """(location, EVSE, connector) a Session or CDR names (2.2.1 fields, a CdrLocation, or a
    2.1.1 Location object with its one EVSE and Connector)."""
    if obj.get("location_id") is not None:
        return (
            _upper(obj.get("location_id")),
            _upper(obj.get("evse_uid")),
            _upper(obj.get("connector_id")),
        )
    where = obj.get("cdr_location")
    if isinstance(where, dict):
        return (
            _upper(where.get("id")),
            _upper(where.get("evse_uid")),
            _upper(where.get("connector_id")),
        )
    where = obj.get("location")
    if isinstance(where, dict):
        evses = where.get("evses") or [{}]
        evse = evses[0] if isinstance(evses[0], dict) else {}
        connectors = evse.get("connectors") or [{}]
        connector = connectors[0] if isinstance(connectors[0], dict) else {}
        return _upper(where.get("id")), _upper(evse.get("uid")), _upper(connector.get("id"))
    return None


def cdr_totals_listed(seen: Seen) -> Verdict:
    """CDR-CPO-202 on a CPO's CDR list: every CDR's totals agree with its charging periods."""
    found = objects_sent(seen, "cdrs")
    return _totals(seen, found) if found is not None and found[1] == "list" else None


def cdr_totals_pushed(seen: Seen) -> Verdict:
    """CDR-CPO-202 on the CDRs a CPO POSTs to an eMSP."""
    found = objects_sent(seen, "cdrs")
    return _totals(seen, found) if found is not None and found[1] == "POST" else None


def _totals(seen: Seen, found: tuple[str, str, list[Any]]) -> Verdict:
    problems, judged = [], False
    for cdr in found[2]:
        if not isinstance(cdr, dict):
            continue
        wrong = totals_problems(cdr)
        if wrong is None:
            continue
        judged = True
        problems += [f"CDR {cdr.get('id')}: {w}" for w in wrong]
    if not judged:
        return None
    return [f"{seen.shown()}: {'; '.join(problems[:3])}"] if problems else []


# --- facts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionSeen:
    party: str
    id: str
    status: str | None
    updated: Any  # datetime or None
    token: str | None
    place: tuple[str, str, str] | None


@dataclass(frozen=True)
class CdrSeen:
    party: str
    id: str
    session: str | None
    token: str | None
    place: tuple[str, str, str] | None
    cdr: dict[str, Any]  # the CDR itself (its periods, totals and embedded Tariffs)


@dataclass(frozen=True)
class TariffSeen:
    party: str
    id: str
    tariff: dict[str, Any]


def _session_facts(seen: Seen) -> list[SessionSeen]:
    found = objects_sent(seen, "sessions")
    if found is None:
        return []
    party, how, items = found
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        ident = item.get("id")
        if how == "PATCH":
            place = seen.place
            ident = place.params.get("session_id") if place is not None else None
        if ident is None:
            continue
        status = item.get("status")
        out.append(
            SessionSeen(
                party,
                _upper(ident),
                status if isinstance(status, str) else None,
                _stamp(item.get("last_updated")),
                None if how == "PATCH" else token_uid(item),
                None if how == "PATCH" else place_ids(item),
            )
        )
    return out


def _cdr_facts(seen: Seen) -> list[CdrSeen]:
    found = objects_sent(seen, "cdrs")
    if found is None or found[1] == "PATCH":
        return []
    party, _, items = found
    return [
        CdrSeen(
            party,
            _upper(cdr.get("id")),
            _upper(cdr["session_id"]) if cdr.get("session_id") is not None else None,
            token_uid(cdr),
            place_ids(cdr),
            cdr,
        )
        for cdr in items
        if isinstance(cdr, dict) and cdr.get("id") is not None
    ]


def _tariff_facts(seen: Seen) -> list[TariffSeen]:
    found = objects_sent(seen, "tariffs")
    if found is None or found[1] == "PATCH":
        return []
    party, _, items = found
    return [
        TariffSeen(party, _upper(t.get("id")), t)
        for t in items
        if isinstance(t, dict) and t.get("id") is not None
    ]


# --- a Session's life cycle ----------------------------------------------------------------------


@dataclass
class SessionLifeCycle:
    """SES-CPO-201: a Session's status moves only forward, PENDING or RESERVATION, then ACTIVE,
    then COMPLETED or INVALID, and a final status never changes ("No more modifications will be
    made to the Session object using this state", mod_sessions_sessionstatus_enum), in the
    order of the Session's own last_updated (so a capture out of order is judged right)."""

    cases: tuple[str, ...] = ("SES-CPO-201",)

    def extract(self, seen: Seen) -> list[SessionSeen] | None:
        found = [f for f in _session_facts(seen) if f.status is not None and f.updated is not None]
        return found or None

    def fold(self, ctx: Context) -> _LifeFold:
        return _LifeFold()


@dataclass
class _LifeFold:
    history: Bounded = field(default_factory=lambda: Bounded(100_000))

    def add(self, seq: int, facts: list[SessionSeen]) -> Iterable[Judgement]:
        out = []
        for fact in facts:
            key = (fact.party, fact.id)
            seen: list[tuple[Any, int, str]] = self.history.get(key) or []
            entry = (fact.updated, seq, fact.status or "")
            if any(s[0] == fact.updated and s[2] == entry[2] for s in seen):
                continue  # the same state again (a list read twice)
            bisect.insort(seen, entry)
            del seen[:-8]  # the latest states are enough to judge a transition
            self.history.put(key, seen)
            if len(seen) < 2:
                continue
            where = seen.index(entry)
            problem = None
            for before, after in zip(
                seen[max(0, where - 1) : where + 1], seen[where : where + 2], strict=False
            ):
                if before is after:
                    continue
                problem = problem or _transition(fact.id, before, after)
            seqs = tuple(sorted({s[1] for s in seen[max(0, where - 1) : where + 2]}))
            out.append(
                Judgement(
                    "SES-CPO-201",
                    fact.party,
                    seqs,
                    problem,
                    "Session status moves backwards or changes after final" if problem else None,
                )
            )
        return out

    def finish(self) -> Iterator[Judgement]:
        return iter(())


def _transition(
    ident: str, before: tuple[Any, int, str], after: tuple[Any, int, str]
) -> str | None:
    a, b = before[2], after[2]
    if a in FINAL and b != a:
        return f"Session {ident} was {a} (final) and then {b}"
    if a in RANK and b in RANK and RANK[b] < RANK[a]:
        return f"Session {ident} went from {a} back to {b}"
    return None


# --- the CDR after its Session -------------------------------------------------------------------


@dataclass
class CdrFollowsSession:
    """CDR-CPO-201: a CDR names a Session the CPO reported (its session_id), and agrees with
    it on the Token and on the Location, EVSE and Connector. Judged where the capture holds
    the Session; a CDR of a Session the capture never showed is not judged."""

    cases: tuple[str, ...] = ("CDR-CPO-201",)

    def extract(self, seen: Seen) -> list[SessionSeen | CdrSeen] | None:
        found: list[SessionSeen | CdrSeen] = [
            f for f in _session_facts(seen) if f.token is not None or f.place is not None
        ]
        found += [CdrSeen(c.party, c.id, c.session, c.token, c.place, {}) for c in _cdr_facts(seen)]
        return found or None

    def fold(self, ctx: Context) -> _FollowFold:
        return _FollowFold()


@dataclass
class _FollowFold:
    sessions: Bounded = field(default_factory=lambda: Bounded(100_000))
    waiting: Bounded = field(default_factory=lambda: Bounded(10_000))  # CDRs before sessions

    def add(self, seq: int, facts: list[SessionSeen | CdrSeen]) -> Iterable[Judgement]:
        out = []
        for fact in facts:
            if isinstance(fact, SessionSeen):
                self.sessions.put((fact.party, fact.id), (seq, fact))
                early = self.waiting.pop((fact.party, fact.id))
                for cdr_seq, cdr in early or []:
                    out.append(self._judge(cdr_seq, cdr, seq, fact))
            elif fact.session is not None:
                known = self.sessions.get((fact.party, fact.session))
                if known is None:
                    queued = self.waiting.get((fact.party, fact.session)) or []
                    self.waiting.put((fact.party, fact.session), [*queued, (seq, fact)][-4:])
                else:
                    out.append(self._judge(seq, fact, *known))
        return out

    def _judge(self, seq: int, cdr: CdrSeen, at: int, session: SessionSeen) -> Judgement:
        problems = []
        if cdr.token and session.token and cdr.token != session.token:
            problems.append(f"the Token {cdr.token}, the Session's {session.token}")
        if cdr.place and session.place:
            names = ("Location", "EVSE", "Connector")
            for name, a, b in zip(names, cdr.place, session.place, strict=True):
                if a and b and a != b and "#NA" not in (a, b):
                    problems.append(f"the {name} {a}, the Session's {b}")
        problem = None
        if problems:
            problem = f"CDR {cdr.id} of Session {session.id} names {'; '.join(problems)}"
        return Judgement(
            "CDR-CPO-201",
            cdr.party,
            (at, seq),
            problem,
            "a CDR disagrees with its Session" if problem else None,
        )

    def finish(self) -> Iterator[Judgement]:
        return iter(())


# --- the CDR's cost ------------------------------------------------------------------------------


@dataclass
class CdrCost:
    """CDR-CPO-203: a CDR's total_cost is what its Tariff makes of its charging periods, where
    the Tariff is in the CDR or elsewhere in the capture and has no restrictions."""

    cases: tuple[str, ...] = ("CDR-CPO-203",)

    def extract(self, seen: Seen) -> list[CdrSeen | TariffSeen] | None:
        found: list[CdrSeen | TariffSeen] = list(_tariff_facts(seen))
        for cdr in _cdr_facts(seen):
            body = cdr.cdr
            if body.get("credit") is True:
                continue  # a credit CDR's cost is the original's, negated
            compact = {
                k: body.get(k)
                for k in ("id", "currency", "charging_periods", "total_cost", "tariffs")
            }
            found.append(CdrSeen(cdr.party, cdr.id, None, None, None, compact))
        return found or None

    def fold(self, ctx: Context) -> _CostFold:
        return _CostFold()


@dataclass
class _CostFold:
    tariffs: Bounded = field(default_factory=lambda: Bounded(100_000))  # (party, id) -> tariff
    waiting: Bounded = field(default_factory=lambda: Bounded(10_000))  # CDRs lacking a Tariff

    def add(self, seq: int, facts: list[CdrSeen | TariffSeen]) -> Iterable[Judgement]:
        out = []
        for fact in facts:
            if isinstance(fact, TariffSeen):
                self.tariffs.put((fact.party, fact.id), fact.tariff)
                for key, (cdr_seq, cdr) in list(self.waiting.items.items()):
                    if key[0] == fact.party:
                        judged = self._judge(cdr_seq, cdr)
                        if judged is not None:
                            self.waiting.pop(key)
                            out.append(judged)
            else:
                judged = self._judge(seq, fact)
                if judged is None:
                    self.waiting.put((fact.party, fact.id), (seq, fact))
                else:
                    out.append(judged)
        return out

    def _known(self, cdr: CdrSeen) -> dict[str, dict[str, Any]]:
        embedded = cdr.cdr.get("tariffs")
        found = {
            _upper(t.get("id")): t
            for t in (embedded if isinstance(embedded, list) else [])
            if isinstance(t, dict) and t.get("id") is not None
        }
        for period in cdr.cdr.get("charging_periods") or []:
            tariff_id = period.get("tariff_id") if isinstance(period, dict) else None
            if isinstance(tariff_id, str) and tariff_id.upper() not in found:
                tariff = self.tariffs.get((cdr.party, tariff_id.upper()))
                if tariff is not None:
                    found[tariff_id.upper()] = tariff
        return found

    def _judge(self, seq: int, cdr: CdrSeen) -> Judgement | None:
        """The judgement of a CDR's cost, None while its Tariff is not known."""
        found = cost(cdr.cdr, self._known(cdr))
        if isinstance(found, str):
            return None
        problems = cost_problems(cdr.cdr, found)
        problem = f"CDR {cdr.id}: {'; '.join(problems)}" if problems else None
        return Judgement(
            "CDR-CPO-203",
            cdr.party,
            (seq,),
            problem,
            "CDR total_cost disagrees with its Tariff" if problem else None,
        )

    def finish(self) -> Iterator[Judgement]:
        return iter(())
