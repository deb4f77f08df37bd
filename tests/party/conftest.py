"""Real party servers on loopback and clients that talk to them.

Stopping uvicorn takes ~0.15 s, so a few servers are started once per session and each test
plugs a fresh party app into them: every test still gets its own state, over real HTTP.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from ocpi_conformance.party import (
    Identity,
    PartyState,
    Registered,
    RunningServer,
    build_app,
    register,
    serve,
)
from ocpi_conformance.party.register import parties_of
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Limits, OcpiClient, Reply

TOKEN_A = "party-test-token-a-0001"
FAST = Limits(connect_timeout=2.0, read_timeout=5.0, total_timeout=5.0)
IDENTITIES = {
    "CPO": Identity("CPO", "NL", "CPO", "Test CPO"),
    "EMSP": Identity("EMSP", "DE", "MSP", "Test eMSP"),
}


POOL_SIZE = 2  # parties per test at most


class Switch:
    """An ASGI app forwarding to whichever party app the current test plugged in."""

    def __init__(self) -> None:
        self.app: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "no party plugged into this server"
        await self.app(scope, receive, send)


@dataclass
class RunningParty:
    """A served PartyState and the clients opened against it (closed by the fixture)."""

    state: PartyState
    server: RunningServer
    clients: dict[str | None, OcpiClient] = field(default_factory=dict)

    def client(self, token: str | None, version: str = DEFAULT) -> OcpiClient:
        """A client calling with `token`, speaking `version` (one per token: opening one costs
        ~30 ms; the versions share it)."""
        if token not in self.clients:
            self.clients[token] = OcpiClient(token, limits=FAST)
        return self.clients[token].at(spec_version(version))

    def credentials_url(self, version: str = DEFAULT) -> str:
        return self.state.credentials_url_for(version)

    def post(
        self,
        token: str | None,
        body: Any = None,
        raw: str | None = None,
        version: str = DEFAULT,
    ) -> Reply:
        return self.client(token, version).request(
            "POST",
            self.credentials_url(version),
            module="credentials",
            json_body=body,
            raw_body=raw,
        )


Start = Callable[..., RunningParty]


@pytest.fixture(scope="session")
def servers() -> Iterator[list[tuple[Switch, RunningServer]]]:
    pool = []
    for _ in range(POOL_SIZE):
        switch = Switch()
        pool.append((switch, serve(switch)))
    yield pool
    for _, server in pool:
        server.stop()


@pytest.fixture
def start(servers: list[tuple[Switch, RunningServer]]) -> Iterator[Start]:
    """`start(role="CPO", faults=(), token_a=TOKEN_A)` serves a fresh party for this test."""
    parties: list[RunningParty] = []

    def _start(
        role: str = "CPO", faults: tuple[str, ...] = (), token_a: str | None = TOKEN_A
    ) -> RunningParty:
        switch, server = servers[len(parties)]
        state = PartyState(IDENTITIES[role])
        state.faults.update(faults)
        if token_a:
            state.add_token_a(token_a)
        state.set_base_url(server.url)
        switch.app = build_app(state)
        party = RunningParty(state, server)
        parties.append(party)
        return party

    yield _start
    for party in parties:
        for client in party.clients.values():
            client.close()
    for switch, _ in servers:
        switch.app = None


def handshake(
    sender: RunningParty,
    receiver: RunningParty,
    token_a: str = TOKEN_A,
    version: str | None = None,
) -> tuple[str, Registered]:
    """`sender` registers with `receiver` (credentials_registration) as the sandbox would, in
    `version` (None: the highest both support)."""
    token_b = sender.state.new_token()
    sender.state.accept_registration(token_b)
    client = OcpiClient(None, log=sender.state.log, secrets=sender.state.secrets, limits=FAST)

    def ours(number: str) -> dict[str, Any]:
        return sender.state.own_credentials(token_b, number)

    with client:
        result = register(client, receiver.state.versions_url, token_a, ours, version)
    if result.ok:
        sender.state.accept_registration(
            token_b,
            their_token=result.token_c,
            versions_url=receiver.state.versions_url,
            version_url=result.version_url,
            endpoints=result.endpoints,
            roles=parties_of(result.credentials or {}),
            version=result.version,
        )
    return token_b, result


def closed_port_url() -> str:
    """A versions URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/ocpi/versions"
