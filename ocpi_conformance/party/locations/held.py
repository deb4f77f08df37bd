"""The Locations a party holds, one store per OCPI version: its own (seeded) as a CPO, those
pushed to it as an eMSP. The 2.2.1 Locations come from `seed.py`, written for that version's
models; the 2.3.0 ones are those with what 2.3.0 adds (`seed_230.py`); another version's from its
fixtures (`fixture_seed.py`).
"""

from __future__ import annotations

import copy
from typing import Any

from ocpi_conformance.party.choices import choice, made
from ocpi_conformance.party.lists import EXTENSION, EXTENSION_FIELDS
from ocpi_conformance.party.locations.fixture_seed import seed_from_fixtures
from ocpi_conformance.party.locations.seed import SEEDED_VERSION, seed_locations
from ocpi_conformance.party.locations.seed_230 import seed_locations_230
from ocpi_conformance.party.locations.store import LocationStore
from ocpi_conformance.party.service import fold
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version

MODULE = "locations"
# The versions whose Locations are written out (the others' come from their fixtures).
WRITTEN = {SEEDED_VERSION: seed_locations, "2.3.0": seed_locations_230}


ERRATUM_LENGTHS = choice(
    "erratum_lengths",
    "its first Location has an address of 200 characters and a state of 40, as the 2.2.1 "
    "erratum allows (string(255), string(45))",
    "mod_locations.asciidoc#mod_locations_location_object (branch release-2.2.1-bugfixes, "
    "96baa5d): 'Earlier releases ... mistakenly gave maximum lengths of 45 and 20'",
    roles=("cpo",),
)


OPEN_ENUM_EXTENSIONS = choice(
    "open_enum_extensions",
    "its first 2.3.0 Location lists a Facility and its first EVSE a Capability that no table "
    "lists (OCC_FUTURE_FACILITY, OCC_FUTURE_CAPABILITY)",
    "types.asciidoc#types_openenum_type: 'the set of all possible values is not known at the time "
    "of writing of the specification' (Facility and Capability are OpenEnums in 2.3.0)",
    roles=("cpo",),
    versions=("2.3.0",),
)


def _chosen(state: PartyState, version: str, first: dict[str, Any]) -> dict[str, Any]:
    """The first Location as the conformant choices made in `version` have it."""
    if made(state.choices, ERRATUM_LENGTHS, version):
        first = {**first, "address": "Stationsstraat " + "1" * 185, "state": "S" * 40}
    evses = copy.deepcopy(first.get("evses") or [])
    if made(state.choices, EXTENSION_FIELDS, version):
        first = {**first, **EXTENSION}
        if evses:
            evses[0] = {**evses[0], **EXTENSION}
    if made(state.choices, OPEN_ENUM_EXTENSIONS, version):
        first = {**first, "facilities": [*(first.get("facilities") or []), FUTURE_FACILITY]}
        if evses:
            evses[0]["capabilities"] = [*(evses[0].get("capabilities") or []), FUTURE_CAPABILITY]
    return {**first, "evses": evses} if evses else first


FUTURE_FACILITY, FUTURE_CAPABILITY = "OCC_FUTURE_FACILITY", "OCC_FUTURE_CAPABILITY"


def _create(state: PartyState, version: str) -> LocationStore:
    """Seeded with the party's own Locations of `version` when it serves them (a CPO), else
    empty; ids compared as the version compares them."""
    spec = spec_version(version)
    identity = state.identity
    serves = identity.role in spec.modules[MODULE].interface("SENDER").implemented_by
    seeded = []
    if serves:
        written = WRITTEN.get(version)
        seeded = written(identity) if written else seed_from_fixtures(identity, version)
    if seeded:
        seeded[0] = _chosen(state, version, seeded[0])
    owner = (identity.country_code, identity.party_id)
    return LocationStore(seeded, fold=fold(spec, "Location", "id"), owner=owner)


def store(state: PartyState, version: str = DEFAULT) -> LocationStore:
    """The party's Locations of one OCPI version."""
    return state.store(MODULE, lambda s: _create(s, version), version)
