"""A hub and the parties registered with it, each a real server on loopback.

Stopping uvicorn takes ~0.15 s, so a pool of servers is started once per session and each test
plugs fresh apps into them (as tests/party does): every test gets its own hub and parties, over
real HTTP. The parties are the party's own (`PartyState` + `build_app`): a CPO, eMSPs, OTHER,
registered with the hub through the normal credentials handshake (`pusher.register_with`). They
do not push on their own: a test sends what it needs from a party's seat (`Seat.client`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from ocpi_conformance.party import Identity, PartyState, RunningServer, build_app, pusher, serve
from ocpi_conformance.party.hub import Hub, HubOptions, build_hub_app
from ocpi_conformance.party.hub.directory import PartyKey, key
from ocpi_conformance.transport.client import Limits, OcpiClient, PartyId
from ocpi_conformance.transport.exchanges import Exchange

POOL_SIZE = 7  # a hub and six parties per test at most
FAST = Limits(connect_timeout=2.0, read_timeout=6.0, total_timeout=6.0)
HUB = Identity("HUB", "NL", "HUB", "Test Hub")


class Switch:
    """An ASGI app forwarding to whichever app the current test plugged in; `delay` holds every
    answer on a functional path that long (a slow receiver), `versions_down` answers the
    versions endpoint with HTTP 503 (a party the still-alive check finds gone)."""

    def __init__(self) -> None:
        self.app: ASGIApp | None = None
        self.delay = 0.0
        self.versions_down = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "no app plugged into this server"
        path = scope.get("path", "")
        if self.versions_down and path.endswith("/versions"):
            await send({"type": "http.response.start", "status": 503, "headers": []})
            await send({"type": "http.response.body", "body": b"down"})
            return
        if self.delay and ("/sender/" in path or "/receiver/" in path):
            await asyncio.sleep(self.delay)
        await self.app(scope, receive, send)


@dataclass
class Seat:
    """A party registered with the hub: its state and server, the token C the hub gave it."""

    state: PartyState
    server: RunningServer
    switch: Switch
    token_c: str = field(repr=False)
    hub_url: str

    @property
    def key(self) -> PartyKey:
        return key(self.state.identity.country_code, self.state.identity.party_id)

    @property
    def party(self) -> PartyId:
        return PartyId(self.state.identity.country_code, self.state.identity.party_id)

    def client(self, to: PartyKey | PartyId | None = None, **kwargs: Any) -> OcpiClient:
        """How this party calls the hub: its token C, from its party, to `to` (None: no
        OCPI-to-*), recorded in its own log."""
        target = PartyId(*to) if isinstance(to, tuple) else to
        return OcpiClient(
            self.token_c,
            log=self.state.log,
            secrets=self.state.secrets,
            limits=kwargs.pop("limits", FAST),
            from_party=kwargs.pop("from_party", self.party),
            to_party=target,
        )

    def hub_endpoint(self, module: str, interface: str) -> str:
        return f"{self.hub_url}/ocpi/2.2.1/{interface.lower()}/{module}"

    def inbound(self, since: float = 0.0, module: str | None = None) -> list[Exchange]:
        """Requests this party received (after `since`), of `module` (by URL) if given."""
        return [
            e
            for e in self.state.log.all()
            if e.direction == "inbound"
            and e.started_at >= since
            and (module is None or f"/{module}" in e.url)
        ]

    def received(self, module: str, method: str, since: float = 0.0) -> list[Exchange]:
        return [e for e in self.inbound(since, module) if e.method == method]


def header(exchange: Exchange, name: str) -> str | None:
    """A header of a recorded request (names compared without case)."""
    for found, value in exchange.request_headers.items():
        if found.lower() == name.lower():
            return value
    return None


def response_header(exchange: Exchange, name: str) -> str | None:
    for found, value in exchange.response_headers.items():
        if found.lower() == name.lower():
            return value
    return None


def routing_of(exchange: Exchange, response: bool = False) -> dict[str, str | None]:
    """The OCPI-to/from headers of a recorded request (or its response), as 'CC/PID'."""
    read = response_header if response else header

    def party(prefix: str) -> str | None:
        cc, pid = read(exchange, f"{prefix}-country-code"), read(exchange, f"{prefix}-party-id")
        return f"{cc}/{pid}" if cc or pid else None

    return {"to": party("OCPI-to"), "from": party("OCPI-from")}


def wait_until(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return check()


class Net:
    """One test's hub and parties."""

    def __init__(self, pool: list[tuple[Switch, RunningServer]]) -> None:
        self.pool = pool
        self.used = 0
        self.hub: Hub | None = None
        self.hub_server: RunningServer | None = None
        self.seats: list[Seat] = []

    def _slot(self) -> tuple[Switch, RunningServer]:
        switch, server = self.pool[self.used]
        self.used += 1
        return switch, server

    def start_hub(
        self,
        faults: tuple[str, ...] = (),
        forward_s: float = 1.0,
        alive_interval_s: float = 300.0,
        hang_s: float = 60.0,
    ) -> Hub:
        switch, server = self._slot()
        options = HubOptions(forward_s=forward_s, alive_interval_s=alive_interval_s, hang_s=hang_s)
        hub = Hub(HUB, options)
        hub.faults.update(faults)
        hub.state.set_base_url(server.url)
        switch.app = build_hub_app(hub)
        hub.start()
        self.hub, self.hub_server = hub, server
        return hub

    def party(
        self,
        role: str,
        party_id: str,
        country_code: str = "NL",
        *,
        register: bool = True,
        roles: list[dict[str, Any]] | None = None,
    ) -> Seat:
        """A party of `role` registered with the hub (`roles`: the CredentialsRoles it
        registers with instead of its own one)."""
        assert self.hub is not None, "start the hub first"
        switch, server = self._slot()
        identity = Identity(role, country_code, party_id, f"Test {role} {party_id}")
        state = PartyState(identity, callback_limits=FAST)
        state.set_base_url(server.url)
        switch.app = build_app(state)
        token_a = f"token-a-{party_id}-{len(self.seats)}-for-the-hub"
        self.hub.add_token_a(token_a)
        seat = Seat(state, server, switch, "", self.hub_server.url)  # type: ignore[union-attr]
        if register:
            self.register(seat, token_a, roles)
        self.seats.append(seat)
        return seat

    def register(self, seat: Seat, token_a: str, roles: list[dict[str, Any]] | None) -> None:
        assert self.hub is not None
        state = seat.state
        if roles is not None:
            original = state.own_credentials

            def with_roles(token: str, version: str = "2.2.1") -> dict[str, Any]:
                return {**original(token, version), "roles": roles}

            state.own_credentials = with_roles  # type: ignore[method-assign]
        result = pusher.register_with(state, self.hub.state.versions_url, token_a, "2.2.1")
        assert result.ok, result.problem
        assert result.token_c is not None
        seat.token_c = result.token_c

    def settle(self) -> None:
        """Let the hub's background ClientInfo pushes go out."""
        time.sleep(0.4)


@pytest.fixture(scope="session")
def hub_servers() -> Iterator[list[tuple[Switch, RunningServer]]]:
    pool = []
    for _ in range(POOL_SIZE):
        switch = Switch()
        pool.append((switch, serve(switch)))
    yield pool
    for _, server in pool:
        server.stop()


@pytest.fixture
def net(hub_servers: list[tuple[Switch, RunningServer]]) -> Iterator[Net]:
    made = Net(hub_servers)
    yield made
    if made.hub is not None:
        made.hub.stop()
    for switch, _ in hub_servers:
        switch.app, switch.delay, switch.versions_down = None, 0.0, False
