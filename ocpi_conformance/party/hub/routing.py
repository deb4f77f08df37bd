"""How the hub routes a request to a functional module (transport_and_format_message_routing):
it decides the scenario from the routing headers and carries it out.

- `OCPI-to-*` names a party: direct, to that party (4001 unknown, 4003 not connected).
- `OCPI-to-*` names the hub: a push is a Broadcast Push (every connected party of the opposite
  role publishing the interface, never the sender's own party ids; kept for GET All); a GET of a
  Sender list is GET All (the broadcast objects of connected owners, paginated by the hub); any
  other GET is never broadcast ("GET SHALL NOT be used in combination with Broadcast Push"): it is
  routed as an open routing request.
- no `OCPI-to-*`: open routing, to the owner the URL names, else to the owner of the object the
  URL or body names; a push with no such destination is broadcast, a GET gets 4001.

The readings where the text is silent are `spec.v2_2_1.hub.READINGS`.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ocpi_conformance.party.hub import forward
from ocpi_conformance.party.hub.directory import Party, PartyKey, key
from ocpi_conformance.party.hub.faults import hub_fault
from ocpi_conformance.party.hub.forward import Leg, Relayed, routing_headers
from ocpi_conformance.party.hub.mirror import id_params
from ocpi_conformance.party.hub.state import Relay
from ocpi_conformance.party.pagination import Deviations, paginate
from ocpi_conformance.party.service import (
    Answer,
    Call,
    Outcome,
    envelope,
    functional_url,
    match_path,
)
from ocpi_conformance.party.state import Registration
from ocpi_conformance.spec.v2_2_1.hub import (
    BROADCAST_METHODS,
    BROADCAST_TO,
    GENERIC_ERROR,
    NOT_CONNECTED,
    UNKNOWN_RECEIVER,
)
from ocpi_conformance.spec.version import version as spec_version

if TYPE_CHECKING:
    from ocpi_conformance.party.hub.state import Hub

VERSION = "2.2.1"
RELAY_SEGMENT = "hub-relay"  # /ocpi/2.2.1/sender/{module}/hub-relay/{reference}

HUB_BROADCASTS_GET = hub_fault(
    "hub_broadcasts_get",
    "a GET addressed to the hub (other than a Sender list) is sent to every connected party",
    "PUSH_METHODS",
    caught_by=("HUB-015",),
)
HUB_BROADCAST_TO_SENDER = hub_fault(
    "hub_broadcast_to_sender",
    "a broadcast also reaches the sender's own party ids (every party of its registration)",
    "BROADCAST_TO",
    caught_by=("HUB-012",),
)
HUB_BROADCAST_SKIPS_OTHER = hub_fault(
    "hub_broadcast_skips_other",
    "a CPO's broadcast does not reach parties of role OTHER",
    "BROADCAST_TO",
    caught_by=("HUB-009",),
)
HUB_OTHER_BROADCAST_TO_EMSP = hub_fault(
    "hub_other_broadcast_to_emsp",
    "a broadcast from a party of role OTHER reaches eMSPs too",
    "BROADCAST_TO",
    caught_by=("HUB-014",),
)
HUB_UNKNOWN_RECEIVER_2003 = hub_fault(
    "hub_unknown_receiver_2003",
    "an unknown receiver gets status_code 2003, not 4001",
    "HUB_ERRORS",
    caught_by=("HUB-021",),
)
HUB_NOT_CONNECTED_4001 = hub_fault(
    "hub_not_connected_4001",
    "a known receiver that is not connected (unregistered, OFFLINE) gets 4001, not 4003",
    "HUB_ERRORS",
    caught_by=("HUB-022", "HUB-023"),
)
HUB_WRONG_FROM = hub_fault(
    "hub_wrong_from",
    "the forwarded leg of a direct request names the hub in OCPI-from-*, not the requester",
    "LEGS",
    caught_by=("HUB-002",),
)
HUB_ANSWER_WITHOUT_ROUTING = hub_fault(
    "hub_answer_without_routing",
    "the answer relayed to the requester carries no OCPI-to-*/OCPI-from-*",
    "LEGS",
    caught_by=("HUB-003", "HUB-013"),
)
HUB_GET_ALL_ONE_PARTY = hub_fault(
    "hub_get_all_one_party",
    "GET All holds the objects of one party only (the first that broadcast)",
    "GET_ALL",
    caught_by=("HUB-018",),
)
HUB_GET_ALL_LINK_WRONG = hub_fault(
    "hub_get_all_link_wrong",
    "GET All's Link rel=next repeats the current offset",
    "GET_ALL",
    caught_by=("HUB-020",),
)
HUB_BROADCAST_ERROR_FORWARDED = hub_fault(
    "hub_broadcast_error_forwarded",
    "a receiver's error on a Broadcast Push is forwarded to the sender",
    "ERRORS_FORWARDED",
    caught_by=("HUB-034",),
)
HUB_ERROR_SWALLOWED = hub_fault(
    "hub_error_swallowed",
    "a receiver's 2xxx/3xxx answer to a direct request reaches the requester as HTTP 200, 1000",
    "ERRORS_FORWARDED",
    caught_by=("HUB-007",),
)

# A response_url in a request to these Receivers is replaced by the hub's relay: the modules
# whose Sender takes results at a response_url (commands, chargingprofiles).
RESULT_MODULES = frozenset(
    m.id
    for m in spec_version(VERSION).modules.values()
    for i in m.interfaces
    for op in i.operations
    if op.target == "response_url"
)
ID_PARAMS = id_params()  # location_id -> locations, ...
BODY_IDS = ("location_id", "session_id")  # what a command names (mod_commands)


@dataclass(frozen=True)
class Request:
    """A request to one of the hub's functional interfaces, as routing needs it."""

    caller: Registration
    method: str
    module: str
    interface: str  # "SENDER" or "RECEIVER"
    tail: str  # the raw path below the interface ("" or "/NL/CPO/LOC1"), percent-encoding kept
    segments: list[str]  # the same, decoded
    query: list[tuple[str, str]]
    query_string: str
    raw: bytes
    headers: dict[str, str]  # lower-case names
    request_id: str
    correlation_id: str

    def party_header(self, prefix: str) -> PartyKey | None:
        cc = self.headers.get(f"{prefix}country-code")
        pid = self.headers.get(f"{prefix}party-id")
        return key(cc, pid) if cc and pid else None


