"""The hub as HubClientInfo Sender (mod_hub_client_info.asciidoc): the paginated list of every
ClientInfo, the pushes of every change to the parties' Receivers, and the still-alive check of
a quiet party's versions endpoint."""

from __future__ import annotations

import json
import time

from .conftest import Net, Seat, routing_of, wait_until


def _pushed(seat: Seat, since: float = 0.0) -> list[tuple[str, str]]:
    """(party_id, status) of each ClientInfo PUT to this party, in order."""
    return [
        (body["party_id"], body["status"])
        for e in seat.received("hubclientinfo", "PUT", since)
        if isinstance(body := json.loads(e.request_body or "{}"), dict)
    ]


def test_the_list_holds_every_party_paginated(net: Net) -> None:
    hub = net.start_hub()
    emsp = net.party("EMSP", "MS1")
    net.party("CPO", "CPO")
    net.party("EMSP", "MS2", "DE")
    hub.plan("OTHER", "NL", "PLN")
    with emsp.client() as client:
        walk = client.walk(
            emsp.hub_endpoint("hubclientinfo", "SENDER"),
            module="hubclientinfo",
            params={"limit": 1},
        )
    assert walk.stopped is None and len(walk.pages) == 4
    assert [(i["party_id"], i["role"], i["status"]) for i in walk.items] == [
        ("MS1", "EMSP", "CONNECTED"),
        ("CPO", "CPO", "CONNECTED"),
        ("MS2", "EMSP", "CONNECTED"),
        ("PLN", "OTHER", "PLANNED"),
    ]
    assert all(p.header("OCPI-to-party-id") is None for p in walk.pages)  # not routed
    assert walk.pages[0].header("X-Total-Count") == "4"


def test_fault_hub_client_info_limit_ignored(net: Net) -> None:
    net.start_hub(faults=("hub_client_info_limit_ignored",))
    emsp = net.party("EMSP", "MS1")
    net.party("CPO", "CPO")
    with emsp.client() as client:
        page = client.get(
            emsp.hub_endpoint("hubclientinfo", "SENDER"),
            module="hubclientinfo",
            params={"limit": 1},
        )
    assert len(page.data) == 2


def test_changes_are_pushed_to_the_other_parties(net: Net) -> None:
    hub = net.start_hub()
    emsp = net.party("EMSP", "MS1")
    cpo = net.party("CPO", "CPO")
    assert wait_until(lambda: _pushed(emsp) == [("CPO", "CONNECTED")])
    assert wait_until(lambda: _pushed(cpo) == [("MS1", "CONNECTED")])  # what came before it
    pushes = emsp.received("hubclientinfo", "PUT")
    assert pushes[0].url.endswith("/receiver/hubclientinfo/NL/CPO")
    assert routing_of(pushes[0]) == {"to": None, "from": None}
    since = time.time()
    with cpo.client() as client:
        client.request("DELETE", f"{cpo.hub_url}/ocpi/2.2.1/credentials", module="credentials")
    assert wait_until(lambda: _pushed(emsp, since) == [("CPO", "SUSPENDED")])
    since = time.time()
    hub.plan("CPO", "NL", "NEW")
    assert wait_until(lambda: _pushed(emsp, since) == [("NEW", "PLANNED")])
    assert [i["status"] for i in hub.client_infos() if i["party_id"] == "CPO"] == ["SUSPENDED"]


def test_fault_hub_no_client_info_push(net: Net) -> None:
    net.start_hub(faults=("hub_no_client_info_push",))
    emsp = net.party("EMSP", "MS1")
    net.party("CPO", "CPO")
    net.settle()
    assert _pushed(emsp) == []


def test_a_quiet_party_is_checked_and_goes_offline_and_back(net: Net) -> None:
    hub = net.start_hub(alive_interval_s=0.4)
    emsp = net.party("EMSP", "MS1")
    cpo = net.party("CPO", "CPO")

    def checks() -> list:
        return [e for e in cpo.received("versions", "GET") if e.url.endswith("/ocpi/versions")]

    # the registration's callback, then a still-alive check once the CPO was quiet long enough
    assert wait_until(lambda: len(checks()) >= 2, 3.0)
    assert routing_of(checks()[-1]) == {"to": None, "from": None}
    since = time.time()
    cpo.switch.versions_down = True
    assert wait_until(lambda: ("CPO", "OFFLINE") in _pushed(emsp, since), 4.0)
    assert [i["status"] for i in hub.client_infos() if i["party_id"] == "CPO"] == ["OFFLINE"]
    since = time.time()
    cpo.switch.versions_down = False
    assert wait_until(lambda: ("CPO", "CONNECTED") in _pushed(emsp, since), 4.0)


def test_the_check_runs_on_demand(net: Net) -> None:
    hub = net.start_hub()
    cpo = net.party("CPO", "CPO")
    cpo.switch.versions_down = True
    with cpo.client() as client:  # POST /sandbox/alive: the sandbox's trigger
        reply = client.request("POST", f"{cpo.hub_url}/sandbox/alive")
    assert reply.data == {"checked": 1}
    assert [i["status"] for i in hub.client_infos()] == ["OFFLINE"]


def test_fault_hub_no_alive_check(net: Net) -> None:
    hub = net.start_hub(faults=("hub_no_alive_check",), alive_interval_s=0.2)
    cpo = net.party("CPO", "CPO")
    cpo.switch.versions_down = True
    since = time.time()
    time.sleep(0.8)
    assert hub.check_alive() == 0
    assert not [e for e in cpo.received("versions", "GET", since)]
    assert [i["status"] for i in hub.client_infos()] == ["CONNECTED"]
