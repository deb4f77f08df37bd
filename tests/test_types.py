"""The primitive types of types.asciidoc, at and beyond their boundaries, through the schemas
that partners' bodies are validated with."""

from __future__ import annotations

import pytest

from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_1_1.types import parse_datetime as parse_datetime_211
from ocpi_conformance.spec.validation import validate_object


def _display_text(text: str, language: str = "en") -> dict:
    return {"language": language, "text": text}


def _geo(lat: str, lon: str) -> dict:
    return {"latitude": lat, "longitude": lon}


def _exceptional(begin: str) -> dict:
    return {"period_begin": begin, "period_end": "2015-06-29T21:39:09Z"}


# types_datetime_type: the six shapes the spec lists are the allowed ones.
SPEC_DATETIMES = [
    "2015-06-29T20:39:09Z",
    "2015-06-29T20:39:09",
    "2016-12-29T17:45:09.2Z",
    "2016-12-29T17:45:09.2",
    "2018-01-01T01:08:01.123Z",
    "2018-01-01T01:08:01.123",
]


@pytest.mark.parametrize("value", SPEC_DATETIMES)
def test_spec_datetime_examples_are_valid(value: str) -> None:
    assert validate_object("ExceptionalPeriod", _exceptional(value)) == []


@pytest.mark.parametrize(
    "value",
    [
        "2015-06-29T20:39:09+00:00",  # "+00:00 is not the same as UTC"
        "2015-06-29T20:39:09+01:00",
        "2015-06-29 20:39:09Z",
        "2015-06-29",
        "2015-13-29T20:39:09Z",
        "2015-06-29T24:00:00Z",
        "2015-06-29T20:39:09.123456789012Z",  # 32 characters: over string(25)
        "20150629T203909Z",
    ],
)
def test_datetime_rejects_offsets_other_shapes_and_length(value: str) -> None:
    violations = validate_object("ExceptionalPeriod", _exceptional(value))
    assert violations, value
    assert violations[0].path == "$.period_begin"


def test_datetime_message_explains_the_rule() -> None:
    [violation] = validate_object("ExceptionalPeriod", _exceptional("2015-06-29T20:39:09+00:00"))
    assert "not an OCPI DateTime" in violation.message
    assert violation.spec == "mod_locations.asciidoc#mod_locations_exceptionalperiod_class"


def test_string_length_boundary() -> None:
    assert validate_object("DisplayText", _display_text("x" * 512)) == []
    [violation] = validate_object("DisplayText", _display_text("x" * 513))
    assert violation.constraint == "maxLength"
    assert "513 characters" in violation.message and "at most 512" in violation.message


@pytest.mark.parametrize("text", ["line\nbreak", "tab\there", "cr\r", "bell\x07", "del\x7f"])
def test_string_rejects_control_characters(text: str) -> None:
    [violation] = validate_object("DisplayText", _display_text(text))
    assert violation.constraint == "pattern"
    assert "control characters" in violation.message


def test_string_allows_printable_unicode() -> None:
    assert validate_object("DisplayText", _display_text("Ladestation München – 24/7 ⚡")) == []


def _token_ref(uid: str) -> dict:
    return {"location_id": "LOC1", "evse_uids": [uid]}


def test_cistring_allows_printable_ascii_up_to_its_length() -> None:
    assert validate_object("LocationReferences", _token_ref("~" + "A" * 34 + " ")) == []


@pytest.mark.parametrize("uid", ["Ünïcode", "tab\tchar", "x" * 37])
def test_cistring_rejects_non_ascii_controls_and_overlength(uid: str) -> None:
    [violation] = validate_object("LocationReferences", _token_ref(uid))
    assert violation.path == "$.evse_uids[0]"


@pytest.mark.parametrize(
    ("lat", "lon"),
    [("50.77077", "-126.10496"), ("-9.1234567", "179.1234567"), ("0.00000", "0.00000")],
)
def test_geolocation_regex_accepts(lat: str, lon: str) -> None:
    assert validate_object("GeoLocation", _geo(lat, lon)) == []


