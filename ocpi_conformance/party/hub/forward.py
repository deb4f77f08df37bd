"""One forwarded leg: the hub sends a request on to a party and turns what came back into the
answer the requester gets.

The leg (transport_and_format_unique_messageg_ids, _overview_of_requiredoptional_routing_headers
_for_different_scenarios): the body as it came (`last_updated` untouched,
_timestamps_and_objects_send_via_hubs), a new X-Request-ID, the same X-Correlation-ID, the
routing headers the scenario's table gives, the party's own token, and only to a URL on an
origin the party registered (its versions URL and its endpoints), on loopback.

The answer: the receiver's HTTP status and body as they came, its pagination headers, and its
Link and Location rewritten to the hub's endpoint when they point below the receiver's (the
requester holds no token for the receiver); a receiver that does not answer within the forward
timeout is 4002, one whose server refuses the connection 4003 (status_codes_4xxx_hub_errors).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ocpi_conformance.party.hub.directory import PartyKey
from ocpi_conformance.party.hub.faults import hub_fault
from ocpi_conformance.party.service import Answer
from ocpi_conformance.party.state import Registration
from ocpi_conformance.spec.v2_2_1.hub import FORWARD_TIMEOUT, GENERIC_ERROR, NOT_CONNECTED
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Limits, OcpiClient, Reply
from ocpi_conformance.transport.guards import HostPolicy, origin

if TYPE_CHECKING:
    from ocpi_conformance.party.hub.state import Hub

HUB_REUSES_REQUEST_ID = hub_fault(
    "hub_reuses_request_id",
    "the forwarded request carries the incoming X-Request-ID, not a new one",
    "REQUEST_IDS",
    caught_by=("HUB-004",),
)
HUB_REPLACES_CORRELATION_ID = hub_fault(
    "hub_replaces_correlation_id",
    "the forwarded request carries a new X-Correlation-ID, not the incoming one",
    "REQUEST_IDS",
    caught_by=("HUB-005",),
)
HUB_RESTAMPS_LAST_UPDATED = hub_fault(
    "hub_restamps_last_updated",
    "forwarded bodies get last_updated set to the moment they pass the hub",
    "LAST_UPDATED",
    caught_by=("HUB-006",),
)
HUB_NO_FORWARD_TIMEOUT = hub_fault(
    "hub_no_forward_timeout",
    "no 4002: the hub waits for a silent receiver as long as it takes (`hang_s`), then answers"
    " 2000",
    "HUB_ERRORS",
    caught_by=("HUB-024",),
)

# Headers of the receiver's answer the requester gets (besides the body): pagination, and the
# URL a created object got. Link and Location are rewritten (`rewrite`).
RELAYED_HEADERS = ("Link", "X-Total-Count", "X-Limit", "Location")
HEADER_PREFIXES = {"to": "OCPI-to-", "from": "OCPI-from-"}


def routing_headers(to: PartyKey | None, sender: PartyKey | None) -> dict[str, str]:
    """OCPI-to-* and OCPI-from-* naming `to` and `sender` (either may be left out)."""
    headers: dict[str, str] = {}
    for prefix, party in (("OCPI-to-", to), ("OCPI-from-", sender)):
        if party is not None:
            headers[f"{prefix}country-code"], headers[f"{prefix}party-id"] = party
    return headers


@dataclass(frozen=True)
class Leg:
    """One request the hub sends on."""

    registration: Registration  # of the party it goes to (its token, its origins)
    method: str
    url: str
    body: bytes
    to: PartyKey | None
    sender: PartyKey | None  # OCPI-from-*
    correlation_id: str
    request_id: str  # the incoming one (a new one is made unless a fault reuses it)
    module: str
    content_type: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Relayed:
    """An answer the hub gives as it got it (not an envelope of its own)."""

    status: int
    content: bytes
    media_type: str
    headers: dict[str, str]


def registered_policy(registration: Registration) -> HostPolicy:
    """Where a party's token may go: the origins of its versions URL and of the endpoints its
    details gave."""
    urls = [registration.versions_url or "", registration.version_url or ""]
    urls += [str(e.get("url", "")) for e in registration.endpoints]
    return HostPolicy(frozenset(found for url in urls if (found := origin(url)) is not None))


def restamped(body: bytes) -> bytes:
    """hub_restamps_last_updated: the body with last_updated set to now."""
    try:
        parsed = json.loads(body)
    except ValueError:
        return body
    if not isinstance(parsed, dict):
        return body
    parsed["last_updated"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps(parsed).encode()


def send(hub: Hub, leg: Leg) -> Reply:
    """Send one leg; the reply as the hub's client got it (never raises)."""
    faults = hub.faults
    timeout = hub.options.hang_s if HUB_NO_FORWARD_TIMEOUT in faults else hub.options.forward_s
    limits = Limits(connect_timeout=min(2.0, timeout), read_timeout=timeout, total_timeout=timeout)
    correlation = leg.correlation_id
    if HUB_REPLACES_CORRELATION_ID in faults:
        correlation = str(uuid.uuid4())
    headers = {"X-Correlation-ID": correlation, **routing_headers(leg.to, leg.sender), **leg.extra}
    if HUB_REUSES_REQUEST_ID in faults:
        headers["X-Request-ID"] = leg.request_id
    body = leg.body
    if body and HUB_RESTAMPS_LAST_UPDATED in faults:
        body = restamped(body)
    if body and leg.content_type:
        headers["Content-Type"] = leg.content_type
    policy = registered_policy(leg.registration)
    if hub.state.callback_policy is not None and hub.state.callback_policy.refusal(leg.url):
        policy = HostPolicy()  # not on loopback: refused whatever it registered
    with OcpiClient(
        leg.registration.their_token,
        log=hub.state.log,
        secrets=hub.state.secrets,
        limits=limits,
        policy=policy,
        version=spec_version("2.2.1"),
    ) as client:
        reply = client.request(
            leg.method,
            leg.url,
            module=None,  # the routing headers are the hub's to set, above
            raw_body=body.decode("utf-8", errors="replace") if body else None,
            headers=headers,
        )
    if reply.ok:
        hub.heard_from(leg.registration)
    return reply


