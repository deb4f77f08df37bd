"""A party serving one Locations interface to a registered caller, and the calls tests make."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ocpi_conformance.party import PartyState
from ocpi_conformance.party.locations import seed_locations
from ocpi_conformance.party.locations.fixture_seed import seed_from_fixtures
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.transport.client import OcpiClient, Reply

from .conftest import IDENTITIES, RunningParty, Start

TOKEN_C = "party-test-token-c-locations"
CPO = IDENTITIES["CPO"]  # owns the seeded Locations, and those pushed to an eMSP
SEED = seed_locations(CPO)  # what a CPO party with CPO's identity serves (conftest's CPO)
SEED_211 = seed_from_fixtures(CPO, "2.1.1")  # and in 2.1.1
NEW = "2025-06-01T12:00:00Z"  # newer than every seeded last_updated


@dataclass
class Locations:
    """The Locations interface of a served party, called with a registered token."""

    party: RunningParty
    client: OcpiClient
    url: str

    @property
    def state(self) -> PartyState:
        return self.party.state

    def get(self, path: str = "", **params: Any) -> Reply:
        return self.client.get(self.url + path, module="locations", params=params)

    def put(self, path: str, body: Any) -> Reply:
        return self.client.request("PUT", self.url + path, module="locations", json_body=body)

    def patch(self, path: str, body: Any) -> Reply:
        return self.client.request("PATCH", self.url + path, module="locations", json_body=body)


def serve_locations(start: Start, role: str, faults: tuple[str, ...] = ()) -> Locations:
    """A CPO serves the Sender interface, an eMSP the Receiver; the caller is registered."""
    party = start(role, faults=faults, token_a=None)
    party.state.accept_token(TOKEN_C, label="token C")
    interface = "SENDER" if role == "CPO" else "RECEIVER"
    url = functional_url(party.state, "locations", interface)
    return Locations(party, party.client(TOKEN_C), url)


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def answered(reply: Reply, http: int, code: int) -> None:
    """The reply has this HTTP status and OCPI status_code, with a message for an error."""
    assert (reply.status, reply.status_code) == (http, code), reply.text
    if code >= 2000:
        assert reply.json.get("status_message"), "an error says why"


LOCATION = SEED[0]  # name, directions, facilities, opening hours, an energy mix, one EVSE
PATH = f"/NL/CPO/{LOCATION['id']}"


def pushed(start: Start, faults: tuple[str, ...] = ()) -> Locations:
    """An eMSP party holding LOCATION, pushed by PUT."""
    receiver = serve_locations(start, "EMSP", faults)
    answered(receiver.put(PATH, LOCATION), 201, 1000)
    return receiver
