"""OCPI 2.1.1, the one place its spec knowledge lives: types, enums, objects, modules, codes.

Read from the Markdown of tag `2.1.1` of github.com/ocpi/ocpi; every model and enum carries the
GitHub heading anchor of its table (documents.py names the files). `OBJECTS` and `ENUMS` map the
spec's own names to their models, so schema export, validation and strategies can walk the whole
spec without listing it again; `transport` says how 2.1.1 travels.
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.spec.classes import lazy_tables

VERSION = "2.1.1"

# OBJECTS, ENUMS, Response: built on first use, in tables.py
__getattr__ = lazy_tables(__name__, ("OBJECTS", "ENUMS", "Response"))


def _objects() -> dict[str, Any]:
    return __getattr__("OBJECTS")  # type: ignore[no-any-return]


def identity_field(obj: str) -> str:
    """The field that names one object: `id`, or `uid` where the spec gives none (Token, EVSE)."""
    return "id" if "id" in _objects()[obj].model_fields else "uid"


# Objects named by more than their id field: "The combination of uid and type should be unique
# for every token within an eMSPs system" (mod_tokens.md#32-token-object).
_ALSO_NAMED_BY = {"Token": ("type",)}


def identity(obj: str, item: dict[str, object]) -> tuple[str, ...]:
    """What tells two objects of a list apart: the id field, and for a Token its type. No 2.1.1
    object carries its owner (the owner is in the Receiver's URL only). Ids are `string`, case
    sensitive (types.md#15-string-type), so kept as they are; CDR.id, the one CiString, is
    upper-cased."""
    fields = _objects()[obj].model_fields
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
