"""The credentials registration, performed once per run with token A, observed for the CRD cases.

Token A can register once, so the probes that must *fail* come first, each a POST that a
conformant target refuses without registering us:
- a body that is no Credentials object (no url to call back, no roles): status_code 2001;
- a POST while our peer refuses every callback: 3001 (credentials_errors_during_registration);
- a POST while our peer offers not the run's version: 3002 (status_codes_3xxx_server_errors).
Then the real POST: the target must call our versions and details with token B and hand out
token C. Every attempt is kept with the requests the target made to our peer meanwhile, so each
case judges one observation instead of repeating the handshake; each attempt's exchanges are
reported with the case that judges it.

A probe that registers us anyway ends the sequence: that attempt *is* the registration (the
registration cases judge it, the run goes on with its token C), the probe's own case fails for
it, and the probes after it are never sent (their cases are blocked, naming the one that
registered).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from ocpi_conformance.run.peer import Peer
from ocpi_conformance.spec.v2_2_1.status_codes import SUCCESS
from ocpi_conformance.transport.client import OcpiClient, Reply
from ocpi_conformance.transport.exchanges import Exchange

# Every case that judges a probe: a probe none of them runs is not sent (a target that spends
# token A on a failed POST can then still be registered: --skip-case those cases). CRD-ANY-016
# judges whether any probe spent token A: alone, it needs the first probe.
PROBE_CASES = {
    "not_credentials": ("CRD-ANY-013", "CRD-ANY-014", "CRD-ANY-016", "CRD-ANY-017", "CRD-ANY-018"),
    "refused_callback": ("CRD-ANY-009",),
    "no_common_version": ("CRD-ANY-010",),
}
# The case that judges each step, so its exchanges are reported with that case.
JUDGED_BY = {
    "token_a_probe": "TRN-ANY-011",
    "not_credentials": "CRD-ANY-013",
    "refused_callback": "CRD-ANY-009",
    "no_common_version": "CRD-ANY-010",
    "registration": "CRD-ANY-001",
}


@dataclass
class Attempt:
    """One POST of our credentials (or of a body that is none) and what came of it."""

    name: str  # a key of JUDGED_BY
    reply: Reply
    callbacks: list[Exchange]  # requests the target sent to our peer during the POST

    @property
    def registered(self) -> bool:
        """The target handed out a token: it registered us, whatever else it said."""
        return (
            self.reply.status == 200
            and self.reply.status_code in SUCCESS
            and isinstance(self.reply.data, dict)
            and isinstance(self.reply.data.get("token"), str)
        )

    @property
    def token_c(self) -> str | None:
        return self.reply.data["token"] if self.registered else None

    @property
    def case(self) -> str:
        return JUDGED_BY[self.name]


@dataclass
class Handshake:
    token_a_probe: Reply | None = None  # a functional module asked with token A, before the POST
    attempts: dict[str, Attempt] = field(default_factory=dict)  # by name, in the order sent
    notes: list[str] = field(default_factory=list)  # why no registration was tried at all

    def attempt(self, name: str) -> Attempt | None:
        return self.attempts.get(name)

    @property
    def registration(self) -> Attempt | None:
        """The attempt that registered us (a probe, if the target took one), else the real
        POST's attempt (refused), else None (never sent)."""
        registered = [a for a in self.attempts.values() if a.registered]
        return registered[0] if registered else self.attempts.get("registration")

    @property
    def token_c(self) -> str | None:
        found = self.registration
        return found.token_c if found is not None else None

    def spent(self) -> tuple[Attempt, Attempt] | None:
        """(the attempt that did not register, the next one, refused 401/403): the target spent
        token A on a POST that did not register; None when it did not."""
        attempts = list(self.attempts.values())
        for earlier, later in itertools.pairwise(attempts):
            if not earlier.registered and later.reply.status in (401, 403):
                return earlier, later
        return None

    def refused_for_spent_token(self, attempt: Attempt) -> str | None:
        """Why `attempt` says nothing of its own subject: its token A was already spent by an
        earlier POST (CRD-ANY-016 judges that); None when it was not."""
        spent = self.spent()
        if spent is None or attempt.reply.status not in (401, 403):
            return None
        if list(self.attempts).index(attempt.name) < list(self.attempts).index(spent[1].name):
            return None
        return (
            f"CRD-ANY-016: token A was refused ({attempt.reply.describe()}) after the "
            f"{spent[0].name.replace('_', ' ')} POST, which did not register"
        )

    def blocker(self) -> str:
        """Which case judges why there is no token C, and why (for the cases that need one)."""
        attempt = self.registration
        spent = self.refused_for_spent_token(attempt) if attempt is not None else None
        if spent:
            return spent
        if self.notes:
            return f"CRD-ANY-001: {self.notes[0]}"
        return "CRD-ANY-001: registration with token A did not succeed"

    def not_sent_because(self, name: str) -> str | None:
        """Why the step `name` was never sent: the case of the probe that registered us
        before it, with what it showed; None when it was sent (or nothing was)."""
        if name in self.attempts:
            return None
        early = next((a for a in self.attempts.values() if a.registered), None)
        if early is None:
            return None
        return f"{early.case}: the target registered us on an earlier probe ({early.name})"


