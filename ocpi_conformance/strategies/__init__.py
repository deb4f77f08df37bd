"""hypothesis strategies derived from the spec models: valid objects that reach the boundaries,
consistent object graphs, and invalid variants with exactly one broken constraint.

Nothing here is written per object: `valid("Location")` walks the exported schema of Location,
then applies the graph rules of `graphs.py` that a schema cannot state.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from ocpi_conformance.resources import schemas_dir
from ocpi_conformance.spec.validation import validator
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.strategies.graphs import FIXES, keep_rules, own
from ocpi_conformance.strategies.mutations import Mutation, sites
from ocpi_conformance.strategies.schema import from_schema
from ocpi_conformance.transport.client import PartyId


@cache
def schema_of(name: str, version: str = DEFAULT) -> dict[str, Any]:
    """The committed standalone schema of a spec object of an OCPI version (read once)."""
    return json.loads((schemas_dir(version) / f"{name}.json").read_text(encoding="utf-8"))


@cache
def valid(
    name: str, identity: PartyId | None = None, version: str = DEFAULT
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid instances of a spec object of an OCPI version; pushed objects carry `identity`
    (where the version's objects name their owner) and the id prefix.

    Built once per object, identity and version: walking a schema builds thousands of
    strategies, and `invalid` draws from this one for every example."""
    schema = schema_of(name, version)
    fix = FIXES.get(name, lambda body, _schema: body)
    spec = spec_version(version)
    return from_schema(schema, schema).map(
        lambda body: keep_rules(schema, own(name, fix(body, schema), identity, schema, spec), spec)
    )


@cache
def _mutable(
    name: str, identity: PartyId | None, version: str
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid instances that have at least one constraint to break."""
    schema = schema_of(name, version)
    return valid(name, identity, version).filter(lambda b: any(sites(b, schema, schema)))


@dataclass(frozen=True)
class Invalid:
    body: dict[str, Any]
    mutation: Mutation


@st.composite
def invalid(
    draw: st.DrawFn, name: str, identity: PartyId | None = None, version: str = DEFAULT
) -> Invalid:
    """A valid instance with exactly one constraint broken, and what the validator must say."""
    schema = schema_of(name, version)
    body = draw(_mutable(name, identity, version))
    mutation = draw(st.sampled_from(list(sites(body, schema, schema))))
    broken = mutation.apply(body)
    # a schema break that also breaks a prose rule (regular_hours removed while not 24/7) would
    # be two violations: draw another
    assume(not validator(name, version).rule_violations(broken))
    return Invalid(broken, mutation)


__all__ = ["Invalid", "Mutation", "invalid", "schema_of", "valid"]
