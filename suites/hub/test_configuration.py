"""HUB-025, 026, 032, 033: the configuration modules between a hub and our seats, never routed
(transport_and_format _message_routing_headers), and the hub's Credentials
(credentials_credentials_object): one role, HUB, and one registration per party of ours.
"""

from __future__ import annotations

import time

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.seats import Seats
from ocpi_conformance.spec.v2_2_1.documents import CRD, TAF
from ocpi_conformance.transport.client import UNROUTED_MODULES
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.cases import MANDATORY, Suite

from .seating import routing_headers_in

SUITE = Suite("hub", "ANY", role="HUB")
UNROUTED = f"{TAF}#_message_routing_headers"


def configuration_urls(harness: Harness) -> list[str]:
    """The hub's own configuration URLs: versions, its details, credentials, hubclientinfo."""
    assert harness.discovery is not None
    urls = [harness.config.versions_url or "", harness.discovery.version_url]
    urls += [u for (m, _), u in harness.discovery.endpoints.items() if m in UNROUTED_MODULES]
    return [u.rstrip("/") for u in urls if u]


def is_configuration(url: str, bases: list[str]) -> bool:
    path = url.split("?")[0].rstrip("/")
    return any(path == base or path.startswith(base + "/") for base in bases)


@SUITE.case("HUB-025", MANDATORY, UNROUTED)
def test_hub_answers_configuration_modules_unrouted(harness: Harness, seats: Seats) -> None:
    """The hub answers on versions, credentials and hubclientinfo without routing headers"""
    bases = configuration_urls(harness)
    client = seats.client(seats.first)
    for url in bases:  # each once more, from a registered seat
        module = next((m for (m, _), u in harness.discovery.endpoints.items()  # type: ignore[union-attr]
                       if u.rstrip("/") == url), "versions")  # fmt: skip
        client.get(url, module=module, params={"limit": 1} if module == "hubclientinfo" else None)
    asked = [
        e for e in harness.log.all() if e.direction == "outbound" and is_configuration(e.url, bases)
    ]
    routed = [
        f"{e.method} {e.url}: {', '.join(routing_headers_in(e.response_headers))}"
        for e in asked
        if routing_headers_in(e.response_headers)
    ]
    assert not routed, (
        f"{len(routed)} of {len(asked)} answers on configuration modules carry routing headers "
        f"(they SHALL NOT be used there): {routed[:3]}"
    )


def seat_configuration(seats: Seats, exchange: Exchange) -> bool:
    """An inbound request to a seat's versions, details, credentials or hubclientinfo."""
    for seat in seats:
        peer = seat.peer
        if peer is None or not exchange.url.startswith(peer.state.base_url + "/"):
            continue
        route = peer.route(exchange.url)
        return route is None or route[0] in UNROUTED_MODULES
    return False


@SUITE.case("HUB-026", MANDATORY, UNROUTED)
def test_hub_calls_our_configuration_modules_unrouted(harness: Harness, seats: Seats) -> None:
    """The hub's own requests to our versions, credentials and hubclientinfo carry no routing
    headers"""

    def gather() -> list[Exchange]:
        inbound = [e for e in harness.log.all() if e.direction == "inbound"]
        return [e for e in inbound if seat_configuration(seats, e)]

    # besides the registration's callbacks, the hub's own ClientInfo pushes: wait a moment for
    # one (the hub pushes in the background, and may not push at all: HUB-028's subject)
    deadline = time.monotonic() + harness.config.timeout
    while time.monotonic() < deadline and not any("/hubclientinfo" in e.url for e in gather()):
        time.sleep(0.1)
    calls = gather()
    assert calls, "the hub called no configuration module of ours (not even to register us)"
    harness.log.claim(calls)
    routed = [
        f"{e.method} {e.url}: {', '.join(routing_headers_in(e.request_headers))}"
        for e in calls
        if routing_headers_in(e.request_headers)
    ]
    assert not routed, (
        f"{len(routed)} of the hub's {len(calls)} requests to our configuration modules carry "
        f"routing headers (they SHALL NOT be used there): {routed[:3]}"
    )


def credentials_seen(harness: Harness, seats: Seats) -> list[tuple[str, object]]:
    """(where, the hub's Credentials) from each registration's answer and a GET now."""
    seen: list[tuple[str, object]] = []
    url = harness.discovery.endpoint("credentials") if harness.discovery else None
    for seat in seats:
        registration = seat.handshake.registration if seat.handshake is not None else None
        if registration is not None and registration.registered:
            seen.append((f"{seat.label}'s registration", registration.reply.data))
        if url is not None and seat.registered and seats.token_of(seat) is not None:
            reply = seats.client(seat).get(url, module="credentials")
            if reply.status_code == 1000:
                seen.append((f"GET credentials of {seat.label}", reply.data))
    return seen


@SUITE.case("HUB-032", MANDATORY, f"{CRD}#credentials_credentials_object")
def test_hub_reports_itself_as_hub_only(harness: Harness, seats: Seats) -> None:
    """The hub's Credentials name one role, HUB, and none of the parties connected to it"""
    seen = credentials_seen(harness, seats)
    assert seen, "no Credentials of the hub to judge"
    wrong = []
    for where, data in seen:
        roles = data.get("roles") if isinstance(data, dict) else None
        named = [str(r.get("role")) for r in roles or [] if isinstance(r, dict)]
        if named != ["HUB"]:
            wrong.append(f"{where}: roles {named}")
    assert not wrong, f"a Hub SHALL only report itself as role HUB: {wrong}"


@SUITE.case("HUB-033", MANDATORY, f"{CRD}#credentials_registration", needs=("token_a",))
def test_each_seat_is_registered_on_its_own(harness: Harness, seats: Seats) -> None:
    """The hub registers each of our parties on its own: each its own token C, each working"""
    mine = [seat for seat in seats if seat.token_a is not None]
    refused = [
        f"{seat.label}: {seat.handshake.registration.reply.describe()}"
        for seat in mine
        if seat.handshake is not None
        and seat.handshake.registration is not None
        and not seat.handshake.registration.registered
    ]
    assert not refused, f"the hub did not register {'; '.join(refused)}"
    tokens = [seats.token_of(seat) for seat in mine]
    if len(mine) < 2:
        pytest.skip("one seat: nothing to tell its registration from")
    assert len(set(tokens)) == len(tokens), "the hub handed two of our parties the same token C"
    url = harness.discovery.endpoint("credentials") if harness.discovery else None
    assert url is not None
    failing = []
    for seat in mine:
        reply = seats.client(seat).get(url, module="credentials")
        if reply.status_code != 1000:
            failing.append(f"{seat.label}: {reply.describe()}")
    assert not failing, f"a token C the hub handed out does not work: {failing}"
