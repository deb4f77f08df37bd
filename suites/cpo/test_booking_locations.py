"""BKG-CPO: the Bookings Sender of a CPO (mod_bookings.asciidoc, tag v2.3.0-bookings; "Data
owner: CPO"), its BookingLocation and Calendar interface and the POST of a booking request.

BKG-CPO-001 to 014: the paginated BookingLocation list ('{bookings_endpoint_url}/
booking_locations'), judged as every Sender list is (`contracts/sender_list.py`), its objects
against the tables (CiStrings are strings: the module's examples give bare numbers). BKG-CPO-041
on: a BookingRequest POSTed for a Calendar's open timeslot and for a period no Calendar offers,
and the cancellation of the first (every Booking the harness makes is canceled when its case
ends: "To set when requesting to cancel the booking").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.plugin.fixtures import require_endpoint
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.spec.v2_2_1.types import parse_datetime
from ocpi_conformance.spec.v2_3_0.documents import BKG
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.transport.client import OcpiClient, Reply, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.failures import SchemaViolation

from ..contracts.push_receiver import assert_accepted
from ..contracts.sender_list import SenderList

SUITE = Suite("Booking", "SENDER", versions=("2.3.0",), listing="get_booking_locations")
POST = f"{BKG}#mod_bookings_cpo_post_booking_method"
ANSWER = f"{BKG}#mod_bookings_response_data"
LIFECYCLE = f"{BKG}#mod_bookings_flow_and_lifecycle"
OBJECT = f"{BKG}#mod_bookings_bookinglocation_object"
ONE = f"{BKG}#mod_bookings_get_booking_location_calendar"


@pytest.fixture(scope="module")
def bookings_url(harness: Harness, suite: Suite) -> str:
    return require_endpoint(harness, suite.module, suite.interface)


@pytest.fixture(scope="module")
def endpoint(bookings_url: str, suite: Suite) -> str:
    """The BookingLocations list: '/booking_locations' below the Bookings endpoint."""
    return bookings_url.rstrip("/") + suite.operation("get_list").path


class TestBookingLocationList(SenderList, suite=SUITE):
    """BKG-CPO-001 to 014."""


def _future_slot(listed: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A BookingLocation and an available timeslot of its Calendars that starts in the future."""
    moment = dt.datetime.now(dt.UTC)
    for place in listed:
        for calendar in place.get("calendars") or []:
            for slot in calendar.get("available_timeslots") or []:
                start = parse_datetime(slot.get("start_from"))
                if start is not None and start > moment:
                    return place, slot
    return None


def _request(harness: Harness, place: dict[str, Any], start: str, end: str) -> dict[str, Any]:
    """A BookingRequest of ours (our party, an OCC- request_id) for `place`'s Location."""
    return {
        "country_code": harness.identity.country_code,
        "party_id": harness.identity.party_id,
        "request_id": new_id("REQ")[:36],
        "location_id": str(place["location_id"]),
        "period": {"start_from": start, "end_before": end},
        "authorization_reference": new_id("AUTH")[:36],
    }


def _cancel(client: OcpiClient, url: str, request: dict[str, Any]) -> None:
    body = {**request, "canceled": {"cancellation_reason": "NO_CANCELED", "who_canceled": "EMSP"}}
    client.request("POST", url, module=SUITE.module, json_body=body)


def _booking(reply: Reply, what: str) -> dict[str, Any]:
    assert_accepted(reply, what)
    data = reply.data
    assert isinstance(data, dict), f"{what}: the answer carries no Booking ({reply.describe()})"
    problems = validate_object("Booking", data, "2.3.0")
    if problems:
        raise SchemaViolation(f"{what}: the Booking answered is not valid: {problems[0]}")
    return data


