"""CDRs module objects (mod_cdrs.asciidoc). CdrToken and ChargingPeriod are shared with Sessions."""

from ocpi_conformance.spec.v2_2_1.enums import (
    AuthMethod,
    CdrDimensionType,
    ConnectorFormat,
    ConnectorType,
    PowerType,
    TokenType,
)
from ocpi_conformance.spec.v2_2_1.locations import GeoLocation
from ocpi_conformance.spec.v2_2_1.tariffs import Tariff
from ocpi_conformance.spec.v2_2_1.types import (
    CiString,
    CountryAlpha3,
    CountryCode,
    Currency,
    DateTime,
    Erratum,
    Int,
    Number,
    OneOrMore,
    PartyId,
    Price,
    SpecModel,
    String,
    anchor,
)

SPEC_FILE = "mod_cdrs.asciidoc"

# Erratum 4a91081 "lengthen plain_data field of SignedValue": string(512) -> string(5000).
PLAIN_DATA_ERRATUM = Erratum(
    "4a91081",
    512,
    "Earlier releases of the OCPI 2.2.1 specification documentation mistakenly gave a maximum "
    "length of 512 for the `plain_data` field of the SignedValue class.",
)


class CdrDimension(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_cdrs_cdrdimension_class")

    type: CdrDimensionType
    volume: Number


class CdrLocation(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_cdrs_cdr_location_class")

    id: CiString(36)
    name: String(255) | None = None
    address: String(45)
    city: String(45)
    postal_code: String(10) | None = None
    state: String(20) | None = None
    country: CountryAlpha3
    coordinates: GeoLocation
    evse_uid: CiString(36)
    evse_id: CiString(48)
    connector_id: CiString(36)
    connector_standard: ConnectorType
    connector_format: ConnectorFormat
    connector_power_type: PowerType


class CdrToken(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_cdrs_cdr_token_object")

    country_code: CountryCode
    party_id: PartyId
    uid: CiString(36)
    type: TokenType
    contract_id: CiString(36)


class ChargingPeriod(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_cdrs_chargingperiod_class")

    start_date_time: DateTime
    dimensions: OneOrMore(CdrDimension)
    tariff_id: CiString(36) | None = None


class SignedValue(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_cdrs_signed_value_class")

    nature: CiString(32)
    plain_data: String(5000, erratum=PLAIN_DATA_ERRATUM)
    signed_data: String(5000)


class SignedData(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_cdrs_signed_data_class")

    encoding_method: CiString(36)
    encoding_method_version: Int | None = None
    public_key: String(512) | None = None
    signed_values: OneOrMore(SignedValue)
    url: String(512) | None = None


class CDR(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_cdrs_cdr_object")

    country_code: CountryCode
    party_id: PartyId
    id: CiString(39)
    start_date_time: DateTime
    end_date_time: DateTime
    session_id: CiString(36) | None = None
    cdr_token: CdrToken
    auth_method: AuthMethod
    authorization_reference: CiString(36) | None = None
    cdr_location: CdrLocation
    meter_id: String(255) | None = None
    currency: Currency
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
