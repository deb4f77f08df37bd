"""Who is who, learned from the exchanges themselves (credentials_registration): a versions
list names a party's versions URL and its versions, a version's details its endpoints, and a
credentials POST the two parties (the Credentials each hands the other: url, roles, party ids)
and the three tokens (A: the one the POST came with; B: the one it hands the server; C: the one
the server hands back). `--party` options say the same where the capture does not show it.

The tokens are kept as fingerprints in the context (what the checks compare) and, apart, as
values in `Masks` (what the outputs mask); no value is ever written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ocpi_conformance.spec.version import FAMILY, KNOWN
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.checks.context import (
    Context,
    Party,
    TokenRole,
    _bare,
    _origin_of,
    decode_base64,
    fingerprint,
    label_print,
    masked_label,
    presented,
)

# What a record's bytes hold when it may teach who is who (a cheap test before parsing it).
HINTS = (b'"endpoints"', b"credentials", b'"version"')


def worth_learning(data: bytes) -> bool:
    return any(hint in data for hint in HINTS)


@dataclass(frozen=True)
class PartyOption:
    """`--party KEY=VALUE,...`: a party the capture may not introduce itself."""

    role: str | None = None
    country_code: str | None = None
    party_id: str | None = None
    url: str | None = None  # its versions URL, or any URL it serves on

    @classmethod
    def parse(cls, text: str) -> PartyOption:
        """`role=cpo,country=NL,id=CPO,url=https://cpo.example.com/ocpi/versions`."""
        fields: dict[str, str] = {}
        for part in text.split(","):
            name, sep, value = part.partition("=")
            name = name.strip().lower()
            if not sep or not value.strip():
                raise ValueError(f"--party {text!r}: {part!r} is not NAME=VALUE")
            if name not in ("role", "country", "country_code", "id", "party_id", "url"):
                raise ValueError(
                    f"--party {text!r}: unknown field {name!r} (role, country, id, url)"
                )
            fields[name] = value.strip()
        url = fields.get("url")
        if url is not None and _origin_of(url) is None:
            raise ValueError(f"--party {text!r}: url {url!r} is not an absolute http(s) URL")
        role = fields.get("role", "").upper() or None
        country = fields.get("country") or fields.get("country_code")
        party_id = fields.get("id") or fields.get("party_id")
        if (country is None) != (party_id is None):
            raise ValueError(f"--party {text!r}: give country and id together")
        if url is None and country is None:
            raise ValueError(f"--party {text!r}: give its url or its country and id")
        return cls(role, country, party_id, url)


@dataclass
class Masks:
    """Token values seen in the capture and the label each is written as (by role)."""

    labels: dict[str, str] = field(default_factory=dict)  # value -> label

    def add(self, value: str | None, label: str) -> None:
        if not value or len(value) < 4 or masked_label(value) is not None:
            return
        self.labels.setdefault(value, label)


@dataclass
class Learner:
    """Reads exchanges, in order, for who is who; `context()` is what it learned."""

    number: str | None = None  # --ocpi-version, else learned from the details
    options: list[PartyOption] = field(default_factory=list)
    masks: Masks = field(default_factory=Masks)
    versions: dict[str, str] = field(default_factory=dict)  # versions URL -> origin
    version_urls: dict[str, str] = field(default_factory=dict)  # a Version.url -> its number
    details: dict[str, tuple[str, list[dict[str, Any]]]] = field(default_factory=dict)
    identities: dict[str, dict[str, Any]] = field(default_factory=dict)  # versions URL -> creds
    tokens: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    learned_version: str | None = None
    authorization_seen: bool = False

    def learn(self, exchange: Exchange) -> None:
        if not self.authorization_seen and any(
            k.lower() == "authorization" for k in exchange.request_headers
        ):
            self.authorization_seen = True
        if exchange.status is None or not 200 <= exchange.status <= 299:
            return
        body = exchange.response_json()
        data = body.get("data") if isinstance(body, dict) else None
        url = _bare(exchange.url)
        if (
            exchange.method == "GET"
            and isinstance(data, list)
            and data
            and all(isinstance(v, dict) and "version" in v and "url" in v for v in data)
        ):
            self.versions[url] = _origin_of(url) or url
            for entry in data:
                if isinstance(entry.get("url"), str):
                    self.version_urls[_bare(entry["url"])] = str(entry.get("version"))
        elif (
            exchange.method == "GET"
            and isinstance(data, dict)
            and isinstance(data.get("endpoints"), list)
        ):
            number = str(data.get("version") or self.version_urls.get(url, ""))
            endpoints = [e for e in data["endpoints"] if isinstance(e, dict)]
            self.details[url] = (number, endpoints)
            if number in KNOWN or number in FAMILY:
                self.learned_version = FAMILY.get(number, number)
        elif _is_credentials(exchange, data):
            self._credentials(exchange, data)

    def _credentials(self, exchange: Exchange, data: dict[str, Any]) -> None:
        """A credentials answer: the server's Credentials; on a POST or PUT, the client's in
        the request, and the tokens of the handshake."""
        code = body_code(exchange)
        if code is not None and code != 1000:
            return
        server_url = data.get("url")
        if isinstance(server_url, str):
            self.identities[_bare(server_url)] = data
            self.versions.setdefault(_bare(server_url), _origin_of(exchange.url) or "")
        if exchange.method not in ("POST", "PUT"):
            return
        sent = exchange.request_json()
        if not isinstance(sent, dict) or not isinstance(sent.get("url"), str):
            return
        client_url = _bare(sent["url"])
        self.identities[client_url] = sent
        self.versions.setdefault(client_url, _origin_of(sent["url"]) or "")
        server = _bare(server_url) if isinstance(server_url, str) else _origin_of(exchange.url)
        auth = next(
            (v for k, v in exchange.request_headers.items() if k.lower() == "authorization"), None
        )
        if exchange.method == "POST" and auth:
            self.tokens.append(("A", str(server), client_url, _credential(auth)))
        self.tokens.append(("B", client_url, str(server), _token_text(sent.get("token"))))
        self.tokens.append(("C", str(server), client_url, _token_text(data.get("token"))))

    # --- what it learned -------------------------------------------------------------------------

    def context(self) -> Context:
        number = self.number or self.learned_version or "2.2.1"
        ctx = Context(version=spec_version(number))
        keys: dict[str, str] = {}  # versions URL -> party key
        for url in sorted(set(self.versions) | set(self.identities)):
            party = self._party(ctx, url)
            keys[url] = party.key
        for option in self.options:
            self._option(ctx, option)
        for details_url, (_, endpoints) in self.details.items():
            owner = self._owner_of(ctx, details_url)
            if owner is None:
                continue
            owner.details_url = owner.details_url or details_url
            for entry in endpoints:
                module, url = entry.get("identifier"), entry.get("url")
                if not isinstance(module, str) or not isinstance(url, str):
                    continue
                role = entry.get("role") if isinstance(entry.get("role"), str) else ""
                owner.endpoints[(module, role)] = url
                where = _origin_of(url)
                if where:
                    owner.origins.add(where)
        for kind, accepted_url, holder_url, value in self.tokens:
            accepted = keys.get(accepted_url) or self._key_by_origin(ctx, accepted_url)
            held = keys.get(holder_url)
            if accepted is None or value is None:
                continue
            role = TokenRole(kind, accepted, held)
            printed = _print_of(value)
            if printed is not None:
                ctx.tokens.setdefault(printed, role)
            if masked_label(value) is None:
                self.masks.add(value, role.label)
        ctx.authorization_recorded = self.authorization_seen
        return ctx

    def _party(self, ctx: Context, versions_url: str) -> Party:
        creds = self.identities.get(versions_url) or {}
        role, country, party_id = _identity(creds)
        key = (
            f"{country}/{party_id}".upper()
            if country and party_id
            else (_origin_of(versions_url) or versions_url)
        )
        party = ctx.party(key)
        party.role = party.role or role
        party.country_code = party.country_code or country
        party.party_id = party.party_id or party_id
        party.versions_url = party.versions_url or versions_url
        where = _origin_of(versions_url)
        if where:
            party.origins.add(where)
        return party

    def _option(self, ctx: Context, option: PartyOption) -> None:
        party = None
        if option.country_code and option.party_id:
            party = ctx.by_identity(option.country_code, option.party_id)
        if party is None and option.url:
            where = _origin_of(option.url)
            party = next((p for p in ctx.parties.values() if where in p.origins), None)
        if party is None:
            key = (
                f"{option.country_code}/{option.party_id}".upper()
                if option.country_code
                else _origin_of(option.url or "") or "?"
            )
            party = ctx.party(key)
        party.role = option.role or party.role
        party.country_code = party.country_code or option.country_code
        party.party_id = party.party_id or option.party_id
        if option.url:
            if urlsplit(option.url).path.rstrip("/").endswith("versions"):
                party.versions_url = party.versions_url or _bare(option.url)
            where = _origin_of(option.url)
            if where:
                party.origins.add(where)

    def _owner_of(self, ctx: Context, details_url: str) -> Party | None:
        """The party whose versions list gave `details_url`, else the one on its origin."""
        for versions_url, _ in self.versions.items():
            if self.version_urls.get(details_url) is not None and _origin_of(
                versions_url
            ) == _origin_of(details_url):
                return next(
                    (p for p in ctx.parties.values() if p.versions_url == versions_url), None
                )
        where = _origin_of(details_url)
        return next((p for p in ctx.parties.values() if where in p.origins), None)

    def _key_by_origin(self, ctx: Context, url: str) -> str | None:
        where = _origin_of(url)
        return next((p.key for p in ctx.parties.values() if where in p.origins), None)


def body_code(exchange: Exchange) -> int | None:
    body = exchange.response_json()
    code = body.get("status_code") if isinstance(body, dict) else None
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def _is_credentials(exchange: Exchange, data: Any) -> bool:
    return (
        isinstance(data, dict)
        and "token" in data
        and "url" in data
        and urlsplit(exchange.url).path.rstrip("/").endswith("credentials")
    )


def _identity(creds: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """(role, country_code, party_id) of a Credentials object (2.2.1 roles, or 2.1.1 flat)."""
    roles = creds.get("roles")
    if isinstance(roles, list) and roles and isinstance(roles[0], dict):
        first = roles[0]
        return (
            _text(first.get("role")),
            _text(first.get("country_code")),
            _text(first.get("party_id")),
        )
    return None, _text(creds.get("country_code")), _text(creds.get("party_id"))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _token_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _credential(auth: str) -> str | None:
    """The token an Authorization header carries, decoded where it is Base64 of one (a masked
    one stays its mask)."""
    _, _, credential = auth.strip().partition(" ")
    credential = credential.strip()
    if not credential:
        return None
    if masked_label(credential) is not None:
        return credential
    return decode_base64(credential) or credential


def _print_of(value: str) -> str | None:
    label = masked_label(value)
    if label is not None:
        name = label.removesuffix(", base64")
        return None if name == "redacted" else label_print(name)
    return fingerprint(value)


__all__ = ["Learner", "Masks", "PartyOption", "presented", "worth_learning"]
