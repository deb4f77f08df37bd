"""The harness's one OCPI HTTP client.

It speaks the transport of its OCPI version (spec.version.Version): the `Authorization: Token`
header (Base64 from 2.2 on, the raw token in 2.1.1), a fresh X-Request-ID and an
X-Correlation-ID on every request and routing headers for functional modules where the version
has them, envelope parsing and `Link`-driven pagination. It never raises on what a
target does: a timeout, a reset, HTML instead of JSON or a 50 MB body all come back as a `Reply`
whose `error` or `json_error` says so, because a misbehaving target is a finding, not a crash.
Every exchange is recorded, redacted, the moment it completes.
"""

from __future__ import annotations

import copy
import json
import re
import time
import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urljoin

import httpx

from ocpi_conformance.spec.version import DEFAULT, Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.exchanges import Exchange, ExchangeLog
from ocpi_conformance.transport.guards import (
    BodyTooLarge,
    Deadline,
    HostPolicy,
    decode_body,
    http_client,
    json_or_none,
    origin,
    parse_json,
)
from ocpi_conformance.transport.redaction import Secrets, encode_token

# Configuration modules are not routed (transport_and_format_message_routing).
UNROUTED_MODULES = frozenset({"versions", "credentials", "hubclientinfo"})
_LINK_NEXT = re.compile(r'<([^>]*)>\s*;[^,]*?rel\s*=\s*"?next"?', re.IGNORECASE)


@dataclass(frozen=True)
class PartyId:
    """What names a party in OCPI: its country_code and party_id (the routing headers and the
    owner of Client Owned Objects)."""

    country_code: str
    party_id: str


_WHY_CHARS = 400  # of the target's own explanation in a one-line failure message


@dataclass(frozen=True)
class Limits:
    """Guards that keep a misbehaving target from hanging or flooding a run."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0  # one exchange, headers included: a trickling server ends here
    max_body_bytes: int = 10 * 1024 * 1024  # after every Content-Encoding layer
    max_pages: int = 200
    max_walk_bytes: int = 50 * 1024 * 1024  # all pages of one paginated GET together


@dataclass(repr=False)
class Reply:
    """What a request produced, unredacted, for the caller; `exchange` is the redacted record.

    Its repr is the redacted one-liner: pytest prints reprs in assertion messages, JUnit and
    Allure keep them, and the raw body may hold a token the target just handed out.
    """

    exchange: Exchange
    status: int | None
    headers: httpx.Headers
    text: str | None
    error: str | None = None
    json: Any = None
    json_error: str | None = None
    version: str = DEFAULT  # the OCPI version the request was made in (the client's)

    @property
    def ok(self) -> bool:
        """An HTTP answer arrived whole (whatever its status)."""
        return self.error is None and self.status is not None

    @property
    def envelope(self) -> dict[str, Any] | None:
        return self.json if isinstance(self.json, dict) else None

    @property
    def status_code(self) -> int | None:
        """The OCPI status_code of the envelope, when there is one."""
        value = (self.envelope or {}).get("status_code")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def data(self) -> Any:
        return (self.envelope or {}).get("data")

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def next_link(self) -> str | None:
        """The URL of the Link header's rel="next", if any (transport_and_format_pagination)."""
        for value in self.headers.get_list("link"):
            match = _LINK_NEXT.search(value)
            if match:
                return match.group(1).strip()
        return None

    def __repr__(self) -> str:
        return f"<Reply {self.describe()}>"

    def describe(self) -> str:
        """One line for a failure message."""
        if self.error:
            return f"{self.exchange.method} {self.exchange.url}: {self.error}"
        line = f"{self.exchange.method} {self.exchange.url} -> HTTP {self.status}" + (
            f", OCPI {self.status_code}" if self.status_code is not None else ""
        )
        return line + self._why()

    def _why(self) -> str:
        """What the target said when it refused: its status_message, or the start of its body
        (a framework's error page often names the field it choked on). Taken from the redacted
        record, so no token can ride along."""
        refused = (self.status or 0) >= 400 or (self.status_code or 1000) >= 2000
        if not refused:
            return ""
        said = self.exchange.response_body or ""
        body = json_or_none(said)
        message = body.get("status_message") if isinstance(body, dict) else None
        said = " ".join((message if isinstance(message, str) else said).split())
        if not said:
            return ""
        if len(said) <= _WHY_CHARS:
            return f" ({said})"
        rest = len(said) - _WHY_CHARS  # a whole error page: the exchange attached holds it all
        return f" ({said[:_WHY_CHARS]} [{rest} more characters in the attached exchange])"