@pytest.mark.parametrize(
    ("lat", "lon", "bad"),
    [
        ("50.7707", "4.12345", "latitude"),  # four decimals
        ("50.77077", "4.12345678", "longitude"),  # eight decimals
        ("150.77077", "4.12345", "latitude"),  # three integer digits
        ("x50.77077", "4.12345", "latitude"),  # anchored: no prefix
        ("50,77077", "4.12345", "latitude"),  # decimal separator is "."
    ],
)
def test_geolocation_regex_rejects(lat: str, lon: str, bad: str) -> None:
    [violation] = validate_object("GeoLocation", _geo(lat, lon))
    assert violation.path == f"$.{bad}"


def test_optional_fields_may_be_null_or_absent() -> None:
    # terminology_cardinality: "?" may be null or omitted, "*" may be null, [] or omitted.
    price = {"excl_vat": 1.0}
    assert validate_object("Price", price) == []
    assert validate_object("Price", {**price, "incl_vat": None}) == []
    hours = {"twentyfourseven": True}
    for value in (None, []):
        assert validate_object("Hours", {**hours, "exceptional_closings": value}) == []


def test_required_fields_may_not_be_null() -> None:
    [violation] = validate_object("Price", {"excl_vat": None})
    assert violation.constraint == "type"


def test_one_or_more_list_must_not_be_empty() -> None:
    [violation] = validate_object("TariffElement", {"price_components": []})
    assert violation.constraint == "minItems"
    assert "cardinality +" in violation.message


def test_enum_values_are_case_sensitive() -> None:
    body = {"source": "solar", "percentage": 50}
    [violation] = validate_object("EnergySource", body)
    assert violation.constraint == "enum"
    assert "case sensitive" in violation.message


@pytest.mark.parametrize(
    ("percentage", "valid"), [(0, True), (100, True), (-0.1, False), (101, False)]
)
def test_energy_source_percentage_range(percentage: float, valid: bool) -> None:
    body = {"source": "SOLAR", "percentage": percentage}
    assert (validate_object("EnergySource", body) == []) is valid


@pytest.mark.parametrize(
    ("weekday", "begin", "valid"),
    [
        (1, "00:00", True),
        (7, "23:58", True),  # period_end (23:59) must be later than period_begin
        (0, "08:00", False),
        (8, "08:00", False),
        (3, "24:00", False),
        (3, "8:00", False),
    ],
)
def test_regular_hours_weekday_and_time_of_day(weekday: int, begin: str, valid: bool) -> None:
    body = {"weekday": weekday, "period_begin": begin, "period_end": "23:59"}
    assert (validate_object("RegularHours", body) == []) is valid


@pytest.mark.parametrize(
    ("limit", "valid"), [(8.1, True), (32, True), (230.4, True), (11.11, False)]
)
def test_charging_profile_limit_has_at_most_one_decimal(limit: float, valid: bool) -> None:
    body = {"start_period": 0, "limit": limit}
    assert (validate_object("ChargingProfilePeriod", body) == []) is valid


def test_unknown_fields_are_allowed() -> None:
    assert validate_object("Price", {"excl_vat": 1, "x_vendor": "extension"}) == []


def test_every_violation_is_reported_not_just_the_first() -> None:
    body = {"language": "english", "text": 5}
    violations = validate_object("DisplayText", body)
    assert {v.path for v in violations} == {"$.language", "$.text"}


# --- 2.1.1 (types.md): what differs from 2.2.1 -------------------------------------------------

V211 = "2.1.1"
# types.md#12-datetime-type: the four shapes the 2.1.1 text lists.
SPEC_DATETIMES_211 = [
    "2015-06-29T20:39:09Z",
    "2015-06-29T20:39:09",
    "2016-12-29T17:45:09Z",
    "2016-12-29T17:45:09",
]


@pytest.mark.parametrize("value", SPEC_DATETIMES_211)
def test_211_spec_datetime_examples_are_valid(value: str) -> None:
    assert validate_object("ExceptionalPeriod", _exceptional(value), V211) == []
    assert parse_datetime_211(value) is not None


