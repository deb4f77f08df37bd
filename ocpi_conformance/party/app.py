"""The HTTP side of an OCPI party: versions, version details and credentials, by the book of
each OCPI version it speaks (2.1.1, 2.2.1 and 2.3.0 at once, `party.speaks.SPOKEN`), and the
functional modules that plug in as `SERVICES` (see `service.py`).

Every path below /ocpi/ but the versions list belongs to one version (/ocpi/2.1.1/...,
/ocpi/2.2.1/...): its details, its credentials module, its functional interfaces, its token
encoding (`Version.token_encoding`). The versions list serves every version, so it takes the
token as either version carries it.

One catch-all route dispatches explicitly, so every request, including the ones no route knows
and methods no route lists, is authenticated, answered with the envelope, given its message ids
and recorded the same way. Handlers are plain functions run in Starlette's thread pool, because
registration calls the other party back synchronously through the harness's one HTTP client.

Readings taken (see also `offered_endpoints`):
- valid JSON that is not a Credentials object reached the OCPI layer, so it gets HTTP 200 with
  status_code 2001 (status_codes: "a HTTP error MUST NOT be returned"); only a body that is not
  JSON gets HTTP 400 (with the envelope, status_code 2001);
- an unknown path gets HTTP 404 with status_code 2000: 2003 "Unknown Location" is kept for
  unknown Locations (`locations/`);
- a request without X-Request-ID or X-Correlation-ID gets a fresh one in the response.
"""

from __future__ import annotations

import base64
import gzip
import json
import time
import uuid
from typing import Any
from urllib.parse import unquote, urlparse

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from ocpi_conformance.party import (
    bookings,
    cdrs_receiver,
    chargingprofiles,
    commands,
    hubclientinfo,
    intake,
    invoicereconciliation,
    lists,
    locations,
    payments,
    pusher,
    sessions,
    sessions_receiver,
    tariffs,
    tokens,
    tokens_receiver,
)
from ocpi_conformance.party.choices import choice, made
from ocpi_conformance.party.faults import commits, fault
from ocpi_conformance.party.register import parties_of
from ocpi_conformance.party.service import (
    Answer,
    Call,
    Outcome,
    Service,
    describe,
    envelope,
    functional_url,
    interface_path,
    route,
)
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.party.state import PENDING, PartyState, Registration
from ocpi_conformance.spec.validation import Violation
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Reply
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.transport.guards import parse_json

TRIGGER_PATH = "/sandbox/push"  # POST: a sandbox pushes its objects now (party/pusher.py)
# POST {"versions_url", "token_a"}: a sandbox registers with that party (credentials_registration)
REGISTER_PATH = "/sandbox/register"

ANSWER_403_FOR_401 = fault(
    "answer_403_for_401",
    "unauthenticated requests get HTTP 403 instead of 401",
    caught_by=["TRN-ANY-001", "TRN-ANY-002", "TRN-ANY-003", "VER-ANY-008"],
)

SKIP_CALLBACK = fault(
    "skip_callback",
    "POST/PUT credentials do not fetch the client's versions and details",
    caught_by=["CRD-ANY-002", "CRD-ANY-003", "CRD-ANY-009"],
)

REGISTER_ANY_BODY = fault(
    "register_any_body",
    "a POST credentials whose body is no Credentials object registers the caller anyway, "
    "without fetching its endpoints",
    caught_by=["CRD-ANY-013", "CRD-ANY-002", "CRD-ANY-003"],
)

CREDENTIALS_BODY_400 = fault(
    "credentials_body_400",
    "a POST credentials whose body is no Credentials object gets HTTP 400 (an HTTP error for "
    "valid JSON)",
    caught_by=["CRD-ANY-017"],
)

CREDENTIALS_ROUTES_MISSING = fault(
    "credentials_routes_missing",
    "GET, PUT and DELETE credentials are not served (HTTP 405 with the framework's text page); "
    "only POST registers",
    caught_by=["CRD-ANY-006", "CRD-ANY-008", "CRD-ANY-011"],
)