def failure(hub: Hub, reply: Reply, receiver: PartyKey | None) -> Answer | None:
    """The hub error for a leg that got no answer, or None when one came: 4002 for silence,
    4003 for a refused connection (the party is then OFFLINE), 4000 for a URL the hub may not
    call with the party's token."""
    if reply.ok:
        return None
    error = reply.error or "no answer"
    if HUB_NO_FORWARD_TIMEOUT in hub.faults:
        return Answer(200, 2000, "the receiver did not answer")
    if error.startswith("connection failed"):
        if receiver is not None:
            hub.went_offline(receiver)
        return Answer(200, NOT_CONNECTED, "the receiving party is not connected")
    if error.startswith("refused to send"):
        return Answer(200, GENERIC_ERROR, "the receiver's URL is not one it registered")
    return Answer(200, FORWARD_TIMEOUT, "the forwarded request timed out")


def rewrite(value: str, theirs: str | None, ours: str) -> str:
    """A Link or Location value with the receiver's endpoint URL `theirs` replaced by the
    hub's `ours` (where the value points below it)."""
    if not theirs:
        return value
    base = theirs.rstrip("/")
    return value.replace(base, ours.rstrip("/"))


def relayed(reply: Reply, theirs: str | None, ours: str, headers: dict[str, str]) -> Relayed:
    """The receiver's answer as the requester gets it, with the hub's `headers` (routing)."""
    out = dict(headers)
    for name in RELAYED_HEADERS:
        value = reply.header(name)
        if value is not None:
            out[name] = rewrite(value, theirs, ours) if name in ("Link", "Location") else value
    media = (reply.header("content-type") or "application/json").split(";")[0]
    text = reply.text or ""
    return Relayed(reply.status or 502, text.encode("utf-8"), media, out)
