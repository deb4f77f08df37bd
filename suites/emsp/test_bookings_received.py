"""BKG-EMSP: the Bookings Receiver of an eMSP (mod_bookings.asciidoc#mod_bookings_emsp_interface,
tag v2.3.0-bookings): the BookingLocations (with their Calendars) and Bookings a CPO PUTs and
PATCHes at '{booking_endpoint_url}/{country_code}/{party_id}/booking_locations/
{booking_location_id}[/{calendar_id}]' and '.../{country_code}/{party_id}/{booking_id}'. The
harness plays the CPO; what it PUTs carries its party and OCC- ids (the interface has no DELETE:
"use PATCH to update the status").
"""

from __future__ import annotations

from typing import Any

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.resources import fixture
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.spec.v2_3_0.documents import BKG, STC
from ocpi_conformance.spec.v2_3_0.modules import BOOKING_LOCATIONS
from ocpi_conformance.transport.client import OcpiClient, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.failures import blocked_by

from ..contracts.push_receiver import (
    EXTENSION_FIELD,
    UNDOCUMENTED,
    assert_accepted,
    assert_same,
    now,
    object_of,
)

SUITE = Suite("Booking", "RECEIVER", versions=("2.3.0",), listing="get_booking_locations")
PUT = f"{BKG}#mod_bookings_put_booking_location_method"
PATCH = f"{BKG}#mod_bookings_booking_location_patch_method"


def _ours(harness: Harness, name: str, obj: str = "BookingLocation") -> dict[str, Any]:
    body = fixture("bookings", f"{obj}.{name}", "2.3.0")
    return {**body, "country_code": harness.identity.country_code,
            "party_id": harness.identity.party_id, "id": new_id("BL")[:36],
            "last_updated": now("2.3.0")}  # fmt: skip


def _url(owner: str, body: dict[str, Any]) -> str:
    return object_url(owner.rstrip("/") + BOOKING_LOCATIONS, body["id"])


@pytest.fixture(scope="module")
def put_full(harness: Harness, client: OcpiClient, owner: str) -> dict[str, Any]:
    """The full BookingLocation (one Calendar) PUT once: its body, URL and answer."""
    body = _ours(harness, "full")
    url = _url(owner, body)
    reply = client.request("PUT", url, module=SUITE.module, json_body=body)
    return {"body": body, "url": url, "reply": reply}


@SUITE.case("BKG-EMSP-001", MANDATORY, PUT, needs=("writes",))
def test_put_round_trip(client: OcpiClient, put_full: dict[str, Any]) -> None:
    """A BookingLocation PUT by the CPO is taken and read back equal"""
    assert_accepted(put_full["reply"], "PUT of a full BookingLocation")
    got = object_of(client.get(put_full["url"], module=SUITE.module))
    assert_same("BookingLocation", put_full["body"], got, "the BookingLocation PUT", "2.3.0")


@SUITE.case("BKG-EMSP-002", RECOMMENDED, f"{STC}#status_codes_status_codes", needs=("writes",))
def test_put_new_answers_201(put_full: dict[str, Any]) -> None:
    """PUT of a new BookingLocation answers HTTP 201"""
    with blocked_by("BKG-EMSP-001"):
        assert_accepted(put_full["reply"], "PUT of a full BookingLocation")
    status = put_full["reply"].status
    assert status == 201, f"PUT of a new BookingLocation answered HTTP {status}, expected 201"


# mod_bookings_booking_location_patch_method: "When the PATCH is on a Calendar Object, the
# Receiver SHALL also set the new last_updated value on the parent BookingLocation Objects."
@SUITE.case("BKG-EMSP-041", MANDATORY, PATCH, needs=("writes",))
def test_calendar_patch_updates_the_parent(client: OcpiClient, put_full: dict[str, Any]) -> None:
    """A PATCH of a Calendar sets its new last_updated on the parent BookingLocation too"""
    with blocked_by("BKG-EMSP-001"):
        assert_accepted(put_full["reply"], "PUT of a full BookingLocation")
    calendar = put_full["body"]["calendars"][0]
    stamp = now("2.3.0")
    patch = {"step_size": 30, "last_updated": stamp}
    url = object_url(put_full["url"], calendar["id"])
    assert_accepted(client.request("PATCH", url, module=SUITE.module, json_body=patch), "PATCH")
    parent = object_of(client.get(put_full["url"], module=SUITE.module))
    assert parent.get("last_updated") == stamp, (
        f"after the Calendar's PATCH (last_updated {stamp}) its BookingLocation's last_updated is "
        f"{parent.get('last_updated')!r}"
    )


# transport_and_format.asciidoc#_non_specified_json_fields: "SHALL NOT reject request or
# response payloads based on the presence of JSON object field names that are not documented".
@SUITE.case("BKG-EMSP-004", MANDATORY, UNDOCUMENTED, needs=("writes",))
def test_undocumented_field_is_accepted(harness: Harness, client: OcpiClient, owner: str) -> None:
    """A BookingLocation PUT with a field no table documents is taken and read back"""
    body = _ours(harness, "minimal")
    body[EXTENSION_FIELD] = "sent by ocpi-conformance: a field no OCPI table documents"
    url = _url(owner, body)
    assert_accepted(client.request("PUT", url, module=SUITE.module, json_body=body), "PUT")
    got = object_of(client.get(url, module=SUITE.module))
    documented = {k: v for k, v in body.items() if k != EXTENSION_FIELD}
    assert_same("BookingLocation", documented, got, "the BookingLocation PUT", "2.3.0")
