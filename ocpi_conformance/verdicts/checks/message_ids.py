"""The message ids across requests (transport_and_format_unique_messageg_ids): "Every request
SHALL contain a unique request ID" (`UniqueRequestIds`, judged within a window of each client's
latest requests, so a capture of any size keeps the memory it needs bounded), and on a Hub's
legs "a new unique value in the X-Request-ID HTTP header, not a copy ... [and] the same
X-Correlation-ID" (`HubLegs`).

A forwarded leg is recognised by what it carries: a request the Hub sends on within
FORWARD_WINDOW_S of one it received, with the same method, the same path below the module's
endpoint and the same body.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ocpi_conformance.verdicts.checks.context import Context
from ocpi_conformance.verdicts.checks.judged import CLIENT, SERVER, Bounded, Judgement, Seen

WINDOW = 100_000  # request ids remembered per client
FORWARD_WINDOW_S = 60.0


@dataclass(frozen=True)
class Sent:
    client: str
    request_id: str


@dataclass
class UniqueRequestIds:
    """TRN-ANY-201: no two requests of one client carry the same X-Request-ID."""

    cases: tuple[str, ...] = ("TRN-ANY-201",)

    def extract(self, seen: Seen) -> Sent | None:
        if not seen.ctx.version.request_ids or seen.place is None:
            return None
        found = (seen.request_header("X-Request-ID") or "").strip()
        return Sent(seen.party_key(CLIENT), found) if found else None

    def fold(self, ctx: Context) -> _UniqueFold:
        return _UniqueFold()


@dataclass
class _UniqueFold:
    seen: dict[str, Bounded] = field(default_factory=dict)

    def add(self, seq: int, fact: Sent) -> Iterable[Judgement]:
        ids = self.seen.setdefault(fact.client, Bounded(WINDOW))
        earlier = ids.get(fact.request_id)
        ids.put(fact.request_id, seq)
        if earlier is not None:
            return [
                Judgement(
                    "TRN-ANY-201",
                    fact.client,
                    (earlier, seq),
                    f"X-Request-ID {fact.request_id} sent twice",
                    "an X-Request-ID reused",
                )
            ]
        return [Judgement("TRN-ANY-201", fact.client, (seq,))]

    def finish(self) -> Iterator[Judgement]:
        return iter(())


@dataclass(frozen=True)
class Leg:
    client: str
    server: str
    client_is_hub: bool
    key: tuple[str, str, str, str]  # method, module, path below the endpoint, body digest
    start: float
    request_id: str
    correlation_id: str


@dataclass
class HubLegs:
    """TRN-ANY-202: a Hub forwarding a request gives the forwarded one a new X-Request-ID and
    the same X-Correlation-ID. Judged where a party the context knows as a Hub sends on what it
    received."""

    cases: tuple[str, ...] = ("TRN-ANY-202",)

    def extract(self, seen: Seen) -> Leg | None:
        place = seen.place
        if place is None or not place.functional or not seen.ctx.version.request_ids:
            return None
        client, server = seen.client, seen.server
        hubs = {p.key for p in seen.ctx.parties.values() if p.role == "HUB"}
        at_hub = server is not None and server.key in hubs
        from_hub = client is not None and client.key in hubs
        if not (at_hub or from_hub):
            return None
        below = urlsplit(seen.exchange.url).path.removeprefix(urlsplit(place.base).path)
        digest = hashlib.sha1((seen.exchange.request_body or "").encode()).hexdigest()[:16]
        return Leg(
            seen.party_key(CLIENT),
            seen.party_key(SERVER),
            client is not None and client.key in hubs,
            (seen.exchange.method, place.module, below.rstrip("/"), digest),
            seen.exchange.started_at,
            (seen.request_header("X-Request-ID") or "").strip(),
            (seen.request_header("X-Correlation-ID") or "").strip(),
        )

    def fold(self, ctx: Context) -> _HubFold:
        return _HubFold()


@dataclass
class _HubFold:
    received: Bounded = field(default_factory=lambda: Bounded(WINDOW))  # (hub, key) -> leg

    def add(self, seq: int, leg: Leg) -> Iterable[Judgement]:
        out = []
        if leg.client_is_hub:
            first = self.received.get((leg.client, leg.key))
            if first is not None and 0 <= leg.start - first[1].start <= FORWARD_WINDOW_S:
                incoming: Leg = first[1]
                problems = []
                if leg.request_id and leg.request_id == incoming.request_id:
                    problems.append(f"the forwarded request copies X-Request-ID {leg.request_id}")
                if leg.correlation_id != incoming.correlation_id:
                    problems.append(
                        f"the forwarded request's X-Correlation-ID is "
                        f"{leg.correlation_id or 'absent'}, the incoming one's "
                        f"{incoming.correlation_id or 'absent'}"
                    )
                out.append(
                    Judgement(
                        "TRN-ANY-202",
                        leg.client,
                        (first[0], seq),
                        "; ".join(problems) or None,
                        "a Hub's forwarded leg breaks the message ids" if problems else None,
                    )
                )
        if not leg.client_is_hub:
            self.received.put((leg.server, leg.key), (seq, leg))
        return out

    def finish(self) -> Iterator[Judgement]:
        return iter(())