Attribution = Callable[[str], AbstractContextManager[Any]]


def _no_attribution(_case: str) -> AbstractContextManager[Any]:
    return nullcontext()


def not_credentials_body(token_b: str) -> dict[str, Any]:
    """Valid JSON that is no Credentials object: a token, but no url to fetch our endpoints
    from and no roles (credentials_credentials_object: url and roles are required)."""
    return {"token": token_b}


def _steps(peer: Peer) -> Iterator[tuple[str, AbstractContextManager[Any], Callable]]:
    """(name, how our peer behaves meanwhile, the body for a token B) of each POST, in order."""
    yield "not_credentials", nullcontext(), not_credentials_body
    yield "refused_callback", peer.misbehaving("refuse_all"), peer.credentials
    yield "no_common_version", peer.misbehaving(peer.drop_own_version), peer.credentials
    yield "registration", nullcontext(), peer.credentials


def perform(
    client_a: OcpiClient,
    credentials_url: str,
    peer: Peer,
    functional_url: str | None,
    attributed: Attribution = _no_attribution,
    probes: frozenset[str] = frozenset(PROBE_CASES),
) -> Handshake:
    """Run the probes and the registration with `client_a` (authenticated with token A).

    `functional_url` is a SENDER list of the target, asked with token A while token A is still
    valid for the configuration modules: transport_and_format_authorization_header wants a 401.
    `attributed(case_id)` reports what happens inside it with that case. `probes`: the probes
    to send (those whose cases the run selected).
    """
    handshake = Handshake()
    if functional_url is not None:
        with attributed(JUDGED_BY["token_a_probe"]):
            handshake.token_a_probe = client_a.get(functional_url, params={"limit": 1})
    for name, behaviour, body_for in _steps(peer):
        if name in PROBE_CASES and name not in probes:
            continue
        with attributed(JUDGED_BY[name]), behaviour:
            token_b = f"occ-{uuid.uuid4()}"
            attempt = _post_body(client_a, credentials_url, peer, name, body_for, token_b)
        handshake.attempts[name] = attempt
        if attempt.registered:
            break  # token A is spent: what registered us is the registration
    return handshake


def _post_body(
    client: OcpiClient,
    credentials_url: str,
    peer: Peer,
    name: str,
    body_for: Callable[[str], dict[str, Any]],
    token_b: str,
) -> Attempt:
    client.secrets.add(token_b, f"token B ({name.replace('_', ' ')})")
    peer.expect_registration(token_b)
    since = len(client.log)
    reply = client.request(
        "POST", credentials_url, module="credentials", json_body=body_for(token_b)
    )
    callbacks = [e for e in client.log.all()[since:] if e.direction == "inbound"]
    attempt = Attempt(name, reply, callbacks)
    if attempt.registered:
        client.secrets.add(attempt.token_c, "token C")
        # our peer calls the target back (command results) with the token the target issued
        peer.state.accept_registration(token_b, their_token=attempt.token_c, version=peer.version)
    return attempt
