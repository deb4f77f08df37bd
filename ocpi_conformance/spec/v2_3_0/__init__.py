"""OCPI 2.3.0 with Payments, Bookings and Invoice Reconciliation: types, enums, objects, modules,
codes, read from the tags named in `documents` (core v2.3.0-ed2, v2.3.0-ed2-payments,
v2.3.0-bookings).

`OBJECTS` and `ENUMS` map the spec's own names to their models, as in 2.2.1; `OPEN_ENUMS` names
the enums any string may extend (types_openenum_type).
"""

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

VERSION = "2.3.0"

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

# Objects whose identifying field is neither `id` nor `uid` (mod_payments_terminal_object:
# "terminal_id: Unique ID that identifies a terminal"; mod_bookings_request_class: "request_id:
# Request ID determined by the requesting party").
_IDENTITY_FIELD = {"Terminal": "terminal_id", "BookingRequest": "request_id"}
# Objects whose country_code and party_id name no owner: a Terminal's are "an alternative to the
# customer reference".
_NO_OWNER = frozenset({"Terminal"})


def identity_field(obj: str) -> str:
    """The field that names one object: `id`, or `uid` where the spec gives none (Token, EVSE),
    `terminal_id` for a Terminal, `request_id` for a BookingRequest."""
    if obj in _IDENTITY_FIELD:
        return _IDENTITY_FIELD[obj]
    return "id" if "id" in OBJECTS[obj].model_fields else "uid"


# Objects named by more than their id field (mod_tokens_token_object, uid: "Unique ID by which
# this Token, combined with the Token type, can be identified").
_ALSO_NAMED_BY = {"Token": ("type",)}


def identity(obj: str, item: dict[str, object]) -> tuple[str, ...]:
    """What tells two objects of a list apart: the owner (country_code, party_id) where the
    object carries one, its id field, and for a Token its type. CiStrings, so upper-cased.
    A Terminal's country_code and party_id are optional alternatives to its customer_reference,
    not its owner: it is told apart by terminal_id alone."""
    fields = OBJECTS[obj].model_fields
    owner = () if obj in _NO_OWNER else ("country_code", "party_id")
    names = [n for n in (*owner, identity_field(obj)) if n in fields]
    names += _ALSO_NAMED_BY.get(obj, ())
    return tuple(str(item.get(name)).upper() for name in names)


def shown(obj: str, item: dict[str, object]) -> str:
    """An object's identity as a person reads it: NL/CPO/LOC1, or NL/MSP/TOK1 (RFID)."""
    parts = identity(obj, item)
    extra = _ALSO_NAMED_BY.get(obj, ())
    head = "/".join(parts[: len(parts) - len(extra)])
    return head + (f" ({', '.join(parts[len(parts) - len(extra) :])})" if extra else "")


__all__ = [
    "ENUMS",
    "OBJECTS",
    "OPEN_ENUMS",
    "VERSION",
    "Response",
    "identity",
    "identity_field",
    "shown",
]
