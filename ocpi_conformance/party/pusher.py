"""The sandbox as a client: it pushes its own objects to the Receiver interfaces of the party
that registered with it, as a CPO or eMSP does in production (the push model of each module).

A CPO pushes one Location (PUT, then a PATCH of its name), one Session (PUT, then a PATCH
adding a ChargingPeriod), one CDR (POST) and one Tariff (PUT); an eMSP one Token (PUT, at
?type= where the version's URL has one, then a PATCH of its whitelist), then a START_SESSION
(`commander.py`). It pushes in the OCPI version of the registration, that version's objects:
every request carries the token the other party gave as the version carries it (2.2.1 Base64,
2.1.1 raw), the message ids and, where the version has them, the routing headers (from us, to
them; to the Hub for what it broadcasts, where the other party is a 2.3.0 Hub naming itself in
hub_party_id).

It pushes once after the first registration, and again on `POST /sandbox/push` (the sandbox's
trigger: `python -m ocpi_conformance.sandbox.trigger URL`). On `POST /sandbox/register` it
starts a registration itself (`register_with`), in the version asked (else the highest both
support). The harness's own peer never does either: only
a sandbox party is `enable`d.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ocpi_conformance.party import commander, lists, locations, prices
from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.register import Registered, parties_of, register
from ocpi_conformance.party.state import PartyState, Registration
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import OcpiClient, PartyId, object_url

PUSH_INVALID_OBJECT = fault(
    "push_invalid_object",
    "the Location it pushes lacks its required address and coordinates",
    caught_by=["LOC-CPO-101"],
)
PUSH_PATCH_WITHOUT_LAST_UPDATED = fault(
    "push_patch_without_last_updated",
    "its PATCHes carry no last_updated",
    caught_by=["LOC-CPO-102", "SES-CPO-102", "TOK-EMSP-102"],
)
PUSH_URL_BODY_DISAGREE = fault(
    "push_url_body_disagree",
    "a PUT's URL names another id than its body",
    caught_by=["LOC-CPO-103", "SES-CPO-103", "TAR-CPO-103", "TOK-EMSP-103"],
)
PUSH_RAW_TOKEN = fault(
    "push_raw_token",
    "its pushes carry the token not Base64-encoded",
    caught_by=["TRN-ANY-101"],
)
PUSH_BASE64_TOKEN = fault(
    "push_base64_token",
    "its 2.1.1 pushes carry the token Base64-encoded (as 2.2 does), where 2.1.1 sends it raw",
    caught_by=["TRN-ANY-105"],
    versions=("2.1.1",),
)
PUSH_NO_REQUEST_ID = fault(
    "push_no_request_id",
    "its pushes carry no X-Request-ID or X-Correlation-ID",
    caught_by=["TRN-ANY-102"],
)
PUSH_CDR_WITH_PUT = fault(
    "push_cdr_with_put",
    "it sends its CDR with PUT at /{country_code}/{party_id}/{id}, not POST",
    caught_by=["CDR-CPO-104"],
)
PUSH_TO_VERSIONS_URL = fault(
    "push_to_versions_url",
    "it pushes its Sessions to the other party's versions URL plus a path, not to the "
    "endpoint the version details give",
    caught_by=["TRN-ANY-104"],
)
PUSH_HARDCODED_TOKEN = fault(
    "push_hardcoded_token",
    "its pushes carry a token of its own configuration, not the one the other party gave",
    caught_by=["TRN-ANY-101"],
)
PUSH_WRONG_ROUTING = fault(
    "push_wrong_routing",
    "its pushes name another party in OCPI-to-party-id",
    caught_by=["TRN-ANY-103"],
)

REGISTER_SKIPS_DETAILS = fault(
    "register_skips_details",
    "it registers by POSTing its credentials without reading the versions and details first",
    caught_by=["CRD-ANY-101"],
    target_registers=True,
)
REGISTER_KEEPS_TOKEN_A = fault(
    "register_keeps_token_a",
    "after registering it keeps calling with token A, not the token C it was given",
    caught_by=["CRD-ANY-103"],
    target_registers=True,
)

DELAY_S = 0.3  # after a registration: the answer to the POST goes out first


@dataclass
class Pushing:
    enabled: bool = False
    pushed_once: bool = False


def _pushing(state: PartyState) -> Pushing:
    return state.store("pusher", lambda _s: Pushing())


def enable(state: PartyState, on: bool = True) -> None:
    """This party pushes (a sandbox; never the harness's peer)."""
    _pushing(state).enabled = on


def enabled(state: PartyState) -> bool:
    return _pushing(state).enabled


def after_registration(state: PartyState, registration: Registration) -> None:
    """Push once, a moment after the first registration."""
    pushing = _pushing(state)
    with state.lock:
        if not pushing.enabled or pushing.pushed_once:
            return
        pushing.pushed_once = True
    timer = threading.Timer(DELAY_S, push, args=(state, registration))
    timer.daemon = True
    timer.start()


def register_with(
    state: PartyState, versions_url: str, token_a: str, version: str | None = None
) -> Registered:
    """The sandbox starts a registration (credentials_registration, client side): with the
    token A the other party gave, it reads that party's versions and details and POSTs its own
    credentials, in `version` (None: the highest both support); then it pushes as after any
    registration."""
    token_b = state.new_token()
    state.accept_registration(token_b)
    with state.client(None) as client:
        if REGISTER_SKIPS_DETAILS in state.faults:
            number = version or DEFAULT
            result = _register_blindly(client, versions_url, token_a, state, token_b, number)
        else:

            def ours(number: str) -> dict[str, Any]:
                return state.own_credentials(token_b, number)

            result = register(client, versions_url, token_a, ours, version)
    if result.ok:
        keeps_a = REGISTER_KEEPS_TOKEN_A in state.faults
        registration = state.accept_registration(
            token_b,
            their_token=token_a if keeps_a else result.token_c,
            versions_url=versions_url,
            version_url=result.version_url,
            endpoints=result.endpoints,
            roles=parties_of(result.credentials or {}),
            version=result.version,
            hub_party_id=(result.credentials or {}).get("hub_party_id"),
        )
        after_registration(state, registration)
    return result


def _register_blindly(
    client: OcpiClient,
    versions_url: str,
    token_a: str,
    state: PartyState,
    token_b: str,
    version: str,
) -> Registered:
    """register_skips_details: POST to where the credentials endpoint usually is, unread."""
    guessed = versions_url.removesuffix("/versions") + f"/{version}/credentials"
    with client.with_token(token_a) as with_a:
        reply = with_a.at(spec_version(version)).request(
            "POST", guessed, module="credentials", json_body=state.own_credentials(token_b, version)
        )
    data = reply.data if isinstance(reply.data, dict) else {}
    token_c = data.get("token") if reply.status_code == 1000 else None
    return Registered(
        versions_url,
        token_c=token_c if isinstance(token_c, str) else None,
        version_url=guessed.removesuffix("/credentials"),
        endpoints=[],
        credentials=data,
        problem=None if isinstance(token_c, str) else f"refused: {reply.describe()}",
        version=version,
    )


def push_to_all(state: PartyState) -> int:
    """The trigger: push to every registered party now; how many there were."""
    registrations = state.registrations()
    for registration in registrations:
        push(state, registration)
    return len(registrations)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _their_party(registration: Registration, state: PartyState) -> PartyId | None:
    wanted = "EMSP" if state.identity.role == "CPO" else "CPO"
    for role in registration.roles:
        if role.get("role") == wanted:
            return PartyId(str(role.get("country_code")), str(role.get("party_id")))
    return None


# What this party pushes to everyone through a Hub (transport_and_format_message_routing_
# broadcast_push: "useful to share data like Tokens and Locations, but not so much for CDRs and
# Sessions"; a public Tariff is meant for every eMSP alike).
BROADCAST = frozenset({"locations", "tariffs", "tokens"})


def _hub(registration: Registration) -> PartyId | None:
    """The Hub the registration reaches us through: its Credentials' hub_party_id (2.3.0:
    "The two-letter country code and three-character party ID are concatenated together in
    this field as one five-character string")."""
    hub = registration.hub_party_id
    return PartyId(hub[:2], hub[2:]) if hub and len(hub) == 5 else None


def _routing(registration: Registration, module: str) -> dict[str, str]:
    """The OCPI-to-* of a push of `module` where it is not the one party the client names: a
    Broadcast Push through a Hub "uses the party-id and country-code of the Hub in the 'OCPI-to-'
    headers" (transport_and_format_message_routing_broadcast_push); anything else goes to the
    party it is for (the client's `to_party`)."""
    hub = _hub(registration)
    if (
        hub is None
        or module not in BROADCAST
        or not spec_version(registration.version).routing_headers
    ):
        return {}
    return {"OCPI-to-country-code": hub.country_code, "OCPI-to-party-id": hub.party_id}


def _auth(faults: set[str]) -> str | None:
    """How the pushes carry the token: as the version says (None), or as a fault has it."""
    if PUSH_RAW_TOKEN in faults:
        return "raw"
    return "base64" if PUSH_BASE64_TOKEN in faults else None


def push(state: PartyState, registration: Registration) -> None:
    """Push this party's objects of the registration's version to every Receiver of
    `registration` that takes them."""
    if registration.their_token is None:
        return
    faults = state.faults
    to_party = _their_party(registration, state)
    if PUSH_WRONG_ROUTING in faults:
        to_party = PartyId("XX", "XXX")
    headers = {"X-Request-ID": "", "X-Correlation-ID": ""} if PUSH_NO_REQUEST_ID in faults else {}
    token = (
        "sandbox-hardcoded-token" if PUSH_HARDCODED_TOKEN in faults else registration.their_token
    )
    version = registration.version
    with state.client(token, routed=True, to_party=to_party, version=version) as client:
        auth = _auth(faults)

        def send(method: str, url: str, module: str, body: Any, **query: str) -> None:
            routed = {} if PUSH_WRONG_ROUTING in faults else _routing(registration, module)
            client.request(
                method, url, module=module, json_body=body, auth=auth,
                headers={**headers, **routed}, params=query or None,
            )  # fmt: skip

        pushes = {"CPO": _CPO_PUSHES, "EMSP": _EMSP_PUSHES}.get(state.identity.role, ())
        for module, build in pushes:
            url = registration.endpoint(module, "RECEIVER")
            if url is not None and PUSH_TO_VERSIONS_URL in faults and module == "sessions":
                url = f"{(registration.versions_url or '').rstrip('/')}/{module}"
            if url is not None:
                build(state, url, send, version)
        if state.identity.role == "EMSP":
            commander.start_session(state, registration, client)


Send = Any  # send(method, url, module, body, **query)
Push = Callable[[PartyState, str, Send, str], None]  # (state, url, send, version)


def _owned_url(state: PartyState, base: str, object_id: str, body_id: str | None = None) -> str:
    """{base}/{country_code}/{party_id}/{id}: with push_url_body_disagree, another id."""
    if PUSH_URL_BODY_DISAGREE in state.faults:
        object_id = f"{body_id or object_id}-OTHER"
    return object_url(base, state.identity.country_code, state.identity.party_id, object_id)


def _patch(state: PartyState, changes: dict[str, Any]) -> dict[str, Any]:
    if PUSH_PATCH_WITHOUT_LAST_UPDATED in state.faults:
        return changes
    return {**changes, "last_updated": _now()}


def _shown(state: PartyState, module: str, version: str) -> dict[str, Any]:
    """The first object of a list, a copy, as the party sends it (its prices as the price
    faults write them)."""
    item = copy.deepcopy(lists.stored(state, module, version)[0])
    return prices.shown(state.faults, lists.OBJECTS[module], item, version)


def _push_location(state: PartyState, base: str, send: Send, version: str) -> None:
    location = copy.deepcopy(locations.store(state, version).all()[0])
    if PUSH_INVALID_OBJECT in state.faults:
        location.pop("address", None)
        location.pop("coordinates", None)
    url = _owned_url(state, base, location["id"])
    send("PUT", url, "locations", location)
    plain = object_url(base, state.identity.country_code, state.identity.party_id, location["id"])
    send("PATCH", plain, "locations", _patch(state, {"name": "Pushed and renamed"}))


def _push_session(state: PartyState, base: str, send: Send, version: str) -> None:
    session = _shown(state, "sessions", version)
    send("PUT", _owned_url(state, base, session["id"]), "sessions", session)
    period = {"start_date_time": _now(), "dimensions": [{"type": "ENERGY", "volume": 1.5}]}
    plain = object_url(base, state.identity.country_code, state.identity.party_id, session["id"])
    send("PATCH", plain, "sessions", _patch(state, {"charging_periods": [period]}))


def _push_cdr(state: PartyState, base: str, send: Send, version: str) -> None:
    cdr = _shown(state, "cdrs", version)
    if PUSH_CDR_WITH_PUT in state.faults:
        send("PUT", _owned_url(state, base, cdr["id"]), "cdrs", cdr)
    else:
        send("POST", base, "cdrs", cdr)


def _push_tariff(state: PartyState, base: str, send: Send, version: str) -> None:
    tariff = _shown(state, "tariffs", version)
    send("PUT", _owned_url(state, base, tariff["id"]), "tariffs", tariff)


def _push_token(state: PartyState, base: str, send: Send, version: str) -> None:
    token = copy.deepcopy(lists.stored(state, "tokens", version)[0])
    put = spec_version(version).operation("tokens", "RECEIVER", "put_token")
    typed = any(q.name == "type" for q in put.query)  # a ?type where the URL has one
    query = {"type": str(token["type"])} if typed else {}
    send("PUT", _owned_url(state, base, token["uid"]), "tokens", token, **query)
    plain = object_url(base, state.identity.country_code, state.identity.party_id, token["uid"])
    send("PATCH", plain, "tokens", _patch(state, {"whitelist": "ALWAYS"}), **query)


_CPO_PUSHES: tuple[tuple[str, Push], ...] = (
    ("locations", _push_location),
    ("sessions", _push_session),
    ("cdrs", _push_cdr),
    ("tariffs", _push_tariff),
)
_EMSP_PUSHES: tuple[tuple[str, Push], ...] = (("tokens", _push_token),)