def handle(hub: Hub, request: Request) -> Outcome | Relayed:
    """Route one request; the answer for the requester."""
    requester = _requester(hub, request)
    if request.tail.startswith(f"/{RELAY_SEGMENT}/") and request.method == "POST":
        return _relay_result(hub, request, requester)
    to = request.party_header("ocpi-to-")
    is_list = request.method == "GET" and request.interface == "SENDER" and not request.tail
    if is_list and to in (None, hub.key):
        return _get_all(hub, request, requester)
    if to == hub.key:
        if request.method in BROADCAST_METHODS:
            return _broadcast(hub, request, requester, sender=hub.key)
        if HUB_BROADCASTS_GET in hub.faults:
            return _broadcast(hub, request, requester, sender=hub.key, anyone=True)
        to = None  # never a GET broadcast: open routing
    if to is not None:
        return _direct(hub, request, requester, to)
    destination = _open_destination(hub, request, requester)
    if destination is not None:
        return _direct(hub, request, requester, destination)
    if request.method in BROADCAST_METHODS:
        return _broadcast(hub, request, requester, sender=requester.key)
    return _refused(hub, requester, UNKNOWN_RECEIVER, "no receiver can be determined")


def _requester(hub: Hub, request: Request) -> Party:
    """The party the request comes from: OCPI-from-* if it is one of the caller's, else the
    caller's only party."""
    own = hub.directory.of_registration(request.caller.token)
    named = request.party_header("ocpi-from-")
    if named is not None:
        for party in own:
            if party.key == named:
                return party
        raise Answer(200, 2001, "OCPI-from-* names no party of your registration")
    if len(own) != 1:
        raise Answer(200, 2001, "OCPI-from-* is required: your registration has several parties")
    return own[0]


