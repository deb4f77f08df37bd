"""Direct routing via the hub (transport_and_format _party_to_party_via_hub): a request with
OCPI-to-* naming a party reaches that party alone, with the requester in OCPI-from-*, a new
X-Request-ID, the same X-Correlation-ID and the body as it was sent; its answer comes back with
the routing headers turned around and its own status and body."""

from __future__ import annotations

import json
import time

from ocpi_conformance.party import locations
from ocpi_conformance.transport.client import object_url

from .conftest import Net, Seat, header, routing_of


def _location(seat: Seat) -> dict:
    return locations.store(seat.state, "2.2.1").all()[0]


def _push_location(cpo: Seat, emsp: Seat, body: str, correlation: str = "corr-direct-0001"):
    url = object_url(cpo.hub_endpoint("locations", "RECEIVER"), "NL", "CPO", "LOC-0001")
    with cpo.client(to=emsp.key) as client:
        return client.request(
            "PUT",
            url,
            module="locations",
            raw_body=body,
            headers={"X-Correlation-ID": correlation, "X-Request-ID": "req-direct-0001"},
        )


def test_a_direct_push_reaches_that_party_alone_unchanged(net: Net) -> None:
    net.start_hub()
    cpo = net.party("CPO", "CPO")
    emsp1 = net.party("EMSP", "MS1")
    emsp2 = net.party("EMSP", "MS2", "DE")
    since = time.time()
    body = json.dumps(_location(cpo), indent=1)  # a layout of its own: forwarded as it is
    reply = _push_location(cpo, emsp1, body)
    assert reply.status == 201 and reply.status_code == 1000
    [received] = emsp1.received("locations", "PUT", since)
    assert not emsp2.received("locations", "PUT", since)
    assert received.request_body == body  # last_updated and all: byte for byte
    assert received.url.endswith("/ocpi/2.2.1/receiver/locations/NL/CPO/LOC-0001")
    assert routing_of(received) == {"to": "NL/MS1", "from": "NL/CPO"}
    assert header(received, "X-Correlation-ID") == "corr-direct-0001"
    assert header(received, "X-Request-ID") not in (None, "", "req-direct-0001")
    # the answer: routing turned around, the requester's own ids
    assert reply.header("OCPI-to-party-id") == "CPO" and reply.header("OCPI-from-party-id") == "MS1"
    assert reply.header("X-Request-ID") == "req-direct-0001"
    assert reply.header("X-Correlation-ID") == "corr-direct-0001"
    assert locations.store(emsp1.state, "2.2.1").get("NL", "CPO", "LOC-0001") == _location(cpo)


def test_fault_hub_reuses_request_id(net: Net) -> None:
    net.start_hub(faults=("hub_reuses_request_id",))
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    since = time.time()
    _push_location(cpo, emsp, json.dumps(_location(cpo)))
    [received] = emsp.received("locations", "PUT", since)
    assert header(received, "X-Request-ID") == "req-direct-0001"


def test_fault_hub_replaces_correlation_id(net: Net) -> None:
    net.start_hub(faults=("hub_replaces_correlation_id",))
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    since = time.time()
    _push_location(cpo, emsp, json.dumps(_location(cpo)))
    [received] = emsp.received("locations", "PUT", since)
    assert header(received, "X-Correlation-ID") not in (None, "corr-direct-0001")


def test_fault_hub_restamps_last_updated(net: Net) -> None:
    net.start_hub(faults=("hub_restamps_last_updated",))
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    since = time.time()
    location = _location(cpo)
    _push_location(cpo, emsp, json.dumps(location))
    [received] = emsp.received("locations", "PUT", since)
    forwarded = json.loads(received.request_body or "{}")
    assert forwarded["last_updated"] != location["last_updated"]


def test_fault_hub_wrong_from(net: Net) -> None:
    net.start_hub(faults=("hub_wrong_from",))
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    since = time.time()
    _push_location(cpo, emsp, json.dumps(_location(cpo)))
    [received] = emsp.received("locations", "PUT", since)
    assert routing_of(received) == {"to": "NL/MS1", "from": "NL/HUB"}


def test_fault_hub_answer_without_routing(net: Net) -> None:
    net.start_hub(faults=("hub_answer_without_routing",))
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    reply = _push_location(cpo, emsp, json.dumps(_location(cpo)))
    assert reply.status_code == 1000
    assert reply.header("OCPI-to-party-id") is None and reply.header("OCPI-from-party-id") is None


def test_a_receivers_error_reaches_the_requester(net: Net) -> None:
    net.start_hub()
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    broken = {k: v for k, v in _location(cpo).items() if k != "address"}
    reply = _push_location(cpo, emsp, json.dumps(broken))
    assert reply.status_code == 2001  # the eMSP's refusal, as it gave it
    assert reply.header("OCPI-from-party-id") == "MS1"
    with emsp.client(to=cpo.key) as client:  # an unknown Location: the CPO's 404 and 2003
        missing_url = object_url(emsp.hub_endpoint("locations", "SENDER"), "NOPE")
        missing = client.get(missing_url, module="locations")
    assert (missing.status, missing.status_code) == (404, 2003)


def test_fault_hub_error_swallowed(net: Net) -> None:
    net.start_hub(faults=("hub_error_swallowed",))
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    broken = {k: v for k, v in _location(cpo).items() if k != "address"}
    reply = _push_location(cpo, emsp, json.dumps(broken))
    assert (reply.status, reply.status_code) == (200, 1000)


def test_a_direct_list_pages_through_the_hub(net: Net) -> None:
    net.start_hub()
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    url = emsp.hub_endpoint("locations", "SENDER")
    with emsp.client(to=cpo.key) as client:
        walk = client.walk(url, module="locations", params={"limit": 5})
        first = walk.pages[0]
    assert walk.stopped is None
    assert len(walk.pages) == 3  # 12 Locations, 5 a page
    assert [loc["id"] for loc in walk.items] == [
        loc["id"] for loc in locations.store(cpo.state, "2.2.1").all()
    ]
    assert first.header("X-Total-Count") == "12" and first.header("X-Limit") == "5"
    assert (first.next_link() or "").startswith(f"{url}?")  # the hub's URL, not the CPO's
    assert first.header("OCPI-from-party-id") == "CPO"
    # every page went to the CPO, from the eMSP
    pages = cpo.received("locations", "GET")
    assert len(pages) == 3 and all(routing_of(p)["from"] == "NL/MS1" for p in pages)