NO_AUTH = fault(
    "no_auth",
    "every request is served whatever its Authorization header: none, unknown or not Base64",
    caught_by=[
        "TRN-ANY-001",
        "TRN-ANY-002",
        "TRN-ANY-003",
        "VER-ANY-008",
        "VER-ANY-009",
        "CRD-ANY-008",
        "CRD-ANY-011",
    ],
)

NO_TIMESTAMP = fault(
    "no_timestamp",
    "response envelopes carry no timestamp",
    caught_by=["TRN-ANY-007", "VER-ANY-001", "VER-ANY-004", "CRD-ANY-006"],
)

ENDPOINTS_REDIRECT = fault(
    "endpoints_redirect",
    "its functional endpoints answer only at their URL with a trailing slash: the URL the "
    "details give gets HTTP 308 to it",
    caught_by=["VER-ANY-011"],
)

SPENDS_TOKEN_A = fault(
    "spends_token_a",
    "any POST credentials with token A spends it, also one that does not register",
    caught_by=["CRD-ANY-016"],
)

ACCEPTS_BEARER = fault(
    "accepts_bearer",
    "a valid token under the Bearer scheme is taken like one under Token",
    caught_by=["TRN-ANY-013"],
)

SCHEME_CASE_SENSITIVE = fault(
    "scheme_case_sensitive",
    "the scheme must be written exactly 'Token': 'TOKEN' or 'token' get HTTP 401",
    caught_by=["TRN-ANY-014"],
)

ANSWERS_MISROUTED = fault(
    "answers_misrouted",
    "answers carry OCPI-to-* headers naming another party than the caller",
    caught_by=["TRN-ANY-012"],
)

NO_REQUEST_ID_ECHO = fault(
    "no_request_id_echo",
    "responses do not echo X-Request-ID",
    caught_by=["TRN-ANY-005"],
)

NO_CORRELATION_ID_ECHO = fault(
    "no_correlation_id_echo",
    "responses do not echo X-Correlation-ID",
    caught_by=["TRN-ANY-006"],
)

REFUSE_ALL = fault(
    "refuse_all",
    "every request gets HTTP 401, whatever the token",
    untestable=True,
)

# drop_2_1_1, drop_2_2_1: the versions list leaves one version out (its details still answer,
# though nothing names them): a run of that version cannot test the party (exit 3), and a
# party registering at that version's credentials cannot find it among ours (3002).
DROPS: dict[str, str] = {
    number: fault(
        f"drop_{number.replace('.', '_')}",
        f"the versions list does not offer {number}",
        untestable=True,
        versions=(number,),
    )
    for number in SPOKEN
}
DROP_2_2_1 = DROPS[DEFAULT]

NO_ENVELOPE_ON_401 = fault(
    "no_envelope_on_401",
    "HTTP 401 answers carry a plain-text body, not the OCPI envelope",
    caught_by=["TRN-ANY-004"],
)

CONTENT_TYPE_TEXT = fault(
    "content_type_text",
    "responses are labelled text/plain although they carry JSON",
    caught_by=["TRN-ANY-008"],
)

TIMESTAMP_WITH_OFFSET = fault(
    "timestamp_with_offset",
    "the envelope timestamp carries +00:00 instead of UTC's Z",
    caught_by=["TRN-ANY-007", "VER-ANY-001", "VER-ANY-004"],
)

MALFORMED_JSON_200 = fault(
    "malformed_json_200",
    "a request body that is not JSON gets HTTP 200 instead of 400",
    caught_by=["TRN-ANY-009"],
)

RELATIVE_URLS = fault(
    "relative_urls",
    "the version details give relative endpoint URLs",
    caught_by=["VER-ANY-007"],
)

CREDENTIALS_HUB_PARTY_ID_REFUSED = fault(
    "credentials_hub_party_id_refused",
    "a POST or PUT credentials whose 2.3.0 Credentials carry hub_party_id (a Roaming Hub's, "
    "listing the parties it reaches in roles) is refused with 2001, the field read as 2.2.1's "
    "Credentials would (it has none), against credentials.asciidoc#credentials_credentials_object"
    " (hub_party_id: 'The Hub party of this platform')",
    caught_by=["CRD-ANY-020"],
    versions=("2.3.0",),
)

