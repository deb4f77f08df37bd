"""The embedded counterpart: the party the harness plays, served on loopback for the target.

During registration the target calls *us* (our versions and details, with token B); later it
pushes objects and command results to us. The peer is the shared OCPI party server
(`ocpi_conformance.party`) in the role opposite the target's, recording into the run's exchange
log, plus switches that make it misbehave on purpose so the target's error handling shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .client import PartyId
from .exchanges import ExchangeLog
from .party import Identity, PartyState, build_app, serve
from .redaction import Secrets
from .transport import HostPolicy


class Peer:
    def __init__(self, state: PartyState, server: Any) -> None:
        self.state = state
        self._server = server

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
    ) -> Peer:
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
        server = serve(build_app(state), host=host, port=port)
        state.set_base_url(public_url or server.url)
        return cls(state, server)

    @property
    def versions_url(self) -> str:
        return self.state.versions_url

    @property
    def details_url(self) -> str:
        return self.state.details_url

    def expect_registration(self, token_b: str) -> None:
        """Accept `token_b` from the target, as the party we are registering with."""
        self.state.accept_token(token_b)

    def credentials(self, token_b: str) -> dict[str, Any]:
        """The Credentials object we POST or PUT: token B and how to reach us."""
        return self.state.own_credentials(token_b)

    @contextmanager
    def misbehaving(self, *faults: str) -> Iterator[None]:
        previous = set(self.state.faults)
        self.state.faults.clear()
        self.state.faults.update(faults)
        try:
            yield
        finally:
            self.state.faults.clear()
            self.state.faults.update(previous)

    def stop(self) -> None:
        self._server.stop()


__all__ = ["Peer"]
