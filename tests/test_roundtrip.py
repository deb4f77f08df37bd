"""`differences`: how a stored object is compared with the one sent (LOC-EMSP-001 and friends)."""

from __future__ import annotations

import copy

from ocpi_conformance.resources import fixture
from ocpi_conformance.strategies import schema_of
from ocpi_conformance.verdicts.checks.roundtrip import differences


def _compare(sent: object, got: object) -> list[str]:
    schema = schema_of("Location")
    return differences(sent, got, schema, schema)


def test_an_object_equal_to_the_one_sent_has_no_differences() -> None:
    location = fixture("locations", "Location.full")
    assert _compare(location, copy.deepcopy(location)) == []


def test_cistrings_compare_without_case() -> None:
    location = fixture("locations", "Location.full")
    lowered = {**location, "country_code": location["country_code"].lower()}
    assert _compare(location, lowered) == []


def test_a_changed_string_is_named_by_its_path() -> None:
    location = fixture("locations", "Location.full")
    found = _compare(location, {**location, "city": location["city"] + "x"})
    assert len(found) == 1 and found[0].startswith("$.city: sent ")


def test_an_array_where_the_spec_has_one_object_says_so_in_one_line() -> None:
    location = fixture("locations", "Location.full")
    found = _compare(location, [location])
    assert found == ["$: a JSON array came back where the spec gives type object"]
