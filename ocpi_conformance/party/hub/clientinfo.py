"""The hub's side of the HubClientInfo module (mod_hub_client_info.asciidoc): it is the Sender
(the paginated list of every ClientInfo it knows, mod_hub_client_info_hub_get), it pushes each
change to the connected parties' Receivers (mod_hub_client_info_push_model), and it checks that
parties are alive (_still_alive_check): a party it heard nothing from for `alive_interval_s` gets
a GET on its versions endpoint; no answer (HTTP 200, 1000) makes it OFFLINE, an answer again
CONNECTED.

HubClientInfo is a configuration module: none of these requests carries routing headers
(_message_routing_headers).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ocpi_conformance.party.hub.directory import Party
from ocpi_conformance.party.hub.faults import hub_fault
from ocpi_conformance.party.hub.forward import routing_headers
from ocpi_conformance.party.pagination import Deviations, paginate
from ocpi_conformance.party.service import Call, Outcome, functional_url
from ocpi_conformance.party.state import Registration
from ocpi_conformance.transport.client import object_url

if TYPE_CHECKING:
    from ocpi_conformance.party.hub.state import Hub

HUB_NO_CLIENT_INFO_PUSH = hub_fault(
    "hub_no_client_info_push",
    "ClientInfo changes (a party registered, unregistered, went offline) are never pushed",
    "CLIENT_INFO_PUSH",
    caught_by=("HUB-028", "HUB-029"),
)
HUB_NO_ALIVE_CHECK = hub_fault(
    "hub_no_alive_check",
    "the hub never checks that parties are alive: an unreachable party stays CONNECTED",
    "STILL_ALIVE_AFTER_S",
    caught_by=("HUB-031",),
)
HUB_CLIENT_INFO_LIMIT_IGNORED = hub_fault(
    "hub_client_info_limit_ignored",
    "the HubClientInfo list holds every ClientInfo from its offset on, whatever the limit",
    "CLIENT_INFO_LIST",
    caught_by=("HCI-HUB-009",),
)
HUB_ROUTES_CONFIGURATION = hub_fault(
    "hub_routes_configuration",
    "routing headers on configuration modules: its ClientInfo pushes, its still-alive checks and"
    " its answers on versions, credentials and hubclientinfo carry OCPI-to-*/OCPI-from-*",
    "CONFIGURATION_MODULES",
    caught_by=("HUB-025", "HUB-026"),
)

PUSH_DELAY_S = 0.2  # after the change: the answer that caused it goes out first
MODULE = "hubclientinfo"


def get_list(hub: Hub, call: Call) -> Outcome:
    """GET on the hub's HubClientInfo Sender: every ClientInfo, paginated."""
    infos = [party.client_info() for party in hub.directory.all()]
    url = functional_url(hub.state, MODULE, "SENDER", "2.2.1")
    deviations = Deviations(limit_ignored=HUB_CLIENT_INFO_LIMIT_IGNORED in hub.faults)
    return paginate(call, infos, url, deviations)


def configuration_headers(hub: Hub, to: tuple[str, str] | None) -> dict[str, str]:
    """The routing headers a configuration request or answer carries: none, or (under
    hub_routes_configuration) the hub's and the other party's."""
    if HUB_ROUTES_CONFIGURATION not in hub.faults:
        return {}
    return routing_headers(to, hub.key)


def push(hub: Hub, changed: Iterable[Party], only_to: Iterable[str] | None = None) -> None:
    """PUT each changed ClientInfo, a moment from now, to the hubclientinfo Receiver of every
    registration with a connected party (or of the registrations `only_to` names), but the one
    it describes."""
    changed = list(changed)
    if not changed or HUB_NO_CLIENT_INFO_PUSH in hub.faults:
        return
    # the registrations of now: one that comes later is sent what it missed on its own (`sync`)
    wanted = set(only_to) if only_to is not None else {r.token for r in hub.state.registrations()}

    def send() -> None:
        for registration in hub.state.registrations():
            if registration.token not in wanted:
                continue
            parties = hub.directory.of_registration(registration.token)
            if not any(p.reachable for p in parties):
                continue
            own = {p.key for p in parties}
            for party in changed:
                if party.key not in own:
                    _put(hub, registration, party)

    hub.later(PUSH_DELAY_S, send)


def _put(hub: Hub, registration: Registration, party: Party) -> None:
    url = registration.endpoint(MODULE, "RECEIVER")
    if url is None or registration.their_token is None:
        return
    target = object_url(url, party.country_code, party.party_id)
    receiver = hub.directory.of_registration(registration.token)
    to = receiver[0].key if receiver else None
    with hub.client(registration) as client:
        reply = client.request(
            "PUT",
            target,
            module=MODULE,
            json_body=party.client_info(),
            headers=configuration_headers(hub, to),
        )
    if reply.ok:
        hub.heard_from(registration)


def check_alive(hub: Hub, *, every: bool) -> int:
    """GET the versions endpoint of each registration not heard from for `alive_interval_s`
    (`every`: of each registration); how many were checked. Statuses change and are pushed."""
    if HUB_NO_ALIVE_CHECK in hub.faults:
        return 0
    checked = 0
    changed: list[Party] = []
    for registration in hub.state.registrations():
        quiet = time.monotonic() - hub.last_heard(registration) >= hub.options.alive_interval_s
        if not (every or quiet) or registration.versions_url is None:
            continue
        checked += 1
        parties = hub.directory.of_registration(registration.token)
        to = parties[0].key if parties else None
        with hub.client(registration, alive_check=True) as client:
            reply = client.get(
                registration.versions_url,
                module="versions",
                headers=configuration_headers(hub, to),
            )
        alive = reply.ok and reply.status == 200 and reply.status_code == 1000
        if alive:
            hub.heard_from(registration)
        for party in parties:
            if alive:
                found = hub.directory.set_status(party.key, "CONNECTED", only_from="OFFLINE")
            else:
                found = hub.directory.set_status(party.key, "OFFLINE", only_from="CONNECTED")
            if found is not None:
                changed.append(found)
    push(hub, changed)
    return checked


def keep_checking(hub: Hub, running: Callable[[], bool]) -> threading.Thread:
    """Run the still-alive check in the background until the hub stops or `running()` is
    False."""

    def loop() -> None:
        tick = max(0.05, min(1.0, hub.options.alive_interval_s / 4))
        while not hub.stopped.wait(tick) and running():
            try:
                check_alive(hub, every=False)
            except Exception:  # a check must never end the loop
                continue

    thread = threading.Thread(target=loop, name="ocpi-hub-alive", daemon=True)
    thread.start()
    return thread
