"""How a version package gathers its object and enum tables from the modules that define them.

Every version's `__init__` builds `OBJECTS` and `ENUMS` the same way: the classes each of its
modules defines (not those it imports from another version or module), keyed by name.
"""

from __future__ import annotations

import inspect


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
