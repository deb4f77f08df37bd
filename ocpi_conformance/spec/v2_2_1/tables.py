"""The tables of OCPI 2.2.1's package: every object and enum its modules define, by the
spec's own name, and its response envelope. Imported when first asked (spec.classes.lazy_tables):
building the models is the one costly part of knowing a version."""

from __future__ import annotations

from ocpi_conformance.spec.classes import defined_in
from ocpi_conformance.spec.v2_2_1 import (
    cdrs,
    chargingprofiles,
    commands,
    credentials,
    enums,
    envelope,
    hubclientinfo,
    locations,
    sessions,
    tariffs,
    tokens,
    types,
    versions,
)
from ocpi_conformance.spec.v2_2_1.types import OpenEnum, SpecEnum, SpecModel

_OBJECT_MODULES = (
    types,
    versions,
    credentials,
    locations,
    sessions,
    cdrs,
    tariffs,
    tokens,
    commands,
    chargingprofiles,
    hubclientinfo,
)


OBJECTS: dict[str, type[SpecModel]] = {}
for _module in _OBJECT_MODULES:
    OBJECTS.update(defined_in(_module, SpecModel))

ENUMS: dict[str, type[SpecEnum]] = {
    **defined_in(types, SpecEnum, OpenEnum),
    **defined_in(enums, SpecEnum),
}
Response = envelope.Response
