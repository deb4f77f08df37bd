"""The hub's HTTP side, in OCPI 2.2.1 only: versions, version details, credentials and the
HubClientInfo Sender answered by the hub itself (configuration modules are never routed,
_message_routing_headers), every functional interface routed (`routing.py`).

The party's own pieces do the rest as they do for a CPO or eMSP: the Authorization header, the
credentials module (registration, update, unregistration, with the callbacks to the party),
message ids echoed, every exchange recorded with its tokens masked. A request body larger than
the client's body limit gets HTTP 413 unread.

Readings taken: those of the party (`party/app.py`), and `spec.v2_2_1.hub.READINGS`.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from ocpi_conformance.party.app import (
    CREDENTIALS_ROLE,
    _credentials_module,
    _echo_ids,
    _inner_path,
    _record,
    _segments,
    _token,
)
from ocpi_conformance.party.hub import clientinfo, routing
from ocpi_conformance.party.hub.directory import PartyKey
from ocpi_conformance.party.hub.faults import hub_fault
from ocpi_conformance.party.hub.forward import Relayed
from ocpi_conformance.party.hub.state import Hub
from ocpi_conformance.party.service import Answer, Call, Outcome, envelope, functional_url
from ocpi_conformance.party.state import PENDING, Registration
from ocpi_conformance.spec.v2_2_1.hub import CONFIGURATION_MODULES
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Limits

VERSION = "2.2.1"
ALIVE_PATH = "/sandbox/alive"  # POST: run the still-alive check now (outside OCPI, loopback)
MAX_BODY = Limits().max_body_bytes
CONFIGURATION_PATHS = frozenset({"versions", VERSION, f"{VERSION}/credentials"})

HUB_REPORTS_CONNECTED_PARTIES = hub_fault(
    "hub_reports_connected_parties",
    "its Credentials list the connected parties as roles beside its own HUB role",
    "ROLE",
    caught_by=("HUB-032",),
)


def offered_endpoints(hub: Hub) -> list[dict[str, str]]:
    """The hub's 2.2.1 endpoints: credentials, its HubClientInfo Sender, and both interfaces of
    every functional module (a hub is "Both" for each, terminology_typical_roles)."""
    state = hub.state
    endpoints = [
        {"identifier": "credentials", "role": CREDENTIALS_ROLE, "url": state.credentials_url_for()},
        {
            "identifier": "hubclientinfo",
            "role": "SENDER",
            "url": functional_url(state, "hubclientinfo", "SENDER", VERSION),
        },
    ]
    for module in spec_version(VERSION).modules.values():
        if module.id in CONFIGURATION_MODULES:
            continue
        for interface in module.interfaces:
            url = functional_url(state, module.id, interface.role, VERSION)
            endpoints.append({"identifier": module.id, "role": interface.role, "url": url})
    return endpoints


def build_hub_app(hub: Hub) -> Starlette:
    """The ASGI app of one hub."""

    async def handle(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        started, clock = time.time(), time.monotonic()
        request = Request(scope, receive)
        raw, fits = await _body(request)
        response = await run_in_threadpool(_answer, hub, request, raw, fits, started, clock)
        await response(scope, receive, send)

    return Starlette(routes=[Mount("", app=handle)])


async def _body(request: Request) -> tuple[bytes, bool]:
    """The request body, and whether it fitted the limit (read no further when it does not)."""
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                return b"", False
            chunks.append(chunk)
    except Exception:  # the client went away mid-body: nothing to answer
        return b"", True
    return b"".join(chunks), True


def _answer(
    hub: Hub, request: Request, raw: bytes, fits: bool, started: float, clock: float
) -> Response:
    result: Outcome | Relayed
    try:
        if not fits:
            raise Answer(413, 2000, f"request body larger than {MAX_BODY} bytes")
        result = _route(hub, request, raw)
    except Answer as answer:
        result = Outcome(answer.http, envelope(answer.code, message=answer.message))
    except Exception as exc:
        result = Outcome(500, envelope(3000, message=f"internal error: {type(exc).__name__}"))
    if isinstance(result, Relayed):
        response = Response(result.content, status_code=result.status, media_type=result.media_type)
    else:
        body = result.body
        message = body.get("status_message")
        if isinstance(message, str):  # it may quote what it refused: keep it a valid string
            body = {**body, "status_message": spec_version(VERSION).fit_string(message)}
        text = json.dumps(body)
        response = Response(text, status_code=result.status, media_type="application/json")
    response.headers.update(result.headers)
    _echo_ids(hub.state, request, response)
    _record(hub.state, request, raw, response, started, clock)
    return response


def _route(hub: Hub, request: Request, raw: bytes) -> Outcome | Relayed:
    state = hub.state
    path, method = request.url.path, request.method
    if path == ALIVE_PATH and method == "POST":
        return Outcome(200, envelope(1000, {"checked": hub.check_alive()}))
    inner = _inner_path(state, path)
    token = _token(state, request, None if inner == "versions" else "base64")
    access = state.lookup(token) if token is not None else None
    if token is None or access is None:
        raise Answer(401, 2000, "missing or unknown credentials token")
    if access == PENDING and inner not in CONFIGURATION_PATHS:
        raise Answer(401, 2000, "token A is valid on the versions and credentials modules only")
    caller = access if isinstance(access, Registration) else None
    if caller is not None:
        hub.heard_from(caller)
    configuration = clientinfo.configuration_headers(hub, _party_of(hub, caller))
    if inner == "versions":
        if method != "GET":
            raise Answer(405, 2000, f"{method} is not offered on versions")
        offered = [{"version": VERSION, "url": state.details_url_for(VERSION)}]
        return Outcome(200, envelope(1000, offered), configuration)
    if inner == VERSION:
        if method != "GET":
            raise Answer(405, 2000, f"{method} is not offered on version details")
        details = {"version": VERSION, "endpoints": offered_endpoints(hub)}
        return Outcome(200, envelope(1000, details), configuration)
    if inner == f"{VERSION}/credentials":
        outcome = _credentials_module(state, method, token, raw, VERSION)
        hub.sync()
        body = _credentials_as_faulted(hub, outcome.body)
        return Outcome(outcome.status, body, {**outcome.headers, **configuration})
    parts = (inner or "").split("/")
    if caller is None or len(parts) < 3 or parts[0] != VERSION:
        raise Answer(404, 2000, f"no such endpoint: {path}")
    interface, module = parts[1].upper(), parts[2]
    if spec_version(VERSION).interface(module, interface) is None:
        raise Answer(404, 2000, f"no such endpoint: {path}")
    if module == "hubclientinfo":
        if interface != "SENDER" or len(parts) > 3:
            raise Answer(404, 2000, "the hub serves the HubClientInfo Sender only")
        if method != "GET":
            raise Answer(405, 2000, f"{method} is not offered on the HubClientInfo Sender")
        listed = clientinfo.get_list(hub, _call(hub, request, caller, raw))
        return Outcome(listed.status, listed.body, {**listed.headers, **configuration})
    if module in CONFIGURATION_MODULES:
        raise Answer(404, 2000, f"no such endpoint: {path}")
    return routing.handle(hub, _routed(request, caller, module, interface, raw))


def _party_of(hub: Hub, caller: Registration | None) -> PartyKey | None:
    parties = hub.directory.of_registration(caller.token) if caller is not None else []
    return parties[0].key if parties else None


def _credentials_as_faulted(hub: Hub, body: dict[str, Any]) -> dict[str, Any]:
    """hub_reports_connected_parties: the connected parties among the hub's roles."""
    data = body.get("data")
    if HUB_REPORTS_CONNECTED_PARTIES not in hub.faults or not isinstance(data, dict):
        return body
    others = [
        {
            "role": p.role,
            "business_details": {"name": f"{p.country_code}*{p.party_id}"},
            "party_id": p.party_id,
            "country_code": p.country_code,
        }
        for p in hub.directory.all()
        if p.reachable
    ]
    return {**body, "data": {**data, "roles": [*data.get("roles", []), *others]}}


