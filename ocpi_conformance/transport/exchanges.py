"""Records of HTTP exchanges, redacted when they are made, kept for the reports.

One `Exchange` is one request and what came back (or why nothing did). The harness's client and
its embedded peer both record into an `ExchangeLog`; reports read from it, so nothing that reaches
a report was ever stored with a credentials token in it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from ocpi_conformance.transport.guards import parse_json_text


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its outcome, already redacted."""

    direction: str  # "outbound" (the harness called the target) or "inbound" (target called us)
    method: str
    url: str
    request_headers: dict[str, str]
    request_body: str | None
    status: int | None
    response_headers: dict[str, str]
    response_body: str | None
    started_at: float
    elapsed_ms: float
    error: str | None = None  # why no (complete) response arrived: timeout, refused, too large
    case: str | None = None  # the conformance case it belongs to, when one was running
    # The bodies' JSON values once read ("request"/"response" -> value, None when not JSON
    # within the guard): a reader that has them already (a capture's record) fills it in, and
    # every check after the first reads them from here instead of parsing the text again.
    parsed: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def request_json(self) -> Any:
        """The request body's JSON value, or None (no body, or not JSON within the guard)."""
        return self._json("request", self.request_body)

    def response_json(self) -> Any:
        """The response body's JSON value, or None (no body, or not JSON within the guard)."""
        return self._json("response", self.response_body)

    def _json(self, side: str, text: str | None) -> Any:
        if side not in self.parsed:
            self.parsed[side] = None if text is None else parse_json_text(text)[0]
        return self.parsed[side]

    def curl(self) -> str:
        """A shell command that repeats the request (the token stays masked)."""
        parts = ["curl", "-i", "-X", self.method, _quote(self.url)]
        for name, value in self.request_headers.items():
            if name.lower() in {"host", "content-length", "accept-encoding", "connection"}:
                continue
            parts += ["-H", _quote(f"{name}: {value}")]
        if self.request_body:
            parts += ["--data", _quote(self.request_body)]
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "method": self.method,
            "url": self.url,
            "request": {"headers": self.request_headers, "body": _maybe_json(self.request_body)},
            "response": {
                "status": self.status,
                "headers": self.response_headers,
                "body": _maybe_json(self.response_body),
            },
            "elapsed_ms": round(self.elapsed_ms, 1),
            "error": self.error,
            "case": self.case,
        }


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _maybe_json(text: str | None) -> Any:
    """A body as JSON when it parses within the transport's guard (UTF-8, nesting), else as
    the text it is: a target's body nested 100,000 deep must not stop a report."""
    if text is None:
        return None
    value, why = parse_json_text(text)
    return text if why else value


def _always(_exchange: Exchange) -> bool:
    return True


@dataclass
class ExchangeLog:
    """Thread-safe, append-only list of exchanges with a blocking wait for new ones."""

    _items: list[Exchange] = field(default_factory=list)
    _changed: threading.Condition = field(default_factory=threading.Condition)
    current_case: str | None = None
    # Which inbound requests the running case caused (the target's callbacks during our
    # registration POST); the others come at the target's own pace (its pushes, a result
    # for an earlier command) and belong to the case that judges them: it `claim`s them.
    caused: Callable[[Exchange], bool] = field(default_factory=lambda: _always)
    _claims: list[tuple[str, Exchange]] = field(default_factory=list)

    def add(self, exchange: Exchange) -> None:
        """Append; an exchange without a case is stamped with the case running now."""
        stamp = exchange.direction == "outbound" or self.caused(exchange)
        if exchange.case is None and self.current_case is not None and stamp:
            exchange = replace(exchange, case=self.current_case)
        with self._changed:
            self._items.append(exchange)
            self._changed.notify_all()

    @contextmanager
    def attributed_to(self, case: str) -> Iterator[None]:
        """What happens inside is reported with `case` (the case that judges it), whichever
        case was running when it became necessary: the registration, done once by whichever
        case first needs a token C, belongs to the credentials cases."""
        previous, self.current_case = self.current_case, case
        try:
            yield
        finally:
            self.current_case = previous

    def all(self) -> list[Exchange]:
        with self._changed:
            return list(self._items)

    def claim(self, exchanges: Iterable[Exchange]) -> None:
        """The running case judges these (inbound ones it did not cause): report them with it."""
        if self.current_case is None:
            return
        with self._changed:
            claimed = {id(e) for c, e in self._claims if c == self.current_case}
            self._claims.extend((self.current_case, e) for e in exchanges if id(e) not in claimed)

    def for_case(self, case: str) -> list[Exchange]:
        with self._changed:
            claimed = [e for c, e in self._claims if c == case]
        stamped = [e for e in self.all() if e.case == case]
        return stamped + [e for e in claimed if e.case != case]

    def with_cases(self) -> list[tuple[Exchange, list[str]]]:
        """Every exchange in the order recorded, with the ids of the cases that used it: the
        case it was stamped with, then those that claimed it (exchanges.jsonl's `cases`)."""
        with self._changed:
            items, claims = list(self._items), list(self._claims)
        claimed: dict[int, list[str]] = {}
        for case, exchange in claims:
            claimed.setdefault(id(exchange), []).append(case)
        found = []
        for exchange in items:
            cases = [exchange.case] if exchange.case else []
            cases += [c for c in claimed.get(id(exchange), []) if c not in cases]
            found.append((exchange, cases))
        return found

    def wait_for(
        self, predicate: Callable[[Exchange], bool], timeout: float, since: int = 0
    ) -> Exchange | None:
        """The first exchange at index >= `since` matching `predicate`, waiting up to `timeout`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for exchange in self._items[since:]:
                    if predicate(exchange):
                        return exchange
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._changed.wait(remaining)

    def __len__(self) -> int:
        with self._changed:
            return len(self._items)
