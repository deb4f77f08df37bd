"""The Receiver side of a Client Owned Object module, for any module whose objects live at
/{country_code}/{party_id}/{id} (Tariffs, Sessions; Tokens with their ?type where the version
has one, ClientInfo at /{country_code}/{party_id} alone): PUT, GET, PATCH and DELETE as the
registry of the request's version offers them, with the same readings as the Locations Receiver
(locations/receiver.py): an invalid object or one whose owner or id differs from the URL gets
HTTP 200 with 2001 and is not stored; an unknown object gets 404 with 2000; a new object 201, a
replaced one 200; a PATCH carries what the version requires of one (2.2.1: last_updated) and
leaves a valid object.

What names an object is what its URL names (`Named`): the owner, the id, a Token's ?type. A
value is compared upper-cased where its URL parameter is a CiString (2.2.1), as it is where it is
a case-sensitive string (2.1.1). Where a version's objects do not carry their owner (2.1.1), only
the id is compared with the body: the owner is the URL's alone. Each version keeps its own
objects (`PartyState.store`).

A module passes its faults as switches (`Deviations`), so each stays registered beside its
own module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ocpi_conformance.party import intake
from ocpi_conformance.party.service import Answer, Call, Handler, Outcome, describe, envelope
from ocpi_conformance.spec.validation import Violation, validate_object
from ocpi_conformance.spec.version import DEFAULT, loaded
from ocpi_conformance.spec.version import version as spec_version

JSON = dict[str, Any]
Key = tuple[str, ...]  # what names one object in a store: the `Named` values, folded
OWNER_PARAMS = ("country_code", "party_id")


@dataclass(frozen=True)
class Named:
    """One field of an object as its URL names it."""

    field: str  # the object's field, e.g. "id"
    value: str  # as the URL gives it
    folds: bool  # a CiString: compared upper-cased

    def key(self) -> str:
        return self.value.upper() if self.folds else self.value

    def matches(self, given: Any) -> bool:
        """Whether a body's value of the field is the one the URL names."""
        return isinstance(given, str) and (given.upper() if self.folds else given) == self.key()


NamedBy = Callable[[Call], list[Named]]  # what a request's URL names


def path_named(obj: str, *params: str) -> NamedBy:
    """The fields path parameters name: country_code and party_id the owner's, any other the
    object's identity field (`Version.identity_field`); each folded as its parameter's type in
    the version's registry says."""

    def named(call: Call) -> list[Named]:
        types = {p.name: p.type for p in call.operation.path_params}
        return [
            Named(
                p if p in OWNER_PARAMS else call.version.identity_field(obj),
                call.params[p],
                types.get(p, "").startswith("CiString"),
            )
            for p in params
        ]

    return named


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


