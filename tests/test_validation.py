"""Validation reports every violation where it is, in the words of the spec."""

from __future__ import annotations

import json

from ocpi_conformance.resources import fixtures_dir
from ocpi_conformance.spec.validation import (
    Violation,
    json_path,
    validate_object,
    validate_response,
    validator,
)


def _location() -> dict:
    path = fixtures_dir() / "locations" / "valid" / "Location.full.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_validators_are_compiled_once() -> None:
    assert validator("Location") is validator("Location")


def test_json_path() -> None:
    assert json_path([]) == "$"
    assert json_path(["evses", 0, "connectors", 1, "id"]) == "$.evses[0].connectors[1].id"


def test_nested_optional_violation_is_reported_at_its_leaf() -> None:
    body = _location()
    body["evses"][0]["coordinates"] = {"latitude": "52.1", "longitude": "4.1234567"}
    [violation] = validate_object("Location", body)
    assert violation.path == "$.evses[0].coordinates.latitude"
    assert violation.constraint == "pattern"
    assert violation.spec == "mod_locations.asciidoc#mod_locations_geolocation_class"


def test_deep_enum_violation_names_the_enum() -> None:
    body = _location()
    body["evses"][0]["connectors"][0]["standard"] = "iec_62196_t2"
    [violation] = validate_object("Location", body)
    assert violation.path == "$.evses[0].connectors[0].standard"
    assert "ConnectorType" in violation.message and "case sensitive" in violation.message


def test_violation_reads_as_one_line() -> None:
    violation = Violation("$.id", "maxLength", "too long", "mod_x.asciidoc#y")
    assert str(violation) == "$.id: too long [mod_x.asciidoc#y]"


def test_response_envelope_violations_and_data_violations_together() -> None:
    body = {"status_code": 1000, "timestamp": "yesterday", "data": [{**_location(), "id": None}]}
    violations = validate_response("locations", "SENDER", "get_list", body)
    assert {(v.path, v.constraint) for v in violations} == {
        ("$.timestamp", "pattern"),
        ("$.data[0].id", "type"),
    }


def test_null_enum_reports_only_the_type() -> None:
    body = _location()
    body["evses"][0]["status"] = None
    [violation] = validate_object("Location", body)
    assert (violation.path, violation.constraint) == ("$.evses[0].status", "type")


def test_validators_are_compiled_once_per_version() -> None:
    assert validator("Location", "2.1.1") is validator("Location", "2.1.1")
    assert validator("Location", "2.1.1") is not validator("Location")
    assert validator("Location") is validator("Location", "2.2.1")


def test_each_version_checks_its_own_prose_rules() -> None:
    hours: dict = {"exceptional_closings": []}  # Hours: neither regular_hours nor twentyfourseven
    [in_211] = validate_object("Hours", hours, "2.1.1")
    assert (in_211.constraint, in_211.spec) == ("rule", "mod_locations.md#413-hours-class")
    in_221 = validate_object("Hours", hours)  # 2.2.1: twentyfourseven has cardinality 1
    assert "required" in {v.constraint for v in in_221}
    assert all(v.spec.startswith("mod_locations.asciidoc#") for v in in_221)


def test_211_response_envelope_takes_any_four_digit_code_and_more() -> None:
    # transport_and_format.md#response-format: "at least four digits are used"
    body = {"status_code": 10000, "timestamp": "2015-06-30T21:59:59Z"}
    assert validate_response("credentials", "", "delete", body, "2.1.1") == []
    assert validate_response("credentials", "", "delete", body) != []
    assert validate_response("credentials", "", "delete", {**body, "status_code": 999}, "2.1.1")
