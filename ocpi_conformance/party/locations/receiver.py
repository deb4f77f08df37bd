"""The Locations Receiver interface (mod_locations_emsp_interface): what an eMSP keeps of the
Locations a CPO pushes, at /{country_code}/{party_id}/{location_id}[/{evse_uid}[/{connector_id}]],
in each OCPI version (its own store, its validation; where the version's Location names no owner,
2.1.1, the URL's owner is the one kept and only the ids are compared with the body).

Readings taken:
- a body that is JSON but no valid object, or whose identifiers differ from the URL's, reached
  the OCPI layer: HTTP 200, status_code 2001, nothing stored (status_codes: "a HTTP error MUST NOT
  be returned"; transport_and_format_errors: "advised to return ... 2001" for a differing id);
- an unknown Location (GET, PATCH, or PUT of an EVSE or Connector into it) gets HTTP 404: the
  resource or its parent does not exist, so the rule against HTTP errors does not apply, and 404
  tells the CPO to PUT the whole object (transport_and_format_patch); status_code 2003 "Unknown
  Location", 2000 for an unknown EVSE or Connector of a known Location;
- pushes are accepted for any country_code/party_id: 404 for a party other than the caller's
  CredentialsRoles is "allowed" (transport_and_format_errors), not required, and the harness's
  peer knows only the target's token B, never its roles (the target does not register with it);
- "the Receiver SHALL also set the new last_updated value on the parent" is taken literally: the
  parents get the pushed EVSE's or Connector's last_updated, whatever theirs was;
- PATCH merges the top-level fields given; a null removes an optional field (the merged object
  is validated, so a required one cannot go); identifiers it carries must match the URL; it
  carries what the version requires of a PATCH (2.2.1: last_updated; 2.1.1: nothing).
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.party import intake
from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.locations.store import JSON, LocationStore, Owner
from ocpi_conformance.party.service import Answer, Call, Outcome, describe, envelope
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import DEFAULT, Version
from ocpi_conformance.spec.version import version as spec_version

LOCATIONS_DROPS_FIELD = fault(
    "locations_drops_field",
    "PUT of a Location stores it without its first optional field",
    caught_by=["LOC-EMSP-001"],
)

LOCATIONS_IGNORES_PATCH = fault(
    "locations_ignores_patch",
    "PATCH answers 1000 but changes nothing",
    caught_by=["LOC-EMSP-006", "LOC-EMSP-007", "LOC-EMSP-008"],
)

LOCATIONS_KEEPS_PARENT_LAST_UPDATED = fault(
    "locations_keeps_parent_last_updated",
    "EVSE/Connector PUT/PATCH leave parents' last_updated",
    caught_by=["LOC-EMSP-004", "LOC-EMSP-007"],
)

LOCATIONS_PATCH_WITHOUT_LAST_UPDATED_OK = fault(
    "locations_patch_without_last_updated_ok",
    "a PATCH without last_updated is applied",
    caught_by=["LOC-EMSP-009"],
)

LOCATIONS_ACCEPTS_INVALID = fault(
    "locations_accepts_invalid",
    "PUT/PATCH store objects that break the schema, answering 1000",
    caught_by=["LOC-EMSP-011"],
)

LOCATIONS_PUT_ALWAYS_200 = fault(
    "locations_put_always_200",
    "PUT of a new Location, EVSE or Connector gets HTTP 200, not 201",
    caught_by=["LOC-EMSP-002"],
)


def optional_fields(version: Version) -> tuple[str, ...]:
    """The fields `locations_drops_field` may lose, in the model's order (`evses` would lose
    more)."""
    return tuple(
        name
        for name, info in version.objects["Location"].model_fields.items()
        if not info.is_required() and name != "evses"
    )


OPTIONAL = optional_fields(spec_version(DEFAULT))  # those of the default version


def _kind(params: dict[str, str]) -> str:
    if "connector_id" in params:
        return "Connector"
    return "EVSE" if "evse_uid" in params else "Location"


def _identifiers(call: Call) -> dict[str, str]:
    """The fields of the addressed object that the URL fixes, with the URL's values: its id,
    and a Location's owner where the version's Location carries one."""
    params = call.params
    kind = _kind(params)
    if kind == "Connector":
        return {"id": params["connector_id"]}
    if kind == "EVSE":
        return {"uid": params["evse_uid"]}
    owner = ("country_code", "party_id") if call.version.owner_in_objects else ()
    return {**{f: params[f] for f in owner}, "id": params["location_id"]}


def _check_identifiers(call: Call, store: LocationStore, body: JSON, *, required: bool) -> None:
    for field, value in _identifiers(call).items():
        if (required or field in body) and not store.same(body.get(field), value):
            raise Answer(200, 2001, f"{field} {body.get(field)!r} differs from the URL's {value!r}")


def _owner(call: Call) -> Owner:
    return call.params["country_code"], call.params["party_id"]


def _location(call: Call, store: LocationStore) -> JSON:
    params = call.params
    found = store.get(params["country_code"], params["party_id"], params["location_id"])
    if found is None:
        raise Answer(404, 2003, f"unknown Location {params['location_id']}")
    return found


def _evse(store: LocationStore, location: JSON, uid: str) -> JSON:
    found = store.child(location.get("evses"), "uid", uid)
    if found is None:
        raise Answer(404, 2000, f"unknown EVSE {uid} of Location {location.get('id')}")
    return found


def _target(store: LocationStore, location: JSON, params: dict[str, str]) -> JSON:
    """The object the path names inside `location` (itself, an EVSE or a Connector)."""
    if "evse_uid" not in params:
        return location
    evse = _evse(store, location, params["evse_uid"])
    if "connector_id" not in params:
        return evse
    found = store.child(evse.get("connectors"), "id", params["connector_id"])
    if found is None:
        raise Answer(404, 2000, f"unknown Connector {params['connector_id']}")
    return found


def _object(call: Call) -> JSON:
    body = call.json()
    if not isinstance(body, dict):
        raise Answer(200, 2001, f"the body is no {_kind(call.params)} object")
    return body


def _stamp_parents(call: Call, store: LocationStore, location: JSON, body: JSON) -> None:
    """mod_locations_put_method / _patch_method: the parents take the new last_updated."""
    stamp = body.get("last_updated")
    params = call.params
    if (
        "evse_uid" not in params
        or not isinstance(stamp, str)
        or LOCATIONS_KEEPS_PARENT_LAST_UPDATED in call.state.faults
    ):
        return
    location["last_updated"] = stamp
    if "connector_id" in params:
        _evse(store, location, params["evse_uid"])["last_updated"] = stamp


def _upsert(store: LocationStore, items: list[Any], field: str, body: JSON) -> bool:
    """Replace the element with body's `field` in place, or append it; True when appended."""
    for index, item in enumerate(items):
        if isinstance(item, dict) and store.same(item.get(field), body.get(field)):
            items[index] = body
            return False
    items.append(body)
    return True


