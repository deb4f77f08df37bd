"""What the hub cases share: the run's seats (registered once), the hub's own party, and probes
that send one request through the hub from one seat and collect what every seat received of it.

A probe is sent once per run (session-scoped fixtures) and judged by several cases, each on its
own subject. The objects written carry a fresh `OCC-HUB-` id, so each seat's inbound exchanges
for one probe are told from any other by that id alone. Writes through the hub are undone the
way they were made (a direct push by a direct DELETE, a broadcast by a broadcast DELETE); what
cannot be undone (a Token: OCPI has no DELETE for it) stays in the ledger, and results.json
lists it in left_on_target.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.party import lists
from ocpi_conformance.resources import fixture
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.seats import Seat, Seats
from ocpi_conformance.transport.client import PartyId, Reply, object_url
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.transport.guards import json_or_none
from ocpi_conformance.verdicts.failures import BLOCKED

# A last_updated no hub would stamp on its own: a forwarded object keeps it, or was changed.
STAMP = "2020-02-02T02:02:02Z"
ROUTING = (
    "ocpi-to-country-code",
    "ocpi-to-party-id",
    "ocpi-from-country-code",
    "ocpi-from-party-id",
)
GIVE_SEATS = "give one --token-a-file per seat (--seat ROLE:CC/PID names each)"


def shown(party: PartyId | None) -> str:
    return f"{party.country_code}/{party.party_id}" if party is not None else "nobody"


def header(headers: dict[str, str], name: str) -> str | None:
    """A header of a recorded exchange, by name in any case."""
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), None)


def party_in(headers: dict[str, str], side: str) -> PartyId | None:
    """The party OCPI-{side}-* names ("to", "from"), upper-cased (CiStrings), or None."""
    country = header(headers, f"OCPI-{side}-country-code")
    party = header(headers, f"OCPI-{side}-party-id")
    if country is None and party is None:
        return None
    return PartyId((country or "").upper(), (party or "").upper())


def routing_headers_in(headers: dict[str, str]) -> list[str]:
    return sorted(name for name in headers if name.lower() in ROUTING)


# --- the seats ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def seats(harness: Harness) -> Seats:
    """The run's seats, every one with a token A registered (seat 1 by the common handshake)."""
    if harness.seats is None:
        pytest.skip("not a hub run (--role hub)")
    harness.seats.register_all()
    return harness.seats


@pytest.fixture(scope="session")
def hub(harness: Harness, seats: Seats) -> PartyId:
    """The hub's own party, as its Credentials name it (role HUB): OCPI-to-* of a broadcast."""
    found = harness.target_party()
    if found is None:
        why = (
            harness.no_token_because()
            if harness.token() is None
            else ("HUB-032: the hub's Credentials name no party of role HUB")
        )
        pytest.skip(f"{BLOCKED}{why}")
    return PartyId(found.country_code.upper(), found.party_id.upper())


def need(
    seats: Seats, *, cpo: int = 0, emsp: int = 0, other: int = 0, receiving: bool = True
) -> None:
    """Skip, saying why, when the run has fewer seats of a role than the case needs (`receiving`:
    seats the hub can reach, registered by the harness: not the given token C's)."""
    usable = [s for s in seats if s.receives or not receiving]
    missing = []
    for role, count in (("CPO", cpo), ("EMSP", emsp), ("OTHER", other)):
        have = sum(s.role == role for s in usable)
        if have < count:
            missing.append(f"{count} {role} seat(s) (the run has {have})")
    if missing:
        reached = "" if not receiving else " the hub can reach"
        pytest.skip(f"needs {' and '.join(missing)}{reached}: {GIVE_SEATS}")


def first(seats: Seats, role: str, *, besides: tuple[Seat, ...] = ()) -> Seat:
    """The first registered seat of `role` (need() said there is one)."""
    return next(s for s in seats if s.role == role and s.receives and s not in besides)


def hub_url(harness: Harness, module: str, interface: str) -> str:
    """The hub's endpoint of one interface, or a skip saying it offers none."""
    assert harness.discovery is not None
    url = harness.discovery.endpoint(module, interface)
    if url is None:
        pytest.skip(f"not offered: the hub's details list no {module} {interface} endpoint")
    return url


# --- one request through the hub ---------------------------------------------------------------


