"""Where a party keeps Locations: its own as a CPO (served by the Sender interface), those pushed
to it as an eMSP (the Receiver interface), in creation order; one store per OCPI version.

Keys are (country_code, party_id, id): the owner is the Location's own where the version's
Location carries it (2.2.1), the one its URL or the party names where it does not (2.1.1). How
ids compare is the version's (`fold`): case-insensitively for 2.2.1's CiStrings
(types_cistring_type), exactly for 2.1.1's case-sensitive strings (types.md#15-string-type).
Objects are kept as JSON text and come out as fresh copies, so a handler can change what it got
without touching the store until it puts it back (and copying costs a parse, several times
cheaper than `copy.deepcopy`); `lock` spans a read-modify-write. EVSE uids and Connector ids
compare alike (`child`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from typing import Any

Key = tuple[str, str, str]
JSON = dict[str, Any]
Owner = tuple[str, str]  # country_code, party_id


def key(country_code: Any, party_id: Any, object_id: Any) -> Key:
    return (str(country_code).upper(), str(party_id).upper(), str(object_id).upper())


def key_of(location: JSON) -> Key:
    return key(location.get("country_code"), location.get("party_id"), location.get("id"))


def same(a: Any, b: Any) -> bool:
    """Equal as CiStrings."""
    return isinstance(a, str) and isinstance(b, str) and a.upper() == b.upper()


def child(items: Any, field: str, wanted: str) -> JSON | None:
    """The element of a list of objects (`evses`, `connectors`) whose `field` is `wanted`, as
    CiStrings."""
    return _child(items, field, wanted, same)


def _child(items: Any, field: str, wanted: str, equal: Callable[[Any, Any], bool]) -> JSON | None:
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and equal(item.get(field), wanted):
            return item
    return None


class LocationStore:
    """Locations by owner and id, in the order they were first stored. `fold`: how ids compare
    (str.upper: as CiStrings; str: exactly); `owner`: whose Locations they are when the objects
    do not say (the seeding party's)."""

    def __init__(
        self,
        locations: Iterable[JSON] = (),
        *,
        fold: Callable[[str], str] = str.upper,
        owner: Owner | None = None,
    ) -> None:
        self.lock = threading.RLock()
        self.fold = fold
        self._items: dict[Key, str] = {}
        for location in locations:
            self.put(location, owner)

    def key(self, country_code: Any, party_id: Any, object_id: Any) -> Key:
        fold = self.fold
        return (fold(str(country_code)), fold(str(party_id)), fold(str(object_id)))

    def key_of(self, location: JSON, owner: Owner | None = None) -> Key:
        """The key of `location`: its own owner fields, or `owner` where it has none."""
        cc, pid = owner or (location.get("country_code"), location.get("party_id"))
        return self.key(cc, pid, location.get("id"))

    def same(self, a: Any, b: Any) -> bool:
        """Equal ids, compared as the store compares them."""
        return isinstance(a, str) and isinstance(b, str) and self.fold(a) == self.fold(b)

    def child(self, items: Any, field: str, wanted: str) -> JSON | None:
        """The EVSE or Connector of `items` whose `field` is `wanted`."""
        return _child(items, field, wanted, self.same)

    def all(self) -> list[JSON]:
        """Every Location, oldest first (creation order: stable while a client pages)."""
        with self.lock:
            texts = list(self._items.values())
        return [json.loads(text) for text in texts]

    def get(self, country_code: str, party_id: str, location_id: str) -> JSON | None:
        with self.lock:
            found = self._items.get(self.key(country_code, party_id, location_id))
        return None if found is None else json.loads(found)

    def put(self, location: JSON, owner: Owner | None = None) -> bool:
        """Store or replace (keeping its place); True when it is new. `owner`: the Location's
        country_code and party_id where the object does not carry them."""
        with self.lock:
            found = self.key_of(location, owner)
            created = found not in self._items
            self._items[found] = json.dumps(location)
            return created

    def __len__(self) -> int:
        with self.lock:
            return len(self._items)