def _answer_headers(hub: Hub, to: PartyKey, sender: PartyKey) -> dict[str, str]:
    if HUB_ANSWER_WITHOUT_ROUTING in hub.faults:
        return {}
    return routing_headers(to, sender)


def _refused(hub: Hub, requester: Party, code: int, message: str) -> Outcome:
    """A hub error: HTTP 200 (the request reached the hub's OCPI layer), to the requester."""
    headers = _answer_headers(hub, requester.key, hub.key)
    return Outcome(200, envelope(code, message=message), headers)


def _receiver(hub: Hub, requester: Party, to: PartyKey) -> Party | Outcome:
    """The party `to` names if requests can be sent to it, else the hub's error."""
    party = hub.directory.find(to)
    if party is None:
        code = 2003 if HUB_UNKNOWN_RECEIVER_2003 in hub.faults else UNKNOWN_RECEIVER
        return _refused(hub, requester, code, "unknown receiver (TO address is unknown)")
    if not party.reachable or hub.registration_of(party) is None:
        code = UNKNOWN_RECEIVER if HUB_NOT_CONNECTED_4001 in hub.faults else NOT_CONNECTED
        return _refused(hub, requester, code, f"the receiving party is {party.status}")
    return party


def _leg(
    hub: Hub,
    request: Request,
    registration: Registration,
    receiver: Party,
    sender: PartyKey,
    raw: bytes | None = None,
    query: str | None = None,
) -> Leg | None:
    """The leg to `receiver`'s endpoint of the interface; None when it publishes none."""
    endpoint = registration.endpoint(request.module, request.interface)
    if endpoint is None:
        return None
    query = request.query_string if query is None else query
    return Leg(
        registration=registration,
        method=request.method,
        url=endpoint.rstrip("/") + request.tail + (f"?{query}" if query else ""),
        body=request.raw if raw is None else raw,
        to=receiver.key,
        sender=sender,
        correlation_id=request.correlation_id,
        request_id=request.request_id,
        module=request.module,
        content_type=request.headers.get("content-type") or "application/json",
    )


def _direct(hub: Hub, request: Request, requester: Party, to: PartyKey) -> Outcome | Relayed:
    """Forward to one party (a direct or open routing request) and relay its answer."""
    found = _receiver(hub, requester, to)
    if isinstance(found, Outcome):
        return found
    registration = hub.registration_of(found)
    assert registration is not None  # _receiver checked
    sender = hub.key if HUB_WRONG_FROM in hub.faults else requester.key
    raw, query = _with_relay(hub, request, requester, found)
    leg = _leg(hub, request, registration, found, sender, raw, query)
    if leg is None:
        missing = f"the receiver publishes no {request.module} {request.interface} endpoint"
        return _refused(hub, requester, GENERIC_ERROR, missing)
    reply = forward.send(hub, leg)
    failed = forward.failure(hub, reply, found.key)
    if failed is not None:
        return _refused(hub, requester, failed.code, failed.message or "")
    theirs = registration.endpoint(request.module, request.interface)
    ours = functional_url(hub.state, request.module, request.interface, VERSION)
    headers = _answer_headers(hub, requester.key, found.key)
    answer = forward.relayed(reply, theirs, ours, headers)
    code = reply.status_code
    if HUB_ERROR_SWALLOWED in hub.faults and code is not None and 2000 <= code < 4000:
        return Outcome(200, envelope(1000), headers)
    return answer