@dataclass
class Routed:
    """A request one seat sent through the hub, and every leg of it the seats received."""

    sender: Seat
    method: str
    url: str
    body: dict[str, Any] | None
    reply: Reply
    marker: str  # the id in the URL every leg of it carries
    to: PartyId | None = None  # OCPI-to-* of the request (None: an Open Routing Request)
    legs: dict[int, list[Exchange]] = field(default_factory=dict)  # seat number -> received

    @property
    def sent(self) -> Exchange:
        return self.reply.exchange

    def at(self, seat: Seat) -> list[Exchange]:
        return self.legs.get(seat.number, [])

    def reached(self) -> list[int]:
        return sorted(number for number, found in self.legs.items() if found)

    def labels(self, seats: Seats) -> str:
        named = [s.label for s in seats if self.at(s)]
        return ", ".join(named) or "no seat"


def collect(
    harness: Harness, seats: Seats, routed: Routed, since: float, *, expect: tuple[Seat, ...] = ()
) -> Routed:
    """Wait for the legs `expect`ed (the run's --timeout), then a moment more (the profile's
    listening time) for legs nobody expected; keep every seat's inbound request whose URL holds
    the probe's marker."""

    def found() -> dict[int, list[Exchange]]:
        return {
            seat.number: [
                e
                for e in seat.inbound(since)
                if routed.marker in e.url and e.method == routed.method
            ]
            for seat in seats
        }

    deadline = time.monotonic() + harness.config.timeout
    while time.monotonic() < deadline and not all(found()[s.number] for s in expect):
        time.sleep(0.05)
    time.sleep(min(harness.config.listen_seconds(), 2.0))
    routed.legs = found()
    harness.log.claim(e for legs in routed.legs.values() for e in legs)
    return routed


def send(
    harness: Harness,
    seats: Seats,
    sender: Seat,
    method: str,
    url: str,
    marker: str,
    *,
    to: PartyId | None,
    module: str,
    body: dict[str, Any] | None = None,
    expect: tuple[Seat, ...] = (),
    params: dict[str, Any] | None = None,
) -> Routed:
    """`sender` sends one request through the hub (`to` in OCPI-to-*; None: an Open Routing
    Request) and what each seat received of it is collected."""
    since = time.time()
    client = seats.client(sender, to=to)
    reply = client.request(method, url, module=module, json_body=body, params=params)
    routed = Routed(sender, method, url, body, reply, marker, to)
    return collect(harness, seats, routed, since, expect=expect)


def tariff_of(seat: Seat) -> dict[str, Any]:
    """A valid Tariff owned by `seat`, with a fresh id and a last_updated no hub would stamp."""
    body = copy.deepcopy(fixture("tariffs", "Tariff.minimal"))
    body.update(
        country_code=seat.party.country_code,
        party_id=seat.party.party_id,
        id=new_id("HUB"),
        last_updated=STAMP,
    )
    return body


def token_of(seat: Seat) -> dict[str, Any]:
    """A valid Token owned by `seat`, with a fresh uid."""
    body = copy.deepcopy(fixture("tokens", "Token.minimal"))
    body.update(
        country_code=seat.party.country_code,
        party_id=seat.party.party_id,
        uid=new_id("HUB"),
        contract_id=new_id("HUB"),
        last_updated=STAMP,
    )
    return body


def tariff_url(harness: Harness, body: dict[str, Any]) -> str:
    """The hub's Tariffs Receiver URL of a Tariff: its owner in the URL."""
    base = hub_url(harness, "tariffs", "RECEIVER")
    return object_url(base, body["country_code"], body["party_id"], body["id"])


def push_tariff(
    harness: Harness, seats: Seats, sender: Seat, to: PartyId, *, expect: tuple[Seat, ...]
) -> Routed:
    """`sender` PUTs a Tariff of its own through the hub to `to` (a party, or the hub: a
    Broadcast Push); the write is entered in the ledger until `withdraw` undoes it."""
    body = tariff_of(sender)
    url = tariff_url(harness, body)
    routed = send(
        harness, seats, sender, "PUT", url, body["id"], to=to, module="tariffs", body=body,
        expect=expect,
    )  # fmt: skip
    if routed.reply.status_code == 1000:
        harness.ledger.record("tariffs", f"{url} (through the hub to {shown(to)})", body)
    return routed


