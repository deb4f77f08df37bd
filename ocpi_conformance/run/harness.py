"""The state of one conformance run, shared by every suite through the pytest plugin.

Expensive or one-shot things happen once and lazily here: discovery, starting the embedded peer,
the registration handshake. Suites ask for them and judge what they observed; they never repeat
them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ocpi_conformance.party import Registration
from ocpi_conformance.run import handshake as handshake_module
from ocpi_conformance.run import inbound, routes
from ocpi_conformance.run.config import RunConfig
from ocpi_conformance.run.ledger import Ledger
from ocpi_conformance.run.peer import Peer
from ocpi_conformance.run.seats import Seats
from ocpi_conformance.run.stop import Stop
from ocpi_conformance.spec.v2_2_1.modules import MODULES
from ocpi_conformance.spec.version import DEFAULT, Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Limits, OcpiClient, PartyId
from ocpi_conformance.transport.discovery import Discovery, discover
from ocpi_conformance.transport.exchanges import Exchange, ExchangeLog
from ocpi_conformance.transport.guards import HostPolicy
from ocpi_conformance.transport.redaction import Secrets

# Deterministic by default: the same seed every run unless one is given (printed in the summary).
DEFAULT_SEED = 221

# The harness plays the other party: for a CPO target it is an eMSP and the other way round.
COUNTERPART = {"cpo": "EMSP", "emsp": "CPO", "ptp": "CPO"}  # a PTP's is the CPO (mod_payments)


@dataclass
class Harness:
    config: RunConfig

    def __post_init__(self) -> None:
        self.started_at = time.time()
        self.seed = self.config.seed if self.config.seed is not None else DEFAULT_SEED
        self.secrets = Secrets()
        self.secrets.add(self.config.secret("token_a"), "token A")
        self.secrets.add(self.config.secret("token_c"), "token C")
        self.secrets.add(self.config.secret("peer_token_a"), "our token A")
        self.log = ExchangeLog()
        self.ledger = Ledger()  # what the target accepted from us, for the clean-up
        self.stop = Stop()  # why the run ended early, if it did (budget, signal)
        self.identity = PartyId(self.config.party_country.upper(), self.config.party_id.upper())
        # A hub run plays several parties at once (run/seats.py); seat 1 is the harness's party
        # of the common cases (its identity, peer and registration).
        self.seats: Seats | None = None
        if self.config.role == "hub":
            self.seats = Seats(self)
            self.identity = self.seats.first.party
        self.policy = HostPolicy.for_target(self.config.versions_url, self.config.allow_host)
        self.limits = Limits(
            read_timeout=self.config.timeout, total_timeout=2 * self.config.timeout
        )
        self.discovery: Discovery | None = None
        # Where the run's commands acted ({location_id, evse_uid, connector_id, chosen_by}).
        self.command_place: dict[str, str] | None = None
        self.registered_at: float | None = None  # when our peer got registered (epoch s)
        self.registering_at: float | None = None  # when the registration began (epoch s)
        self.target_registration: Registration | None = None  # one the target started
        self._given_roles: list[dict] = []  # the roles a given token C's Credentials name
        self.role_note: str | None = None  # the target shows other roles too (roles.py)
        self._trigger: inbound.TriggerRun | None = None  # --trigger, run once per run
        self._heard: inbound.Heard | None = None
        self._peer: Peer | None = None
        self._handshake: handshake_module.Handshake | None = None
        self._clients: list[OcpiClient] = []
        self._rotated: str | None = None  # token C after a PUT credentials rotated it
        self._served: routes.Served | None = None
        # why no token works any more (a rotation whose answer gave none): the case that saw it
        # first, for the cases after it to name as their cause
        self.token_lost: str | None = None

    @property
    def role(self) -> str:
        """The target's role as the spec writes it (CPO / EMSP)."""
        return (self.config.role or "").upper()

    @property
    def own_role(self) -> str:
        """The role the harness's party plays (a hub run: seat 1's)."""
        if self.seats is not None:
            return self.seats.first.role
        return COUNTERPART[self.config.role or "cpo"]

    @property
    def version(self) -> Version:
        """The OCPI version the run tests: the one discovery chose, else the one asked."""
        if self.discovery is not None:
            return self.discovery.version
        asked = self.config.ocpi_version
        return spec_version(asked if asked and asked != "all" else DEFAULT)

    def client(self, token: str | None) -> OcpiClient:
        client = OcpiClient(
            token,
            log=self.log,
            secrets=self.secrets,
            limits=self.limits,
            from_party=self.identity,
            to_party=self.target_party(),
            policy=self.policy,
            version=self.version,
        )
        return self.track(client)

    def track(self, client: OcpiClient) -> OcpiClient:
        """Close `client` with the run."""
        self._clients.append(client)
        return client

    def target_party(self) -> PartyId | None:
        """The target's party, as its Credentials name it (the OCPI-to-* routing headers):
        from the registration, or read with a given token C; None before either."""
        roles: list = self._given_roles
        if self.target_registration is not None:
            roles = self.target_registration.roles
        attempt = self._handshake.registration if self._handshake is not None else None
        if attempt is not None and attempt.registered:
            roles = attempt.reply.data.get("roles") or []
        for role in roles:
            if isinstance(role, dict) and str(role.get("role")) == self.role:
                return PartyId(str(role.get("country_code")), str(role.get("party_id")))
        return None

    def given_roles(self) -> list[dict]:
        """The roles the target's Credentials name, read with a given token C (else [])."""
        return list(self._given_roles)

    def served(self) -> routes.Served:
        """A route the target serves to our token (found once): where the transport rules of
        every endpoint are judged (routes.py)."""
        if self._served is None:
            assert self.discovery is not None
            self._served = routes.served_route(self.client(self.token()), self.discovery)
        return self._served

    def body_route(self) -> routes.Route | None:
        """A served route that takes a JSON body (routes.body_route)."""
        assert self.discovery is not None
        owner = (self.identity.country_code, self.identity.party_id)
        return routes.body_route(self.discovery, self.served().route, owner)

    def discover(self) -> Discovery:
        """Discovery with the best token we have; DiscoveryError when nothing can be tested."""
        token = self.config.secret("token_c") or self.config.secret("token_a") or self.token()
        client = self.client(token)
        asked = self.config.ocpi_version if self.config.ocpi_version != "all" else None
        if asked is None and self.target_registration is not None:
            # the target registered with us: the version it registered in is the run's (its
            # endpoints and token are that version's), not the highest both speak
            asked = self.target_registration.version
        self.discovery = discover(client, self.config.versions_url or "", asked, self.role)
        if self._peer is not None:  # started before the version was known
            self._peer.version = self.discovery.version.number
        credentials = self.discovery.endpoint("credentials")
        if self.config.token_c is not None and credentials is not None:
            # a token C given: the target's own Credentials say which party it is
            found = client.get(credentials, module="credentials").data
            roles = found.get("roles") if isinstance(found, dict) else None
            self._given_roles = [r for r in roles or [] if isinstance(r, dict)]
        return self.discovery

    @property
    def peer(self) -> Peer:
        if self._peer is None:
            if self.seats is not None:
                self._peer = self.seats.start_peer(self.seats.first)
            else:
                self._peer = Peer.start(
                    role=self.own_role,
                    identity=self.identity,
                    host=self.config.peer_host,
                    port=self.config.peer_port,
                    public_url=self.config.peer_url,
                    log=self.log,
                    secrets=self.secrets,
                    policy=self.policy,
                    version=self.version.number,
                )
            # the peer's configuration modules answer our registration's callbacks; requests
            # to its functional modules come at the target's pace, claimed by their cases
            self.log.caused = self._caused
        return self._peer

    def _caused(self, exchange: Exchange) -> bool:
        """Whether an inbound request was caused by the running case: not one to a functional
        module of our peer (of any seat's, in a hub run)."""
        peers = self.seats.peers() if self.seats is not None else [self.peer]
        return all(peer.route(exchange.url) is None for peer in peers)

    @property
    def handshake(self) -> handshake_module.Handshake:
        """The registration (token A required); performed the first time a case asks."""
        if self._handshake is None and self.config.read_only:
            note = "--read-only sends only GET: no registration (run with --token-c)"
            self._handshake = handshake_module.Handshake(notes=[note])
        if self._handshake is None:
            assert self.discovery is not None
            credentials_url = self.discovery.endpoint("credentials")
            if credentials_url is None:
                self._handshake = handshake_module.Handshake(
                    notes=["the details list no credentials endpoint"]
                )
            else:
                client_a = self.client(self.config.secret("token_a"))
                functional = next(
                    (
                        url
                        for (module, role), url in sorted(self.discovery.endpoints.items())
                        if _serves_a_list(module, role)
                    ),
                    None,
                )
                self.registering_at = time.time()
                probes = frozenset(
                    name
                    for name, cases in handshake_module.PROBE_CASES.items()
                    if any(self.config.runs(case, "credentials") for case in cases)
                )
                self._handshake = handshake_module.perform(
                    client_a,
                    credentials_url,
                    self.peer,
                    functional,
                    self.log.attributed_to,
                    probes,
                )
                self.registered_at = time.time()
        return self._handshake

    def heard(self, output: Path) -> inbound.Heard:
        """What the target sent our peer on its own (listened for once per run, after running
        --trigger if it has not run yet); only after a registration between the two."""
        if self._heard is None:
            assert self.registered_at is not None
            listen = self.config.listen_seconds()
            since, until = self.registered_at, self.registered_at + listen
            if self.target_registration is not None and self.registering_at is not None:
                # the target may push the moment it has registered, before our poll sees it
                since = self.registering_at
            if self.config.trigger and self._trigger is None:
                since = time.time()
                self.run_trigger(output)
                until = time.time() + listen
            # a hub run's seats share one log: the other seats' requests are theirs
            elsewhere = tuple(
                p.state.base_url
                for p in (self.seats.peers() if self.seats else [])
                if p is not self.peer
            )
            self._heard = inbound.listen(
                self.peer,
                since,
                until,
                self._trigger,
                first=self.registering_at,
                elsewhere=elsewhere,
            )
        return self._heard

    def run_trigger(self, output: Path) -> inbound.TriggerRun:
        assert self.config.trigger is not None
        self._trigger = inbound.run_trigger(
            self.config.trigger,
            self.trigger_env(output),
            timeout=self.config.listen_seconds() + self.config.timeout,
            output=output,
            secrets=self.secrets,
        )
        return self._trigger

    def await_registration(self, output: Path) -> Registration | None:
        """--peer-token-a-file: our peer takes token A, --trigger (if given) makes the target
        register, and the harness waits --listen seconds (after the trigger) for it to."""
        token_a = self.config.secret("peer_token_a")
        assert token_a is not None
        self.registering_at = time.time()
        self.peer.state.add_token_a(token_a)
        if self.config.trigger:
            self.run_trigger(output)
        deadline = time.monotonic() + self.config.listen_seconds()
        while not self.peer.state.registrations() and time.monotonic() < deadline:
            time.sleep(0.1)
        found = self.peer.state.registrations()
        if found:
            self.target_registration = found[0]
            self.registered_at = time.time()
            self.secrets.add(found[0].their_token, "token B (theirs)")
        return self.target_registration

    def trigger_env(self, output: Path) -> dict[str, str]:
        """What a --trigger command learns of the run (never a token)."""
        return {
            "OCPI_CONFORMANCE_VERSIONS_URL": self.peer.versions_url,
            "OCPI_CONFORMANCE_PARTY": f"{self.identity.country_code}/{self.identity.party_id}",
            "OCPI_CONFORMANCE_ROLE": self.own_role,
            "OCPI_CONFORMANCE_TARGET": self.config.versions_url or "",
            "OCPI_CONFORMANCE_OUTPUT": str(output),
            "OCPI_CONFORMANCE_OCPI_VERSION": self.version.number,
        }

    def token(self) -> str | None:
        """The token for everything after registration: ours from the handshake, the one the
        target gave when it registered with us, or given."""
        if self._rotated is not None:
            return self._rotated
        if self.target_registration is not None:
            return self.target_registration.their_token
        if self.config.token_a is not None and not self.config.read_only:
            return self.handshake.token_c
        return self.config.secret("token_c")

    def no_token_because(self) -> str:
        """Which case judges why no token C works, and why: the blocked-by of the cases that
        need one."""
        if self.token_lost:
            return self.token_lost
        if self.config.token_a is not None and not self.config.read_only:
            return self.handshake.blocker()
        return "CRD-ANY-102: the target's registration with our peer gave no token"

    def lose_token(self, why: str) -> None:
        """The target no longer takes our token and gave no other: `why` starts with the id of
        the case that saw it; every later case needing the target is blocked by it."""
        self.token_lost = self.token_lost or why

    def rotated(self, token: str) -> None:
        """The target handed out a new token C (PUT credentials): every later use takes it."""
        self.secrets.add(token, "token C (rotated)")
        old, self._rotated = self.token(), token
        if self._peer is not None:  # our peer calls the target back with it too
            for registration in self._peer.state.registrations():
                if registration.their_token == old:
                    registration.their_token = token

    def unregister_if_registered(self) -> str | None:
        """After an interrupted run: end the registration this run made, if it still stands
        (the cases that would have ended it did not run). Returns what was done, or None."""
        if self._handshake is None or self.discovery is None:
            return None
        token = self.token()
        url = self.discovery.endpoint("credentials")
        if token is None or url is None:
            return None
        client = self.client(token)
        if client.get(url, module="credentials").status != 200:
            return None  # already unregistered
        reply = client.request("DELETE", url, module="credentials")
        return f"unregistered from the target: {reply.describe()}"

    def close(self) -> None:
        for client in self._clients:
            client.close()
        if self._peer is not None:
            self._peer.stop()
        if self.seats is not None:
            self.seats.stop()


def _serves_a_list(module: str, role: str) -> bool:
    """Whether the spec gives this interface a paginated GET: a GET anywhere else (the eMSP's
    commands SENDER, say) has no route, and its 404 would say nothing about token A."""
    spec_module = MODULES.get(module)
    if spec_module is None:
        return False
    try:
        interface = spec_module.interface(role)
    except KeyError:
        return False
    return any(op.paginated and op.method == "GET" for op in interface.operations)
