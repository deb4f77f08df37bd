"""OCPI 2.2.1, the one place its spec knowledge lives: types, enums, objects, modules, codes.

`OBJECTS` and `ENUMS` map the spec's own names to their models, so schema export, validation and
strategies can walk the whole spec without listing it again.
"""

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

VERSION = "2.2.1"

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


def identity_field(obj: str) -> str:
    """The field that names one object: `id`, or `uid` where the spec gives none (Token, EVSE)."""
    return "id" if "id" in OBJECTS[obj].model_fields else "uid"


# Objects named by more than their id field (mod_tokens_token_object, uid: "Unique ID by which
# this Token, combined with the Token type, can be identified").
_ALSO_NAMED_BY = {"Token": ("type",)}


def identity(obj: str, item: dict[str, object]) -> tuple[str, ...]:
    """What tells two objects of a list apart: the owner (country_code, party_id) where the
    object carries one, its id field where it has one (a ClientInfo has none: its owner is
    all that names it), and for a Token its type. CiStrings, so upper-cased."""
    fields = OBJECTS[obj].model_fields
    names = [n for n in ("country_code", "party_id", identity_field(obj)) if n in fields]
    names += _ALSO_NAMED_BY.get(obj, ())
    return tuple(str(item.get(name)).upper() for name in names)


def shown(obj: str, item: dict[str, object]) -> str:
    """An object's identity as a person reads it: NL/CPO/LOC1, or NL/MSP/TOK1 (RFID)."""
    parts = identity(obj, item)
    extra = _ALSO_NAMED_BY.get(obj, ())
    head = "/".join(parts[: len(parts) - len(extra)])
    return head + (f" ({', '.join(parts[len(parts) - len(extra) :])})" if extra else "")


__all__ = ["ENUMS", "OBJECTS", "VERSION", "Response", "identity", "identity_field", "shown"]
