"""OCPI 2.2.1, the one place its spec knowledge lives: types, enums, objects, modules, codes.

`OBJECTS` and `ENUMS` map the spec's own names to their models, so schema export, validation and
strategies can walk the whole spec without listing it again.
"""

from __future__ import annotations

import inspect

from . import (
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
from .types import SpecEnum, SpecModel

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


def _defined_in(module: object, base: type) -> dict[str, type]:
    return {
        name: obj
        for name, obj in vars(module).items()
        if inspect.isclass(obj)
        and issubclass(obj, base)
        and obj is not base
        and obj.__module__ == module.__name__
    }


OBJECTS: dict[str, type[SpecModel]] = {}
for _module in _OBJECT_MODULES:
    OBJECTS.update(_defined_in(_module, SpecModel))

ENUMS: dict[str, type[SpecEnum]] = {**_defined_in(types, SpecEnum), **_defined_in(enums, SpecEnum)}
Response = envelope.Response


def identity_field(obj: str) -> str:
    """The field that names one object: `id`, or `uid` where the spec gives none (Token, EVSE)."""
    return "id" if "id" in OBJECTS[obj].model_fields else "uid"


__all__ = ["ENUMS", "OBJECTS", "VERSION", "Response", "identity_field"]
