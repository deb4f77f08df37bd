"""The strategies keep their promise for every object of the spec: valid draws validate, invalid
draws break exactly the one constraint they name, object graphs are consistent."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from ocpi_conformance.spec.v2_2_1 import OBJECTS
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.strategies import Invalid, invalid, valid
from ocpi_conformance.strategies.graphs import _unique
from ocpi_conformance.strategies.profiles import BUDGETS, load
from ocpi_conformance.transport.client import PartyId

FAST = settings(
    max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
HARNESS = PartyId("ZZ", "OCC")


@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_valid_draws_validate(name: str) -> None:
    @FAST
    @given(valid(name))
    def check(body: dict) -> None:
        assert validate_object(name, body) == []

    check()


@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_invalid_draws_break_exactly_one_named_constraint(name: str) -> None:
    @FAST
    @given(invalid(name))
    def check(variant: Invalid) -> None:
        found = [(v.path, v.constraint) for v in validate_object(name, variant.body)]
        assert found == [(variant.mutation.json_path, variant.mutation.constraint)]

    check()


@FAST
@given(valid("Location", HARNESS))
def test_location_graph_is_consistent(location: dict) -> None:
    assert (location["country_code"], location["party_id"]) == ("ZZ", "OCC")
    assert location["id"].startswith("OCC-")
    evses = location.get("evses") or []
    uids = [e["uid"].upper() for e in evses]
    assert len(uids) == len(set(uids))
    for evse in evses:
        ids = [c["id"].upper() for c in evse["connectors"]]
        assert len(ids) == len(set(ids))
        assert all(
            c["last_updated"].rstrip("Z") <= evse["last_updated"].rstrip("Z")
            for c in evse["connectors"]
        )
        assert evse["last_updated"].rstrip("Z") <= location["last_updated"].rstrip("Z")


def test_boundary_values_appear() -> None:
    seen: dict[str, set] = {"text_len": set(), "z": set(), "fraction": set(), "null": set()}

    @settings(max_examples=300, deadline=None, database=None)
    @given(valid("DisplayText"), valid("ExceptionalPeriod"), valid("Price"))
    def collect(text: dict, period: dict, price: dict) -> None:
        seen["text_len"].add(len(text["text"]))
        seen["z"].add(period["period_begin"].endswith("Z"))
        seen["fraction"].add("." in period["period_begin"])
        seen["null"].add("incl_vat" in price and price["incl_vat"] is None)

    collect()
    assert {1, 512} <= seen["text_len"]
    assert seen["z"] == {True, False} and seen["fraction"] == {True, False}
    assert True in seen["null"]


def test_profiles_set_the_example_budgets() -> None:
    from hypothesis import settings as current

    try:
        for name, examples in BUDGETS.items():
            load(name)
            assert current.default.max_examples == examples
    finally:
        current.load_profile("default")


def test_the_seed_decides_examples_even_where_hypothesis_derandomizes() -> None:
    """Under a CI variable hypothesis loads a profile with derandomize=True; a run built on it
    drew other examples in CI than locally (a finding came and went with the machine)."""
    from hypothesis import settings as current

    current.register_profile("machine-ci", derandomize=True, database=None)
    current.load_profile("machine-ci")
    try:
        for name in BUDGETS:
            load(name)
            assert current.default.derandomize is False
            assert current.default.database is None
    finally:
        current.load_profile("default")


def test_ids_of_full_length_are_made_unique_too() -> None:
    """Two Connectors drawn with the same 36-character id once looped forever."""
    same = "OCC-" + "A" * 32
    items = [{"id": same}, {"id": same.lower()}, {"id": same}]
    _unique(items, "id", 36)
    ids = [item["id"] for item in items]
    assert len({i.upper() for i in ids}) == 3 and all(len(i) <= 36 for i in ids)
    assert all(i.startswith("OCC-") for i in ids)


def test_the_shrinking_time_bound_hypothesis_reads_still_exists() -> None:
    from hypothesis.internal.conjecture import engine

    from ocpi_conformance.strategies import profiles

    profiles.load("ci")
    assert profiles.SHRINK_SECONDS["ci"] == engine.MAX_SHRINKING_SECONDS
    profiles.load("certification")
    assert engine.MAX_SHRINKING_SECONDS == 30


def test_2_1_1_draws_are_valid_2_1_1_objects_without_owner_fields() -> None:
    """A version is a parameter: 2.1.1 objects name their owner in the URL only."""
    from hypothesis import given, settings

    from ocpi_conformance.spec.validation import validate_object
    from ocpi_conformance.strategies import valid
    from ocpi_conformance.transport.client import PartyId

    @settings(max_examples=15, database=None, deadline=None)
    @given(valid("Location", PartyId("ZZ", "OCC"), "2.1.1"))
    def drawn(body: dict) -> None:
        assert validate_object("Location", body, "2.1.1") == []
        assert "country_code" not in body and str(body["id"]).startswith("OCC-")

    drawn()