@pytest.mark.parametrize(
    "value",
    [
        "2016-12-29T17:45:09.2Z",  # fractions: 2.2 "Fractional seconds are now allowed"
        "2018-01-01T01:08:01.123",
        "2015-06-29T20:39:09+00:00",  # "+00:00 is not the same as UTC"
        "2015-06-29T22:39:09+02:00",
        "2015-06-29 20:39:09Z",
    ],
)
def test_211_datetime_rejects_fractions_and_offsets(value: str) -> None:
    [violation] = validate_object("ExceptionalPeriod", _exceptional(value), V211)
    assert (violation.path, violation.constraint) == ("$.period_begin", "pattern")
    assert parse_datetime_211(value) is None


def test_211_alternative_datetime_reading_takes_fractions() -> None:
    import re

    from ocpi_conformance.spec.v2_1_1.types import DATETIME_PATTERN_WITH_FRACTIONS

    assert re.match(DATETIME_PATTERN_WITH_FRACTIONS, "2016-12-29T17:45:09.2Z")
    assert not re.match(DATETIME_PATTERN_WITH_FRACTIONS, "2016-12-29T17:45:09.2+01:00")


@pytest.mark.parametrize("text", ["Ladestation München", "24/7 ⚡", "café"])
def test_211_string_is_printable_ascii_only(text: str) -> None:
    # types.md#15-string-type: "Only printable ASCII allowed" (2.2 made it UTF-8).
    [violation] = validate_object("DisplayText", _display_text(text), V211)
    assert (violation.path, violation.constraint) == ("$.text", "pattern")
    assert violation.spec == "types.md#13-displaytext-class"
    assert validate_object("DisplayText", _display_text(text)) == []  # fine in 2.2.1


@pytest.mark.parametrize("text", ["line\nbreak", "tab\there", "del\x7f"])
def test_211_string_rejects_control_characters(text: str) -> None:
    assert validate_object("DisplayText", _display_text(text), V211) != []


def test_211_string_allows_every_printable_ascii_character() -> None:
    printable = "".join(chr(c) for c in range(0x20, 0x7F))
    assert validate_object("DisplayText", _display_text(printable), V211) == []


@pytest.mark.parametrize(
    ("lat", "lon", "bad"),
    [
        ("50.770774", "-126.104965", None),  # the text's own examples
        ("-12.345678", "-123.456789", None),  # the longest forms fit string(10)/string(11)
        ("50.77077", "4.123456", "latitude"),  # five decimals: 2.2's regex, not 2.1.1's
        ("50.770774", "4.1234567", "longitude"),  # seven decimals
    ],
)
def test_211_geolocation_has_exactly_six_decimals(lat: str, lon: str, bad: str | None) -> None:
    found = validate_object("GeoLocation", _geo(lat, lon), V211)
    assert [v.path for v in found] == ([] if bad is None else [f"$.{bad}"])


def test_211_time_of_day_regex_is_taken_as_written() -> None:
    # "Regex: [0-2][0-9]:[0-5][0-9]" admits 24:00 to 29:59; 2.2 "Improved the regex".
    body = {"weekday": 1, "period_begin": "08:00", "period_end": "24:00"}
    assert validate_object("RegularHours", body, V211) == []
    assert validate_object("RegularHours", body) != []
    assert validate_object("RegularHours", {**body, "period_end": "30:00"}, V211) != []


def test_211_cistring_is_the_221_cistring() -> None:
    # types.md#11-cistring-type says what types_cistring_type says: one type, shared.
    from ocpi_conformance.spec.v2_1_1 import types as t211
    from ocpi_conformance.spec.v2_2_1 import types as t221

    assert t211.CiString is t221.CiString and t211.SpecModel is t221.SpecModel
    cdr = {**fixture("cdrs", "CDR.minimal", V211), "id": "Ünïcode"}  # CDR.id: CiString(36)
    [violation] = validate_object("CDR", cdr, V211)
    assert (violation.path, violation.constraint) == ("$.id", "pattern")
    assert "CiString" in violation.message
