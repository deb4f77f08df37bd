"""Broadcast Push (transport_and_format_message_routing_broadcast_push): a push addressed to the
hub reaches every connected party of the opposite role that publishes the interface (OTHER is an
eMSP type: a CPO's broadcast reaches it, its own reaches CPOs only), never the sender's own party
ids, with the hub in OCPI-from-* and the original owner in the URL; GET is never broadcast; the
receivers' errors are not forwarded."""

from __future__ import annotations

import json
import time
from typing import Any

from ocpi_conformance.party import Identity, lists, locations
from ocpi_conformance.party.locations.seed import seed_location
from ocpi_conformance.transport.client import PartyId, object_url

from .conftest import Net, Seat, header, routing_of


def _role(role: str, party_id: str, country_code: str = "NL") -> dict[str, Any]:
    return {
        "role": role,
        "party_id": party_id,
        "country_code": country_code,
        "business_details": {"name": f"Test {role} {party_id}"},
    }


def _broadcast_location(cpo: Seat, location: dict[str, Any] | None = None, sender: str = "CPO"):
    location = location or locations.store(cpo.state, "2.2.1").all()[0]
    url = object_url(cpo.hub_endpoint("locations", "RECEIVER"), "NL", sender, location["id"])
    with cpo.client(to=("NL", "HUB")) as client:
        return client.request(
            "PUT",
            url,
            module="locations",
            json_body=location,
            headers={"X-Correlation-ID": "corr-broadcast-1"},
        )


def _broadcast_token(seat: Seat, party_id: str):
    token = {**lists.stored(seat.state, "tokens", "2.2.1")[0], "party_id": party_id}
    url = object_url(seat.hub_endpoint("tokens", "RECEIVER"), "NL", party_id, token["uid"])
    with seat.client(to=("NL", "HUB")) as client:
        return client.request(
            "PUT", url, module="tokens", json_body=token, params={"type": token["type"]}
        )


def test_a_cpo_broadcast_reaches_every_emsp_and_other(net: Net) -> None:
    net.start_hub()
    cpo = net.party("CPO", "CPO")
    emsp1, emsp2 = net.party("EMSP", "MS1"), net.party("EMSP", "MS2", "DE")
    other = net.party("EMSP", "OTH", roles=[_role("OTHER", "OTH")])
    since = time.time()
    location = locations.store(cpo.state, "2.2.1").all()[0]
    reply = _broadcast_location(cpo, location)
    assert (reply.status, reply.status_code) == (200, 1000)
    assert reply.header("OCPI-to-party-id") == "CPO" and reply.header("OCPI-from-party-id") == "HUB"
    for seat, party in ((emsp1, "NL/MS1"), (emsp2, "DE/MS2"), (other, "NL/OTH")):
        [received] = seat.received("locations", "PUT", since)
        assert received.url.endswith("/receiver/locations/NL/CPO/LOC-0001")  # the owner's
        assert routing_of(received) == {"to": party, "from": "NL/HUB"}
        assert json.loads(received.request_body or "") == location
        assert header(received, "X-Correlation-ID") == "corr-broadcast-1"
    assert not cpo.inbound(since, "locations")
    legs = [e for s in (emsp1, emsp2, other) for e in s.inbound(since, "locations")]
    ids = {header(e, "X-Request-ID") for e in legs}
    assert len(ids) == 3 and reply.header("X-Request-ID") not in ids


def test_fault_hub_broadcast_skips_other(net: Net) -> None:
    net.start_hub(faults=("hub_broadcast_skips_other",))
    cpo = net.party("CPO", "CPO")
    emsp = net.party("EMSP", "MS1")
    other = net.party("EMSP", "OTH", roles=[_role("OTHER", "OTH")])
    since = time.time()
    _broadcast_location(cpo)
    assert emsp.received("locations", "PUT", since)
    assert not other.received("locations", "PUT", since)


def test_an_emsp_or_other_broadcast_reaches_cpos_only(net: Net) -> None:
    net.start_hub()
    cpo = net.party("CPO", "CPO")
    emsp = net.party("EMSP", "MS1")
    # a server taking Tokens (a CPO's) registered as an eMSP: the role decides, not the server
    tokens_emsp = net.party("CPO", "MSX", roles=[_role("EMSP", "MSX")])
    other = net.party("EMSP", "OTH", roles=[_role("OTHER", "OTH")])
    for sender, party_id in ((emsp, "MS1"), (other, "OTH")):
        since = time.time()
        assert _broadcast_token(sender, party_id).status_code == 1000
        [received] = cpo.received("tokens", "PUT", since)
        assert routing_of(received) == {"to": "NL/CPO", "from": "NL/HUB"}
        assert f"/receiver/tokens/NL/{party_id}/" in received.url
        assert not tokens_emsp.received("tokens", "PUT", since)


def test_fault_hub_other_broadcast_to_emsp(net: Net) -> None:
    net.start_hub(faults=("hub_other_broadcast_to_emsp",))
    cpo = net.party("CPO", "CPO")
    tokens_emsp = net.party("CPO", "MSX", roles=[_role("EMSP", "MSX")])
    other = net.party("EMSP", "OTH", roles=[_role("OTHER", "OTH")])
    since = time.time()
    _broadcast_token(other, "OTH")
    assert cpo.received("tokens", "PUT", since)
    assert tokens_emsp.received("tokens", "PUT", since)


