"""Parties register with the hub through the normal credentials handshake; the hub reports
itself as HUB alone, and serves the configuration modules itself, without routing headers."""

from __future__ import annotations

from ocpi_conformance.party.hub import offered_endpoints
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import OcpiClient

from .conftest import FAST, Net, header, response_header, routing_of


def test_each_party_registers_with_its_own_token_a(net: Net) -> None:
    hub = net.start_hub()
    cpo = net.party("CPO", "CPO")
    emsp = net.party("EMSP", "MS1")
    assert cpo.token_c != emsp.token_c
    statuses = {
        (i["country_code"], i["party_id"], i["role"]): i["status"] for i in hub.client_infos()
    }
    assert statuses == {("NL", "CPO", "CPO"): "CONNECTED", ("NL", "MS1", "EMSP"): "CONNECTED"}
    # the hub called each back with the token B it was given, without routing headers
    for seat in (cpo, emsp):
        callbacks = [e for e in seat.inbound() if e.url.endswith(("/versions", "/2.2.1"))]
        assert [e.method for e in callbacks] == ["GET", "GET"]
        assert all(routing_of(e) == {"to": None, "from": None} for e in callbacks)
    # a token A registers once
    again = OcpiClient("token-a-CPO-0-for-the-hub", limits=FAST)
    with again:
        assert again.get(hub.state.versions_url).status == 401


def test_the_hub_reports_itself_as_hub_only(net: Net) -> None:
    net.start_hub()
    net.party("CPO", "CPO")
    emsp = net.party("EMSP", "MS1")
    with emsp.client() as client:
        reply = client.get(f"{emsp.hub_url}/ocpi/2.2.1/credentials", module="credentials")
    assert reply.status_code == 1000
    assert [(r["role"], r["country_code"], r["party_id"]) for r in reply.data["roles"]] == [
        ("HUB", "NL", "HUB")
    ]
    registration = emsp.state.registrations()[0]
    assert [r["role"] for r in registration.roles] == ["HUB"]


def test_fault_hub_reports_connected_parties(net: Net) -> None:
    net.start_hub(faults=("hub_reports_connected_parties",))
    net.party("CPO", "CPO")
    emsp = net.party("EMSP", "MS1")
    with emsp.client() as client:
        reply = client.get(f"{emsp.hub_url}/ocpi/2.2.1/credentials", module="credentials")
    assert {r["role"] for r in reply.data["roles"]} == {"HUB", "CPO", "EMSP"}


def test_one_registration_carries_several_parties(net: Net) -> None:
    hub = net.start_hub()
    roles = [
        {"role": "CPO", "party_id": "PCP", "country_code": "BE", "business_details": {"name": "P"}},
        {
            "role": "EMSP",
            "party_id": "PMS",
            "country_code": "BE",
            "business_details": {"name": "P"},
        },
    ]
    net.party("EMSP", "PMS", "BE", roles=roles)
    infos = {(i["party_id"], i["role"], i["status"]) for i in hub.client_infos()}
    assert infos == {("PCP", "CPO", "CONNECTED"), ("PMS", "EMSP", "CONNECTED")}


def test_the_hub_speaks_2_2_1_and_publishes_every_interface(net: Net) -> None:
    hub = net.start_hub()
    cpo = net.party("CPO", "CPO")
    with cpo.client() as client:
        versions = client.get(hub.state.versions_url, module="versions")
        details = client.get(hub.state.details_url_for("2.2.1"), module="versions")
    assert [v["version"] for v in versions.data] == ["2.2.1"]
    published = {(e["identifier"], e["role"]) for e in details.data["endpoints"]}
    assert published == {(e["identifier"], e["role"]) for e in offered_endpoints(hub)}
    modules = spec_version("2.2.1").modules
    for module in ("locations", "sessions", "cdrs", "tariffs", "tokens", "commands"):
        assert {(module, i.role) for i in modules[module].interfaces} <= published
    assert ("hubclientinfo", "SENDER") in published
    assert ("hubclientinfo", "RECEIVER") not in published
    for answer in (versions, details):  # configuration modules: no routing headers
        assert answer.header("OCPI-to-party-id") is None
        assert answer.header("OCPI-from-party-id") is None


def test_token_a_opens_the_configuration_modules_only(net: Net) -> None:
    hub = net.start_hub()
    hub.add_token_a("a-token-a-not-used-yet")
    with OcpiClient("a-token-a-not-used-yet", limits=FAST) as client:
        assert client.get(hub.state.versions_url).status == 200
        listed = client.get(f"{hub.state.base_url}/ocpi/2.2.1/sender/locations", module="locations")
    assert listed.status == 401


def test_fault_hub_routes_configuration(net: Net) -> None:
    net.start_hub(faults=("hub_routes_configuration",))
    net.party("CPO", "CPO")
    emsp = net.party("EMSP", "MS1")
    with emsp.client() as client:
        reply = client.get(f"{emsp.hub_url}/ocpi/versions", module="versions")
    assert reply.header("OCPI-from-party-id") == "HUB"
    assert reply.header("OCPI-to-party-id") == "MS1"
    net.settle()
    pushes = [e for e in emsp.received("hubclientinfo", "PUT")]
    assert pushes and all(header(e, "OCPI-from-party-id") == "HUB" for e in pushes)


def test_unregistering_suspends_the_party(net: Net) -> None:
    hub = net.start_hub()
    cpo = net.party("CPO", "CPO")
    with cpo.client() as client:
        reply = client.request(
            "DELETE", f"{cpo.hub_url}/ocpi/2.2.1/credentials", module="credentials"
        )
    assert reply.status_code == 1000
    assert [(i["party_id"], i["status"]) for i in hub.client_infos()] == [("CPO", "SUSPENDED")]
    assert response_header(reply.exchange, "OCPI-to-party-id") is None
