"""A hub run's seats: the parties the harness plays at once to test a Roaming Hub.

A hub is judged by what it does between parties, so the harness registers several parties of
its own with it (`--role hub`): one seat per token A, each with its own role (CPO, EMSP or
OTHER), its own party (country_code/party_id), its own embedded peer (the party server on its
own loopback port, the one the hub calls back and forwards to), its own registration and so its
own token C. A seat's tokens are used for that seat only: its client is the only one that holds
them, and it always names the seat's own party in OCPI-from-*. Every client keeps the run's
host policy, so no seat's token leaves the hub's origin.

Seat 1 is the harness's party of the common cases: its peer is `Harness.peer`, its registration
`Harness.handshake` (with the probes the CRD cases judge); the other seats register plainly
when a hub case first needs them, and every seat still registered unregisters at the end.

A seat may misbehave on purpose (`Switches`): hold every answer of its functional modules (the
hub's forward timeout, 4002), or answer nothing at all (a party gone away: the hub's still-alive
check, OFFLINE, 4003).

A hub run with a token C instead is one seat with an existing registration: the harness made
none, so the hub calls the URL registered then, not our peer. Only cases in which the seat
sends run; those that need the hub to reach a seat are skipped saying so.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Receive, Scope, Send

from ocpi_conformance.run import handshake as handshake_module
from ocpi_conformance.run.peer import Peer
from ocpi_conformance.transport.client import Limits, OcpiClient, PartyId, Reply
from ocpi_conformance.transport.exchanges import Exchange

if TYPE_CHECKING:
    from ocpi_conformance.run.config import RunConfig
    from ocpi_conformance.run.harness import Harness

# The roles a seat can play, and the roles seats get when --seat does not say (then EMSP):
# a CPO to send, two eMSPs to tell "that one" from "every one", an OTHER that a CPO's broadcast
# also reaches (transport_and_format_message_routing_broadcast_push).
SEAT_ROLES = ("CPO", "EMSP", "OTHER")
DEFAULT_ROLES = ("CPO", "EMSP", "EMSP", "OTHER")
MAX_DEFAULT_SEATS = 9  # default party ids end in the seat's number
# The case that judges the registrations of the seats after the first (seat 1's: CRD-ANY-001).
REGISTRATION_CASE = "HUB-033"
# What a seat's peer serves beyond its role's interfaces: an OTHER, "seen as an eMSP type of
# role", takes a CPO's Broadcast Push of Locations and Tariffs; a CPO takes Tariffs too, so that a
# hub sending a broadcast back to its sender shows, and an OTHER's broadcast has a CPO to reach.
ALSO_SERVES = {
    "OTHER": {("locations", "RECEIVER"), ("tariffs", "RECEIVER")},
    "CPO": {("tariffs", "RECEIVER")},
}


class SeatError(ValueError):
    """Seats the run cannot start with (one line; the config makes it exit 2)."""


@dataclass(frozen=True)
class SeatPlan:
    """Who a seat is: its number (the order of the token As, from 1), role and party."""

    number: int
    role: str
    party: PartyId

    @property
    def label(self) -> str:
        return f"seat {self.number} ({self.role} {self.party.country_code}/{self.party.party_id})"


def _parse(spec: str, number: int, default: PartyId) -> SeatPlan:
    """`ROLE` or `ROLE:CC/PID` (case-insensitive): one seat of --seat."""
    role, _, party = spec.strip().partition(":")
    role = role.strip().upper()
    if role not in SEAT_ROLES:
        raise SeatError(
            f"--seat {spec!r}: a seat plays {', '.join(SEAT_ROLES)} (ROLE or ROLE:CC/PID)"
        )
    if not party:
        return SeatPlan(number, role, default)
    country, _, party_id = party.strip().partition("/")
    if not (len(country) == 2 and country.isalpha() and len(party_id) == 3 and party_id.isalnum()):
        raise SeatError(
            f"--seat {spec!r}: the party is CC/PID, a country code of 2 letters and a party id "
            "of 3 letters or digits (e.g. emsp:NL/EM1)"
        )
    return SeatPlan(number, role, PartyId(country.upper(), party_id.upper()))


def plan(config: RunConfig) -> list[SeatPlan]:
    """The seats of a hub run, in the order of its token As (or the one seat of a token C);
    SeatError for a --seat list that does not match them, or two seats of one party."""
    tokens = config.every_token_a()
    count = len(tokens) if tokens else 1  # a token C: one seat
    given = config.seat
    if not tokens and not given:
        raise SeatError(
            "--role hub --token-c: name the party that registration is for (--seat ROLE:CC/PID)"
        )
    if given and len(given) != count:
        raise SeatError(
            f"--seat is given {len(given)} time(s) for {count} seat(s): one --seat per token A, "
            "in the same order"
        )
    if not given and count > MAX_DEFAULT_SEATS:
        raise SeatError(f"more than {MAX_DEFAULT_SEATS} seats: name each with --seat")
    country = config.party_country.upper()
    seats = []
    for number in range(1, count + 1):
        default = PartyId(country, f"{config.party_id.upper()[:2]}{number}")
        if given:
            seats.append(_parse(given[number - 1], number, default))
        else:
            role = DEFAULT_ROLES[number - 1] if number <= len(DEFAULT_ROLES) else "EMSP"
            seats.append(SeatPlan(number, role, default))
    seen: dict[PartyId, SeatPlan] = {}
    for seat in seats:
        if seat.party in seen:
            raise SeatError(
                f"two seats of one party {seat.party.country_code}/{seat.party.party_id} "
                f"(seats {seen[seat.party].number} and {seat.number}): each seat registers a "
                "party of its own"
            )
        seen[seat.party] = seat
    return seats


# --- a seat's peer misbehaving on purpose ------------------------------------------------------


@dataclass
class Switches:
    """How a seat's peer misbehaves on purpose, switched by the case that needs it.

    `hold`: every request to a functional module is held (no answer) until released or
    `longest` seconds passed: the hub's forward timeout shows (4002). `silent`: every request
    at all is held so: a party gone away (the hub's still-alive check on the versions
    endpoint, OFFLINE). Held requests end when the switch goes off."""

    longest: float = 60.0
    hold: bool = False
    silent: bool = False
    held: list[str] = field(default_factory=list)  # paths of requests held, for the cases

    def wrap(self, app: ASGIApp) -> ASGIApp:
        """`app` behind the switches (a functional module's path names its interface: the
        party serves them at .../sender/<module> and .../receiver/<module>)."""

        async def switched(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                path = str(scope.get("path", ""))
                functional = "/sender/" in path or "/receiver/" in path
                on_hold = self.silent or (self.hold and functional)
                if on_hold:
                    self.held.append(path)
                    started = time.monotonic()
                    while (self.silent or self.hold) and time.monotonic() - started < self.longest:
                        await asyncio.sleep(0.05)
            await app(scope, receive, send)

        return switched


# --- one seat --------------------------------------------------------------------------------


@dataclass
class Seat:
    plan: SeatPlan
    token_a: str | None = field(default=None, repr=False)
    given_token_c: str | None = field(default=None, repr=False)
    peer: Peer | None = None
    switches: Switches = field(default_factory=Switches)
    handshake: handshake_module.Handshake | None = None
    rotated: str | None = field(default=None, repr=False)
    unregistered: Reply | None = None  # the DELETE that ended its registration
    ended: bool = False  # seat 1's registration found ended at the end (the harness ended it)
    registered_at: float | None = None  # when the hub registered it (epoch s)
    unregistered_at: float | None = None

    @property
    def number(self) -> int:
        return self.plan.number

    @property
    def role(self) -> str:
        return self.plan.role

    @property
    def party(self) -> PartyId:
        return self.plan.party

    @property
    def label(self) -> str:
        return self.plan.label

    @property
    def token_c(self) -> str | None:
        """The token this seat calls the hub with: the one its registration gave (or a
        rotation), else the given token C."""
        if self.rotated is not None:
            return self.rotated
        if self.handshake is not None:
            return self.handshake.token_c
        return self.given_token_c

    @property
    def registered(self) -> bool:
        """Registered with the hub and not unregistered since."""
        return self.token_c is not None and self.unregistered is None and not self.ended

    @property
    def receives(self) -> bool:
        """The hub calls this seat's peer: the harness registered it (not a given token C)."""
        return self.peer is not None and self.handshake is not None and self.registered

    def inbound(self, since: float = 0.0) -> list[Exchange]:
        """What the hub sent this seat's peer since `since` (epoch s)."""
        if self.peer is None:
            return []
        base = self.peer.state.base_url
        return [
            e
            for e in self.peer.state.log.all()
            if e.direction == "inbound" and e.url.startswith(base + "/") and e.started_at >= since
        ]

    def describe(self) -> dict[str, object]:
        """What results.json says of the seat (never a token)."""
        return {
            "number": self.number,
            "role": self.role,
            "country_code": self.party.country_code,
            "party_id": self.party.party_id,
            "versions_url": self.peer.versions_url if self.peer is not None else None,
            "registered_by": "token A" if self.token_a is not None else "token C (given)",
            "registered": self.registered,
            "unregistered": self.unregistered is not None or self.ended,
        }