def test_a_broadcast_never_reaches_the_senders_platform(net: Net) -> None:
    net.start_hub()
    emsp = net.party("EMSP", "MS1")
    platform = net.party("EMSP", "PMS", roles=[_role("CPO", "PCP"), _role("EMSP", "PMS")])
    since = time.time()
    cpo_location = {**_seeded_location(), "country_code": "NL", "party_id": "PCP"}
    url = object_url(platform.hub_endpoint("locations", "RECEIVER"), "NL", "PCP", "LOC-0001")
    with platform.client(to=("NL", "HUB"), from_party=_party("PCP")) as client:
        reply = client.request("PUT", url, module="locations", json_body=cpo_location)
    assert reply.status_code == 1000
    assert emsp.received("locations", "PUT", since)
    assert not platform.received("locations", "PUT", since)


def test_fault_hub_broadcast_to_sender(net: Net) -> None:
    net.start_hub(faults=("hub_broadcast_to_sender",))
    net.party("EMSP", "MS1")
    platform = net.party("EMSP", "PMS", roles=[_role("CPO", "PCP"), _role("EMSP", "PMS")])
    since = time.time()
    body = {**_seeded_location(), "country_code": "NL", "party_id": "PCP"}
    url = object_url(platform.hub_endpoint("locations", "RECEIVER"), "NL", "PCP", "LOC-0001")
    with platform.client(to=("NL", "HUB"), from_party=_party("PCP")) as client:
        client.request("PUT", url, module="locations", json_body=body)
    assert platform.received("locations", "PUT", since)


def _seeded_location() -> dict[str, Any]:
    """A Location of the platform's CPO party."""
    return seed_location(Identity("CPO", "NL", "PCP", "platform"), 0)


def _party(party_id: str) -> PartyId:
    return PartyId("NL", party_id)


def test_receivers_errors_are_not_forwarded(net: Net) -> None:
    net.start_hub()
    cpo, emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    broken = {
        k: v for k, v in locations.store(cpo.state, "2.2.1").all()[0].items() if k != "address"
    }
    since = time.time()
    reply = _broadcast_location(cpo, broken)
    [received] = emsp.received("locations", "PUT", since)
    assert '"status_code": 2001' in (received.response_body or "")
    assert reply.status_code == 1000


def test_fault_hub_broadcast_error_forwarded(net: Net) -> None:
    net.start_hub(faults=("hub_broadcast_error_forwarded",))
    cpo, _emsp = net.party("CPO", "CPO"), net.party("EMSP", "MS1")
    broken = {
        k: v for k, v in locations.store(cpo.state, "2.2.1").all()[0].items() if k != "address"
    }
    assert _broadcast_location(cpo, broken).status_code == 2001


def test_a_get_is_never_broadcast(net: Net) -> None:
    net.start_hub()
    cpo1, cpo2 = net.party("CPO", "CPO"), net.party("CPO", "CP2")
    emsp = net.party("EMSP", "MS1")
    url = object_url(emsp.hub_endpoint("locations", "SENDER"), "LOC-0001")
    since = time.time()
    with emsp.client(to=("NL", "HUB")) as client:
        reply = client.get(url, module="locations")
    assert reply.status_code == 4001  # no owner known: nobody to ask
    assert not cpo1.inbound(since, "locations") and not cpo2.inbound(since, "locations")
    _broadcast_location(cpo1)  # now the hub knows whose LOC-0001 is
    since = time.time()
    with emsp.client(to=("NL", "HUB")) as client:
        reply = client.get(url, module="locations")
    assert reply.status_code == 1000 and reply.data["id"] == "LOC-0001"
    [asked] = cpo1.received("locations", "GET", since)
    assert routing_of(asked) == {"to": "NL/CPO", "from": "NL/MS1"}
    assert not cpo2.inbound(since, "locations")


def test_fault_hub_broadcasts_get(net: Net) -> None:
    net.start_hub(faults=("hub_broadcasts_get",))
    cpo1, cpo2 = net.party("CPO", "CPO"), net.party("CPO", "CP2")
    emsp = net.party("EMSP", "MS1")
    url = object_url(emsp.hub_endpoint("locations", "SENDER"), "LOC-0001")
    since = time.time()
    with emsp.client(to=("NL", "HUB")) as client:
        client.get(url, module="locations")
    assert cpo1.received("locations", "GET", since) and cpo2.received("locations", "GET", since)


def test_an_offline_party_is_not_reached(net: Net) -> None:
    hub = net.start_hub()
    cpo = net.party("CPO", "CPO")
    emsp1, emsp2 = net.party("EMSP", "MS1"), net.party("EMSP", "MS2", "DE")
    hub.set_status("DE", "MS2", "OFFLINE")
    since = time.time()
    _broadcast_location(cpo)
    assert emsp1.received("locations", "PUT", since)
    assert not emsp2.received("locations", "PUT", since)


def test_a_delete_is_broadcast(net: Net) -> None:
    net.start_hub()
    cpo = net.party("CPO", "CPO")
    emsp1, emsp2 = net.party("EMSP", "MS1"), net.party("EMSP", "MS2", "DE")
    tariff = lists.stored(cpo.state, "tariffs", "2.2.1")[0]
    url = object_url(cpo.hub_endpoint("tariffs", "RECEIVER"), "NL", "CPO", tariff["id"])
    since = time.time()
    with cpo.client(to=("NL", "HUB")) as client:
        assert client.request("PUT", url, module="tariffs", json_body=tariff).status_code == 1000
        assert client.request("DELETE", url, module="tariffs").status_code == 1000
    for seat in (emsp1, emsp2):
        assert [e.status for e in seat.inbound(since, "tariffs")] == [201, 200]