AUTH_ERRORS_IN_OCPI_LAYER = fault(
    "auth_errors_in_ocpi_layer",
    "a request below /ocpi/2.3.0/ without a usable token (none, unknown, or token A on a "
    "functional module) gets HTTP 200 with status_code 2000, as 2.2.1's status_codes read alone "
    "('If a request is syntactically valid JSON and addresses an existing resource, a HTTP error "
    "MUST NOT be returned'), not the 401 of the authorization header: ed2's status_codes (and "
    "the 2.2.1 errata) forbid an HTTP error only for a sender 'successfully authenticated and "
    "authorized'",
    # the raw token's case in 2.3.0 is TRN-ANY-019 (optional there: ed2's NOTE lets a server
    # parse leniently); TRN-ANY-003 is 2.2.1's
    caught_by=["TRN-ANY-001", "TRN-ANY-002", "TRN-ANY-019", "TRN-ANY-011", "VER-ANY-009"],
    versions=("2.3.0",),
)

DUPLICATE_ENDPOINTS = fault(
    "duplicate_endpoints",
    "the version details list the credentials endpoint twice",
    caught_by=["VER-ANY-006"],
)

OFFERS_LATER_VERSIONS = choice(
    "offers_later_versions",
    "the versions list also offers a version the party does not speak (3.0)",
    "version_information_endpoint.asciidoc#version_information_endpoint_version_information_endpoint:"
    " 'This endpoint lists all the available OCPI versions'",
    versions=SPOKEN,
)
LATER_VERSIONS = ("2.3.0", "3.0")  # what `offers_later_versions` adds, where the party lacks it
CUSTOM_MODULE = choice(
    "custom_module",
    "the version details list a custom module (x-occ-extension) beside the OCPI ones",
    "version_information_endpoint.asciidoc#version_information_endpoint_custom_modules: "
    "'the ModuleID enum can be extended with additional custom moduleIDs'",
)
CREDENTIALS_AS_SENDER = choice(
    "credentials_as_sender",
    "the version details list the credentials endpoint with role SENDER",
    "version_information_endpoint.asciidoc#version_information_endpoint_moduleid_enum: "
    "credentials 'Required for all implementations. The role field has no function for this "
    "module.'",
)
FRACTIONAL_TIMESTAMPS = choice(
    "fractional_timestamps",
    "envelope timestamps carry milliseconds and no Z (2026-12-06T10:00:00.123)",
    "types.asciidoc#types_datetime_type: 'The absence of the timezone designator implies a UTC "
    "timestamp. Fractional seconds MAY be used.'",
)
GZIP_ANSWERS = choice(
    "gzip_answers",
    "answers are gzip-encoded when the request accepts it",
    "transport_and_format.asciidoc#transport_and_format_response_format (HTTP content coding, "
    "RFC 9110: the client said Accept-Encoding: gzip)",
    versions=SPOKEN,
)

BASE = "/ocpi"
# Paths (below BASE) of the versions and credentials modules: the only ones token A may use.
CONFIGURATION_PATHS = frozenset(
    {"versions", *SPOKEN, *(f"{number}/credentials" for number in SPOKEN)}
)
# Reading: credentials.asciidoc calls the platform that hands out token A and receives the POST
# the "Receiver"; the role "has no function for this module" (ModuleID enum), so either is valid.
# Where the version's text advises one (2.3.0's version_information_endpoint_endpoint_class: "It
# is advised to send SENDER as the InterfaceRole for one's own credentials endpoint";
# transport.CREDENTIALS_ENDPOINT_ROLE), that one.
CREDENTIALS_ROLE = "RECEIVER"
# The functional interfaces this implementation has: a module adds its `SERVICES` here.
SERVICES: tuple[Service, ...] = (
    *locations.SERVICES,
    *commands.SERVICES,
    *chargingprofiles.SERVICES,
    *tariffs.SERVICES,
    *sessions_receiver.SERVICES,
    *cdrs_receiver.SERVICES,
    *tokens_receiver.SERVICES,
    *hubclientinfo.SERVICES,
    *payments.SERVICES,
    *bookings.SERVICES,
    *invoicereconciliation.SERVICES,
    *lists.services({"tokens": tokens.HANDLERS, "sessions": sessions.HANDLERS}),
)


