"""Payments module objects (mod_payments.asciidoc, tag v2.3.0-ed2-payments).

Its Terminal table types most text fields CiString (address, city, country...), unlike Location's
string: kept as written. `coordinates` links `mod_locations_geolocation_class` without a file,
read as Locations' GeoLocation. `CiString[1..255]` is a CiString of 1 to 255 characters.
"""

from ocpi_conformance.spec.v2_3_0.documents import PAY
from ocpi_conformance.spec.v2_3_0.enums import CaptureStatusCode, InvoiceCreator
from ocpi_conformance.spec.v2_3_0.locations import GeoLocation
from ocpi_conformance.spec.v2_3_0.types import (
    URL,
    CiString,
    CiStringRange,
    DateTime,
    OneOrMore,
    Price,
    SpecModel,
    anchor,
)


class Terminal(SpecModel):
    spec_anchor = anchor(PAY, "mod_payments_terminal_object")

    terminal_id: CiString(36)
    customer_reference: CiString(36) | None = None
    party_id: CiString(3) | None = None
    country_code: CiString(2) | None = None
    address: CiString(45) | None = None
    city: CiString(45) | None = None
    postal_code: CiString(10) | None = None
    state: CiString(20) | None = None
    country: CiString(3) | None = None
    coordinates: GeoLocation | None = None
    invoice_base_url: URL | None = None
    invoice_creator: InvoiceCreator | None = None
    reference: CiString(36) | None = None
    location_ids: list[CiString(36)] | None = None
    evse_uids: list[CiString(36)] | None = None
    last_updated: DateTime


class FinancialAdviceConfirmation(SpecModel):
    spec_anchor = anchor(PAY, "mod_payments_financial_advice_confirmation_object")

    id: CiString(36)
    authorization_reference: CiString(36)
    total_costs: Price
    currency: CiString(3)
    eft_data: OneOrMore(CiStringRange(1, 255))
    capture_status_code: CaptureStatusCode
    capture_status_message: CiStringRange(1, 255) | None = None
    last_updated: DateTime
