"""The example files the 2.3.0 texts ship, as a test set: tests/spec_examples/2.3.0/<tag>/ holds the
examples/ folder of tag v2.3.0-ed2, and the files the Payments (v2.3.0-ed2-payments) and Bookings
(v2.3.0-bookings) tags add to it. Every example the 2.3.0 text makes valid validates against the
2.3.0 models; each one it does not is listed below with its own errors, so a change in the models
that hides or invents an error fails here. A model rests on the tables and the text: an example
alone never decides a rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocpi_conformance.spec.v2_3_0.documents import BOOKINGS, CORE, PAYMENTS
from ocpi_conformance.spec.v2_3_0.types import FORMER_SHAPES, TYPES

from .validation_2_3_0 import Violation, validate_object, validate_patch, validate_response

EXAMPLES = Path(__file__).parent / "spec_examples" / "2.3.0"
TAGS = (CORE.tag, PAYMENTS.tag, BOOKINGS.tag)

# What each example is. Files not named here are whole objects of the kind in OBJECT_BY_PREFIX.
# "fragment" examples show one property of a larger object (the spec embeds them in prose);
# a "patch" names the fields its PATCH must carry.
KIND: dict[str, tuple[object, ...]] = {
    "cdr_example": ("object", "CDR"),
    "location_energymix_example_complete": ("fragment", "energy_mix", "EnergyMix"),
    "location_energymix_example_energy_provider": ("fragment", "energy_mix", "EnergyMix"),
    "location_energymix_example_simple": ("fragment", "energy_mix", "EnergyMix"),
    "location_hours_247_open_exception_closing": ("object", "Hours"),
    "location_hours_opening_hours_with_exceptional_closing": ("object", "Hours"),
    "location_hours_opening_hours_with_exceptional_opening": ("object", "Hours"),
    "location_patch_example_location": ("patch", "Location", ("last_updated",)),
    "location_patch_example_remove_evse": ("patch", "EVSE", ("last_updated",)),
    "location_patch_example_status": ("patch", "EVSE", ("last_updated",)),
    "location_patch_example_tariff": ("patch", "Connector", ("last_updated",)),
    "location_put_example_add_evse": ("object", "EVSE"),
    "location_regularhours_example": ("fragment", "opening_times", "Hours"),
    "session_patch_example_charging_period": ("patch", "Session", ("last_updated",)),
    "session_patch_example_total_cost": ("patch", "Session", ("last_updated",)),
    "token_patch_example": ("patch", "Token", ("last_updated",)),
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
    # Payments: the PATCH Terminal asks for no field (mod_payments_ptp_patch_terminal_method)
    "payment_terminal_location_assignment": ("patch", "Terminal", ()),
    # Bookings
    "booking_location_patch_example_calendar": ("patch", "Calendar", ("last_updated",)),
    "booking_location_patch_example_terms": ("patch", "BookingLocation", ("last_updated",)),
    "booking_patch_example_evse_uid": ("patch", "Booking", ("last_updated",)),
    "booking_patch_example_status_update": ("patch", "Booking", ("last_updated",)),
    # Not included by the text, and no BookingRequest is ever PATCHed (the Sender's PATCH is
    # "n/c"): read as partial BookingRequests that must carry nothing.
    "booking_request_patch_example_timeslot": ("patch", "BookingRequest", ()),
    "booking_request_patch_example_tokens": ("patch", "BookingRequest", ()),
}
OBJECT_BY_PREFIX = {
    "credentials_example": "Credentials",
    "location_example": "Location",
    "session_example": "Session",
    "tariff": "Tariff",
    "token_": "Token",
    "version_details_example": "VersionDetails",
    "payment_financial_advice_confirmation": "FinancialAdviceConfirmation",
    "payment_terminal": "Terminal",
    "booking_location_example": "BookingLocation",
    "booking_example": "Booking",
}

_ED2 = CORE.tag
_PAY = PAYMENTS.tag
_BKG = BOOKINGS.tag
_DATETIME = "is not an OCPI DateTime (RFC 3339 in UTC such as 2015-06-29T20:39:09Z; no offset, at most 25 characters)"  # noqa: E501
# the Payments examples' 2.2.1 Price, named as that shape (types.FORMER_SHAPES)
_PRICE_2_2_1 = (
    "$.total_costs",
    "required field 'before_taxes' is missing: " + FORMER_SHAPES[f"{TYPES}#types_price_class"].said,
)
_BOOKING_TERMS_ONE = (
    # BookingLocation.booking_terms is BookingTerms `*` (a list); the examples send one object
    "$.booking_terms",
    '{"RFID_auth_required": true, "token_groups_supported": fa... is a JSON object, expected array',
)


def _request(index: int) -> set[tuple[str, str]]:
    """A BookingRequest of booking_example: no owner, and location and EVSE as JSON numbers."""
    at = f"$.booking_requests[{index}].booking_request"
    return {
        (at, "required field 'country_code' is missing"),
        (at, "required field 'party_id' is missing"),
        (f"{at}.evse_uid", "3256 is a JSON integer, expected string"),
        (f"{at}.location_id", "1234 is a JSON integer, expected string"),
    }


# Examples the 2.3.0 text makes invalid, with the errors they have.
EXPECTED_ERRORS: dict[str, set[tuple[str, str]]] = {
    # Tariff.tax_included is card. 1 (mod_tariffs_tariff_object); the CDR's embedded Tariff has
    # none.
    f"{_ED2}/cdr_example": {("$.tariffs[0]", "required field 'tax_included' is missing")},
    # As in 2.2.1: the "add an EVSE" PUT shows a Connector with only id, standard and format, and
    # a physical_reference that is a JSON number where EVSE.physical_reference is string(16).
    f"{_ED2}/location_put_example_add_evse": {
        ("$.connectors[0]", "required field 'power_type' is missing"),
        ("$.connectors[0]", "required field 'max_voltage' is missing"),
        ("$.connectors[0]", "required field 'max_amperage' is missing"),
        ("$.connectors[0]", "required field 'last_updated' is missing"),
        ("$.physical_reference", "3 is a JSON integer, expected string"),
    },
    # As in 2.2.1: a PUT body is a whole Tariff, and Tariff.last_updated is card. 1.
    f"{_ED2}/tariff_put_example": {("$", "required field 'last_updated' is missing")},
    # FinancialAdviceConfirmation.total_costs is a 2.3.0 Price (before_taxes, taxes); the examples
    # write the 2.2.1 Price (excl_vat, incl_vat), whose fields are merely unknown in 2.3.0.
    f"{_PAY}/payment_financial_advice_confirmation_create": {_PRICE_2_2_1},
    f"{_PAY}/payment_financial_advice_confirmation_example_success": {_PRICE_2_2_1},
    # ... and the failed capture has no eft_data, which is `+` (at least one).
    f"{_PAY}/payment_financial_advice_confirmation_example_failure": {
        _PRICE_2_2_1,
        ("$", "required field 'eft_data' is missing"),
    },
    # "The object sent here can be just the terminal id", yet Terminal.last_updated is card. 1.
    f"{_PAY}/payment_terminal_create_minimal": {("$", "required field 'last_updated' is missing")},
    # A PUT body is "Terminal | 1"; this one has no terminal_id (card. 1).
    f"{_PAY}/payment_terminal_put_update": {("$", "required field 'terminal_id' is missing")},
    # Bare numbers where the table says CiString(36), an empty BookableParkingOptions, Booking-
    # Requests without their owner, and "" as a LocationAccess value.
    f"{_BKG}/booking_example": {
        ("$.bookable_parking_option", "required field 'format' is missing"),
        ("$.bookable_parking_option", "required field 'restricted_to_type' is missing"),
        ("$.bookable_parking_option", "required field 'vehicle_types' is missing"),
        *_request(0),
        *_request(1),
        ("$.booking_terms.supported_access_methods[0]", '"" is not a value of LocationAccess'),
        ("$.booking_terms.supported_access_methods[1]", '"" is not a value of LocationAccess'),
        ("$.evse_uid", "3256 is a JSON integer, expected string"),
        ("$.location_id", "1234 is a JSON integer, expected string"),
        ("$.parking_id", "22314 is a JSON integer, expected string"),
    },
    f"{_BKG}/booking_location_example": {_BOOKING_TERMS_ONE},
    f"{_BKG}/booking_location_patch_example_terms": {_BOOKING_TERMS_ONE},
    # 08:59:99: there is no 99th second.
    f"{_BKG}/booking_location_patch_example_calendar": {
        ("$.available_timeslots[0].end_before", f'"2025-03-23T08:59:99Z" {_DATETIME}'),
    },
}


def _kind(stem: str) -> tuple[object, ...]:
    if stem in KIND:
        return KIND[stem]
    for prefix, name in OBJECT_BY_PREFIX.items():
        if stem.startswith(prefix):
            return ("object", name)
    raise AssertionError(f"no kind known for example {stem}: add it to KIND")


def _violations(stem: str, body: object) -> list[Violation]:
    kind, *args = _kind(stem)
    if kind == "object":
        return validate_object(str(args[0]), body)
    if kind == "patch":
        return validate_patch(str(args[0]), body, args[1])  # type: ignore[arg-type]
    if kind == "fragment":
        return validate_object(str(args[1]), body[args[0]])  # type: ignore[index]
    if kind == "list":
        return [v for item in body for v in validate_object(str(args[0]), item)]  # type: ignore[union-attr]
    return validate_response(*(str(a) for a in args), body)


ALL_EXAMPLES = sorted(f"{p.parent.name}/{p.stem}" for p in EXAMPLES.glob("*/*.json"))


def test_each_text_gives_its_examples() -> None:
    counts = {tag: len([e for e in ALL_EXAMPLES if e.startswith(f"{tag}/")]) for tag in TAGS}
    assert counts == {CORE.tag: 61, PAYMENTS.tag: 11, BOOKINGS.tag: 8}


@pytest.mark.parametrize("example", ALL_EXAMPLES)
def test_spec_example(example: str) -> None:
    body = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    found = {(v.path, v.message) for v in _violations(example.split("/")[1], body)}
    assert found == EXPECTED_ERRORS.get(example, set())


def test_expected_errors_name_existing_examples() -> None:
    assert set(EXPECTED_ERRORS) <= set(ALL_EXAMPLES)