def offered_endpoints(state: PartyState, version: str = DEFAULT) -> list[dict[str, str]]:
    """The one list of endpoints this party publishes in its details of `version`.

    credentials is listed once: "the credentials module is not defined twice as this module is
    the same for all roles" (version_details_example2). A functional interface is listed only
    once a module implementation serves it (it is in SERVICES, serves `version` and the party's
    role implements it there): a party that advertised endpoints answering 404 would not be
    conformant. Where the version's Endpoint has no role (2.1.1), an entry is identifier and
    url: the one interface of the module the party's role implements.
    """
    with_role = spec_version(version).endpoint_roles

    def entry(identifier: str, role: str, url: str) -> dict[str, str]:
        named = {"identifier": identifier, "role": role, "url": url}
        return named if with_role else {"identifier": identifier, "url": url}

    as_sender = made(state.choices, CREDENTIALS_AS_SENDER, version)
    advised = getattr(spec_version(version).part("transport"), "CREDENTIALS_ENDPOINT_ROLE", None)
    role = "SENDER" if as_sender else advised or CREDENTIALS_ROLE
    endpoints = [entry("credentials", role, state.credentials_url_for(version))]
    if made(state.choices, CUSTOM_MODULE, version):
        extension = f"{state.details_url_for(version)}/x-occ-extension"
        endpoints.append(entry("x-occ-extension", "SENDER", extension))
    for service in SERVICES:
        if service.offered(state, version):
            url = functional_url(state, service.module, service.role, version)
            endpoints.append(entry(service.module, service.role, url))
    return endpoints


def version_of(inner: str | None) -> str | None:
    """The OCPI version a path below BASE belongs to ("2.1.1/credentials": 2.1.1); None for
    the versions list and for paths of no version this party speaks."""
    head = (inner or "").split("/")[0]
    return head if head in SPOKEN else None


ANONYMOUS = Registration(token="anonymous")  # whom `no_auth` serves a request without a token


def _token(state: PartyState, request: Request, encoding: str | None) -> str | None:
    """The credentials token of `Authorization: Token <token>`, the scheme matched
    case-insensitively (RFC 9110 11.1), the token as `encoding` carries it ("base64": 2.2.1,
    "raw": 2.1.1; None, on the versions list every version reaches: whichever of the two names
    a token the party knows); anything else, None."""
    scheme, _, value = request.headers.get("authorization", "").strip().partition(" ")
    schemes = {"token", "bearer"} if ACCEPTS_BEARER in state.faults else {"token"}
    if SCHEME_CASE_SENSITIVE in state.faults and scheme != "Token":
        return None
    value = value.strip()
    if scheme.lower() not in schemes or not value:
        return None
    try:
        decoded: str | None = base64.b64decode(value, validate=True).decode("utf-8")
    except ValueError:  # not Base64 (a raw token), or not UTF-8 once decoded
        decoded = None
    if encoding == "base64":
        return decoded
    if encoding == "raw":
        return value
    known = (c for c in (decoded, value) if c is not None and state.lookup(c) is not None)
    return next(known, value)


