"""The Locations module (mod_locations.asciidoc) for the party: a CPO serves the Sender
interface from its seeded Locations, an eMSP the Receiver interface from what is pushed to it,
in every OCPI version the party speaks, each version with its own Locations.

`SERVICES` plugs both into the party (see `party.service`); `store(state, version)` is the
party's Locations of one version, for the harness to read what a target pushed or to change
what it serves. The 2.2.1 Locations come from `seed.py`, written for that version's models;
another version's from its fixtures (`fixture_seed.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from ocpi_conformance.party.locations import receiver, sender
from ocpi_conformance.party.locations.held import store
from ocpi_conformance.party.locations.seed import seed_locations
from ocpi_conformance.party.locations.store import LocationStore
from ocpi_conformance.party.service import Call, Handler, Outcome, Service
from ocpi_conformance.party.speaks import SPOKEN

MODULE = "locations"


def _on_store(handler: Callable[[Call, LocationStore], Outcome]) -> Handler:
    def run(call: Call) -> Outcome:
        return handler(call, store(call.state, call.number))

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
        versions=SPOKEN,
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
        versions=SPOKEN,
    ),
)

__all__ = ["SERVICES", "LocationStore", "seed_locations", "store"]
