"""How a version package gathers its object and enum tables from the modules that define them.

Every version's `__init__` builds `OBJECTS` and `ENUMS` the same way: the classes each of its
modules defines (not those it imports from another version or module), keyed by name.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from importlib import import_module
from typing import Any


def defined_in(module: object, base: type, *abstract: type) -> dict[str, type]:
    """The subclasses of `base` that `module` defines, but for `base` and the `abstract` ones."""
    return {
        name: obj
        for name, obj in vars(module).items()
        if inspect.isclass(obj)
        and issubclass(obj, base)
        and obj not in (base, *abstract)
        and obj.__module__ == getattr(module, "__name__", None)
    }


def lazy_tables(package: str, names: tuple[str, ...]) -> Callable[[str], Any]:
    """A version package's module `__getattr__` (PEP 562): `names` (OBJECTS, ENUMS, Response,
    ...) live in its `tables` module, imported when first asked. Every run declares the cases of
    every version, which reads each version's registry and documents; only the version under
    test needs its models built, so one that is merely known adds no start-up."""

    def attribute(name: str) -> Any:
        if name in names:
            return getattr(import_module(f"{package}.tables"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return attribute