def _credentials(state: PartyState, raw: bytes, version: str) -> dict[str, Any] | None:
    """The Credentials object of `version` a POST or PUT carries (as JSON); None for one the
    `register_any_body` fault takes although it is none."""
    body, why = parse_json(raw, "the request body")
    if why:
        raise Answer(400, 2001, why)
    if isinstance(body, dict) and isinstance(body.get("token"), str):
        state.secrets.add(body["token"])  # masked in the record even if the object is invalid
    try:
        credentials = spec_version(version).objects["Credentials"].model_validate(body)
    except ValidationError as exc:
        if REGISTER_ANY_BODY in state.faults and isinstance(body, dict):
            return None
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        status = 400 if CREDENTIALS_BODY_400 in state.faults else 200
        raise Answer(
            status, 2001, f"not a valid Credentials object: {where}: {first['msg']}"
        ) from None
    refused = intake.refusals(state, "Credentials", body, version)
    if "hub_party_id" in body and commits(state.faults, CREDENTIALS_HUB_PARTY_ID_REFUSED, version):
        refused.append(Violation("$", "additionalProperties", "no field 'hub_party_id'", ""))
    if refused:
        raise Answer(200, 2001, f"not a valid Credentials object: {describe(refused)}")
    dumped: dict[str, Any] = credentials.model_dump(mode="json", exclude_none=True)
    return dumped


def _fetch_client(state: PartyState, credentials: dict[str, Any], version: str) -> Registration:
    """Call the registering client back with its token B, as `version` carries it: its
    versions, then its details of `version`, the version whose credentials endpoint it called
    (credentials_post_method: "The server must also fetch the client's endpoints"); 3002 when
    it does not offer that version."""
    registration = Registration(
        token=state.new_token(),
        their_token=credentials["token"],
        versions_url=credentials["url"],
        roles=parties_of(credentials),
        version=version,
        hub_party_id=credentials.get("hub_party_id"),
    )
    if SKIP_CALLBACK in state.faults:
        return registration
    spec = spec_version(version)
    with state.client(credentials["token"], version=version) as client:
        versions = client.get(credentials["url"], module="versions")
        if versions.status != 200 or not isinstance(versions.data, list):
            raise Answer(200, 3001, f"cannot use your versions endpoint: {_outcome(versions)}")
        chosen = next(
            (v for v in versions.data if isinstance(v, dict) and v.get("version") == version),
            None,
        )
        if chosen is None:
            raise Answer(
                200, 3002, f"unsupported version: you offer no {version}, the version you called"
            )
        try:
            version_url = spec.objects["Version"].model_validate(chosen).url
        except ValidationError:
            raise Answer(200, 3001, f"your {version} entry has no usable url") from None
        details = client.get(version_url, module="versions")
        data = details.data if isinstance(details.data, dict) else {}
        # Lenient on the entries: custom module ids are allowed (version_information_endpoint_
        # custom_modules), and this party consumes only the endpoints it pushes to.
        if details.status != 200 or not isinstance(data.get("endpoints"), list):
            raise Answer(200, 3001, f"cannot use your {version} details: {_outcome(details)}")
    registration.version_url = version_url
    registration.endpoints = [e for e in data["endpoints"] if isinstance(e, dict)]
    return registration


def _outcome(reply: Reply) -> str:
    """How a call back went, for a status_message: never what the other side's answer held
    (echoing it would make us a relay for whatever a URL we were given returns)."""
    if reply.error is not None:
        return reply.error.split(":")[0] if reply.error.startswith("refused") else "no answer"
    return f"HTTP {reply.status}" + ("" if reply.json_error is None else ", not OCPI JSON")


def _credentials_module(
    state: PartyState, method: str, token: str, raw: bytes, version: str
) -> Outcome:
    """The credentials module of `version`: a POST registers in it, a PUT switches the
    registration to it (credentials_put_method), GET and DELETE answer as in any version."""
    if CREDENTIALS_ROUTES_MISSING in state.faults and method != "POST":
        raise Answer(405, 2000, text="Method Not Allowed")
    registered = state.registration(token)
    if method == "GET":
        return Outcome(200, envelope(1000, state.own_credentials(token, version)))
    if method == "POST":
        if registered is not None:
            raise Answer(405, 2000, "already registered: PUT updates the credentials")
        if SPENDS_TOKEN_A in state.faults:
            state.spend_token_a(token)
        credentials = _credentials(state, raw, version)
        if credentials is None:  # register_any_body: nothing to call back
            body, _ = parse_json(raw, "the request body")  # a JSON object: _credentials said
            registration = Registration(
                token=state.new_token(), their_token=body.get("token"), version=version
            )
        else:
            registration = _fetch_client(state, credentials, version)
        state.register(token, registration)
        pusher.after_registration(state, registration)
        return Outcome(200, envelope(1000, state.own_credentials(registration.token, version)))
    if method == "PUT":
        if registered is None:
            raise Answer(405, 2000, "not registered: POST registers")
        credentials = _credentials(state, raw, version)
        if credentials is None:
            raise Answer(200, 2001, "not a valid Credentials object")
        registration = _fetch_client(state, credentials, version)
        state.replace(registered, registration)
        return Outcome(200, envelope(1000, state.own_credentials(registration.token, version)))
    if method == "DELETE":
        if registered is None:
            raise Answer(405, 2000, "not registered")
        state.unregister(registered)
        return Outcome(200, envelope(1000))
    raise Answer(405, 2000, f"{method} is not offered on credentials")


