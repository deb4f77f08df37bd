"""OCPI 2.2.1, the one place its spec knowledge lives: types, enums, objects, modules, codes.

`OBJECTS` and `ENUMS` map the spec's own names to their models, so schema export, validation and
strategies can walk the whole spec without listing it again.
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.spec.classes import lazy_tables

VERSION = "2.2.1"

# OBJECTS, ENUMS, Response: built on first use, in tables.py
__getattr__ = lazy_tables(__name__, ("OBJECTS", "ENUMS", "Response"))


def _objects() -> dict[str, Any]:
    return __getattr__("OBJECTS")  # type: ignore[no-any-return]


def identity_field(obj: str) -> str:
    """The field that names one object: `id`, or `uid` where the spec gives none (Token, EVSE)."""
    return "id" if "id" in _objects()[obj].model_fields else "uid"


# Objects named by more than their id field (mod_tokens_token_object, uid: "Unique ID by which
# this Token, combined with the Token type, can be identified").
_ALSO_NAMED_BY = {"Token": ("type",)}


def identity(obj: str, item: dict[str, object]) -> tuple[str, ...]:
    """What tells two objects of a list apart: the owner (country_code, party_id) where the
    object carries one, its id field where it has one (a ClientInfo has none: its owner is
    all that names it), and for a Token its type. CiStrings, so upper-cased."""
    fields = _objects()[obj].model_fields
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
