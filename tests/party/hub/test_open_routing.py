"""Open routing (transport_and_format_message_routing_open_routing_request): with no OCPI-to-*
the hub routes by the owner the URL names, else by the owner of the object the URL or body
names; a push with no destination is broadcast, a GET with none gets 4001. Results of commands
come back through the hub (the response_url it relays)."""

from __future__ import annotations

import copy
import time

from ocpi_conformance.party import commands, lists, locations
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.transport.client import object_url

from .conftest import Net, Seat, routing_of, wait_until


def _broadcast_locations(cpo: Seat, count: int = 1) -> None:
    with cpo.client(to=("NL", "HUB")) as client:
        for location in locations.store(cpo.state, "2.2.1").all()[:count]:
            url = object_url(
                cpo.hub_endpoint("locations", "RECEIVER"), "NL", cpo.key[1], location["id"]
            )
            assert client.request("PUT", url, module="locations", json_body=location).ok


def test_a_get_goes_to_the_owner_of_the_object(net: Net) -> None:
    net.start_hub()
    cpo1, cpo2 = net.party("CPO", "CPO"), net.party("CPO", "CP2")
    emsp = net.party("EMSP", "MS1")
    _broadcast_locations(cpo2)
    since = time.time()
    with emsp.client() as client:  # no OCPI-to-*
        reply = client.get(
            object_url(emsp.hub_endpoint("locations", "SENDER"), "LOC-0001"), module="locations"
        )
    assert reply.status_code == 1000 and reply.data["party_id"] == "CP2"
    [asked] = cpo2.received("locations", "GET", since)
    assert routing_of(asked) == {"to": "NL/CP2", "from": "NL/MS1"}
    assert not cpo1.inbound(since, "locations")
    assert reply.header("OCPI-from-party-id") == "CP2" and reply.header("OCPI-to-party-id") == "MS1"


def test_a_request_goes_to_the_owner_its_url_names(net: Net) -> None:
    net.start_hub()
    emsp1, emsp2 = net.party("EMSP", "MS1"), net.party("EMSP", "MS2", "DE")
    since = time.time()
    url = object_url(emsp2.hub_endpoint("tariffs", "RECEIVER"), "NL", "MS1", "T-1")
    with emsp2.client() as client:
        reply = client.get(url, module="tariffs")
    assert (reply.status, reply.status_code) == (404, 2000)  # MS1's answer: it has no such Tariff
    [asked] = emsp1.received("tariffs", "GET", since)
    assert routing_of(asked) == {"to": "NL/MS1", "from": "DE/MS2"}


def test_a_push_of_its_own_object_is_broadcast(net: Net) -> None:
    net.start_hub()
    cpo = net.party("CPO", "CPO")
    emsp1, emsp2 = net.party("EMSP", "MS1"), net.party("EMSP", "MS2", "DE")
    since = time.time()
    tariff = lists.stored(cpo.state, "tariffs", "2.2.1")[0]
    url = object_url(cpo.hub_endpoint("tariffs", "RECEIVER"), "NL", "CPO", tariff["id"])
    with cpo.client() as client:
        assert client.request("PUT", url, module="tariffs", json_body=tariff).status_code == 1000
    for seat, party in ((emsp1, "NL/MS1"), (emsp2, "DE/MS2")):
        [received] = seat.received("tariffs", "PUT", since)
        assert routing_of(received) == {"to": party, "from": "NL/CPO"}


def test_a_get_with_no_destination_is_4001(net: Net) -> None:
    net.start_hub()
    net.party("CPO", "CPO")
    emsp = net.party("EMSP", "MS1")
    with emsp.client() as client:
        reply = client.get(
            object_url(emsp.hub_endpoint("locations", "SENDER"), "NOWHERE"), module="locations"
        )
    assert reply.status_code == 4001


def test_a_command_reaches_the_locations_owner_and_its_result_comes_back(net: Net) -> None:
    net.start_hub()
    cpo = net.party("CPO", "CPO")
    emsp = net.party("EMSP", "MS1")
    _broadcast_locations(cpo)
    location = locations.store(cpo.state, "2.2.1").all()[0]
    evse = location["evses"][0]
    own_url = functional_url(emsp.state, "commands", "SENDER", "2.2.1")
    body = {
        "response_url": f"{own_url}/START_SESSION/ref-1",
        "token": copy.deepcopy(lists.stored(emsp.state, "tokens", "2.2.1")[0]),
        "location_id": location["id"],
        "evse_uid": evse["uid"],
        "connector_id": evse["connectors"][0]["id"],
    }
    with emsp.client() as client:  # no OCPI-to-*: the Location's owner is asked
        reply = client.request(
            "POST",
            object_url(emsp.hub_endpoint("commands", "RECEIVER"), "START_SESSION"),
            module="commands",
            json_body=body,
        )
    assert reply.status_code == 1000 and reply.data["result"] == "ACCEPTED"
    [(_, received)] = commands.log(cpo.state, "2.2.1").received
    relay = received["response_url"]
    assert relay.startswith(f"{emsp.hub_url}/ocpi/2.2.1/sender/commands/")  # the hub's
    assert {k: v for k, v in received.items() if k != "response_url"} == {
        k: v for k, v in body.items() if k != "response_url"
    }
    delivered = commands.log(emsp.state, "2.2.1").delivered
    assert wait_until(lambda: bool(delivered))
    assert delivered[0][0] == "START_SESSION/ref-1" and delivered[0][1]["result"] == "ACCEPTED"
    [result] = emsp.received("commands", "POST")
    assert routing_of(result) == {"to": "NL/MS1", "from": "NL/CPO"}


def test_a_result_url_is_called_on_a_registered_origin_only(net: Net) -> None:
    hub = net.start_hub()
    cpo = net.party("CPO", "CPO")
    emsp = net.party("EMSP", "MS1")
    _broadcast_locations(cpo)
    location = locations.store(cpo.state, "2.2.1").all()[0]
    evse = location["evses"][0]
    elsewhere = f"http://127.0.0.2:{emsp.server.port}/ocpi/2.2.1/sender/commands/START_SESSION/x"
    body = {
        "response_url": elsewhere,
        "token": copy.deepcopy(lists.stored(emsp.state, "tokens", "2.2.1")[0]),
        "location_id": location["id"],
        "evse_uid": evse["uid"],
        "connector_id": evse["connectors"][0]["id"],
    }
    with emsp.client(to=cpo.key) as client:
        url = object_url(emsp.hub_endpoint("commands", "RECEIVER"), "START_SESSION")
        assert client.request("POST", url, module="commands", json_body=body).status_code == 1000
    results = commands.log(cpo.state, "2.2.1").results
    assert wait_until(lambda: bool(results))
    assert results[0][2] == 200  # the hub answered the CPO: its 4000
    [answer] = [e for e in hub.state.log.all() if e.direction == "inbound" and "relay" in e.url]
    assert '"status_code": 4000' in (answer.response_body or "")
    refused = [e for e in hub.state.log.all() if e.url.startswith("http://127.0.0.2")]
    assert refused and all((e.error or "").startswith("refused") for e in refused)
