"""The embedded counterpart: the party the harness plays, served on loopback for the target.

During registration the target calls *us* (our versions and details, with token B); later it
pushes objects and command results to us. The peer is the shared OCPI party server
(`ocpi_conformance.party`) in the role opposite the target's, recording into the run's exchange
log, plus switches that make it misbehave on purpose so the target's error handling shows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from starlette.types import ASGIApp

from ocpi_conformance.party import Identity, PartyState, build_app, serve
from ocpi_conformance.party.app import SERVICES
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.transport.client import PartyId
from ocpi_conformance.transport.exchanges import ExchangeLog
from ocpi_conformance.transport.guards import HostPolicy
from ocpi_conformance.transport.redaction import Secrets


class Peer:
    def __init__(self, state: PartyState, server: Any, version: str = DEFAULT) -> None:
        self.state = state
        self._server = server
        # the OCPI version the run tests: the one our details, credentials and endpoints are
        # given in (the party serves every version; discovery may choose after we start)
        self.version = version
        # when the peer misbehaved on purpose (start, end; epoch s): what it answered then says
        # nothing about the target's requests
        self.windows: list[tuple[float, float]] = []

    @classmethod
    def start(
        cls,
        *,
        role: str,
        identity: PartyId,
        host: str,
        port: int,
        public_url: str | None,
        log: ExchangeLog,
        secrets: Secrets,
        policy: HostPolicy,
        version: str = DEFAULT,
        wrap: Callable[[ASGIApp], ASGIApp] | None = None,
    ) -> Peer:
        """Serve the party on host:port; `wrap`: what stands in front of its app (a hub seat's
        switches, run/seats.py)."""
        state = PartyState(
            Identity(
                role=role,
                country_code=identity.country_code,
                party_id=identity.party_id,
                name="ocpi-conformance test harness",
            ),
            log=log,
            secrets=secrets,
            callback_policy=policy,
        )
        app = build_app(state)
        server = serve(wrap(app) if wrap is not None else app, host=host, port=port)
        state.set_base_url(public_url or server.url)
        return cls(state, server, version)

    @property
    def versions_url(self) -> str:
        return self.state.versions_url

    @property
    def details_url(self) -> str:
        return self.state.details_url_for(self.version)

    @property
    def credentials_url(self) -> str:
        return self.state.credentials_url_for(self.version)

    def expect_registration(self, token_b: str) -> None:
        """Accept `token_b` from the target, as the party we are registering with."""
        self.state.accept_registration(token_b, version=self.version)

    def credentials(self, token_b: str) -> dict[str, Any]:
        """The Credentials object we POST or PUT (in the run's version): token B and how to
        reach us."""
        return self.state.own_credentials(token_b, self.version)

    @property
    def drop_own_version(self) -> str:
        """The fault under which our versions list leaves the run's version out (the probe for
        3002)."""
        return f"drop_{self.version.replace('.', '_')}"

    @contextmanager
    def misbehaving(self, *faults: str) -> Iterator[None]:
        previous = set(self.state.faults)
        self.state.faults.clear()
        self.state.faults.update(faults)
        started = time.time()
        try:
            yield
        finally:
            self.state.faults.clear()
            self.state.faults.update(previous)
            self.windows.append((started, time.time()))

    def misbehaved_at(self, moment: float) -> bool:
        """Whether the peer was misbehaving on purpose at `moment` (epoch s)."""
        return any(start <= moment <= end for start, end in self.windows)

    def publishes(self, url: str) -> bool:
        """Whether `url` (its path; the query is ignored) is one our versions and details give:
        the versions endpoint, the details, credentials, or below a functional endpoint."""
        path = url.split("?")[0].rstrip("/")
        configuration = {self.versions_url, self.details_url, self.credentials_url}
        if path in {u.rstrip("/") for u in configuration}:
            return True
        return self.route(url) is not None

    def route(self, url: str) -> tuple[str, str, list[str], bool] | None:
        """(module, interface, path below it, glued) of a URL on one of our functional
        endpoints; None outside them. Glued: what follows came without its '/'
        (".../locationsNL/XWC/1", a client that appends to the endpoint URL as if it ended in
        one)."""
        path = url.split("?")[0]
        for service in SERVICES:
            if self.version not in service.versions:
                continue
            base = functional_url(self.state, service.module, service.role, self.version)
            if path == base or path.startswith(base):
                rest = [p for p in path[len(base) :].split("/") if p]
                glued = path != base and not path.startswith(base + "/")
                return service.module, service.role, rest, glued
        return None

    def stop(self) -> None:
        self._server.stop()


__all__ = ["Peer"]
