"""Where a party keeps Locations: its own as a CPO (served by the Sender interface), those pushed
to it as an eMSP (the Receiver interface), in creation order.

Keys are (country_code, party_id, id), compared case-insensitively because all three are
CiStrings (types_cistring_type). Objects are kept as JSON text and come out as fresh copies, so
a handler can change what it got without touching the store until it puts it back (and copying
costs a parse, several times cheaper than `copy.deepcopy`); `lock` spans a read-modify-write.
EVSE uids and Connector ids are CiStrings too: `child` finds them alike.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from typing import Any

Key = tuple[str, str, str]
JSON = dict[str, Any]


def key(country_code: Any, party_id: Any, object_id: Any) -> Key:
    return (str(country_code).upper(), str(party_id).upper(), str(object_id).upper())


def key_of(location: JSON) -> Key:
    return key(location.get("country_code"), location.get("party_id"), location.get("id"))


def same(a: Any, b: Any) -> bool:
    """Equal as CiStrings."""
    return isinstance(a, str) and isinstance(b, str) and a.upper() == b.upper()


def child(items: Any, field: str, wanted: str) -> JSON | None:
    """The element of a list of objects (`evses`, `connectors`) whose `field` is `wanted`."""
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and same(item.get(field), wanted):
            return item
    return None


class LocationStore:
    """Locations by owner and id, in the order they were first stored."""

    def __init__(self, locations: Iterable[JSON] = ()) -> None:
        self.lock = threading.RLock()
        self._items: dict[Key, str] = {}
        for location in locations:
            self.put(location)

    def all(self) -> list[JSON]:
        """Every Location, oldest first (creation order: stable while a client pages)."""
        with self.lock:
            texts = list(self._items.values())
        return [json.loads(text) for text in texts]

    def get(self, country_code: str, party_id: str, location_id: str) -> JSON | None:
        with self.lock:
            found = self._items.get(key(country_code, party_id, location_id))
        return None if found is None else json.loads(found)

    def put(self, location: JSON) -> bool:
        """Store or replace (keeping its place); True when it is new."""
        with self.lock:
            created = key_of(location) not in self._items
            self._items[key_of(location)] = json.dumps(location)
            return created

    def __len__(self) -> int:
        with self.lock:
            return len(self._items)