def _broadcast_receivers(hub: Hub, request: Request, requester: Party, anyone: bool) -> list[Party]:
    """Every connected party the broadcast reaches: of a role opposite the sender's, never one
    of the sender's platform (`anyone`: every connected party of other platforms)."""
    faults = hub.faults
    roles = set(BROADCAST_TO.get(requester.role, ()))
    if HUB_BROADCAST_SKIPS_OTHER in faults:
        roles.discard("OTHER")
    if HUB_OTHER_BROADCAST_TO_EMSP in faults and requester.role == "OTHER":
        roles.add("EMSP")
    own = {p.key for p in hub.directory.of_registration(request.caller.token)}
    found = []
    for party in hub.directory.all():
        if not party.reachable:
            continue
        if party.key in own:  # hub_broadcast_to_sender: back to the sender's platform
            if HUB_BROADCAST_TO_SENDER in faults:
                found.append(party)
            continue
        if anyone or party.role in roles:
            found.append(party)
    return found


def _broadcast(
    hub: Hub, request: Request, requester: Party, *, sender: PartyKey, anyone: bool = False
) -> Outcome | Relayed:
    """Send to every receiver at once; answer the sender 1000 (receivers' errors are not
    forwarded for a Broadcast Push)."""
    legs = []
    for party in _broadcast_receivers(hub, request, requester, anyone):
        registration = hub.registration_of(party)
        leg = _leg(hub, request, registration, party, sender) if registration else None
        if leg is not None:
            legs.append((party, leg))
    if request.interface == "RECEIVER" and request.method in BROADCAST_METHODS:
        owner = {
            "role": requester.role,
            "country_code": requester.country_code,
            "party_id": requester.party_id,
        }
        raw = request.raw
        hub.mirror.keep(request.module, request.method, request.segments, request.query, raw, owner)
    replies = []
    if legs:
        with ThreadPoolExecutor(max_workers=min(16, len(legs))) as pool:
            replies = list(pool.map(lambda pair: forward.send(hub, pair[1]), legs))
    ours = functional_url(hub.state, request.module, request.interface, VERSION)
    for (party, leg), reply in zip(legs, replies, strict=True):
        forward.failure(hub, reply, party.key)  # a refused connection: OFFLINE
        theirs = leg.registration.endpoint(request.module, request.interface)
        if anyone and reply.ok:  # hub_broadcasts_get: the first answer, as if direct
            headers = _answer_headers(hub, requester.key, party.key)
            return forward.relayed(reply, theirs, ours, headers)
        erred = reply.ok and (reply.status_code or 1000) >= 2000
        if erred and HUB_BROADCAST_ERROR_FORWARDED in hub.faults:
            headers = _answer_headers(hub, requester.key, hub.key)
            return forward.relayed(reply, theirs, ours, headers)
    return Outcome(200, envelope(1000), _answer_headers(hub, requester.key, hub.key))


def _get_all(hub: Hub, request: Request, requester: Party) -> Outcome:
    """GET All via the hub: the objects broadcast to it by connected owners, one list."""
    reachable = {p.key for p in hub.directory.all() if p.reachable}
    items = [
        item
        for item in hub.mirror.objects(request.module)
        if key(item.get("country_code"), item.get("party_id")) in reachable
    ]
    if HUB_GET_ALL_ONE_PARTY in hub.faults and items:
        first = key(items[0].get("country_code"), items[0].get("party_id"))
        items = [i for i in items if key(i.get("country_code"), i.get("party_id")) == first]
    spec = spec_version(VERSION)
    call = Call(
        state=hub.state,
        caller=request.caller,
        operation=spec.operation(request.module, "SENDER", "get_list"),
        params={},
        query=request.query,
        raw=request.raw,
        version=spec,
    )
    url = functional_url(hub.state, request.module, "SENDER", VERSION)
    deviations = Deviations(link_wrong=HUB_GET_ALL_LINK_WRONG in hub.faults)
    page = paginate(call, items, url, deviations)
    headers = {**page.headers, **_answer_headers(hub, requester.key, hub.key)}
    return Outcome(page.status, page.body, headers)