def get_object(call: Call, store: LocationStore) -> Outcome:
    """mod_locations_get_method_eMSP: the object as stored."""
    try:
        found = _target(store, _location(call, store), call.params)
    except Answer as answer:
        if answer.http == 404 and "locations_unknown_is_200" in call.state.faults:
            return Outcome(200, {**envelope(1000), "data": None})
        raise
    return Outcome(200, envelope(1000, found))


def put(call: Call, store: LocationStore) -> Outcome:
    """mod_locations_put_method: a new or replacing Location, EVSE or Connector."""
    params, faults = call.params, call.state.faults
    kind = _kind(params)
    body = _object(call)
    with store.lock:
        location = _location(call, store) if kind != "Location" else None
        parent = (
            _evse(store, location, params["evse_uid"]) if location and kind == "Connector" else None
        )
        violations = intake.check(call.state, kind, body, call.number)
        if violations and LOCATIONS_ACCEPTS_INVALID not in faults:
            raise Answer(200, 2001, f"not a valid {kind}: {describe(violations)}")
        _check_identifiers(call, store, body, required=True)
        if location is None:
            if LOCATIONS_DROPS_FIELD in faults:
                optional = optional_fields(call.version)
                dropped = next((name for name in optional if name in body), None)
                body = {k: v for k, v in body.items() if k != dropped}
            created = store.put(body, _owner(call))
        else:
            if parent is None:
                created = _upsert(store, location.setdefault("evses", []), "uid", body)
            else:
                created = _upsert(store, parent.setdefault("connectors", []), "id", body)
            _stamp_parents(call, store, location, body)
            store.put(location, _owner(call))
    status = 201 if created and LOCATIONS_PUT_ALWAYS_200 not in faults else 200
    return Outcome(status, envelope(1000))


def patch(call: Call, store: LocationStore) -> Outcome:
    """mod_locations_patch_method: the fields given replace the stored ones."""
    params, faults = call.params, call.state.faults
    kind = _kind(params)
    body = _object(call)
    with store.lock:
        location = _location(call, store)
        target = _target(store, location, params)
        missing = [f for f in call.operation.patch_requires if body.get(f) is None]
        if missing and LOCATIONS_PATCH_WITHOUT_LAST_UPDATED_OK not in faults:
            raise Answer(200, 2001, f"a PATCH SHALL contain {', '.join(missing)}")
        lenient = LOCATIONS_ACCEPTS_INVALID in faults
        # top-level `required` is patch_requires, checked above (or let through by its fault)
        violations = [
            v
            for v in intake.check(call.state, kind, body, call.number, patch=True)
            if (v.path, v.constraint) != ("$", "required")
        ]
        if violations and not lenient:
            raise Answer(200, 2001, f"not a valid {kind} PATCH: {describe(violations)}")
        _check_identifiers(call, store, body, required=False)
        if LOCATIONS_IGNORES_PATCH in faults:
            return Outcome(200, envelope(1000))
        merged = {k: v for k, v in {**target, **body}.items() if v is not None}
        violations = validate_object(kind, merged, call.number)
        if violations and not lenient:
            raise Answer(200, 2001, f"the patched {kind} is not valid: {describe(violations)}")
        target.clear()
        target.update(merged)
        _stamp_parents(call, store, location, body)
        store.put(location, _owner(call))
    return Outcome(200, envelope(1000))
