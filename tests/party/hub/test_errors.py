"""The hub's own errors (status_codes_4xxx_hub_errors): 4001 for an unknown receiver, 4003 for
one that is not connected, 4002 for one that does not answer within the forward timeout; and
an OCPI-from-* that is not the caller's."""

from __future__ import annotations

import socket
import time

from ocpi_conformance.transport.client import Limits, object_url

from .conftest import Net, Seat


def _get_location(emsp: Seat, to: tuple[str, str], **kwargs: object):
    url = object_url(emsp.hub_endpoint("locations", "SENDER"), "LOC-0001")
    with emsp.client(to=to, **kwargs) as client:
        return client.get(url, module="locations")


def test_an_unknown_receiver_is_4001(net: Net) -> None:
    net.start_hub()
    emsp = net.party("EMSP", "MS1")
    reply = _get_location(emsp, ("NL", "XYZ"))
    assert (reply.status, reply.status_code) == (200, 4001)
    assert reply.header("OCPI-to-party-id") == "MS1"
    assert reply.header("OCPI-from-party-id") == "HUB"


def test_fault_hub_unknown_receiver_2003(net: Net) -> None:
    net.start_hub(faults=("hub_unknown_receiver_2003",))
    emsp = net.party("EMSP", "MS1")
    assert _get_location(emsp, ("NL", "XYZ")).status_code == 2003


def test_a_party_that_unregistered_is_4003(net: Net) -> None:
    net.start_hub()
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    assert _get_location(emsp, cpo.key).status_code == 1000
    with cpo.client() as client:
        gone = client.request("DELETE", f"{cpo.hub_url}/ocpi/2.2.1/credentials")
    assert gone.status_code == 1000
    since = time.time()
    assert _get_location(emsp, cpo.key).status_code == 4003
    assert not cpo.received("locations", "GET", since)


def test_an_offline_party_is_4003(net: Net) -> None:
    hub = net.start_hub()
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    hub.set_status("NL", "CPO", "OFFLINE")
    assert _get_location(emsp, cpo.key).status_code == 4003


def test_fault_hub_not_connected_4001(net: Net) -> None:
    hub = net.start_hub(faults=("hub_not_connected_4001",))
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    hub.set_status("NL", "CPO", "OFFLINE")
    assert _get_location(emsp, cpo.key).status_code == 4001


def test_a_refused_connection_is_4003_and_offline(net: Net) -> None:
    hub = net.start_hub()
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    party = hub.directory.find(cpo.key)
    registration = hub.registration_of(party) if party is not None else None
    assert registration is not None
    closed = _closed_port()  # the CPO's server is gone: nothing listens where it was
    registration.endpoints = [
        {**e, "url": str(e["url"]).replace(f":{cpo.server.port}/", f":{closed}/")}
        for e in registration.endpoints
    ]
    assert _get_location(emsp, cpo.key).status_code == 4003
    assert [i["status"] for i in hub.client_infos() if i["party_id"] == "CPO"] == ["OFFLINE"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_silent_receiver_is_4002_within_the_forward_timeout(net: Net) -> None:
    net.start_hub(forward_s=0.5)
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    cpo.switch.delay = 2.0
    started = time.monotonic()
    reply = _get_location(emsp, cpo.key)
    took = time.monotonic() - started
    assert (reply.status, reply.status_code) == (200, 4002)
    assert took < 1.8  # the forward timeout, not the receiver's delay


def test_fault_hub_no_forward_timeout(net: Net) -> None:
    net.start_hub(faults=("hub_no_forward_timeout",), forward_s=0.5)
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    cpo.switch.delay = 1.5
    started = time.monotonic()
    reply = _get_location(emsp, cpo.key)
    assert reply.status_code == 1000  # the late answer, relayed: never 4002
    assert time.monotonic() - started >= 1.5
    cpo.switch.delay = 3.0  # longer than the requester waits: it times out, no 4002 comes
    impatient = Limits(connect_timeout=1.0, read_timeout=1.5, total_timeout=1.5)
    assert _get_location(emsp, cpo.key, limits=impatient).status_code is None


def test_from_must_be_one_of_the_callers_parties(net: Net) -> None:
    net.start_hub()
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    url = object_url(emsp.hub_endpoint("locations", "SENDER"), "LOC-0001")
    with emsp.client(to=cpo.key, from_party=cpo.party) as client:
        reply = client.get(url, module="locations")
    assert reply.status_code == 2001
    assert not cpo.received("locations", "GET")