def _inner_path(state: PartyState, path: str) -> str | None:
    """The path below BASE ("versions", "2.2.1/credentials"), or None outside it. A public URL
    with a path of its own may reach us with that prefix kept or stripped by the proxy."""
    public_prefix = urlparse(state.base_url).path.rstrip("/")
    for prefix in (public_prefix + BASE + "/", BASE + "/"):
        if path.startswith(prefix):
            return path.removeprefix(prefix).strip("/")
    return None


def _segments(request: Request, base: str) -> list[str]:
    """The path segments after `base`, each percent-decoded on its own, so that an id holding
    "/", "?" or "#" (a CiString may) stays one segment (the decoded path would split it)."""
    raw = request.scope.get("raw_path") or request.scope["path"].encode()
    parts = raw.decode("utf-8", errors="replace").split("?")[0].split("/")
    marker = base.split("/")
    for index in range(len(parts) - len(marker) + 1):
        if [unquote(p) for p in parts[index : index + len(marker)]] == marker:
            return [unquote(p) for p in parts[index + len(marker) :] if p]
    return []


def _functional(
    state: PartyState, inner: str, request: Request, caller: Registration, raw: bytes
) -> Outcome | None:
    """Hand a request below an offered interface's path to its service, in the version of the
    path; None if none is."""
    number = version_of(inner)
    if number is None:
        return None
    for service in SERVICES:
        base = interface_path(service.module, service.role, number)
        if not service.offered(state, number) or not (
            inner == base or inner.startswith(base + "/")
        ):
            continue
        operation, params = route(service, request.method, _segments(request, base), number)
        call = Call(
            state=state,
            caller=caller,
            operation=operation,
            params=params,
            query=list(request.query_params.multi_items()),
            raw=raw,
            version=spec_version(number),
        )
        return service.handlers[operation.name](call)
    return None


def _sandbox_trigger(state: PartyState, path: str, raw: bytes) -> Outcome:
    if path == TRIGGER_PATH:
        return Outcome(200, envelope(1000, {"pushed_to": pusher.push_to_all(state)}))
    try:
        asked, why = parse_json(raw, "the request body")
        if why:
            raise ValueError(why)
        versions_url, token_a = str(asked["versions_url"]), str(asked["token_a"])
        version = asked.get("version")
        if version is not None and version not in SPOKEN:
            raise ValueError(f"unknown version {version!r}")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise Answer(
            400, 2001, 'POST {"versions_url": ..., "token_a": ..., "version": optional}'
        ) from None
    state.secrets.add(token_a, "their token A")
    result = pusher.register_with(state, versions_url, token_a, version)
    if not result.ok:
        raise Answer(200, 3001, f"registration failed: {result.problem}")
    return Outcome(200, envelope(1000, {"registered_with": versions_url}))


