"""The examples the spec ships as a test set: the example files of 2.2.1 (github ocpi/ocpi: tag
2.2.1 and revision 2.2.1-d2) and the fenced JSON examples of the 2.1.1 Markdown (tag 2.1.1, read
by tests/spec_tables/read_markdown.py). Every example the spec text makes valid validates; each
one that does not is listed below with its own errors, so a change in the models that hides or
invents an error fails here. None is skipped: an example that is no JSON as written is named with
its syntax error, then judged as the text surely meant it (its trailing commas dropped)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ocpi_conformance.spec.validation import (
    Violation,
    validate_object,
    validate_patch,
    validate_response,
)

EXAMPLES = Path(__file__).parent / "spec_examples"

# What each example is. Files not named here are whole objects of the kind in OBJECT_BY_PREFIX.
# "fragment" examples show one property of a larger object (the spec embeds them in prose).
KIND: dict[str, tuple[str, ...]] = {
    "cdr_example": ("object", "CDR"),
    "location_energymix_example_complete": ("fragment", "energy_mix", "EnergyMix"),
    "location_energymix_example_energy_provider": ("fragment", "energy_mix", "EnergyMix"),
    "location_energymix_example_simple": ("fragment", "energy_mix", "EnergyMix"),
    "location_hours_247_open_exception_closing": ("object", "Hours"),
    "location_hours_opening_hours_with_exceptional_closing": ("object", "Hours"),
    "location_hours_opening_hours_with_exceptional_opening": ("object", "Hours"),
    "location_patch_example_location": ("patch", "Location"),
    "location_patch_example_remove_evse": ("patch", "EVSE"),
    "location_patch_example_status": ("patch", "EVSE"),
    "location_patch_example_tariff": ("patch", "Connector"),
    "location_put_example_add_evse": ("object", "EVSE"),
    "location_regularhours_example": ("fragment", "opening_times", "Hours"),
    "session_patch_example_charging_period": ("patch", "Session"),
    "session_patch_example_total_cost": ("patch", "Session"),
    "token_patch_example": ("patch", "Token"),
    "transport_and_format_get_token_example": ("response", "tokens", "RECEIVER", "get_token"),
    "transport_and_format_get_token_list_example": ("response", "tokens", "SENDER", "get_list"),
    "transport_and_format_version_details_example": (
        "response",
        "versions",
        "",
        "get_version_details",
    ),
    "transport_and_format_version_info_example": ("response", "versions", "", "get_versions"),
    "type_displaytext_example": ("object", "DisplayText"),
    "versions_info_example": ("list", "Version"),
}
OBJECT_BY_PREFIX = {
    "credentials_example": "Credentials",
    "location_example": "Location",
    "session_example": "Session",
    "tariff": "Tariff",
    "token_": "Token",
    "version_details_example": "VersionDetails",
}

_CDR_TOKEN_WITHOUT_OWNER = {
    # mod_cdrs_cdr_token_object makes country_code and party_id required (card. 1); the 2.2.1
    # tag's examples predate that and leave them out (fixed in 2.2.1-d2).
    ("$.cdr_token", "required field 'country_code' is missing"),
    ("$.cdr_token", "required field 'party_id' is missing"),
}
# Examples the spec text makes invalid, with the errors they have.
EXPECTED_ERRORS: dict[str, set[tuple[str, str]]] = {
    "2.2.1/cdr_example": _CDR_TOKEN_WITHOUT_OWNER,
    "2.2.1/session_example_1_simple_start": _CDR_TOKEN_WITHOUT_OWNER,
    "2.2.1/session_example_2_short_finished": _CDR_TOKEN_WITHOUT_OWNER,
    # The "add an EVSE" PUT example shows a Connector with only id, standard and format, and a
    # physical_reference that is a JSON number where EVSE.physical_reference is string(16).
    **{
        f"{rev}/location_put_example_add_evse": {
            ("$.connectors[0]", "required field 'power_type' is missing"),
            ("$.connectors[0]", "required field 'max_voltage' is missing"),
            ("$.connectors[0]", "required field 'max_amperage' is missing"),
            ("$.connectors[0]", "required field 'last_updated' is missing"),
            ("$.physical_reference", "3 is a JSON integer, expected string"),
        }
        for rev in ("2.2.1", "2.2.1-d2")
    },
    # A PUT body is a whole Tariff (transport_and_format_put), and Tariff.last_updated is card. 1.
    **{
        f"{rev}/tariff_put_example": {("$", "required field 'last_updated' is missing")}
        for rev in ("2.2.1", "2.2.1-d2")
    },
}


_PATTERN = "{} does not match the spec's format {}"

# --- 2.1.1: the examples of the Markdown, named <file>__<heading anchor> ------------------------

# What each 2.1.1 example is (its heading and the text around it say it; every one is listed).
KIND_211: dict[str, tuple[str, ...]] = {
    "credentials__example": ("object", "Credentials"),
    "mod_cdrs__example-of-a-cdr": ("object", "CDR"),
    "mod_locations__4191-example": ("fragment", "opening_times", "Hours"),
    "mod_locations__complete": ("fragment", "energy_mix", "EnergyMix"),
    "mod_locations__simple": ("fragment", "energy_mix", "EnergyMix"),
    "mod_locations__tariff-name-based": ("fragment", "energy_mix", "EnergyMix"),
    "mod_locations__example": ("object", "Location"),
    "mod_locations__example-a-simple-status-update": ("patch", "EVSE"),
    "mod_locations__example-add-an-evse": ("object", "EVSE"),  # a PUT: the whole EVSE
    "mod_locations__example-change-the-location-name": ("patch", "Location"),
    "mod_locations__example-delete-an-evse": ("patch", "EVSE"),
    "mod_locations__example-set-tariff-update": ("patch", "Connector"),
    "mod_sessions__example-update-the-total-cost": ("patch", "Session"),
    "mod_sessions__simple-session-example-of-a-just-starting-session": ("object", "Session"),
    "mod_sessions__simple-session-example-of-a-short-finished-session": ("object", "Session"),
    "mod_tariffs__complex-tariff-example": ("object", "Tariff"),
    "mod_tariffs__example-change-tariff-to-250": ("patch", "Tariff"),  # headed "PUT To URL"
    "mod_tariffs__example-new-tariff-2-euro-per-hour": ("object", "Tariff"),  # a PUT
    "mod_tariffs__free-of-charge-tariff-example": ("object", "Tariff"),
    "mod_tariffs__simple-tariff-example-2-euro-per-hour": ("object", "Tariff"),
    "mod_tariffs__simple-tariff-example-with-alternative-multi-language-text": ("object", "Tariff"),
    "mod_tariffs__simple-tariff-example-with-alternative-url": ("object", "Tariff"),
    "mod_tokens__example": ("object", "Token"),
    "mod_tokens__example-invalidate-a-token": ("patch", "Token"),
    "mod_tokens__example-put-a-new-token": ("object", "Token"),
    "transport_and_format__example-response-with-an-error-contains-no-data-field": (
        "response",
        "tokens",
        "SENDER",
        "get_list",
    ),
    "transport_and_format__example-tokens-get-response-with-list-of-token-objects-emsp-end-point"
    "-list-of-objects": ("response", "tokens", "SENDER", "get_list"),
    "transport_and_format__example-tokens-get-response-with-one-token-object-cpo-end-point-one"
    "-object": ("response", "tokens", "RECEIVER", "get_token"),
    "transport_and_format__example-version-details-response-one-object": (
        "response",
        "versions",
        "",
        "get_version_details",
    ),
    "transport_and_format__example-version-information-response-list-of-objects": (
        "response",
        "versions",
        "",
        "get_versions",
    ),
    "version_information_endpoint__example": ("list", "Version"),
    "version_information_endpoint__example-1": ("object", "VersionDetails"),
}

# Examples that are no JSON as written, with the error Python's parser gives.
NOT_JSON: dict[str, str] = {
    # `{ "source": "GENERAL_FOSSIL", "percentage": 2.9, }`: trailing commas.
    "2.1.1/mod_locations__complete": "Expecting property name enclosed in double quotes: line 8"
    " column 53",
}

# The spec's own Location: "51.04759"/"3.72994" have five decimals where 2.1.1's regex asks six
# (mod_locations.md#412-geolocation-class); Sessions and the CDR also swap latitude and longitude.
_COORDINATES_211 = {
    ("$.location.coordinates.latitude", _PATTERN.format('"3.72994"', r"^-?[0-9]{1,2}\.[0-9]{6}$")),
    (
        "$.location.coordinates.longitude",
        _PATTERN.format('"51.04759"', r"^-?[0-9]{1,3}\.[0-9]{6}$"),
    ),
}
# ... with type "on_street" (LocationType is upper case) and "STATUS" for the EVSE's status.
_EMBEDDED_LOCATION_211 = {
    *_COORDINATES_211,
    (
        "$.location.type",
        '"on_street" is not a value of LocationType (enum values are case sensitive)',
    ),
    ("$.location.evses[0]", "required field 'status' is missing"),
}
_OFFSET = (
    " is not an OCPI DateTime (RFC 3339 in UTC such as 2015-06-29T20:39:09Z; no offset, at most 25"
    " characters)"
)
_TOKEN_211 = ("required field 'whitelist' is missing", "required field 'last_updated' is missing")

EXPECTED_ERRORS.update(
    {
        # A CDR with the embedded Location above, a Tariff without last_updated (card. 1) whose
        # price is the JSON string "2.00" (number).
        "2.1.1/mod_cdrs__example-of-a-cdr": {
            *_EMBEDDED_LOCATION_211,
            ("$.tariffs[0]", "required field 'last_updated' is missing"),
            (
                "$.tariffs[0].elements[0].price_components[0].price",
                '"2.00" is a JSON string, expected number',
            ),
        },
        # Exceptional periods in +02:00, where "All timestamps SHALL be in UTC".
        "2.1.1/mod_locations__4191-example": {
            (f"$.exceptional_{kind}[0].{end}", f'"{stamp}"{_OFFSET}')
            for kind, end, stamp in (
                ("openings", "period_begin", "2014-06-21T09:00:00+02:00"),
                ("openings", "period_end", "2014-06-21T12:00:00+02:00"),
                ("closings", "period_begin", "2014-06-24T00:00:00+02:00"),
                ("closings", "period_end", "2014-06-25T00:00:00+02:00"),
            )
        },
        # The "add an EVSE" PUT: no last_updated, a Connector of id, standard, format and
        # tariff_id only, and a physical_reference that is a JSON number (string(16)).
        "2.1.1/mod_locations__example-add-an-evse": {
            ("$", "required field 'last_updated' is missing"),
            ("$.connectors[0]", "required field 'power_type' is missing"),
            ("$.connectors[0]", "required field 'voltage' is missing"),
            ("$.connectors[0]", "required field 'amperage' is missing"),
            ("$.connectors[0]", "required field 'last_updated' is missing"),
            ("$.physical_reference", "3 is a JSON integer, expected string"),
        },
        # Five decimals; the second EVSE's Connector has no last_updated.
        "2.1.1/mod_locations__example": {
            ("$.coordinates.latitude", _PATTERN.format('"51.04759"', r"^-?[0-9]{1,2}\.[0-9]{6}$")),
            ("$.coordinates.longitude", _PATTERN.format('"3.72994"', r"^-?[0-9]{1,3}\.[0-9]{6}$")),
            ("$.evses[1].connectors[0]", "required field 'last_updated' is missing"),
        },
        # Sessions without auth_method (card. 1), with the embedded Location above; the second
        # writes the dimension type "energy".
        "2.1.1/mod_sessions__simple-session-example-of-a-just-starting-session": {
            ("$", "required field 'auth_method' is missing"),
            *_EMBEDDED_LOCATION_211,
        },
        "2.1.1/mod_sessions__simple-session-example-of-a-short-finished-session": {
            ("$", "required field 'auth_method' is missing"),
            *_EMBEDDED_LOCATION_211,
            (
                "$.charging_periods[1].dimensions[0].type",
                '"energy" is not a value of CdrDimensionType (enum values are case sensitive)',
            ),
        },
        # A PUT body is a whole Tariff (transport_and_format.md#put); last_updated is card. 1.
        "2.1.1/mod_tariffs__example-new-tariff-2-euro-per-hour": {
            ("$", "required field 'last_updated' is missing")
        },
        # Tokens of OCPI 2.0 (allow_whitelist): no whitelist, no last_updated.
        "2.1.1/transport_and_format__example-tokens-get-response-with-list-of-token-objects-emsp"
        "-end-point-list-of-objects": {
            (f"$.data[{i}]", message) for i in range(3) for message in _TOKEN_211
        },
        "2.1.1/transport_and_format__example-tokens-get-response-with-one-token-object-cpo-end"
        "-point-one-object": {("$.data", message) for message in _TOKEN_211},
        # Version "1.9" is no VersionNumber (2.0, 2.1, 2.1.1).
    }
)


def _version(example: str) -> str:
    """The OCPI version of an example: its folder, a revision folder (2.2.1-d2) its version."""
    return example.split("/")[0].split("-")[0]


def _kind(example: str) -> tuple[str, ...]:
    stem = example.split("/")[1]
    if _version(example) == "2.1.1":
        return KIND_211[stem]
    if stem in KIND:
        return KIND[stem]
    for prefix, name in OBJECT_BY_PREFIX.items():
        if stem.startswith(prefix):
            return ("object", name)
    raise AssertionError(f"no kind known for example {stem}: add it to KIND")


def _violations(example: str, body: object) -> list[Violation]:
    kind, *args = _kind(example)
    version = _version(example)
    if kind == "object":
        return validate_object(args[0], body, version)
    if kind == "patch":
        return validate_patch(args[0], body, version)
    if kind == "fragment":
        return validate_object(args[1], body[args[0]], version)  # type: ignore[index]
    if kind == "list":
        return [v for item in body for v in validate_object(args[0], item, version)]  # type: ignore[union-attr]
    return validate_response(*args, body, version)


def _body(example: str) -> object:
    text = (EXAMPLES / f"{example}.json").read_text(encoding="utf-8")
    if example in NOT_JSON:
        with pytest.raises(json.JSONDecodeError) as error:
            json.loads(text)
        assert str(error.value).startswith(NOT_JSON[example])
        text = re.sub(r",\s*([}\]])", r"\1", text)
    return json.loads(text)


ALL_EXAMPLES = sorted(f"{path.parent.name}/{path.stem}" for path in EXAMPLES.glob("*/*.json"))


def test_every_revision_is_present() -> None:
    assert len([e for e in ALL_EXAMPLES if e.startswith("2.2.1/")]) == 60
    assert len([e for e in ALL_EXAMPLES if e.startswith("2.2.1-d2/")]) == 59
    assert {e.split("/")[1] for e in ALL_EXAMPLES if e.startswith("2.1.1/")} == set(KIND_211)


@pytest.mark.parametrize("example", ALL_EXAMPLES)
def test_spec_example(example: str) -> None:
    found = {(v.path, v.message) for v in _violations(example, _body(example))}
    assert found == EXPECTED_ERRORS.get(example, set())


def test_expected_errors_name_existing_examples() -> None:
    assert set(EXPECTED_ERRORS) <= set(ALL_EXAMPLES)
    assert set(NOT_JSON) <= set(ALL_EXAMPLES)
