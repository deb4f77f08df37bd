"""What a hub knows: its party state (identity HUB, tokens, registrations, log, secrets, faults:
the party's own `PartyState`), the parties behind it (`Directory`), what was broadcast through it
(`Mirror`), the result URLs it relays (`Relays`) and when it last heard from each registration.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace

from ocpi_conformance.party.hub import clientinfo
from ocpi_conformance.party.hub.directory import Directory, Party, PartyKey, key
from ocpi_conformance.party.hub.forward import registered_policy
from ocpi_conformance.party.hub.mirror import Mirror
from ocpi_conformance.party.state import CALLBACK_LIMITS, Identity, PartyState, Registration
from ocpi_conformance.spec.v2_2_1.hub import STILL_ALIVE_AFTER_S
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Limits, OcpiClient
from ocpi_conformance.transport.guards import HostPolicy
from ocpi_conformance.transport.redaction import Secrets

# The hub calls loopback only (callbacks during registration, forwarded legs, pushes, checks).
LOOPBACK = HostPolicy(hosts=frozenset({"127.0.0.1", "127.0.0.2", "localhost", "::1"}))
RELAYS_KEPT = 1000  # result URLs remembered at most (the oldest go first)


@dataclass(frozen=True)
class HubOptions:
    forward_s: float = 5.0  # a receiver silent this long: 4002
    alive_interval_s: float = float(STILL_ALIVE_AFTER_S)  # the still-alive check
    hang_s: float = 60.0  # how long hub_no_forward_timeout waits at most


@dataclass(frozen=True)
class Relay:
    """A response_url the hub replaced by one of its own: where the result goes, from whom."""

    url: str  # the requester's response_url
    requester: PartyKey  # who asked (and gets the result)
    receiver: PartyKey  # who answers (and POSTs the result to the hub)
    module: str


class Hub:
    """One hub: `state` is its party state (serve it with `build_hub_app`)."""

    def __init__(
        self,
        identity: Identity,
        options: HubOptions = HubOptions(),
        *,
        secrets: Secrets | None = None,
        policy: HostPolicy | None = LOOPBACK,
    ) -> None:
        if identity.role != "HUB":
            raise ValueError(f"a hub's role is HUB, not {identity.role}")
        self.state = PartyState(identity, secrets=secrets, callback_policy=policy)
        self.options = options
        self.directory = Directory()
        self.mirror = Mirror(identity)
        self.stopped = threading.Event()
        self._lock = threading.Lock()
        self._heard: dict[str, float] = {}
        self._relays: dict[str, Relay] = {}
        self._timers: list[threading.Timer] = []
        self.state.store("hub", lambda _s: self)  # hub_of(state)

    @property
    def faults(self) -> set[str]:
        return self.state.faults

    @property
    def key(self) -> PartyKey:
        return key(self.state.identity.country_code, self.state.identity.party_id)

    # --- parties ---------------------------------------------------------------------------------

    def add_token_a(self, token: str) -> None:
        """A registration token for one more party (platform)."""
        self.state.add_token_a(token)

    def plan(self, role: str, country_code: str, party_id: str) -> None:
        """Announce a party before it registers: its ClientInfo is PLANNED (and pushed)."""
        planned = self.directory.plan(role.upper(), country_code, party_id)
        if planned is not None:
            clientinfo.push(self, [planned])

    def sync(self) -> None:
        """After a credentials call: parties that came are CONNECTED, parties whose registration
        went are SUSPENDED, each change pushed; a new registration gets every ClientInfo."""
        synced = self.directory.sync(self.state.registrations())
        for token in synced.new_registrations:
            self.heard_from_token(token)
        clientinfo.push(self, synced.changed)
        if synced.new_registrations:
            new = synced.new_registrations
            own = {p.key for t in new for p in self.directory.of_registration(t)}
            known = [p for p in self.directory.all() if p.key not in own]
            clientinfo.push(self, known, only_to=synced.new_registrations)

    def went_offline(self, party: PartyKey) -> None:
        """A party's server refused a connection: it and its platform's parties are OFFLINE."""
        found = self.directory.find(party)
        if found is None or found.token is None:
            return
        changed: list[Party] = []
        for sibling in self.directory.of_registration(found.token):
            if sibling.status == "CONNECTED":
                went = self.directory.set_status(sibling.key, "OFFLINE")
                changed += [went] if went is not None else []
        clientinfo.push(self, changed)

    def set_status(self, country_code: str, party_id: str, status: str) -> None:
        """Set a party's status by hand (a test, an operator) and push the change."""
        changed = self.directory.set_status(key(country_code, party_id), status)
        clientinfo.push(self, [changed] if changed is not None else [])

    def client_infos(self) -> list[dict[str, str]]:
        return [party.client_info() for party in self.directory.all()]

    def registration_of(self, party: Party) -> Registration | None:
        return self.state.registration(party.token) if party.token is not None else None

    # --- liveness --------------------------------------------------------------------------------

    def heard_from(self, registration: Registration) -> None:
        self.heard_from_token(registration.token)

    def heard_from_token(self, token: str) -> None:
        with self._lock:
            self._heard[token] = time.monotonic()

    def last_heard(self, registration: Registration) -> float:
        with self._lock:
            return self._heard.get(registration.token, 0.0)

    def check_alive(self) -> int:
        """Run the still-alive check on every registration now; how many were checked."""
        return clientinfo.check_alive(self, every=True)

    def start(self, running: Callable[[], bool] = lambda: True) -> None:
        """Start the background still-alive check, until `stop` or `running()` is False (its
        server stopped)."""
        clientinfo.keep_checking(self, running)

    def later(self, delay: float, work: Callable[[], None]) -> None:
        """Do `work` in the background `delay` seconds from now (unless the hub stops first)."""
        timer = threading.Timer(delay, work)
        timer.daemon = True
        with self._lock:
            self._timers = [t for t in self._timers if t.is_alive()] + [timer]
        timer.start()

    def stop(self) -> None:
        """Stop the still-alive check and the background work not started yet; wait for what
        runs."""
        self.stopped.set()
        with self._lock:
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()
            timer.join(5.0)

    # --- calls -----------------------------------------------------------------------------------

    def client(self, registration: Registration, *, alive_check: bool = False) -> OcpiClient:
        """How the hub calls a registered party on its own behalf (ClientInfo, still alive):
        with the party's token, to the origins it registered, on loopback. The still-alive
        check waits for an answer no longer than a forwarded request (`forward_s`): a party
        too slow to be forwarded to is not alive either."""
        policy = registered_policy(registration)
        loopback = self.state.callback_policy
        allowed = frozenset(o for o in policy.origins if loopback is None or o[1] in loopback.hosts)
        return OcpiClient(
            registration.their_token,
            log=self.state.log,
            secrets=self.state.secrets,
            limits=self._alive_limits() if alive_check else CALLBACK_LIMITS,
            policy=HostPolicy(allowed),
            version=spec_version("2.2.1"),
        )

    def _alive_limits(self) -> Limits:
        wait = min(self.options.forward_s, CALLBACK_LIMITS.read_timeout)
        return replace(
            CALLBACK_LIMITS,
            connect_timeout=min(CALLBACK_LIMITS.connect_timeout, wait),
            read_timeout=wait,
            total_timeout=wait + 1.0,
        )

    def relay(self, relay: Relay) -> str:
        """Remember a response_url replaced; the reference of the hub's own URL for it."""
        reference = str(uuid.uuid4())
        with self._lock:
            self._relays[reference] = relay
            while len(self._relays) > RELAYS_KEPT:
                self._relays.pop(next(iter(self._relays)))
        return reference

    def relayed(self, reference: str) -> Relay | None:
        with self._lock:
            return self._relays.get(reference)


def hub_of(state: PartyState) -> Hub:
    """The hub whose party state `state` is."""
    found = state.store("hub", lambda _s: None)
    if not isinstance(found, Hub):
        raise ValueError("this party state is not a hub's")
    return found
