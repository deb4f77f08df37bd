"""Requests answered at once and finished later (mod_commands, mod_charging_profiles): the
answer a valid *Response; after ACCEPTED, a valid *Result POSTed to the request's response_url
within the timeout the *Response gave, with the message ids and a token the recipient takes; and
the recipient answering that result with status_code 1000 (`AsyncResults`).

Which case judges which request is the registry's to say (`FLOWS`): one id per command type
and charging-profile method, the ids the active suites give the same rules.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ocpi_conformance.spec.validation import validate_response
from ocpi_conformance.text import first
from ocpi_conformance.verdicts.checks.context import Context
from ocpi_conformance.verdicts.checks.inbound import missing_message_ids
from ocpi_conformance.verdicts.checks.judged import (
    CLIENT,
    SERVER,
    Bounded,
    Judgement,
    Seen,
    Verdict,
)
from ocpi_conformance.verdicts.checks.pushes import object_problems

GRACE_S = 1.0  # a record's clocks: a result this much past the timeout is not called late


@dataclass(frozen=True)
class Flow:
    """The cases of one kind of asynchronous request: its response, its result, the result's
    token and message ids; `result` the object POSTed to the response_url."""

    response: str
    result: str
    result_token: str
    result_ids: str
    result_object: str
    taken: str | None = None  # the case judging how the requester answered the result


def flow_key(seen: Seen) -> tuple[str, str] | None:
    """(module, what) of a request that starts an asynchronous flow: a command's type, or the
    method of a charging-profile request."""
    place = seen.place
    if place is None or place.operation is None:
        return None
    if place.module == "commands" and place.name == "post_command":
        return ("commands", place.params.get("command", ""))
    if place.module == "chargingprofiles" and place.interface == "RECEIVER":
        return ("chargingprofiles", seen.exchange.method)
    return None


def response_url(seen: Seen) -> str | None:
    body = seen.request_json
    given = body.get("response_url") if isinstance(body, dict) else None
    if not isinstance(given, str):
        given = dict(parse_qsl(urlsplit(seen.exchange.url).query)).get("response_url")
    return given if isinstance(given, str) and given else None


def _bare(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def response_valid(seen: Seen, flows: Mapping[tuple[str, str], Flow], case: str) -> Verdict:
    """A flow's request answered with its valid *Response: HTTP 200 and the operation's
    response schema (its data a valid *Response where the status_code is a success; a refusal,
    2003 for an unknown Location, is the probes' to judge)."""
    key = flow_key(seen)
    if key is None or key not in flows or flows[key].response != case or not seen.answered:
        return None
    if seen.exchange.status in (401, 403):
        return None
    place = seen.place
    assert place is not None and place.operation is not None
    body = seen.response_json
    if seen.exchange.status != 200 or body is None:
        return [f"{seen.shown()}: expected HTTP 200 and the response format"]
    operation = place.operation
    found = validate_response(
        operation.module, operation.interface, operation.name, body, seen.ctx.version.number
    )
    return [f"{seen.shown()}: {first(found)}"] if found else []


@dataclass(frozen=True)
class Started:
    """A request that starts a flow, and what its answer promised."""

    key: tuple[str, str]
    url: str  # the response_url, bare
    client: str
    server: str
    end: float
    accepted: bool
    timeout: float | None


@dataclass(frozen=True)
class Posted:
    """A POST that may be a result: where it went, when, and what it carried."""

    url: str  # bare
    start: float
    client: str
    server: str
    body: Any
    status: int | None
    code: int | None
    missing_ids: tuple[str, ...]


@dataclass
class AsyncResults:
    flows: dict[tuple[str, str], Flow]
    cases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        ids = []
        for flow in self.flows.values():
            ids += [flow.result, flow.result_token, flow.result_ids]
            ids += [flow.taken] if flow.taken else []
        self.cases = tuple(dict.fromkeys(ids))

    def extract(self, seen: Seen) -> Started | Posted | None:
        exchange = seen.exchange
        key = flow_key(seen)
        if key is not None and key in self.flows:
            url = response_url(seen)
            if url is None:
                return None
            data = seen.data if isinstance(seen.data, dict) else {}
            timeout = data.get("timeout")
            accepted = seen.status_code == 1000 and data.get("result") == "ACCEPTED"
            return Started(
                key,
                _bare(url),
                seen.party_key(CLIENT),
                seen.party_key(SERVER),
                exchange.started_at + exchange.elapsed_ms / 1000,
                accepted,
                float(timeout)
                if isinstance(timeout, (int, float))
                and not isinstance(timeout, bool)
                and timeout > 0
                else None,
            )
        if exchange.method == "POST" and seen.answered:
            body = seen.request_json
            if isinstance(body, dict) and "result" in body:
                missing = tuple(missing_message_ids(exchange)) if exchange.request_headers else ()
                return Posted(
                    _bare(exchange.url),
                    exchange.started_at,
                    seen.party_key(CLIENT),
                    seen.party_key(SERVER),
                    body,
                    exchange.status,
                    seen.status_code,
                    missing,
                )
        return None

    def fold(self, ctx: Context) -> _AsyncFold:
        return _AsyncFold(self.flows, ctx.version.number)


@dataclass
class _AsyncFold:
    flows: dict[tuple[str, str], Flow]
    number: str
    waiting: Bounded = field(default_factory=lambda: Bounded(100_000))  # url -> (seq, Started)
    early: Bounded = field(default_factory=lambda: Bounded(10_000))  # url -> (seq, Posted)
    deadlines: list[tuple[float, int, str]] = field(default_factory=list)  # a heap
    latest: float = 0.0

    def add(self, seq: int, fact: Started | Posted) -> Iterable[Judgement]:
        out: list[Judgement] = []
        if isinstance(fact, Started):
            self.latest = max(self.latest, fact.end)
            if fact.accepted:
                self.waiting.put(fact.url, (seq, fact))
                if fact.timeout is not None:
                    due = fact.end + fact.timeout + GRACE_S
                    heapq.heappush(self.deadlines, (due, seq, fact.url))
                arrived = self.early.pop(fact.url)
                if arrived is not None:  # recorded before its request ended (a capture by end)
                    out += self._arrived(seq, fact, *arrived)
                    self.waiting.pop(fact.url)
        else:
            self.latest = max(self.latest, fact.start)
            found = self.waiting.pop(fact.url)
            if found is not None:
                out += self._arrived(found[0], found[1], seq, fact)
            else:
                self.early.put(fact.url, (seq, fact))
        return out

    def _arrived(self, seq: int, started: Started, at: int, posted: Posted) -> list[Judgement]:
        flow = self.flows[started.key]
        what = f"{flow.result_object} for {started.key[1]} at {started.url}"
        seqs = (seq, at)
        problems = []
        if started.timeout is not None and posted.start > started.end + started.timeout + GRACE_S:
            late = posted.start - started.end
            problems.append(
                f"the {what} came {late:.1f} s after the response, which allowed "
                f"{started.timeout:g} s"
            )
        found = object_problems(flow.result_object, posted.body, self.number)
        if found:
            problems.append(f"the {what} breaks {first(found, 3)}")
        out = [
            Judgement(
                flow.result,
                started.server,
                seqs,
                "; ".join(problems) or None,
                (
                    "the result came after the timeout"
                    if problems and "after the" in problems[0]
                    else (problems[0] if problems else None)
                ),
            )
        ]
        token_problem = None
        if posted.status == 401:
            token_problem = f"the {what} was refused with 401: not the token the recipient gave"
        out.append(
            Judgement(
                flow.result_token,
                started.server,
                seqs,
                token_problem,
                "result POSTed without the recipient's token" if token_problem else None,
            )
        )
        ids_problem = (
            f"the {what} lacks {' and '.join(posted.missing_ids)}" if posted.missing_ids else None
        )
        out.append(
            Judgement(
                flow.result_ids,
                started.server,
                seqs,
                ids_problem,
                "result POSTed without message ids" if ids_problem else None,
            )
        )
        if flow.taken and posted.status != 401:
            taken = posted.status == 200 and posted.code == 1000
            problem = (
                None
                if taken
                else (
                    f"the requester answered the {what} with HTTP {posted.status}, "
                    f"status_code {posted.code}, not 1000"
                )
            )
            out.append(
                Judgement(
                    flow.taken,
                    started.client,
                    seqs,
                    problem,
                    "result not taken with 1000" if problem else None,
                )
            )
        return out

    def _overdue(self) -> list[Judgement]:
        """Results the capture is past the timeout of, and that did not come."""
        out = []
        while self.deadlines and self.deadlines[0][0] < self.latest:
            _, seq, url = heapq.heappop(self.deadlines)
            found = self.waiting.get(url)
            if found is None or found[0] != seq:
                continue  # it arrived, or another request reused the URL
            started = found[1]
            self.waiting.pop(url)
            flow = self.flows[started.key]
            problem = (
                f"no {flow.result_object} for {started.key[1]} was POSTed to "
                f"{started.url} within the {started.timeout:g} s its response allowed"
            )
            out.append(
                Judgement(
                    flow.result, started.server, (seq,), problem, "no result within the timeout"
                )
            )
        return out

    def finish(self) -> Iterator[Judgement]:
        """Results the capture reaches past the timeout of and never shows: missing. Judged
        at the end, so a capture out of order cannot call a result missing that comes later
        in the file; a result whose time the capture does not reach is not judged."""
        return iter(self._overdue())