# --- every seat of the run -------------------------------------------------------------------


class Seats:
    """The seats of one hub run: planned from the config, peers started and registrations
    made when first needed, ended at the close."""

    def __init__(self, harness: Harness) -> None:
        self.harness = harness
        config = harness.config
        tokens = config.every_token_a()
        self.seats: list[Seat] = []
        for index, found in enumerate(plan(config)):
            token_a = tokens[index] if index < len(tokens) else None
            given = config.secret("token_c") if not tokens else None
            self.seats.append(Seat(found, token_a=token_a, given_token_c=given))
        for seat in self.seats[1:]:
            harness.secrets.add(seat.token_a, f"token A (seat {seat.number})")
        self._registered_all = False

    def __iter__(self) -> Iterator[Seat]:
        return iter(self.seats)

    def __len__(self) -> int:
        return len(self.seats)

    @property
    def first(self) -> Seat:
        return self.seats[0]

    def peers(self) -> list[Peer]:
        """The seats' peers started so far."""
        return [seat.peer for seat in self.seats if seat.peer is not None]

    def of_role(self, role: str) -> list[Seat]:
        return [seat for seat in self.seats if seat.role == role]

    def of_party(self, country_code: str, party_id: str) -> Seat | None:
        wanted = PartyId(country_code.upper(), party_id.upper())
        return next((seat for seat in self.seats if seat.party == wanted), None)

    def start_peer(self, seat: Seat) -> Peer:
        """The seat's own party server on loopback (its role, its party), behind its
        switches; every peer records into the run's one exchange log."""
        if seat.peer is None:
            harness, config = self.harness, self.harness.config
            seat.switches.longest = config.hub_wait_seconds() + config.timeout
            seat.peer = Peer.start(
                role=seat.role,
                identity=seat.party,
                host=config.peer_host,
                port=config.peer_port if seat.number == 1 else 0,
                public_url=config.peer_url if seat.number == 1 else None,
                log=harness.log,
                secrets=harness.secrets,
                policy=harness.policy,
                version=harness.version.number,
                wrap=seat.switches.wrap,
            )
            seat.peer.state.also_serves.update(ALSO_SERVES.get(seat.role, ()))
        return seat.peer

    def register_all(self) -> None:
        """Register every seat that has a token A and is not registered yet (seat 1 through
        the harness's handshake, with its probes; the others with a plain POST)."""
        if self._registered_all:
            return
        self._registered_all = True
        harness = self.harness
        if self.first.token_a is not None and not harness.config.read_only:
            self.first.handshake = harness.handshake
            self.first.registered_at = harness.registered_at
        credentials_url = harness.discovery.endpoint("credentials") if harness.discovery else None
        for seat in self.seats[1:]:
            if seat.token_a is None or seat.handshake is not None or credentials_url is None:
                continue
            peer = self.start_peer(seat)
            client = self.client(seat, token=seat.token_a)
            with harness.log.attributed_to(REGISTRATION_CASE):
                seat.handshake = handshake_module.perform(
                    client, credentials_url, peer, None, probes=frozenset()
                )
            seat.registered_at = time.time()
            token_c = seat.handshake.token_c
            harness.secrets.add(token_c, f"token C (seat {seat.number})")
            for registration in peer.state.registrations():
                harness.secrets.add(registration.token, f"token B (seat {seat.number})")

    def token_of(self, seat: Seat) -> str | None:
        """The seat's token C now (seat 1's is the harness's: it follows a rotation)."""
        if seat is self.first:
            return self.harness.token()
        return seat.token_c

    def client(
        self,
        seat: Seat,
        *,
        token: str | None = None,
        to: PartyId | None = None,
        read_timeout: float | None = None,
    ) -> OcpiClient:
        """A client of `seat` alone: its token (token C unless given), its party in
        OCPI-from-*, `to` in OCPI-to-* (None: no OCPI-to-*, an Open Routing Request), the
        run's host policy; `read_timeout` for a case that waits on the hub longer."""
        harness = self.harness
        limits = harness.limits
        if read_timeout is not None:
            limits = Limits(
                read_timeout=read_timeout, total_timeout=read_timeout + limits.read_timeout
            )
        client = OcpiClient(
            token if token is not None else self.token_of(seat),
            log=harness.log,
            secrets=harness.secrets,
            limits=limits,
            from_party=seat.party,
            to_party=to,
            policy=harness.policy,
            version=harness.version,
        )
        harness.track(client)
        return client

    def unregister(self, seat: Seat) -> Reply | None:
        """End the seat's registration (DELETE credentials with its token C); None when it has
        none to end (never registered, a given token C, or already ended)."""
        harness = self.harness
        url = harness.discovery.endpoint("credentials") if harness.discovery else None
        token = self.token_of(seat)
        if url is None or token is None or seat.unregistered is not None or seat.token_a is None:
            return None
        reply = self.client(seat).request("DELETE", url, module="credentials")
        seat.unregistered, seat.unregistered_at = reply, time.time()
        return reply

    def release(self) -> list[str]:
        """At the end of the run: switches off, and every seat after the first that the harness
        registered and that is still registered unregisters (seat 1: `Harness`'s clean-up, as
        for any role). Returns what was done, one line a seat."""
        done = []
        for seat in self.seats:
            seat.switches.hold = seat.switches.silent = False
        for seat in self.seats[1:]:
            if seat.handshake is None or not seat.registered:
                continue
            reply = self.unregister(seat)
            if reply is not None:
                done.append(f"{seat.label} unregistered: {reply.describe()}")
        self._note_first_ended()
        return done

    def _note_first_ended(self) -> None:
        """Seat 1's registration is the harness's (CRD-ANY-011 or `Harness`'s clean-up ends
        it): whether it still stands is asked once, so that results.json says so."""
        first, harness = self.first, self.harness
        url = harness.discovery.endpoint("credentials") if harness.discovery else None
        if first.handshake is None or first.unregistered is not None or url is None:
            return
        if self.token_of(first) is None:
            first.ended = True
            return
        first.ended = self.client(first).get(url, module="credentials").status != 200

    def describe(self) -> list[dict[str, object]]:
        return [seat.describe() for seat in self.seats]

    def stop(self) -> None:
        for seat in self.seats[1:]:
            if seat.peer is not None:
                seat.peer.stop()