def withdraw(harness: Harness, seats: Seats, routed: Routed, to: PartyId) -> Reply | None:
    """Undo a Tariff push the way it was made (a DELETE through the hub to the same `to`)."""
    if routed.reply.status_code != 1000 or routed.body is None:
        return None
    reply = seats.client(routed.sender, to=to).request("DELETE", routed.url, module="tariffs")
    if reply.status_code == 1000:
        harness.ledger.settle(f"{routed.url} (through the hub to {shown(to)})")
    return reply


@pytest.fixture(scope="session")
def direct(harness: Harness, seats: Seats) -> Iterator[Routed]:
    """Our CPO pushes a Tariff through the hub to one of our eMSPs (OCPI-to-* that eMSP)."""
    need(seats, cpo=1, emsp=1)
    sender, receiver = first(seats, "CPO"), first(seats, "EMSP")
    routed = push_tariff(harness, seats, sender, receiver.party, expect=(receiver,))
    yield routed
    withdraw(harness, seats, routed, receiver.party)


def receivers(seats: Seats, sender: Seat, roles: tuple[str, ...]) -> tuple[Seat, ...]:
    """The seats of `roles` the hub can reach, the sender left out."""
    return tuple(s for s in seats if s.role in roles and s.receives and s is not sender)


@pytest.fixture(scope="session")
def broadcast_tokens(harness: Harness, seats: Seats, hub: PartyId) -> dict[int, list[dict]]:
    """Every eMSP of ours broadcasts two Tokens of its own (and lists them itself): what the hub
    learns owners from, and lists in a GET All. OCPI has no DELETE for a Token: they stay in
    the ledger (left_on_target)."""
    need(seats, emsp=1)
    found: dict[int, list[dict]] = {}
    version = harness.version.number
    base = hub_url(harness, "tokens", "RECEIVER")
    cpos = tuple(s for s in seats if s.role == "CPO" and s.receives)
    for seat in (s for s in seats if s.role == "EMSP" and s.receives):
        tokens = []
        for _ in range(2):
            body = token_of(seat)
            assert seat.peer is not None
            lists.stored(seat.peer.state, "tokens", version).append(copy.deepcopy(body))
            url = object_url(base, body["country_code"], body["party_id"], body["uid"])
            routed = send(harness, seats, seat, "PUT", url, body["uid"], to=hub,
                          module="tokens", body=body, expect=cpos)  # fmt: skip
            if routed.reply.status_code == 1000:
                harness.ledger.record("tokens", f"{url} (broadcast through the hub)", body)
            tokens.append(body)
        found[seat.number] = tokens
    return found


def hub_refusal(reply: Reply) -> str | None:
    """Why the hub's answer shows no routing at all (the request never left it), or None."""
    if not reply.ok:
        return f"the hub did not answer: {reply.describe()}"
    if reply.status_code is None:
        return f"the hub's answer has no OCPI status_code: {reply.describe()}"
    return None


# --- what the hub says of our seats ---------------------------------------------------------


def client_infos(
    harness: Harness, seats: Seats, asking: Seat | None = None
) -> list[dict[str, Any]]:
    """The hub's whole ClientInfo list, as one of our seats (the first registered) reads it."""
    url = hub_url(harness, "hubclientinfo", "SENDER")
    asking = asking or next(s for s in seats if s.registered)
    walk = seats.client(asking).walk(url, module="hubclientinfo", params={"limit": 50})
    if walk.stopped is not None and not walk.items:
        raise AssertionError(f"the hub's ClientInfo list cannot be read: {walk.stopped}")
    return [item for item in walk.items if isinstance(item, dict)]


def info_of(infos: list[dict[str, Any]], seat: Seat) -> dict[str, Any] | None:
    wanted = (seat.party.country_code, seat.party.party_id)
    return next(
        (
            i
            for i in infos
            if (str(i.get("country_code")).upper(), str(i.get("party_id")).upper()) == wanted
        ),
        None,
    )


def pushed_to(seat: Seat, about: Seat, since: float) -> list[Exchange]:
    """The ClientInfo PUTs about `about` that `seat`'s Receiver got since `since`."""
    tail = f"/hubclientinfo/{about.party.country_code}/{about.party.party_id}".upper()
    return [
        e
        for e in seat.inbound(since)
        if e.method == "PUT" and e.url.split("?")[0].upper().endswith(tail)
    ]


def pushed_status(exchanges: list[Exchange]) -> list[str]:
    found = []
    for exchange in exchanges:
        body = json_or_none(exchange.request_body or "")
        found.append(str(body.get("status")) if isinstance(body, dict) else "no JSON")
    return found