@pytest.fixture(scope="module")
def open_slot(listed: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    found = _future_slot(listed)
    if found is None:
        pytest.skip("no listed BookingLocation has a Calendar with a timeslot in the future")
    return found


@SUITE.case("BKG-CPO-041", MANDATORY, ANSWER, needs=("writes",))
def test_request_in_an_open_slot_answers_a_booking(
    harness: Harness, client: OcpiClient, bookings_url: str, open_slot: tuple
) -> None:
    """A BookingRequest POSTed for an open timeslot of a listed Calendar is answered with a
    valid Booking of that request (its request_id, location_id and period), PENDING, RESERVED,
    REJECTED or FAILED"""
    place, slot = open_slot
    request = _request(harness, place, slot["start_from"], slot["end_before"])
    reply = client.request("POST", bookings_url, module=SUITE.module, json_body=request)
    try:
        booking = _booking(reply, "POST of a BookingRequest in an open timeslot")
        for name in ("request_id", "location_id"):
            assert str(booking.get(name, "")).upper() == request[name].upper(), (
                f"the Booking answered has {name} {booking.get(name)!r}, not the request's"
            )
        assert booking.get("reservation_status") in ("PENDING", "RESERVED", "REJECTED", "FAILED")
    finally:
        _cancel(client, bookings_url, request)


# Reading: from PENDING the CPO moves a Booking to "REJECTED if the requested timeslot or
# booking option isn't available" (no keyword: recommended); a period wholly before the
# Calendar's open slot, ending where the Calendar begins, is one no Calendar offers.
@SUITE.case("BKG-CPO-042", RECOMMENDED, LIFECYCLE, needs=("writes",))
def test_request_outside_every_slot_is_not_reserved(
    harness: Harness, client: OcpiClient, bookings_url: str, open_slot: tuple
) -> None:
    """A BookingRequest for a period no Calendar offers is not RESERVED"""
    place, _slot = open_slot
    start = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    stamp = "%Y-%m-%dT%H:%M:%SZ"
    end = start + dt.timedelta(hours=1)
    request = _request(harness, place, start.strftime(stamp), end.strftime(stamp))
    reply = client.request("POST", bookings_url, module=SUITE.module, json_body=request)
    try:
        booking = _booking(reply, "POST of a BookingRequest a year ahead")
        assert booking.get("reservation_status") != "RESERVED", (
            f"a booking for {request['period']}, a period no Calendar offers, was RESERVED"
        )
    finally:
        _cancel(client, bookings_url, request)


# Reading: BookingRequest.canceled, "To set when requesting to cancel the booking", with "The
# same request ID SHALL be used for all edits on booking"; a Booking moves to "CANCELED if the
# eMSP or CPO cancels the booking". The cancellation's answer is a Booking (Response Data).
@SUITE.case("BKG-CPO-043", MANDATORY, LIFECYCLE, needs=("writes",))
def test_cancellation_cancels(
    harness: Harness, client: OcpiClient, bookings_url: str, open_slot: tuple
) -> None:
    """A BookingRequest with `canceled`, for the request_id of a RESERVED Booking, cancels it"""
    place, slot = open_slot
    request = _request(harness, place, slot["start_from"], slot["end_before"])
    first = _booking(client.request("POST", bookings_url, module=SUITE.module, json_body=request),
                     "POST of a BookingRequest in an open timeslot")  # fmt: skip
    if first.get("reservation_status") != "RESERVED":
        _cancel(client, bookings_url, request)
        pytest.skip(f"the request was answered {first.get('reservation_status')}, not RESERVED")
    body = {**request, "canceled": {"cancellation_reason": "NO_CANCELED", "who_canceled": "EMSP"}}
    after = _booking(client.request("POST", bookings_url, module=SUITE.module, json_body=body),
                     "POST of the cancellation")  # fmt: skip
    assert after.get("reservation_status") == "CANCELED", (
        f"after the cancellation the Booking is {after.get('reservation_status')}, not CANCELED"
    )


# mod_bookings_bookinglocation_object: "Each bookingLocation should include either the
# bookable_parking_option or the evse_uid. One of them is mandatory." (the table makes both
# optional: the rule is the sentence's, and it says mandatory).
@SUITE.case("BKG-CPO-044", MANDATORY, OBJECT)
def test_every_booking_location_names_what_is_booked(listed: list[dict[str, Any]]) -> None:
    """Every listed BookingLocation has bookable_parking_options or an evse_uid"""
    bare = [str(p.get("id")) for p in listed
            if not p.get("bookable_parking_options") and not p.get("evse_uid")]  # fmt: skip
    assert not bare, f"{len(bare)} BookingLocation(s) name neither: {', '.join(bare[:5])}"


# mod_bookings_get_booking_location_calendar: "{bookings_endpoint_url}/booking_locations/
# {booking_location_id}/{calendar_id}" answers the BookingLocation, or with calendar_id the
# Calendar ("required when requesting a Calendar object").
@SUITE.case("BKG-CPO-045", MANDATORY, ONE)
def test_one_booking_location_and_calendar_by_id(
    client: OcpiClient, endpoint: str, listed: list[dict[str, Any]]
) -> None:
    """A listed BookingLocation is served by its id, and each of its Calendars by the
    BookingLocation's id and the Calendar's, as listed"""
    place = next((p for p in listed if p.get("calendars")), listed[0])
    url = object_url(endpoint, place["id"])
    reply = client.get(url, module=SUITE.module)
    assert reply.status == 200 and reply.status_code == 1000, reply.describe()
    assert reply.data == place, f"GET {url} serves another BookingLocation than the list"
    for calendar in place.get("calendars") or []:
        found = client.get(object_url(url, calendar["id"]), module=SUITE.module)
        assert found.status_code == 1000 and found.data == calendar, (
            f"Calendar {calendar['id']} by id: {found.describe()}"
        )
