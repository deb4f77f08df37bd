"""The shape of a prose rule, shared by every version's `rules.py`, and the small helpers those
rules are written with.

A version's text gives its own rules; how a rule is held (the class it is about, the clause,
the words, a check and a repair for drawn objects) is the same in every version, so it is
written once here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Body = dict[str, Any]


@dataclass(frozen=True)
class Rule:
    obj: str  # the class it is about
    spec: str  # FILE#anchor of that class's table
    text: str  # the spec's own words
    holds: Callable[[Body], bool]
    repair: Callable[[Body], None] | None = None  # makes a drawn object keep the rule
    # False for a rule that asks for fields to be present: the object a PATCH carries is partial
    # ("only the fields/objects that have to be updated have to be present"), so such a rule is
    # not checked on it (it is on the objects nested in it, which are whole).
    on_patch: bool = True

    def __str__(self) -> str:
        return f"{self.obj}: {self.text}"


def present(body: Body, name: str) -> bool:
    """A field given with a value (an optional field may also be sent as null)."""
    return body.get(name) is not None


def upper(values: list[Any]) -> list[str]:
    return [str(v).upper() for v in values]


def unique_ci(values: list[Any]) -> bool:
    """No two values equal as CiStrings (case-insensitive)."""
    return len(set(upper(values))) == len(values)


def renumber_ci(items: list[Body], key: str) -> None:
    """Make `key` unique among `items` (CiString: case-insensitive), keeping it short."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        while str(item.get(key)).upper() in seen:
            item[key] = f"{str(item.get(key))[:30]}-{index}"
        seen.add(str(item.get(key)).upper())


def drop(*names: str) -> Callable[[Body], None]:
    """A repair that leaves the named fields out."""

    def repair(body: Body) -> None:
        for name in names:
            body.pop(name, None)

    return repair
