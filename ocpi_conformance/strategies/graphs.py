"""Object graphs the spec makes consistent beyond what a schema can say.

A valid Location is more than valid fields: EVSE uids are unique within it, connector ids unique
within an EVSE (mod_locations_connector_object), a parent's last_updated is never older than its
children's, and an object the harness pushes carries the harness's own party identity and an id
prefix a person recognises in the target's database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ocpi_conformance.spec.schema_nodes import classes_in
from ocpi_conformance.spec.v2_2_1.types import parse_datetime
from ocpi_conformance.spec.version import DEFAULT, Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import PartyId

ID_PREFIX = "OCC-"
# The field that identifies each object a party owns and pushes (its URL's last segment).
_URL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._")

Schema = dict[str, Any]


def _max_length(schema: Schema, name: str, field: str) -> int:
    """A field's length limit, read from the exported schema (the spec's CiString(n))."""
    node = schema if schema.get("title") == name else schema["$defs"][name]
    return int(node["properties"][field]["maxLength"])


def _prefixed(value: str, limit: int) -> str:
    """An id that travels as a URL path segment: any CiString is valid, but ids the harness
    invents stay URL-safe, as real ones are, so a failure is about OCPI and not about escaping."""
    value = "".join(c if c in _URL_SAFE else "-" for c in value)
    return (ID_PREFIX + value)[:limit] if not value.startswith(ID_PREFIX) else value[:limit]


def _unique(items: list[dict[str, Any]], key: str, limit: int) -> None:
    """Distinct ids (CiString: regardless of case), each within `limit`: a repeated one gets a
    numbered suffix in place of its tail, so even an id of full length can be told apart."""
    seen: set[str] = set()
    for item in items:
        base = value = _prefixed(str(item[key]), limit)
        number = 0
        while value.upper() in seen:
            number += 1
            suffix = f"-{number}"
            value = base[: limit - len(suffix)] + suffix
        seen.add(value.upper())
        item[key] = value


def _latest(*stamps: str) -> str:
    return max(stamps, key=lambda stamp: parse_datetime(stamp) or datetime.min.replace(tzinfo=UTC))


def fix_evse(evse: dict[str, Any], schema: Schema) -> dict[str, Any]:
    connectors = evse.get("connectors") or []
    _unique(connectors, "id", _max_length(schema, "Connector", "id"))
    evse["last_updated"] = _latest(evse["last_updated"], *(c["last_updated"] for c in connectors))
    return evse


def fix_location(location: dict[str, Any], schema: Schema) -> dict[str, Any]:
    evses = location.get("evses") or []
    _unique(evses, "uid", _max_length(schema, "EVSE", "uid"))
    for evse in evses:
        fix_evse(evse, schema)
    location["last_updated"] = _latest(
        location["last_updated"], *(e["last_updated"] for e in evses)
    )
    return location


FIXES: dict[str, Callable[[dict[str, Any], Schema], dict[str, Any]]] = {
    "Location": fix_location,
    "EVSE": fix_evse,
}


def own(
    name: str,
    body: dict[str, Any],
    identity: PartyId | None,
    schema: Schema,
    spec: Version | None = None,
) -> dict[str, Any]:
    """Give a pushed object the harness's identity (where the version's objects name their
    owner: 2.1.1's do not, their URL does) and a recognisable id."""
    spec = spec or spec_version(DEFAULT)
    if spec.client_owned(name):
        key = spec.identity_field(name)
        body[key] = _prefixed(str(body[key]), _max_length(schema, name, key))
        if identity is not None and spec.owner_in_objects:
            body["country_code"] = identity.country_code
            body["party_id"] = identity.party_id
    return body


def keep_rules(schema: Schema, body: dict[str, Any], spec: Version | None = None) -> dict[str, Any]:
    """Repair a drawn object until it keeps every prose rule of its classes (the version's
    rules.py): valid means valid by the text, not only by the tables."""
    rules = (spec or spec_version(DEFAULT)).part("rules").BY_CLASS
    for _ in range(3):  # a repair may break a rule checked before it (credit=false, long id)
        repaired = False
        for name, value, _path in classes_in(schema, body):
            for rule in rules.get(name, ()):
                if rule.repair is not None and not rule.holds(value):
                    rule.repair(value)
                    repaired = True
        if not repaired:
            break
    return body