def _route(state: PartyState, request: Request, raw: bytes) -> Outcome:
    if REFUSE_ALL in state.faults:
        raise Answer(401, 2000, "unauthorized")
    path = request.url.path
    if path in (TRIGGER_PATH, REGISTER_PATH) and request.method == "POST" and pusher.enabled(state):
        return _sandbox_trigger(state, path, raw)  # outside OCPI, a sandbox's (loopback only)
    inner = _inner_path(state, path)
    number = version_of(inner)
    encoding = spec_version(number).token_encoding if number is not None else None
    token = _token(state, request, encoding)
    access = state.lookup(token) if token is not None else None
    if (token is None or access is None) and NO_AUTH in state.faults:
        token, access = ANONYMOUS.token, ANONYMOUS
    refused = 200 if commits(state.faults, AUTH_ERRORS_IN_OCPI_LAYER, number) else 401
    if token is None or access is None:
        raise Answer(refused, 2000, "missing or unknown credentials token")
    if access == PENDING and inner not in CONFIGURATION_PATHS:
        raise Answer(refused, 2000, "token A is valid on the versions and credentials modules only")
    method = request.method
    if inner == "versions":
        if method != "GET":
            raise Answer(405, 2000, f"{method} is not offered on versions")
        offered = [  # newest first: a client that takes the first entry gets the newest
            {"version": n, "url": state.details_url_for(n)}
            for n in reversed(SPOKEN)
            if DROPS[n] not in state.faults
        ]
        if made(state.choices, OFFERS_LATER_VERSIONS, None):
            later = [v for v in LATER_VERSIONS if v not in SPOKEN]
            offered += [{"version": v, "url": f"{state.base_url}{BASE}/{v}"} for v in later]
        return Outcome(200, envelope(1000, offered))
    if number is not None and inner == number:
        if method != "GET":
            raise Answer(405, 2000, f"{method} is not offered on version details")
        endpoints = offered_endpoints(state, number)
        if DUPLICATE_ENDPOINTS in state.faults:
            endpoints = [endpoints[0], *endpoints]
        details = {"version": number, "endpoints": _urls_as_faulted(state, endpoints)}
        return Outcome(200, envelope(1000, details))
    if number is not None and inner == f"{number}/credentials":
        return _credentials_module(state, method, token, raw, number)
    if inner is not None and isinstance(access, Registration):
        if ENDPOINTS_REDIRECT in state.faults and not path.endswith("/"):
            bases = {interface_path(s.module, s.role, n) for s in SERVICES for n in SPOKEN}
            if inner in bases:  # as a framework serving only the trailing-slash form does
                query = f"?{request.url.query}" if request.url.query else ""
                return Outcome(308, envelope(1000), {"Location": f"{path}/{query}"})
        outcome = _functional(state, inner, request, access, raw)
        if outcome is not None:
            return outcome
    raise Answer(404, 2000, f"no such endpoint or object: {path}")


def _urls_as_faulted(state: PartyState, entries: list[dict[str, str]]) -> list[dict[str, str]]:
    """With `relative_urls`, the URLs lose their scheme and host."""
    if RELATIVE_URLS not in state.faults:
        return entries
    return [{**e, "url": e["url"].removeprefix(state.base_url)} for e in entries]


