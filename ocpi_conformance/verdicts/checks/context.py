"""Who is who around a set of exchanges, as the checks ask it: the parties, where each one
serves, the OCPI version they speak, and which token is which, known by its role and a
fingerprint, never by its value.

The checks of `verdicts/checks/` are functions of an exchange (or a sequence of them) and of
this context; where the context comes from is not theirs to know: an active run knows it from
its own discovery and handshake, the passive judge learns it from a capture's versions, details
and credentials exchanges (`passive/learn.py`) or from `--party` options.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ocpi_conformance.spec.registry import Operation
from ocpi_conformance.spec.version import DEFAULT, Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.transport.guards import origin

CONFIGURATION = frozenset({"versions", "credentials"})  # reached with token A before registering
VERSION_NUMBERS = ("2.1.1", "2.2.1", "2.2", "2.3.0", "2.1", "2.0")
_MASKED = ("«", "»")
UNKNOWN_MASK = "redacted"  # transport.redaction.MASK's label: a token nobody named


def fingerprint(token: str) -> str:
    """What the checks know of a token: a short digest, enough to tell two tokens apart, of no
    use to anyone who wants to call with it."""
    return "sha256:" + hashlib.sha256(token.encode("utf-8")).hexdigest()[:16]


def masked_label(text: str) -> str | None:
    """The label of a masked token (`«token C, base64»` -> "token C, base64"), None when the
    text is not a mask."""
    text = text.strip()
    if len(text) > 2 and text.startswith(_MASKED[0]) and text.endswith(_MASKED[1]):
        return text[1:-1]
    return None


def label_print(label: str) -> str:
    """The fingerprint of a token a recording already masked, by its label: a harness's or a
    proxy's exchanges.jsonl names tokens by role ("token A", "token C issued by NL/MSP")."""
    return f"label:{label}"


@dataclass(frozen=True)
class Presented:
    """The credentials token a request presented, as far as a record shows it."""

    scheme: str  # as sent: "Token", "TOKEN", "Bearer", ...
    print: str | None  # its fingerprint (decoded where it travelled Base64); None: unknown
    encoding: str | None  # "base64", "raw", or None where the record cannot tell


def decode_base64(text: str) -> str | None:
    """The UTF-8 text Base64 `text` encodes, None when it is not strict Base64 of UTF-8."""
    if not text or len(text) % 4:
        return None
    try:
        raw = base64.b64decode(text, validate=True)
        decoded = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    return decoded if decoded.isprintable() else None


def presented(value: str | None, known: frozenset[str] = frozenset()) -> Presented | None:
    """The token an Authorization header value carries; `known`: fingerprints of the tokens
    the capture's credentials exchanges showed (a known one tells its encoding for sure)."""
    if value is None or not value.strip():
        return None
    scheme, _, credential = value.strip().partition(" ")
    credential = credential.strip()
    label = masked_label(credential)
    if label is not None:
        if label.endswith(", base64"):
            name, encoding = label.removesuffix(", base64"), "base64"
        else:
            name, encoding = label, "raw"
        if name == UNKNOWN_MASK:
            return Presented(scheme, None, None)
        return Presented(scheme, label_print(name), encoding)
    if not credential:
        return Presented(scheme, None, None)
    raw = fingerprint(credential)
    if raw in known:
        return Presented(scheme, raw, "raw")
    decoded = decode_base64(credential)
    if decoded is not None:
        printed = fingerprint(decoded)
        return Presented(scheme, printed, "base64" if printed in known else None)
    return Presented(scheme, raw, "raw")


@dataclass
class Party:
    """One OCPI party as the exchanges show it. `key` names it in every finding: its
    country_code/party_id where known, else the origin it serves on."""

    key: str
    role: str | None = None  # CPO, EMSP, HUB, ...
    country_code: str | None = None
    party_id: str | None = None
    versions_url: str | None = None
    details_url: str | None = None
    # (module, interface role) -> URL, from its version details ("" for versions/credentials)
    endpoints: dict[tuple[str, str], str] = field(default_factory=dict)
    origins: set[str] = field(default_factory=set)  # "scheme://host:port" it answers on

    @property
    def identity(self) -> tuple[str, str] | None:
        if self.country_code and self.party_id:
            return self.country_code.upper(), self.party_id.upper()
        return None

    def describe(self) -> str:
        role = f" ({self.role})" if self.role else ""
        return f"{self.key}{role}"


@dataclass(frozen=True)
class TokenRole:
    """A token by its part in the credentials handshake (credentials_registration): A (given
    out of band, for registering), B (the registering party's, for the other to call it), C
    (the server's, for the registering party to call it)."""

    kind: str  # "A", "B" or "C"
    accepted_by: str  # the party that takes it (the server it authorizes at)
    held_by: str | None = None  # the party that sends it, where known

    @property
    def label(self) -> str:
        return f"token {self.kind} of {self.accepted_by}"


