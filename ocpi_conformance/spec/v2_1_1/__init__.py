"""OCPI 2.1.1, the one place its spec knowledge lives: types, enums, objects, modules, codes.

Read from the Markdown of tag `2.1.1` of github.com/ocpi/ocpi; every model and enum carries the
GitHub heading anchor of its table (documents.py names the files). `OBJECTS` and `ENUMS` map the
spec's own names to their models, so schema export, validation and strategies can walk the whole
spec without listing it again; `transport` says how 2.1.1 travels.
"""

from __future__ import annotations

from ocpi_conformance.spec.classes import defined_in
from ocpi_conformance.spec.v2_1_1 import (
    cdrs,
    commands,
    credentials,
    enums,
    envelope,
    locations,
    sessions,
    tariffs,
    tokens,
    types,
    versions,
)
from ocpi_conformance.spec.v2_1_1.types import SpecEnum, SpecModel

VERSION = "2.1.1"

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
)


OBJECTS: dict[str, type[SpecModel]] = {}
for _module in _OBJECT_MODULES:
    OBJECTS.update(defined_in(_module, SpecModel))

ENUMS: dict[str, type[SpecEnum]] = {**defined_in(types, SpecEnum), **defined_in(enums, SpecEnum)}
Response = envelope.Response


def identity_field(obj: str) -> str:
    """The field that names one object: `id`, or `uid` where the spec gives none (Token, EVSE)."""
    return "id" if "id" in OBJECTS[obj].model_fields else "uid"


# Objects named by more than their id field: "The combination of uid and type should be unique
# for every token within an eMSPs system" (mod_tokens.md#32-token-object).
_ALSO_NAMED_BY = {"Token": ("type",)}


def identity(obj: str, item: dict[str, object]) -> tuple[str, ...]:
    """What tells two objects of a list apart: the id field, and for a Token its type. No 2.1.1
    object carries its owner (the owner is in the Receiver's URL only). Ids are `string`, case
    sensitive (types.md#15-string-type), so kept as they are; CDR.id, the one CiString, is
    upper-cased."""
    fields = OBJECTS[obj].model_fields
    names = [n for n in ("country_code", "party_id", identity_field(obj)) if n in fields]
    names += _ALSO_NAMED_BY.get(obj, ())
    folded = {"CDR": {"id"}}.get(obj, set())
    return tuple(
        str(item.get(name)).upper() if name in folded else str(item.get(name)) for name in names
    )


def shown(obj: str, item: dict[str, object]) -> str:
    """An object's identity as a person reads it: LOC1, or TOK1 (RFID)."""
    parts = identity(obj, item)
    extra = _ALSO_NAMED_BY.get(obj, ())
    head = "/".join(parts[: len(parts) - len(extra)])
    return head + (f" ({', '.join(parts[len(parts) - len(extra) :])})" if extra else "")


__all__ = ["ENUMS", "OBJECTS", "VERSION", "Response", "identity", "identity_field", "shown"]
