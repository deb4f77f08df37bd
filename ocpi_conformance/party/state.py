"""What one OCPI party knows: who it is, which tokens it accepts, whom it is registered with
(and in which OCPI version), which faults it has been told to commit, and what its functional
modules hold (`store`, per version: a 2.1.1 Location and a 2.2.1 one are different objects).

The server answers in uvicorn's worker threads while the harness registers tokens and switches
faults from its own thread, so every change to the token tables happens under one lock.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from ocpi_conformance.party.faults import commits, fault
from ocpi_conformance.spec.v2_2_1.types import Role
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Limits, OcpiClient, PartyId
from ocpi_conformance.transport.exchanges import ExchangeLog
from ocpi_conformance.transport.guards import HostPolicy
from ocpi_conformance.transport.redaction import MASK, Secrets

CREDENTIALS_URL_WRONG = fault(
    "credentials_url_wrong",
    "the Credentials object handed out names a url where no versions endpoint answers",
    caught_by=["CRD-ANY-015"],
)

KEEP_TOKEN_A = fault(
    "keep_token_a",
    "token A keeps working after registration",
    caught_by=["CRD-ANY-005"],
)

CREDENTIALS_ROLE_HUB = fault(
    "credentials_role_hub",
    "its 2.3.0 Credentials list its party a second time with role HUB, as a 2.2.1 Hub reported "
    "itself; 2.3.0's Role has no HUB (types.asciidoc#types_role_enum) and a Hub names itself in "
    "hub_party_id (credentials.asciidoc#credentials_credentials_object)",
    caught_by=["CRD-ANY-001", "CRD-ANY-006"],
    versions=("2.3.0",),
)


T = TypeVar("T")
Access = Literal["pending"]
PENDING: Access = "pending"  # what `lookup` says for a token A: registration not done yet

# The calls a server makes back to a registering client run while that client waits for the
# POST answer: keep them well inside the client's own read timeout.
CALLBACK_LIMITS = Limits(connect_timeout=3.0, read_timeout=8.0, total_timeout=10.0)


@dataclass(frozen=True)
class Identity:
    """Who the party is, as its CredentialsRole says."""

    role: str  # a Role value: "CPO", "EMSP", ...; or a market role of MARKET_ROLES ("PTP")
    country_code: str
    party_id: str
    name: str  # business_details.name

    def __post_init__(self) -> None:
        Role(self.credentials_role)  # ValueError for a role the spec does not know

    @property
    def credentials_role(self) -> str:
        """The Role value its Credentials give: its role, or the one its market role takes."""
        return MARKET_ROLES.get(self.role, self.role)


# Market roles that are no Role value, and the Role their Credentials give: a Payment Terminal
# Provider (mod_payments.asciidoc, tag v2.3.0-ed2-payments, "Data owner: PTP") registers as OTHER,
# its Role table having no PTP (spec.v2_3_0.modules.AMBIGUITIES, "roles").
MARKET_ROLES = {"PTP": "OTHER"}


@dataclass
class Registration:
    """A party registered with us: it calls us with `token` (the token C we issued, or a token
    B the harness pre-registered for its peer); we call it with `their_token`, in the OCPI
    `version` the registration was made in (every later call we make to it speaks that one)."""

    token: str = field(repr=False)  # tokens stay out of reprs (a traceback shows reprs)
    their_token: str | None = field(default=None, repr=False)
    token_a: str | None = field(default=None, repr=False)  # valid again after DELETE
    versions_url: str | None = None
    version_url: str | None = None  # its details URL of `version`
    endpoints: list[dict[str, Any]] = field(default_factory=list)
    # the parties its Credentials name: its CredentialsRoles, or (a flat Credentials) the one
    # party, without a role (business_details, party_id, country_code)
    roles: list[dict[str, Any]] = field(default_factory=list)
    version: str = DEFAULT
    # the Hub its Credentials name (2.3.0's hub_party_id: country code and party id as one
    # five-character string), when it reaches us through one
    hub_party_id: str | None = None

    def endpoint(self, module: str, role: str) -> str | None:
        """The URL its version details give for one interface, if any. Where the version's
        endpoints name no role (2.1.1), a party publishes one URL per module, serving the
        interface its own role implements: that URL, whichever interface is asked."""
        named = spec_version(self.version).endpoint_roles
        for entry in self.endpoints:
            if entry.get("identifier") == module and (not named or entry.get("role") == role):
                url = entry.get("url")
                return url if isinstance(url, str) else None
        return None


class PartyState:
    """Identity, tokens, registrations, faults and the inbound exchange log of one party."""

    def __init__(
        self,
        identity: Identity,
        *,
        log: ExchangeLog | None = None,
        secrets: Secrets | None = None,
        base_url: str = "",
        callback_limits: Limits = CALLBACK_LIMITS,
        callback_policy: HostPolicy | None = None,
    ) -> None:
        self.identity = identity
        self.log = log if log is not None else ExchangeLog()
        self.secrets = secrets if secrets is not None else Secrets()
        self.faults: set[str] = set()
        self.choices: set[str] = set()  # conformant choices it makes on purpose (choices.py)
        # (module, interface) it serves besides its role's: a hub seat of role OTHER serving an
        # eMSP's Receivers, so that a CPO's Broadcast Push can reach it (run/seats.py)
        self.also_serves: set[tuple[str, str]] = set()
        self.callback_limits = callback_limits
        # Where this party may call back (registration, command results): the harness's peer
        # calls only its target; None (the standalone sandbox) calls whoever registers.
        self.callback_policy = callback_policy
        self.lock = threading.RLock()
        self.base_url = base_url.rstrip("/")
        self._tokens_a: set[str] = set()
        self._registrations: dict[str, Registration] = {}
        self._every_token: set[str] = set()
        self._stores: dict[tuple[str, str], Any] = {}

    # --- where we are ---------------------------------------------------------------------------

    def set_base_url(self, url: str) -> None:
        """Where clients reach us: the served URL, or a public URL in front of it."""
        self.base_url = url.rstrip("/")

    @property
    def versions_url(self) -> str:
        return f"{self.base_url}/ocpi/versions"

    def details_url_for(self, version: str = DEFAULT) -> str:
        """The details URL of one OCPI version this party speaks."""
        return f"{self.base_url}/ocpi/{version}"

    def credentials_url_for(self, version: str = DEFAULT) -> str:
        return f"{self.details_url_for(version)}/credentials"

    @property
    def details_url(self) -> str:
        """The details URL of the default version (2.2.1)."""
        return self.details_url_for(DEFAULT)

    @property
    def credentials_url(self) -> str:
        """The credentials URL of the default version (2.2.1)."""
        return self.credentials_url_for(DEFAULT)

    def client(
        self,
        token: str | None,
        *,
        routed: bool = False,
        to_party: PartyId | None = None,
        version: str = DEFAULT,
    ) -> OcpiClient:
        """How this party calls another (registration callbacks, results, pushes): recorded in
        its log, its secrets masked, within its callback limits and policy, speaking `version`
        (its token encoding; routing headers only where the version has them); `routed`: with
        the routing headers, from us (to `to_party`, when known)."""
        routing = {}
        if routed:
            routing = {"from_party": PartyId(self.identity.country_code, self.identity.party_id)}
        return OcpiClient(
            token,
            log=self.log,
            secrets=self.secrets,
            limits=self.callback_limits,
            policy=self.callback_policy,
            to_party=to_party,
            version=spec_version(version),
            **routing,
        )

    # --- what the functional modules hold ------------------------------------------------------

    def store(self, module: str, create: Callable[[PartyState], T], version: str = DEFAULT) -> T:
        """The data `module` keeps for this party in one OCPI version, made by `create(self)` on
        first use (so it can be seeded from the identity); the harness reads and changes it the
        same way."""
        with self.lock:
            key = (module, version)
            if key not in self._stores:
                self._stores[key] = create(self)
            return self._stores[key]  # type: ignore[no-any-return]

    # --- tokens ---------------------------------------------------------------------------------

    def _remember(self, token: str | None, label: str) -> None:
        """Add a token to the secrets, keeping a label the harness gave it earlier."""
        if token:
            self._every_token.add(token)
            if self.secrets.mask(token) == MASK:
                self.secrets.add(token, label)

    def add_token_a(self, token: str) -> None:
        """A registration token handed out of band: valid for versions and credentials only."""
        with self.lock:
            self._tokens_a.add(token)
            self._remember(token, "token A")

    def accept_registration(
        self,
        token: str,
        *,
        their_token: str | None = None,
        versions_url: str | None = None,
        version_url: str | None = None,
        endpoints: list[dict[str, Any]] | None = None,
        roles: list[dict[str, Any]] | None = None,
        label: str = "token B",
        version: str | None = None,
        hub_party_id: str | None = None,
    ) -> Registration:
        """Treat `token` as a registered party's (the token B the harness generated for its
        peer, before it POSTs it); fields given update an existing registration (`version`: the
        OCPI version it was made in, 2.2.1 unless given; `hub_party_id`: the Hub its Credentials
        name, 2.3.0)."""
        with self.lock:
            registration = self._registrations.setdefault(token, Registration(token=token))
            for name, value in (
                ("their_token", their_token),
                ("versions_url", versions_url),
                ("version_url", version_url),
                ("endpoints", endpoints),
                ("roles", roles),
                ("version", version),
                ("hub_party_id", hub_party_id),
            ):
                if value is not None:
                    setattr(registration, name, value)
            self._remember(token, label)
            self._remember(their_token, "token C")
            return registration

    def accept_token(self, token: str, label: str = "token B") -> None:
        """`accept_registration` with nothing known yet but the token (the peer's use)."""
        self.accept_registration(token, label=label)

    def lookup(self, token: str) -> Registration | Access | None:
        """What `token` grants: a registration, PENDING for a token A, None for nothing."""
        with self.lock:
            registration = self._registrations.get(token)
            if registration is not None:
                return registration
            return PENDING if token in self._tokens_a else None

    def registration(self, token: str) -> Registration | None:
        with self.lock:
            return self._registrations.get(token)

    def registrations(self) -> list[Registration]:
        with self.lock:
            return list(self._registrations.values())

    def new_token(self) -> str:
        return str(uuid.uuid4())

    def every_token(self) -> set[str]:
        """Every credentials token this party has accepted, issued or been given."""
        with self.lock:
            return set(self._every_token)

    # --- the credentials module's state changes ------------------------------------------------

    def register(self, token_a: str | None, registration: Registration) -> None:
        """A client registered with `token_a` (POST): its token C works, token A no longer."""
        registration.token_a = token_a
        with self.lock:
            self._registrations[registration.token] = registration
            if token_a is not None and KEEP_TOKEN_A not in self.faults:
                self._tokens_a.discard(token_a)
            self._remember(registration.token, "token C")
            self._remember(registration.their_token, "token B")

    def spend_token_a(self, token: str) -> None:
        """Token A is valid no more (whether or not a registration came of it)."""
        with self.lock:
            self._tokens_a.discard(token)

    def replace(self, old: Registration, new: Registration) -> None:
        """A registered client updated its credentials (PUT): the old token stops working."""
        new.token_a = old.token_a
        with self.lock:
            self._registrations.pop(old.token, None)
            self._registrations[new.token] = new
            self._remember(new.token, "token C")
            self._remember(new.their_token, "token B")

    def unregister(self, registration: Registration) -> None:
        """Forget the registration (DELETE).

        Reading: the token A it came with becomes valid again, so that an unregistered client can
        still be told 405 for PUT and DELETE (credentials_put_method, _delete_method) and can
        register anew; the spec does not say how a new token A would be exchanged otherwise.
        """
        with self.lock:
            self._registrations.pop(registration.token, None)
            if registration.token_a is not None:
                self._tokens_a.add(registration.token_a)

    # --- what we tell others --------------------------------------------------------------------

    def own_credentials(self, token: str, version: str = DEFAULT) -> dict[str, Any]:
        """Our Credentials object of one OCPI version, carrying `token` for the other party to
        use with us: our party among its roles, or (a flat Credentials) beside token and url.
        No hub_party_id (2.3.0): this party is no Hub, and "A Platform that supports Hub
        functionality [...] SHALL give the country code and party ID of the Hub" is a Hub's."""
        url = self.versions_url
        if CREDENTIALS_URL_WRONG in self.faults:
            url = url.replace("/versions", "/no-versions-here")
        spec = spec_version(version)
        party = {
            "business_details": {"name": self.identity.name},
            "party_id": self.identity.party_id,
            "country_code": self.identity.country_code,
        }
        if spec.credentials_shape == "roles":
            body = {
                "token": token,
                "url": url,
                "roles": [{"role": self.identity.credentials_role, **party}],
            }
        else:
            body = {"token": token, "url": url, **party}
        credentials = spec.objects["Credentials"].model_validate(body)
        dumped: dict[str, Any] = credentials.model_dump(mode="json", exclude_none=True)
        if commits(self.faults, CREDENTIALS_ROLE_HUB, version):
            dumped["roles"].append({"role": "HUB", **party})
        return dumped