def handlers(
    module: str,
    obj: str,
    key: str | NamedBy,
    switches: Any,
    *,
    versions: Iterable[str] = (DEFAULT,),
    on_put: Callable[[Call], Merge] = lambda _call: replace_whole,
    on_patch: Callable[[Call], Merge] = lambda _call: merge_fields,
    only: Iterable[str] | None = None,
) -> Mapping[str, Handler]:
    """Handlers for the Receiver operations of `module` in each of `versions` (its GET, PUT,
    PATCH and DELETE, by operation name); `key` is the path parameter of the object's id after
    the owner's, or what a request names (a Token: with its ?type); `switches(state)` gives the
    Deviations the party commits now; `on_put`/`on_patch` how a module combines what it holds
    with what arrives (Sessions add charging_periods on PATCH where the version says so);
    `only`: the operations of the interface that carry `obj`, where it has several objects
    (2.3.0's Bookings: BookingLocations and Bookings), each object kept apart."""
    named_by = path_named(obj, *OWNER_PARAMS, key) if isinstance(key, str) else key

    def named(call: Call) -> list[Named]:
        """Under `unqualified` only the owner and id count (a Token's type is ignored)."""
        found = named_by(call)
        return found[:3] if switches(call.state).unqualified else found

    def key_of(call: Call) -> Key:
        return tuple(n.key() for n in named(call))

    def store(call: Call) -> ObjectStore:
        name = f"{module}-received" if only is None else f"{module}-{obj}-received"
        return call.state.store(name, lambda _s: ObjectStore(), call.number)

    def get(call: Call) -> Outcome:
        found = store(call).objects.get(key_of(call))
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

    def differing(call: Call, body: JSON) -> list[Named]:
        """What the URL names that the body says otherwise (fields the version's object
        carries: a 2.1.1 object names no owner)."""
        fields = call.version.objects[obj].model_fields
        return [n for n in named(call) if n.field in fields and not n.matches(body.get(n.field))]

    def put(call: Call) -> Outcome:
        body, deviations = call.json(), switches(call.state)
        refused = deviations.refusal_http
        if not isinstance(body, dict):
            raise Answer(refused, 2001, f"not a {obj} object")
        violations = intake.check(call.state, obj, body, call.number)
        if deviations.tolerates is not None:
            violations = [v for v in violations if not deviations.tolerates(v)]
        if violations and not deviations.accepts_invalid:
            raise Answer(refused, 2001, f"not a valid {obj}: {describe(violations)}")
        key = key_of(call)
        if differing(call, body):
            raise Answer(
                refused, 2001, f"the {obj}'s identity differs from the URL's {'/'.join(key)}"
            )
        objects = store(call).objects
        created = key not in objects
        kept = on_put(call)(objects.get(key, {}), body)
        if deviations.alter is not None:
            deviations.alter(kept)
        objects[key] = kept
        status = 201 if created and not deviations.put_always_200 else 200
        return answered(call, Outcome(status, envelope(1000)))

    def patch(call: Call) -> Outcome:
        body = call.json()
        objects = store(call).objects
        key = key_of(call)
        refused = switches(call.state).refusal_http
        if key not in objects:
            raise Answer(404, 2000, f"unknown {obj}: PUT it whole first")
        if not isinstance(body, dict):
            raise Answer(refused, 2001, f"not a {obj} PATCH")
        missing = [f for f in call.operation.patch_requires if body.get(f) is None]
        if missing and not switches(call.state).patch_without_last_updated_ok:
            raise Answer(refused, 2001, f"a PATCH SHALL contain {', '.join(missing)}")
        # (under the fault a PATCH without last_updated goes on: only the merged object counts)
        violations = [
            v
            for v in intake.check(call.state, obj, body, call.number, patch=True)
            if (v.path, v.constraint) != ("$", "required")
        ]
        merged = on_patch(call)(objects[key], body)
        violations = violations or validate_object(obj, merged, call.number)
        if violations:
            raise Answer(refused, 2001, f"not a valid {obj} PATCH: {describe(violations)}")
        objects[key] = merged
        return answered(call, Outcome(200, envelope(1000)))

    def delete(call: Call) -> Outcome:
        objects = store(call).objects
        key = key_of(call)
        if key not in objects:
            raise Answer(404, 2000, f"unknown {obj}")
        if not switches(call.state).delete_ignored:
            del objects[key]
        return answered(call, Outcome(200, envelope(1000)))

    by_method: dict[str, Handler] = {"GET": get, "PUT": put, "PATCH": patch, "DELETE": delete}
    return ByOperation(module, tuple(versions), by_method, None if only is None else set(only))


class ByOperation(Mapping[str, Handler]):
    """A Receiver's handlers by operation name, read from each version's registry only when a
    request asks: the versions whose text is loaded already are looked in first, so a run of
    one version never imports another's package (bench/versions_cost.py)."""

    def __init__(
        self,
        module: str,
        versions: tuple[str, ...],
        by_method: dict[str, Handler],
        only: set[str] | None = None,  # the operations it serves, when not all of them
    ):
        self._module, self._versions, self._by_method = module, versions, by_method
        self._only = only
        self._tables: dict[str, dict[str, Handler]] = {}

    def _table(self, number: str) -> dict[str, Handler]:
        if number not in self._tables:
            spec = spec_version(number)
            operations = (
                spec.modules[self._module].interface("RECEIVER").operations
                if spec.has_module(self._module)  # 2.1.1 has no hubclientinfo
                else ()
            )
            self._tables[number] = {
                op.name: self._by_method[op.method]
                for op in operations
                if op.method in self._by_method and (self._only is None or op.name in self._only)
            }
        return self._tables[number]

    def _found(self, name: str) -> Handler | None:
        for number in sorted(self._versions, key=lambda number: not loaded(number)):
            if name in (table := self._table(number)):
                return table[name]
        return None

    def __getitem__(self, name: str) -> Handler:
        found = self._found(name)
        if found is None:
            raise KeyError(name)
        return found

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._found(name) is not None

    def __iter__(self) -> Iterator[str]:
        return iter({name for number in self._versions for name in self._table(number)})

    def __len__(self) -> int:
        return len(set(self))
