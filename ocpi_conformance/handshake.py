"""The credentials registration, performed once per run with token A, observed for the CRD cases.

Token A can register once, so the probes that must *fail* come first: a POST while our peer
refuses every callback (the target should answer 3001) and a POST while our peer offers no 2.2.1
(3002). Neither may register us. Then the real POST: the target must call our versions and
details with token B and hand out token C. Every attempt is kept with the requests the target made
to our peer meanwhile, so each case judges one observation instead of repeating the handshake.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from .client import OcpiClient, Reply
from .exchanges import Exchange
from .peer import Peer
from .spec.v2_2_1.status_codes import SUCCESS


@dataclass
class Attempt:
    reply: Reply
    callbacks: list[Exchange]  # requests the target sent to our peer during the POST

    @property
    def registered(self) -> bool:
        return (
            self.reply.status == 200
            and self.reply.status_code in SUCCESS
            and isinstance(self.reply.data, dict)
            and isinstance(self.reply.data.get("token"), str)
        )

    @property
    def token_c(self) -> str | None:
        return self.reply.data["token"] if self.registered else None


@dataclass
class Handshake:
    token_a_probe: Reply | None = None  # a functional module asked with token A, before the POST
    refused_callback: Attempt | None = None
    no_common_version: Attempt | None = None
    registration: Attempt | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def token_c(self) -> str | None:
        for attempt in (self.registration, self.no_common_version, self.refused_callback):
            if attempt is not None and attempt.registered:
                return attempt.token_c
        return None


def _post(client: OcpiClient, credentials_url: str, peer: Peer, label: str) -> Attempt:
    token_b = f"occ-{uuid.uuid4()}"
    client.secrets.add(token_b, label)
    peer.expect_registration(token_b)
    since = len(client.log)
    reply = client.request(
        "POST", credentials_url, module="credentials", json_body=peer.credentials(token_b)
    )
    callbacks = [e for e in client.log.all()[since:] if e.direction == "inbound"]
    attempt = Attempt(reply, callbacks)
    if attempt.registered:
        client.secrets.add(attempt.token_c, "token C")
        # our peer calls the target back (command results) with the token the target issued
        peer.state.accept_registration(token_b, their_token=attempt.token_c)
    return attempt


def perform(
    client_a: OcpiClient, credentials_url: str, peer: Peer, functional_url: str | None
) -> Handshake:
    """Run the probes and the registration with `client_a` (authenticated with token A).

    `functional_url` is a SENDER list of the target, asked with token A while token A is still
    valid for the configuration modules: transport_and_format_authorization_header wants a 401.
    """
    handshake = Handshake()
    if functional_url is not None:
        handshake.token_a_probe = client_a.get(functional_url, params={"limit": 1})
    with peer.misbehaving("refuse_all"):
        handshake.refused_callback = _post(client_a, credentials_url, peer, "token B (refused)")
    if handshake.refused_callback.registered:
        handshake.notes.append("the target registered although our peer refused its callback")
        return handshake
    with peer.misbehaving("drop_2_2_1"):
        handshake.no_common_version = _post(client_a, credentials_url, peer, "token B (no 2.2.1)")
    if handshake.no_common_version.registered:
        handshake.notes.append("the target registered although we offered no 2.2.1")
        return handshake
    handshake.registration = _post(client_a, credentials_url, peer, "token B")
    return handshake
