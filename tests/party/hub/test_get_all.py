"""GET All via the hub (transport_and_format_get_all_via_hubs): a Sender list addressed to the
hub is the objects broadcast to it by every connected party, one paginated list (the hub's own
Link), each object naming its owner, last_updated as it was pushed."""

from __future__ import annotations

from ocpi_conformance.party import locations

from .conftest import Net, Seat
from .test_open_routing import _broadcast_locations


def _owners(items: list[dict]) -> list[tuple[str, str]]:
    return [(i["party_id"], i["id"]) for i in items]


def _get_all(emsp: Seat, **params: object):
    with emsp.client(to=("NL", "HUB")) as client:
        return client.walk(
            emsp.hub_endpoint("locations", "SENDER"), module="locations", params=params
        )


def test_get_all_merges_every_connected_partys_objects(net: Net) -> None:
    net.start_hub()
    cpo1, cpo2 = net.party("CPO", "CPO"), net.party("CPO", "CP2")
    emsp = net.party("EMSP", "MS1")
    _broadcast_locations(cpo1, 3)
    _broadcast_locations(cpo2, 2)
    walk = _get_all(emsp, limit=2)
    assert walk.stopped is None and len(walk.pages) == 3
    assert _owners(walk.items) == [
        ("CPO", "LOC-0001"),
        ("CPO", "LOC-0002"),
        ("CPO", "LOC-0003"),
        ("CP2", "LOC-0001"),
        ("CP2", "LOC-0002"),
    ]
    pushed = locations.store(cpo1.state, "2.2.1").all()[:3]
    assert walk.items[:3] == pushed  # last_updated and all, as broadcast
    first = walk.pages[0]
    assert first.header("X-Total-Count") == "5" and first.header("X-Limit") == "2"
    assert (first.next_link() or "").startswith(emsp.hub_endpoint("locations", "SENDER"))
    assert first.header("OCPI-from-party-id") == "HUB" and first.header("OCPI-to-party-id") == "MS1"
    # the hub answered itself: neither CPO was asked
    assert not cpo1.received("locations", "GET") and not cpo2.received("locations", "GET")


def test_get_all_lists_connected_owners_only(net: Net) -> None:
    hub = net.start_hub()
    cpo1, cpo2 = net.party("CPO", "CPO"), net.party("CPO", "CP2")
    emsp = net.party("EMSP", "MS1")
    _broadcast_locations(cpo1, 2)
    _broadcast_locations(cpo2, 2)
    hub.set_status("NL", "CP2", "OFFLINE")
    assert {owner for owner, _ in _owners(_get_all(emsp).items)} == {"CPO"}


def test_fault_hub_get_all_one_party(net: Net) -> None:
    net.start_hub(faults=("hub_get_all_one_party",))
    cpo1, cpo2 = net.party("CPO", "CPO"), net.party("CPO", "CP2")
    emsp = net.party("EMSP", "MS1")
    _broadcast_locations(cpo1, 2)
    _broadcast_locations(cpo2, 2)
    assert {owner for owner, _ in _owners(_get_all(emsp).items)} == {"CPO"}


def test_fault_hub_get_all_link_wrong(net: Net) -> None:
    net.start_hub(faults=("hub_get_all_link_wrong",))
    cpo1, cpo2 = net.party("CPO", "CPO"), net.party("CPO", "CP2")
    emsp = net.party("EMSP", "MS1")
    _broadcast_locations(cpo1, 2)
    _broadcast_locations(cpo2, 2)
    walk = _get_all(emsp, limit=2)
    assert walk.stopped is not None and "already fetched" in walk.stopped
