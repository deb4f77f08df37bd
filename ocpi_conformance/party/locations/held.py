"""The Locations a party holds, one store per OCPI version: its own (seeded) as a CPO, those
pushed to it as an eMSP. The 2.2.1 Locations come from `seed.py`, written for that version's
models; the 2.3.0 ones are those with what 2.3.0 adds (`seed_230.py`); another version's from its
fixtures (`fixture_seed.py`).
"""

from __future__ import annotations

from ocpi_conformance.party.choices import choice, made
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
    if seeded and made(state.choices, ERRATUM_LENGTHS, version):
        seeded[0] = {**seeded[0], "address": "Stationsstraat " + "1" * 185, "state": "S" * 40}
    owner = (identity.country_code, identity.party_id)
    return LocationStore(seeded, fold=fold(spec, "Location", "id"), owner=owner)


def store(state: PartyState, version: str = DEFAULT) -> LocationStore:
    """The party's Locations of one OCPI version."""
    return state.store(MODULE, lambda s: _create(s, version), version)
