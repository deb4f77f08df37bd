"""The Locations module (mod_locations.asciidoc) for the party: a CPO serves the Sender
interface from its seeded Locations, an eMSP the Receiver interface from what is pushed to it.

`SERVICES` plugs both into the party (see `party.service`); `store(state)` is the party's
Locations, for the harness to read what a target pushed or to change what it serves.
"""

from __future__ import annotations

from collections.abc import Callable

from ocpi_conformance.party.choices import choice
from ocpi_conformance.party.locations import receiver, sender
from ocpi_conformance.party.locations.seed import seed_locations
from ocpi_conformance.party.locations.store import LocationStore
from ocpi_conformance.party.service import Call, Handler, Outcome, Service
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.spec.v2_2_1.modules import MODULES

MODULE = "locations"


ERRATUM_LENGTHS = choice(
    "erratum_lengths",
    "its first Location has an address of 200 characters and a state of 40, as the 2.2.1 "
    "erratum allows (string(255), string(45))",
    "mod_locations.asciidoc#mod_locations_location_object (branch release-2.2.1-bugfixes, "
    "96baa5d): 'Earlier releases ... mistakenly gave maximum lengths of 45 and 20'",
    roles=("cpo",),
)


def _create(state: PartyState) -> LocationStore:
    """Seeded with the party's own Locations when it serves them (a CPO), else empty."""
    serves = state.identity.role in MODULES[MODULE].interface("SENDER").implemented_by
    seeded = seed_locations(state.identity) if serves else []
    if seeded and ERRATUM_LENGTHS in state.choices:
        seeded[0] = {**seeded[0], "address": "Stationsstraat " + "1" * 185, "state": "S" * 40}
    return LocationStore(seeded)


def store(state: PartyState) -> LocationStore:
    return state.store(MODULE, _create)


def _on_store(handler: Callable[[Call, LocationStore], Outcome]) -> Handler:
    def run(call: Call) -> Outcome:
        return handler(call, store(call.state))

    return run


SERVICES = (
    Service(
        MODULE,
        "SENDER",
        {
            "get_list": _on_store(sender.get_list),
            "get_location": _on_store(sender.get_object),
            "get_evse": _on_store(sender.get_object),
            "get_connector": _on_store(sender.get_object),
        },
    ),
    Service(
        MODULE,
        "RECEIVER",
        {
            "get_location": _on_store(receiver.get_object),
            "get_evse": _on_store(receiver.get_object),
            "get_connector": _on_store(receiver.get_object),
            "put_location": _on_store(receiver.put),
            "put_evse": _on_store(receiver.put),
            "put_connector": _on_store(receiver.put),
            "patch_location": _on_store(receiver.patch),
            "patch_evse": _on_store(receiver.patch),
            "patch_connector": _on_store(receiver.patch),
        },
    ),
)

__all__ = ["SERVICES", "LocationStore", "seed_locations", "store"]
