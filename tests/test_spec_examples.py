"""The example files the spec ships (github ocpi/ocpi: tag 2.2.1 and revision 2.2.1-d2) as a test
set: every example the spec text makes valid validates; each one that does not is listed below
with its own errors, so a change in the models that hides or invents an error fails here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocpi_conformance.validation import (
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


def _kind(stem: str) -> tuple[str, ...]:
    if stem in KIND:
        return KIND[stem]
    for prefix, name in OBJECT_BY_PREFIX.items():
        if stem.startswith(prefix):
            return ("object", name)
    raise AssertionError(f"no kind known for example {stem}: add it to KIND")


def _violations(stem: str, body: object) -> list[Violation]:
    kind, *args = _kind(stem)
    if kind == "object":
        return validate_object(args[0], body)
    if kind == "patch":
        return validate_patch(args[0], body)
    if kind == "fragment":
        return validate_object(args[1], body[args[0]])  # type: ignore[index]
    if kind == "list":
        return [v for item in body for v in validate_object(args[0], item)]  # type: ignore[union-attr]
    return validate_response(*args, body)


ALL_EXAMPLES = sorted(f"{path.parent.name}/{path.stem}" for path in EXAMPLES.glob("*/*.json"))


def test_both_revisions_are_present() -> None:
    assert len([e for e in ALL_EXAMPLES if e.startswith("2.2.1/")]) == 60
    assert len([e for e in ALL_EXAMPLES if e.startswith("2.2.1-d2/")]) == 59


@pytest.mark.parametrize("example", ALL_EXAMPLES)
def test_spec_example(example: str) -> None:
    body = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    found = {(v.path, v.message) for v in _violations(example.split("/")[1], body)}
    assert found == EXPECTED_ERRORS.get(example, set())


def test_expected_errors_name_existing_examples() -> None:
    assert set(EXPECTED_ERRORS) <= set(ALL_EXAMPLES)
