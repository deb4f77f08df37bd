"""The Receiver side of a Client Owned Object module, for any module whose objects live at
/{country_code}/{party_id}/{id} (Tariffs, Sessions; Tokens with their ?type, ClientInfo at
/{country_code}/{party_id} alone): PUT, GET, PATCH and DELETE as the registry offers them,
with the same readings as the Locations Receiver (locations/receiver.py): an invalid object
or one whose owner or id differs from the URL gets HTTP 200 with 2001 and is not stored; an
unknown object gets 404 with 2000; a new object 201, a replaced one 200; a PATCH needs
last_updated and leaves a valid object.

A module passes its faults as switches (`Deviations`), so each stays registered beside its
own module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ocpi_conformance.party.service import Answer, Call, Handler, Outcome, describe, envelope
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.spec.v2_2_1 import identity
from ocpi_conformance.spec.v2_2_1.modules import MODULES
from ocpi_conformance.spec.validation import Violation, validate_object, validate_patch

JSON = dict[str, Any]
Key = tuple[str, ...]  # what names one object: its spec identity (`spec.v2_2_1.identity`)
KeyOf = Callable[[Call], Key]  # the identity a request's URL names


@dataclass(frozen=True)
class Deviations:
    """Receiver faults: each switches one rule off (a module maps its named faults here)."""

    alter: Callable[[JSON], None] | None = None  # PUT stores the object changed by this
    put_always_200: bool = False
    accepts_invalid: bool = False
    unknown_is_200: bool = False
    delete_ignored: bool = False
    patch_without_last_updated_ok: bool = False
    unqualified: bool = False  # kept by owner and id alone (a Token's ?type and type ignored)
    refusal_http: int = 200  # the HTTP status of a refusal (2001): an error where 200 is due
    answer_timestamp: str | None = None  # the envelope timestamp of every write answer
    tolerates: Callable[[Violation], bool] | None = None  # violations a PUT lets through


Merge = Callable[[JSON, JSON], JSON]  # (stored, received) -> what to store


def merge_fields(stored: JSON, received: JSON) -> JSON:
    """A PATCH's plain merge: the fields sent replace the stored ones; null removes one."""
    return {k: v for k, v in {**stored, **received}.items() if v is not None}


def replace_whole(stored: JSON, received: JSON) -> JSON:
    """A PUT's plain replacement."""
    return dict(received)


@dataclass
class ObjectStore:
    objects: dict[Key, JSON] = field(default_factory=dict)


def path_key(*params: str) -> KeyOf:
    """The identity named by path parameters alone (CiStrings, so upper-cased)."""
    return lambda call: tuple(call.params[p].upper() for p in params)


def handlers(
    module: str,
    obj: str,
    key: str | KeyOf,
    switches: Any,
    *,
    on_put: Callable[[PartyState], Merge] = lambda _state: replace_whole,
    on_patch: Callable[[PartyState], Merge] = lambda _state: merge_fields,
) -> dict[str, Handler]:
    """Handlers for the registry's Receiver operations of `module` (its GET, PUT, PATCH and
    DELETE, by operation name); `key` is the path parameter of the object's id after the
    owner's, or how a request names the object (a Token: with its ?type); `switches(state)`
    gives the Deviations the party commits now; `on_put`/`on_patch` how a module combines what
    it holds with what arrives (Sessions add charging_periods on PATCH)."""
    named = path_key("country_code", "party_id", key) if isinstance(key, str) else key

    def qualified(call: Call, found: Key) -> Key:
        """Under `unqualified` only the owner and id count (a Token's type is ignored)."""
        return found[:3] if switches(call.state).unqualified else found

    def store(state: PartyState) -> ObjectStore:
        return state.store(f"{module}-received", lambda _s: ObjectStore())

    def get(call: Call) -> Outcome:
        found = store(call.state).objects.get(qualified(call, named(call)))
        if found is None:
            if switches(call.state).unknown_is_200:
                return Outcome(200, envelope(1000))
            raise Answer(404, 2000, f"unknown {obj}")
        return Outcome(200, envelope(1000, found))

    def answered(call: Call, outcome: Outcome) -> Outcome:
        """A write's answer, its envelope timestamp replaced under a fault."""
        stamp = switches(call.state).answer_timestamp
        return (
            outcome
            if stamp is None
            else replace(outcome, body={**outcome.body, "timestamp": stamp})
        )

    def put(call: Call) -> Outcome:
        body, deviations = call.json(), switches(call.state)
        refused = deviations.refusal_http
        if not isinstance(body, dict):
            raise Answer(refused, 2001, f"not a {obj} object")
        violations = validate_object(obj, body)
        if deviations.tolerates is not None:
            violations = [v for v in violations if not deviations.tolerates(v)]
        if violations and not deviations.accepts_invalid:
            raise Answer(refused, 2001, f"not a valid {obj}: {describe(violations)}")
        key = qualified(call, named(call))
        if qualified(call, identity(obj, body)) != key:
            raise Answer(
                refused, 2001, f"the {obj}'s identity differs from the URL's {'/'.join(key)}"
            )
        objects = store(call.state).objects
        created = key not in objects
        kept = on_put(call.state)(objects.get(key, {}), body)
        if deviations.alter is not None:
            deviations.alter(kept)
        objects[key] = kept
        status = 201 if created and not deviations.put_always_200 else 200
        return answered(call, Outcome(status, envelope(1000)))

    def patch(call: Call) -> Outcome:
        body = call.json()
        objects = store(call.state).objects
        key = qualified(call, named(call))
        refused = switches(call.state).refusal_http
        if key not in objects:
            raise Answer(404, 2000, f"unknown {obj}: PUT it whole first")
        if not isinstance(body, dict):
            raise Answer(refused, 2001, f"not a {obj} PATCH")
        if "last_updated" not in body and not switches(call.state).patch_without_last_updated_ok:
            raise Answer(refused, 2001, "a PATCH SHALL contain last_updated")
        # (under the fault a PATCH without last_updated goes on: only the merged object counts)
        violations = validate_patch(obj, body) if "last_updated" in body else []
        merged = on_patch(call.state)(objects[key], body)
        violations = violations or validate_object(obj, merged)
        if violations:
            raise Answer(refused, 2001, f"not a valid {obj} PATCH: {describe(violations)}")
        objects[key] = merged
        return answered(call, Outcome(200, envelope(1000)))

    def delete(call: Call) -> Outcome:
        objects = store(call.state).objects
        key = qualified(call, named(call))
        if key not in objects:
            raise Answer(404, 2000, f"unknown {obj}")
        if not switches(call.state).delete_ignored:
            del objects[key]
        return answered(call, Outcome(200, envelope(1000)))

    by_method: dict[str, Handler] = {"GET": get, "PUT": put, "PATCH": patch, "DELETE": delete}
    return {
        op.name: by_method[op.method]
        for op in MODULES[module].interface("RECEIVER").operations
        if op.method in by_method
    }
