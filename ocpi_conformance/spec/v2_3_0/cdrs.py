"""CDRs module objects (mod_cdrs.asciidoc). CdrToken and ChargingPeriod are shared with Sessions.

2.3.0 against 2.2.1: every Price is the 2.3.0 Price (before_taxes, taxes); SignedValue.plain_data
is string(5000) (Edition 2: "Earlier releases [...] mistakenly gave a maximum length of 512");
PARKING_TIME is "Time [...] during which the vehicle is not requesting power" (Edition 2). The
Bookings text adds CDR.booking_id (documents.ADDITIONS).
"""

from ocpi_conformance.spec.v2_3_0.documents import CDR as CDR_FILE
from ocpi_conformance.spec.v2_3_0.enums import (
    AuthMethod,
    CdrDimensionType,
    ConnectorFormat,
    ConnectorType,
    PowerType,
    TokenType,
)
from ocpi_conformance.spec.v2_3_0.locations import GeoLocation
from ocpi_conformance.spec.v2_3_0.tariffs import Tariff
from ocpi_conformance.spec.v2_3_0.types import (
    CiString,
    DateTime,
    Int,
    Number,
    OneOrMore,
    Price,
    SpecModel,
    String,
    anchor,
)


class CdrDimension(SpecModel):
    spec_anchor = anchor(CDR_FILE, "mod_cdrs_cdrdimension_class")

    type: CdrDimensionType
    volume: Number


class CdrLocation(SpecModel):
    spec_anchor = anchor(CDR_FILE, "mod_cdrs_cdr_location_class")

    id: CiString(36)
    name: String(255) | None = None
    address: String(45)
    city: String(45)
    postal_code: String(10) | None = None
    state: String(20) | None = None
    country: String(3)
    coordinates: GeoLocation
    evse_uid: CiString(36)
    evse_id: CiString(48)
    connector_id: CiString(36)
    connector_standard: ConnectorType
    connector_format: ConnectorFormat
    connector_power_type: PowerType


class CdrToken(SpecModel):
    spec_anchor = anchor(CDR_FILE, "mod_cdrs_cdr_token_object")

    country_code: CiString(2)
    party_id: CiString(3)
    uid: CiString(36)
    type: TokenType
    contract_id: CiString(36)


class ChargingPeriod(SpecModel):
    spec_anchor = anchor(CDR_FILE, "mod_cdrs_chargingperiod_class")

    start_date_time: DateTime
    dimensions: OneOrMore(CdrDimension)
    tariff_id: CiString(36) | None = None


class SignedValue(SpecModel):
    spec_anchor = anchor(CDR_FILE, "mod_cdrs_signed_value_class")

    nature: CiString(32)
    plain_data: String(5000)
    signed_data: String(5000)


class SignedData(SpecModel):
    spec_anchor = anchor(CDR_FILE, "mod_cdrs_signed_data_class")

    encoding_method: CiString(36)
    encoding_method_version: Int | None = None
    public_key: String(512) | None = None
    signed_values: OneOrMore(SignedValue)
    url: String(512) | None = None


class CDR(SpecModel):
    spec_anchor = anchor(CDR_FILE, "mod_cdrs_cdr_object")

    country_code: CiString(2)
    party_id: CiString(3)
    id: CiString(39)
    start_date_time: DateTime
    end_date_time: DateTime
    booking_id: CiString(36) | None = None  # + Bookings
    session_id: CiString(36) | None = None
    cdr_token: CdrToken
    auth_method: AuthMethod
    authorization_reference: CiString(36) | None = None
    cdr_location: CdrLocation
    meter_id: String(255) | None = None
    currency: String(3)
    tariffs: list[Tariff] | None = None
    charging_periods: OneOrMore(ChargingPeriod)
    signed_data: SignedData | None = None
    total_cost: Price
    total_fixed_cost: Price | None = None
    total_energy: Number
    total_energy_cost: Price | None = None
    total_time: Number
    total_time_cost: Price | None = None
    total_parking_time: Number | None = None
    total_parking_cost: Price | None = None
    total_reservation_cost: Price | None = None
    remark: String(255) | None = None
    invoice_reference_id: CiString(39) | None = None
    credit: bool | None = None
    credit_reference_id: CiString(39) | None = None
    home_charging_compensation: bool | None = None
    last_updated: DateTime