def build_app(state: PartyState) -> Starlette:
    """The ASGI app of one party; `state` may change (tokens, faults) while it serves."""

    async def handle(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        started, clock = time.time(), time.monotonic()
        request = Request(scope, receive)
        try:
            raw = await request.body()
        except Exception:  # the client went away mid-body: nothing to answer
            raw = b""
        response = await run_in_threadpool(_answer, state, request, raw, started, clock)
        await response(scope, receive, send)

    # A mount rather than a route: a route lists methods, and every method must reach `_answer`.
    return Starlette(routes=[Mount("", app=handle)])


def _answer(
    state: PartyState, request: Request, raw: bytes, started: float, clock: float
) -> Response:
    headers: dict[str, str] = {}
    text: str | None = None  # a plain-text answer instead of the envelope (a fault's)
    try:
        outcome = _route(state, request, raw)
        status, body, headers = outcome.status, outcome.body, outcome.headers
    except Answer as answer:
        status, body = answer.http, envelope(answer.code, message=answer.message)
        text = answer.text
    except Exception as exc:
        status, body = 500, envelope(3000, message=f"internal error: {type(exc).__name__}")
    if status == 401 and ANSWER_403_FOR_401 in state.faults:
        status = 403
    if status == 400 and MALFORMED_JSON_200 in state.faults:
        status = 200
    if TIMESTAMP_WITH_OFFSET in state.faults and isinstance(body, dict):
        body = {**body, "timestamp": str(body.get("timestamp", "")).replace("Z", "+00:00")}
    if NO_TIMESTAMP in state.faults and isinstance(body, dict):
        body = {k: v for k, v in body.items() if k != "timestamp"}
    answering = version_of(_inner_path(state, request.url.path))
    message = body.get("status_message") if isinstance(body, dict) else None
    if isinstance(message, str):  # it may quote what it refused: keep it a valid string
        fitted = spec_version(answering or DEFAULT).fit_string(message)
        body = {**body, "status_message": fitted}
    fractional = made(state.choices, FRACTIONAL_TIMESTAMPS, answering)
    if fractional and isinstance(body, dict) and "timestamp" in body:
        body = {**body, "timestamp": str(body["timestamp"]).replace("Z", ".123")}
    response: Response
    if status == 401 and NO_ENVELOPE_ON_401 in state.faults:
        response = PlainTextResponse("Unauthorized", status_code=401)
    elif text is not None:
        response = PlainTextResponse(text, status_code=status)
    else:
        media = "text/plain" if CONTENT_TYPE_TEXT in state.faults else "application/json"
        response = Response(json.dumps(body), status_code=status, media_type=media)
        response.headers.update(headers)
    zipped = made(state.choices, GZIP_ANSWERS, answering)
    if zipped and "gzip" in request.headers.get("accept-encoding", ""):
        response.body = gzip.compress(bytes(response.body))
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(response.body))
    _echo_ids(state, request, response)
    _route_back(state, request, response)
    if ANSWERS_MISROUTED in state.faults:
        response.headers.update({"OCPI-to-country-code": "XX", "OCPI-to-party-id": "XXX"})
    _record(state, request, raw, response, started, clock)
    return response


def _echo_ids(state: PartyState, request: Request, response: Response) -> None:
    """transport_and_format_unique_message_ids: the same ids back, fresh ones if none came."""
    for header, name in (
        ("X-Request-ID", NO_REQUEST_ID_ECHO),
        ("X-Correlation-ID", NO_CORRELATION_ID_ECHO),
    ):
        if name not in state.faults:
            response.headers[header] = request.headers.get(header) or str(uuid.uuid4())


def _route_back(state: PartyState, request: Request, response: Response) -> None:
    """transport_and_format_message_routing_headers ("Direct response: Requesting-party,
    Receiving-party"): a functional module's answer to a routed request (one naming its sender
    in OCPI-from-*) names that sender in OCPI-to-* and this party in OCPI-from-*, so a hub can
    route it back. Configuration modules never carry them."""
    inner = (_inner_path(state, request.url.path) or "").split("/")
    number = version_of(inner[0])
    functional = (
        len(inner) > 2 and inner[1] in ("sender", "receiver") and inner[2] != "hubclientinfo"
    )
    country = request.headers.get("OCPI-from-country-code")
    party = request.headers.get("OCPI-from-party-id")
    if not (functional and number and country and party and spec_version(number).routing_headers):
        return
    response.headers["OCPI-to-country-code"] = country
    response.headers["OCPI-to-party-id"] = party
    response.headers["OCPI-from-country-code"] = state.identity.country_code
    response.headers["OCPI-from-party-id"] = state.identity.party_id


def _record(
    state: PartyState,
    request: Request,
    raw: bytes,
    response: Response,
    started: float,
    clock: float,
) -> None:
    redact = state.secrets.redact
    state.log.add(
        Exchange(
            direction="inbound",
            method=request.method,
            url=redact(str(request.url)) or "",
            request_headers=state.secrets.redact_headers(dict(request.headers)),
            request_body=redact(raw.decode("utf-8", errors="replace")) if raw else None,
            status=response.status_code,
            response_headers=state.secrets.redact_headers(dict(response.headers)),
            response_body=redact(bytes(response.body).decode("utf-8", errors="replace")),
            started_at=started,
            elapsed_ms=(time.monotonic() - clock) * 1000,
        )
    )