def _named(request: Request) -> dict[str, str]:
    """The path parameters the request's URL gives, by the registry's names."""
    interface = spec_version(VERSION).interface(request.module, request.interface)
    for operation in interface.operations if interface is not None else ():
        if operation.method == request.method and operation.target == "endpoint":
            params = match_path(operation.path, request.segments)
            if params is not None:
                return params
    return {}


def _open_destination(hub: Hub, request: Request, requester: Party) -> PartyKey | None:
    """Where an open routing request goes: the owner its URL names when that is another party
    the hub knows (none when it is the requester's own object: a push of it is broadcast);
    where the URL names no owner, the one owner of the object its URL or body names, among what
    was broadcast; else None."""
    own = {p.key for p in hub.directory.of_registration(request.caller.token)}
    params = _named(request)
    if "country_code" in params and "party_id" in params:
        owner = key(params["country_code"], params["party_id"])
        known = owner not in own and hub.directory.find(owner) is not None
        return owner if known else None
    named = [(ID_PARAMS[p], v) for p, v in params.items() if p in ID_PARAMS]
    body = _json(request.raw)
    for field in BODY_IDS if isinstance(body, dict) else ():
        value = body.get(field)
        if isinstance(value, str) and field in ID_PARAMS:
            named.append((ID_PARAMS[field], value))
    for module, object_id in named:
        owners = hub.mirror.owners_of(module, object_id) - own
        if len(owners) == 1:
            return owners.pop()
    return None


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def _with_relay(hub: Hub, request: Request, requester: Party, receiver: Party) -> tuple[bytes, str]:
    """The body and query with a response_url replaced by the hub's relay URL (commands,
    chargingprofiles Receivers); both as they came otherwise."""
    if request.module not in RESULT_MODULES or request.interface != "RECEIVER":
        return request.raw, request.query_string
    base = functional_url(hub.state, request.module, "SENDER", VERSION)

    def relay_url(original: str) -> str:
        relay = Relay(original, requester.key, receiver.key, request.module)
        return f"{base}/{RELAY_SEGMENT}/{hub.relay(relay)}"

    raw, query = request.raw, request.query_string
    body = _json(raw)
    if isinstance(body, dict) and isinstance(body.get("response_url"), str):
        original = body["response_url"]
        encoded = json.dumps(original)
        text = raw.decode("utf-8", errors="replace")
        replaced = json.dumps(relay_url(original))
        raw = (text.replace(encoded, replaced, 1) if encoded in text else json.dumps(
            {**body, "response_url": json.loads(replaced)})).encode("utf-8")  # fmt: skip
    pairs = request.query
    if any(k == "response_url" for k, _ in pairs):
        query = urlencode([(k, relay_url(v) if k == "response_url" else v) for k, v in pairs])
    return raw, query


def _relay_result(hub: Hub, request: Request, requester: Party) -> Outcome | Relayed:
    """A result POSTed to a relay URL: on to the response_url the requester gave."""
    reference = request.tail.split("/")[2] if request.tail.count("/") >= 2 else ""
    relay = hub.relayed(reference)
    if relay is None or relay.module != request.module or relay.receiver != requester.key:
        raise Answer(404, 2000, "no such result URL")
    found = _receiver(hub, requester, relay.requester)
    if isinstance(found, Outcome):
        return found
    registration = hub.registration_of(found)
    assert registration is not None
    leg = Leg(
        registration=registration,
        method="POST",
        url=relay.url,
        body=request.raw,
        to=found.key,
        sender=hub.key if HUB_WRONG_FROM in hub.faults else requester.key,
        correlation_id=request.correlation_id,
        request_id=request.request_id,
        module=request.module,
        content_type=request.headers.get("content-type") or "application/json",
    )
    reply = forward.send(hub, leg)
    failed = forward.failure(hub, reply, found.key)
    if failed is not None:
        return _refused(hub, requester, failed.code, failed.message or "")
    return forward.relayed(reply, None, "", _answer_headers(hub, requester.key, found.key))