def _call(hub: Hub, request: Request, caller: Registration, raw: bytes) -> Call:
    """The HubClientInfo Sender's list request, as the pagination reads it."""
    spec = spec_version(VERSION)
    return Call(
        state=hub.state,
        caller=caller,
        operation=spec.operation("hubclientinfo", "SENDER", "get_list"),
        params={},
        query=list(request.query_params.multi_items()),
        raw=raw,
        version=spec,
    )


def _routed(
    request: Request, caller: Registration, module: str, interface: str, raw: bytes
) -> routing.Request:
    """A request to a functional interface, as routing reads it: the path below the
    interface raw (forwarded as it came) and decoded (for open routing)."""
    base = f"{VERSION}/{interface.lower()}/{module}"
    raw_path = (request.scope.get("raw_path") or request.url.path.encode()).decode(
        "utf-8", errors="replace"
    )
    raw_path = raw_path.split("?")[0]
    at = raw_path.find(f"/{base}")
    tail = raw_path[at + len(base) + 1 :] if at >= 0 else ""
    headers = {k.lower(): v for k, v in request.headers.items()}
    return routing.Request(
        caller=caller,
        method=request.method,
        module=module,
        interface=interface,
        tail=tail,
        segments=_segments(request, base),
        query=list(request.query_params.multi_items()),
        query_string=request.url.query,
        raw=raw,
        headers=headers,
        request_id=headers.get("x-request-id") or str(uuid.uuid4()),
        correlation_id=headers.get("x-correlation-id") or str(uuid.uuid4()),
    )
