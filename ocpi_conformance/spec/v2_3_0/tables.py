"""The tables of OCPI 2.3.0's package: every object and enum its modules define, by the
spec's own name, and its response envelope. Imported when first asked (spec.classes.lazy_tables):
building the models is the one costly part of knowing a version."""

from __future__ import annotations

from ocpi_conformance.spec.classes import defined_in
from ocpi_conformance.spec.v2_2_1 import envelope
from ocpi_conformance.spec.v2_3_0 import (
    bookings,
    cdrs,
    chargingprofiles,
    commands,
    credentials,
    enums,
    hubclientinfo,
    invoicereconciliation,
    locations,
    payments,
    sessions,
    tariffs,
    tokens,
    types,
    versions,
)
from ocpi_conformance.spec.v2_3_0.types import DisplayText, OpenEnum, SpecEnum, SpecModel

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
    invoicereconciliation,
    payments,
    bookings,
)


# DisplayText is the 2.2.1 class: types_displaytext_class reads the same in 2.3.0.
OBJECTS: dict[str, type[SpecModel]] = {"DisplayText": DisplayText}
for _module in _OBJECT_MODULES:
    OBJECTS.update(defined_in(_module, SpecModel))

ENUMS: dict[str, type[SpecEnum]] = {
    **defined_in(types, SpecEnum, OpenEnum),
    **defined_in(enums, SpecEnum),
}
OPEN_ENUMS: frozenset[str] = frozenset(n for n, e in ENUMS.items() if issubclass(e, OpenEnum))
# The response format (transport_and_format_response_format) reads the same in 2.3.0.
Response = envelope.Response