@dataclass
class Walk:
    """A paginated GET followed to its end, or to the guard that stopped it."""

    pages: list[Reply] = field(default_factory=list)
    items: list[Any] = field(default_factory=list)
    stopped: str | None = None  # why the walk ended before the last page, if it did


class OcpiClient:
    """Sends OCPI requests as one party, with one credentials token."""

    def __init__(
        self,
        token: str | None,
        *,
        log: ExchangeLog | None = None,
        secrets: Secrets | None = None,
        limits: Limits | None = None,
        from_party: PartyId | None = None,
        to_party: PartyId | None = None,
        policy: HostPolicy | None = None,
        version: Version | None = None,
    ) -> None:
        self.token = token
        self.version = version or spec_version(DEFAULT)  # how requests travel
        self.policy = policy  # None: any URL (the sandbox); the harness always sets one
        self.log = log if log is not None else ExchangeLog()
        self.secrets = secrets if secrets is not None else Secrets()
        self.secrets.add(token)
        self.limits = limits or Limits()
        self.from_party = from_party
        self.to_party = to_party
        self._http = http_client(self.limits.connect_timeout, self.limits.read_timeout)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> OcpiClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def with_token(self, token: str | None) -> OcpiClient:
        """A client sharing log, secrets and limits but authenticating with another token."""
        return OcpiClient(
            token,
            log=self.log,
            secrets=self.secrets,
            limits=self.limits,
            from_party=self.from_party,
            to_party=self.to_party,
            policy=self.policy,
            version=self.version,
        )

    def at(self, version: Version) -> OcpiClient:
        """This client speaking another OCPI version: its token, log, limits and connections
        shared (closing this client closes them)."""
        if version == self.version:
            return self
        moved = copy.copy(self)
        moved.version = version
        return moved

    def headers_for(
        self, module: str | None, *, auth: str | None = None, correlation_id: str | None = None
    ) -> dict[str, str]:
        """The request headers a well-behaved party of the client's version sends.

        `auth`: None (the token as the version carries it: Base64 from 2.2, raw in 2.1.1),
        "base64", "raw", or "none" (no Authorization header).
        """
        auth = auth or self.version.token_encoding
        headers = {"Accept": "application/json", "Accept-Encoding": "gzip, deflate"}
        if self.version.request_ids:  # 2.2 made them required; 2.1.1 has none
            headers["X-Request-ID"] = str(uuid.uuid4())
            headers["X-Correlation-ID"] = correlation_id or str(uuid.uuid4())
        if self.token is not None and auth != "none":
            value = encode_token(self.token) if auth == "base64" else self.token
            headers["Authorization"] = f"Token {value}"
        if module and module not in UNROUTED_MODULES and self.version.routing_headers:
            if self.from_party:
                headers["OCPI-from-country-code"] = self.from_party.country_code
                headers["OCPI-from-party-id"] = self.from_party.party_id
            if self.to_party:
                headers["OCPI-to-country-code"] = self.to_party.country_code
                headers["OCPI-to-party-id"] = self.to_party.party_id
        return headers

    def request(
        self,
        method: str,
        url: str,
        *,
        module: str | None = None,
        json_body: Any = None,
        raw_body: str | None = None,
        params: Mapping[str, Any] | None = None,
        auth: str | None = None,
        headers: Mapping[str, str] | None = None,
        _hops: int = 0,
    ) -> Reply:
        sent_headers = self.headers_for(module, auth=auth)
        body: str | None = raw_body
        if json_body is not None:
            body = json.dumps(json_body)
        if body is not None:
            sent_headers["Content-Type"] = "application/json"
        sent_headers.update(headers or {})
        request = self._http.build_request(
            method,
            url,
            # an empty mapping would wipe a query already in the URL (a Link "next" URL)
            params={k: v for k, v in params.items() if v is not None} if params else None,
            headers=sent_headers,
            content=body.encode("utf-8") if body is not None else None,
        )
        self.secrets.learn(json_body)  # a token we hand out (Credentials) is masked too
        started, clock = time.time(), time.monotonic()
        refused = self.policy.refusal(str(request.url)) if self.policy else None
        if refused:
            status, response_headers, raw, error = None, httpx.Headers(), None, refused
        else:
            status, response_headers, raw, error = self._send(request)
        reply = Reply(
            exchange=None,  # type: ignore[arg-type]  # set below, once redacted
            status=status,
            headers=response_headers,
            text=raw.decode("utf-8", errors="replace") if raw is not None else None,
            error=error,
            version=self.version.number,
        )
        if raw is not None and error is None:
            reply.json, reply.json_error = parse_json(raw)
        self.secrets.learn(reply.json)
        reply.exchange = self._record(request, body, reply, started, clock)
        followed = self._redirect(request, reply) if _hops < MAX_HOPS else None
        if followed is not None:  # same origin: the run goes on, VER-ANY-011 judges it
            return self.request(
                followed,
                _location(request, reply),  # it carries the query, if any
                module=module,
                json_body=json_body if followed == method else None,
                raw_body=raw_body if followed == method else None,
                auth=auth,
                headers=headers,
                _hops=_hops + 1,
            )
        return reply

    def _redirect(self, request: httpx.Request, reply: Reply) -> str | None:
        """The method to follow a redirect with, when it stays on the request's origin (a
        module URL that answers only at its form with a trailing slash, say); None otherwise:
        a redirect elsewhere would carry our token, and is not followed."""
        if reply.status not in REDIRECTS or not reply.ok:
            return None
        target = _location(request, reply)
        if not target or origin(target) != origin(str(request.url)):
            return None
        if self.policy is not None and self.policy.refusal(target):
            return None
        if reply.status in (307, 308):
            return request.method
        return "GET" if request.method in ("GET", "HEAD") else None

    def _send(
        self, request: httpx.Request
    ) -> tuple[int | None, httpx.Headers, bytes | None, str | None]:
        """One exchange within one total deadline, the body decoded within the size limit."""
        limits = self.limits
        clock = time.monotonic()
        with Deadline(limits.total_timeout):
            try:
                response = self._http.send(request, stream=True)
            except httpx.TimeoutException:
                return None, httpx.Headers(), None, self._late(clock, "no answer")
            except httpx.HTTPError as exc:
                return None, httpx.Headers(), None, f"connection failed: {_reason(exc)}"
            error = None
            body = b""
            try:
                encoding = response.headers.get("content-encoding")
                body = decode_body(response.iter_raw(), encoding, limits.max_body_bytes)
            except BodyTooLarge:
                error = f"response body exceeds {limits.max_body_bytes} bytes"
            except httpx.TimeoutException:
                error = self._late(clock, "response body stalled")
            except httpx.HTTPError as exc:
                error = f"connection broke while reading the body: {_reason(exc)}"
            except (ValueError, zlib.error) as exc:
                error = f"response body cannot be decoded: {_reason(exc)}"
            finally:
                response.close()
        return response.status_code, response.headers, body, error

    def _late(self, clock: float, what: str) -> str:
        """Which timeout ended the exchange: the total deadline, or silence."""
        if time.monotonic() - clock >= self.limits.total_timeout - 0.05:
            return f"response not complete within {self.limits.total_timeout:g} s"
        return f"{what} within {self.limits.read_timeout:g} s"

    def _record(
        self, request: httpx.Request, body: str | None, reply: Reply, started: float, clock: float
    ) -> Exchange:
        redact = self.secrets
        exchange = Exchange(
            direction="outbound",
            method=request.method,
            url=redact.redact(str(request.url)) or "",
            request_headers=redact.redact_headers(dict(request.headers)),
            request_body=redact.redact(body),
            status=reply.status,
            response_headers=redact.redact_headers(dict(reply.headers)),
            response_body=redact.redact(_clip(reply.text)),
            started_at=started,
            elapsed_ms=(time.monotonic() - clock) * 1000,
            error=reply.error,
        )
        self.log.add(exchange)
        return exchange

    def get(self, url: str, **kwargs: Any) -> Reply:
        return self.request("GET", url, **kwargs)

    def walk(
        self,
        url: str,
        *,
        module: str | None = None,
        params: Mapping[str, Any] | None = None,
        max_pages: int | None = None,
    ) -> Walk:
        """GET a paginated list and follow `Link: rel="next"` until the last page or a guard."""
        walk = Walk()
        seen: set[str] = set()
        next_url: str | None = url
        next_params = params
        limit = max_pages or self.limits.max_pages
        walked = 0
        while next_url is not None:
            if len(walk.pages) >= limit:
                walk.stopped = f"stopped after {limit} pages: the Link header never ended"
                break
            key = next_url + json.dumps(dict(next_params or {}), sort_keys=True)
            if key in seen:
                walk.stopped = f"Link rel=next points back to a page already fetched: {next_url}"
                break
            seen.add(key)
            reply = self.get(next_url, module=module, params=next_params)
            walk.pages.append(reply)
            walked += len(reply.text or "")
            if walked > self.limits.max_walk_bytes:
                walk.stopped = f"the pages together exceed {self.limits.max_walk_bytes} bytes"
                break
            if not reply.ok or reply.status != 200 or not isinstance(reply.data, list):
                walk.stopped = (
                    f"page {len(walk.pages)} is not a list of objects: {reply.describe()}"
                )
                break
            walk.items.extend(reply.data)
            link = reply.next_link()
            next_url = urljoin(next_url, link) if link else None
            next_params = None  # the Link URL carries every parameter
            unusable = self._unusable_link(link, next_url)
            if unusable:
                walk.stopped = unusable
                break
        return walk

    def _unusable_link(self, link: str | None, resolved: str | None) -> str | None:
        """Why the target's Link rel=next cannot be followed, as the target's finding (not
        our refusal): not an http(s) URL, or on another origin than the versions URL."""
        if link is None or resolved is None or self.policy is None:
            return None
        if self.policy.refusal(resolved) is None:
            return None
        if origin(resolved) is None:
            return f"the target's Link rel=next {link!r} is not an http(s) URL one can follow"
        scheme, host, port = origin(resolved) or ("", "", 0)
        return (
            f"the target's Link rel=next {link!r} points to {scheme}://{host}:{port}, not to "
            "the origin of its versions URL: the harness sends no token there (if that host is "
            "the target's own, allow it with --allow-host)"
        )


REDIRECTS = (301, 302, 303, 307, 308)
MAX_HOPS = 3


def _location(request: httpx.Request, reply: Reply) -> str:
    """The absolute URL a redirect's Location header names ('' when it names none)."""
    given = reply.header("Location") or ""
    return urljoin(str(request.url), given) if given.strip() else ""


def object_url(base: str, *segments: object) -> str:
    """`base` with path segments appended, each percent-encoded: OCPI ids are CiStrings and may
    hold `/`, `?`, `#` or spaces, which must stay inside their segment."""
    return "/".join([base.rstrip("/"), *(quote(str(s), safe="") for s in segments)])


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


_CLIP = 256 * 1024


def _clip(text: str | None) -> str | None:
    """Reports keep at most 256 KiB of a body; the verdicts use the whole of it."""
    if text is None or len(text) <= _CLIP:
        return text
    return text[:_CLIP] + f"\n… ({len(text) - _CLIP} more characters not kept)"