@dataclass(frozen=True)
class Place:
    """Where a request went: the party that answered it, the module and interface, and the
    operation its method and path are (None where no operation of the interface is)."""

    server: Party
    module: str  # "versions" (the list or a version's details), "credentials", or a module id
    interface: str  # "SENDER", "RECEIVER", or "" (versions, credentials)
    base: str  # the endpoint URL the operation's path is appended to
    operation: Operation | None
    params: dict[str, str]
    from_details: bool  # the endpoint came from the party's details, not from its path alone

    @property
    def functional(self) -> bool:
        return self.module not in CONFIGURATION

    @property
    def name(self) -> str:
        return self.operation.name if self.operation is not None else ""


def _origin_of(url: str) -> str | None:
    found = origin(url)
    return f"{found[0]}://{found[1]}:{found[2]}" if found else None


def _path_segments(url: str) -> list[str]:
    return [s for s in urlsplit(url).path.split("/") if s]


def _bare(url: str) -> str:
    """A URL without query, fragment and trailing slash: how endpoints are compared."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")


@dataclass
class Context:
    """What the checks know besides the exchange: the version, the parties, the tokens."""

    version: Version = field(default_factory=lambda: spec_version(DEFAULT))
    parties: dict[str, Party] = field(default_factory=dict)
    tokens: dict[str, TokenRole] = field(default_factory=dict)  # fingerprint -> role
    # Whether the capture keeps Authorization headers at all (EV Panda drops them): the
    # absence of one says nothing where none is ever kept.
    authorization_recorded: bool = True

    def __post_init__(self) -> None:
        self._prints: frozenset[str] | None = None

    def __getstate__(self) -> dict[str, object]:
        """Pickled by its version's number (a Version caches modules, which do not pickle): a
        worker process gets the context this way."""
        state = {k: v for k, v in self.__dict__.items() if k not in ("_prints", "_bases_cache")}
        state["version"] = self.version.number
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.version = spec_version(str(state["version"]))
        self._prints = None

    @property
    def known_prints(self) -> frozenset[str]:
        if self._prints is None or len(self._prints) != len(self.tokens):
            self._prints = frozenset(self.tokens)
        return self._prints

    # --- parties -------------------------------------------------------------------------------

    def party(self, key: str) -> Party:
        """The party named `key`, created (known by that key alone) when it is new."""
        found = self.parties.get(key)
        if found is None:
            found = self.parties[key] = Party(key)
        return found

    def by_identity(self, country_code: str, party_id: str) -> Party | None:
        wanted = (country_code.upper(), party_id.upper())
        return next((p for p in self.parties.values() if p.identity == wanted), None)

    def _bases(self) -> list[tuple[str, Party]]:
        """Every URL a party gave, longest first (worked out once per set of parties)."""
        marker = (len(self.parties), sum(len(p.endpoints) for p in self.parties.values()))
        cached = self.__dict__.get("_bases_cache")
        if cached is None or cached[0] != marker:
            found = [
                (_bare(known), party)
                for party in self.parties.values()
                for known in (party.versions_url, party.details_url, *party.endpoints.values())
                if known
            ]
            found.sort(key=lambda item: len(item[0]), reverse=True)
            cached = (marker, found)
            self.__dict__["_bases_cache"] = cached
        return cached[1]

    def server_of(self, exchange: Exchange) -> Party | None:
        """The party that answered: the one whose URLs the request's URL is under, else the
        one serving on its origin, else a party known by that origin alone."""
        url = _bare(exchange.url)
        for base, party in self._bases():
            if url == base or url.startswith(base + "/"):
                return party
        where = _origin_of(exchange.url)
        if where is None:
            return None
        for party in self.parties.values():
            if where in party.origins:
                return party
        return self.party(where)

    def client_of(self, exchange: Exchange, server: Party | None = None) -> Party | None:
        """The party that sent the request: the holder of the token it carries, the sender its
        routing headers name, or, between two parties, the one that did not answer."""
        server = server if server is not None else self.server_of(exchange)
        token = self.token(exchange)
        if token is not None and token.held_by is not None and token.held_by in self.parties:
            return self.parties[token.held_by]
        headers = {k.lower(): v.strip() for k, v in exchange.request_headers.items()}
        country = headers.get("ocpi-from-country-code")
        party_id = headers.get("ocpi-from-party-id")
        if country and party_id:
            found = self.by_identity(country, party_id)
            if found is not None and found is not server:
                return found
        others = [p for p in self.parties.values() if p is not server and not _origin_key(p)]
        if len(others) == 1:
            return others[0]
        return None

    # --- tokens -------------------------------------------------------------------------------

    def presented(self, exchange: Exchange) -> Presented | None:
        return presented(_header(exchange.request_headers, "authorization"), self.known_prints)

    def token(self, exchange: Exchange) -> TokenRole | None:
        """The role of the token a request carried, where the context knows it."""
        found = self.presented(exchange)
        if found is None or found.print is None:
            return None
        return self.tokens.get(found.print)

    # --- where a request went -----------------------------------------------------------------

    def place_of(self, exchange: Exchange) -> Place | None:
        """The module, interface and operation a request reached, from the server's details
        where the context has them, from the URL's path where it has not; None for a request
        that is no OCPI request (a health check, a page)."""
        server = self.server_of(exchange)
        if server is None:
            return None
        url = _bare(exchange.url)
        if server.versions_url and url == _bare(server.versions_url):
            return self._place(server, "versions", "", url, "get_versions", exchange, True)
        if server.details_url and url == _bare(server.details_url):
            return self._place(server, "versions", "", url, "get_version_details", exchange, True)
        best: tuple[str, str, str] | None = None
        for (module, role), endpoint in server.endpoints.items():
            base = _bare(endpoint)
            if (url == base or url.startswith(base + "/")) and (
                best is None or len(base) > len(best[2])
            ):
                best = (module, role, base)
        if best is not None:
            module, role, base = best
            return self._resolve(server, module, role, base, exchange, True)
        return self._guess(server, exchange)

    def _place(
        self,
        server: Party,
        module: str,
        interface: str,
        base: str,
        name: str,
        exchange: Exchange,
        from_details: bool,
    ) -> Place | None:
        operation = self.version.operation(module, interface, name)
        if operation.method != exchange.method:
            operation = None
        return Place(server, module, interface, base, operation, {}, from_details)

    def _resolve(
        self,
        server: Party,
        module: str,
        role: str,
        base: str,
        exchange: Exchange,
        from_details: bool,
    ) -> Place | None:
        found = self.version.modules.get(module)
        if found is None:
            return None  # a custom module: not judged
        below = _path_segments(exchange.url)[len(_path_segments(base)) :]
        interfaces = [i for i in found.interfaces if not role or i.role == role or not i.role]
        if not role and len(interfaces) > 1 and server.role:
            mine = [i for i in interfaces if server.role in i.implemented_by]
            interfaces = mine or interfaces
        matches = []
        for interface in interfaces:
            for operation in interface.operations:
                if operation.target != "endpoint" or operation.method != exchange.method:
                    continue
                params = match_path(operation.path, below)
                if params is not None:
                    matches.append((interface.role, operation, params))
        if len({(r, o.name) for r, o, _ in matches}) > 1 and server.role:
            matches = [m for m in matches if self._implements(server, module, m[0])] or matches
        if len(matches) >= 1 and len({(r, o.name) for r, o, _ in matches}) == 1:
            interface_role, operation, params = matches[0]
            return Place(server, module, interface_role, base, operation, params, from_details)
        for interface in interfaces:  # a URL the server handed out (a CDR's Location header)
            for operation in interface.operations:
                if operation.target == "location_header" and operation.method == exchange.method:
                    path = "/".join(below)
                    return Place(
                        server,
                        module,
                        interface.role,
                        base,
                        operation,
                        {"path": path},
                        from_details,
                    )
        interface_role = interfaces[0].role if len(interfaces) == 1 else role
        return Place(server, module, interface_role, base, None, {}, from_details)

    def _implements(self, server: Party, module: str, role: str) -> bool:
        interface = self.version.interface(module, role)
        return interface is not None and server.role in interface.implemented_by

    def _guess(self, server: Party, exchange: Exchange) -> Place | None:
        """A request to an endpoint no details named: its module read off its path (the
        module's id as a segment, as every implementation names them), its interface from the
        operation its method and path match (and the server's role where both would)."""
        segments = _path_segments(exchange.url)
        if not segments:
            return None
        root = urlsplit(exchange.url)
        prefix = f"{root.scheme}://{root.netloc}"
        if segments[-1] == "versions" and exchange.method == "GET":
            return self._place(
                server, "versions", "", _bare(exchange.url), "get_versions", exchange, False
            )
        if segments[-1] in VERSION_NUMBERS and exchange.method == "GET":
            return self._place(
                server, "versions", "", _bare(exchange.url), "get_version_details", exchange, False
            )
        for index in range(len(segments) - 1, -1, -1):
            if segments[index] in self.version.modules and segments[index] != "versions":
                base = prefix + "/" + "/".join(segments[: index + 1])
                return self._resolve(server, segments[index], "", base, exchange, False)
        return None


def _origin_key(party: Party) -> bool:
    """A party known by nothing but an origin it answered on (no identity, no URLs)."""
    return party.identity is None and not party.versions_url and "://" in party.key


def _header(headers: dict[str, str], name: str) -> str | None:
    found = headers.get(name)  # a record's names are lower case already, mostly
    if found is not None:
        return found
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def header(exchange_headers: dict[str, str], name: str) -> str | None:
    """A header's value, its name compared case-insensitively (RFC 9110)."""
    return _header(exchange_headers, name.lower())


def match_path(template: str, segments: list[str]) -> dict[str, str] | None:
    """The path parameters of `segments` under an operation's path template, None when they
    do not fit it."""
    parts = [p for p in template.split("/") if p]
    if len(parts) != len(segments):
        return None
    params: dict[str, str] = {}
    for part, segment in zip(parts, segments, strict=True):
        if part.startswith("{") and part.endswith("}"):
            params[part[1:-1]] = segment
        elif part != segment:
            return None
    return params
