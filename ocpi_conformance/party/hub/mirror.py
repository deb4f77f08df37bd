"""What a hub keeps of the objects broadcast through it: the Receiver side of every functional
module, run by the party's own Receiver services on a party state of the hub's, so the objects
are kept (and PATCHes and EVSE/Connector PUTs applied) exactly as a party keeps them.

It serves GET All via the hub ("The Hub can then combine objects from different connected
parties", transport_and_format_get_all_via_hubs; the text's GET All sequence diagram answers from
what was pushed TO:HUB, ocpi/ocpi#508) and tells open routing who owns an object its URL or body
names. Only broadcasts are kept: a direct push is the receiver's business (ocpi/ocpi#507). What a
party would refuse (an invalid object) is not kept; the broadcast goes on regardless.
"""

from __future__ import annotations

import threading
from typing import Any

from ocpi_conformance.party import locations
from ocpi_conformance.party.app import SERVICES
from ocpi_conformance.party.hub.directory import PartyKey, key
from ocpi_conformance.party.receiver import ObjectStore
from ocpi_conformance.party.service import Answer, Call, Service, route
from ocpi_conformance.party.state import Identity, PartyState, Registration
from ocpi_conformance.spec.version import version as spec_version

VERSION = "2.2.1"
JSON = dict[str, Any]


def _receiver(module: str) -> Service | None:
    """The party's Receiver service of `module` in 2.2.1, if it has one."""
    for service in SERVICES:
        if service.module == module and service.role == "RECEIVER" and service.interface(VERSION):
            return service
    return None


def id_params() -> dict[str, str]:
    """Path parameter -> the module whose object it names (location_id -> locations, token_uid
    -> tokens, ...): the first parameter after the owner in each Receiver's object paths."""
    found: dict[str, str] = {}
    for module in spec_version(VERSION).modules.values():
        for interface in module.interfaces:
            if interface.role != "RECEIVER":
                continue
            for operation in interface.operations:
                names = [p.name for p in operation.path_params]
                if names[:2] == ["country_code", "party_id"] and len(names) > 2:
                    found.setdefault(names[2], module.id)
    return found


class Mirror:
    def __init__(self, hub: Identity) -> None:
        # an eMSP-like keeper: its Locations store starts empty and takes pushes
        identity = Identity("EMSP", hub.country_code, hub.party_id, f"{hub.name} (broadcasts)")
        self.state = PartyState(identity)
        self.lock = threading.Lock()

    def keep(
        self,
        module: str,
        method: str,
        segments: list[str],
        query: list[tuple[str, str]],
        raw: bytes,
        sender: dict[str, Any],
    ) -> bool:
        """Apply one broadcast push (to a Receiver interface) as a party would; True when it
        was kept. `sender`: the CredentialsRole of the party that pushed it."""
        service = _receiver(module)
        if service is None:
            return False
        try:
            operation, params = route(service, method, segments, VERSION)
            call = Call(
                state=self.state,
                caller=Registration(token="hub-broadcasts", roles=[sender]),
                operation=operation,
                params=params,
                query=query,
                raw=raw,
                version=spec_version(VERSION),
            )
            with self.lock:
                outcome = service.handlers[operation.name](call)
        except Answer:
            return False
        return outcome.status in (200, 201)

    def objects(self, module: str) -> list[JSON]:
        """The objects of `module` kept, in the order they first arrived."""
        if module == "locations":
            return locations.store(self.state, VERSION).all()
        if _receiver(module) is None:
            return []
        kept = self.state.store(f"{module}-received", lambda _s: ObjectStore(), VERSION)
        with self.lock:
            return [dict(item) for item in kept.objects.values()]

    def owners_of(self, module: str, object_id: str) -> set[PartyKey]:
        """Who owns the objects of `module` with this id (a CiString: compared upper-cased)."""
        field = spec_version(VERSION).identity_field(spec_version(VERSION).listed_object(module))
        return {
            key(item.get("country_code"), item.get("party_id"))
            for item in self.objects(module)
            if str(item.get(field, "")).upper() == object_id.upper()
        }
