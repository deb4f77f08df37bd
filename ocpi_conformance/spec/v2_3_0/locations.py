"""Locations module: Location > EVSE > Connector, the Parking places, and their classes
(mod_locations.asciidoc, tag v2.3.0-ed2).

New in 2.3.0: Location.parking_places (Parking) and help_phone; EVSE.parking (EVSEParking) and
accepted_service_providers; Connector.capabilities (ConnectorCapability). Location.address is
string(255) and state string(45) (Edition 2, as the 2.2.1 errata: "Earlier releases of the OCPI
2.3.0 specification documentation mistakenly gave maximum lengths of 45 and 20"); CdrLocation
keeps 45 and 20. The tables write `CiString[36]` and `String[12]` in the new rows: read as the
CiString(36) and string(12) of the other rows.
"""

from typing import Annotated

from pydantic import Field

from ocpi_conformance.spec.v2_3_0.documents import LOC
from ocpi_conformance.spec.v2_3_0.enums import (
    Capability,
    ConnectorCapability,
    ConnectorFormat,
    ConnectorType,
    EnergySourceCategory,
    EnvironmentalImpactCategory,
    EVSEPosition,
    Facility,
    ImageCategory,
    ParkingDirection,
    ParkingRestriction,
    ParkingType,
    PowerType,
    Status,
    TokenType,
    VehicleType,
)
from ocpi_conformance.spec.v2_3_0.types import (
    LATITUDE_REGEX,
    LONGITUDE_REGEX,
    TIME_OF_DAY_REGEX,
    URL,
    AnyCiString,
    CiString,
    DateTime,
    DisplayText,
    Int,
    Number,
    OneOrMore,
    Pattern,
    SpecModel,
    String,
    anchor,
)


class Connector(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_connector_object")

    id: CiString(36)
    standard: ConnectorType
    format: ConnectorFormat
    power_type: PowerType
    max_voltage: Int
    max_amperage: Int
    max_electric_power: Int | None = None
    tariff_ids: list[CiString(36)] | None = None
    terms_and_conditions: URL | None = None
    capabilities: list[ConnectorCapability] | None = None
    last_updated: DateTime


class AdditionalGeoLocation(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_additionalgeolocation_class")

    latitude: Pattern(10, LATITUDE_REGEX, "string(10)")
    longitude: Pattern(11, LONGITUDE_REGEX, "string(11)")
    name: DisplayText | None = None


class EnergySource(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_energysource_class")

    source: EnergySourceCategory
    percentage: Annotated[Number, Field(ge=0, le=100)]


class EnvironmentalImpact(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_environmentalimpact_class")

    category: EnvironmentalImpactCategory
    amount: Number


class EnergyMix(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_energymix_class")

    is_green_energy: bool
    energy_sources: list[EnergySource] | None = None
    environ_impact: list[EnvironmentalImpact] | None = None
    supplier_name: String(64) | None = None
    energy_product_name: String(64) | None = None


class EVSEParking(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_evseparking_class")

    parking_id: CiString(36)
    evse_position: EVSEPosition | None = None


class ExceptionalPeriod(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_exceptionalperiod_class")

    period_begin: DateTime
    period_end: DateTime


class GeoLocation(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_geolocation_class")

    latitude: Pattern(10, LATITUDE_REGEX, "string(10)")
    longitude: Pattern(11, LONGITUDE_REGEX, "string(11)")


class Image(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_image_class")

    url: URL
    thumbnail: URL | None = None
    category: ImageCategory
    type: CiString(4)
    width: Annotated[int, Field(ge=0, le=99999)] | None = None
    height: Annotated[int, Field(ge=0, le=99999)] | None = None


class BusinessDetails(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_businessdetails_class")

    name: String(100)
    website: URL | None = None
    logo: Image | None = None


class Parking(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_parking_object")

    id: CiString(36)
    physical_reference: String(12) | None = None
    vehicle_types: OneOrMore(VehicleType)
    max_vehicle_weight: Number | None = None
    max_vehicle_height: Number | None = None
    max_vehicle_length: Number | None = None
    max_vehicle_width: Number | None = None
    parking_space_length: Number | None = None
    parking_space_width: Number | None = None
    dangerous_goods_allowed: bool | None = None
    direction: ParkingDirection | None = None
    drive_through: bool | None = None
    restricted_to_type: bool
    reservation_required: bool
    time_limit: Number | None = None
    roofed: bool | None = None
    images: list[Image] | None = None
    lighting: bool | None = None
    refrigeration_outlet: bool | None = None
    standards: list[CiString(36)] | None = None
    apds_reference: AnyCiString | None = None


class PublishTokenType(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_publish_token_class")

    uid: CiString(36) | None = None
    type: TokenType | None = None
    visual_number: String(64) | None = None
    issuer: String(64) | None = None
    group_id: CiString(36) | None = None


class RegularHours(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_regularhours_class")

    weekday: Annotated[int, Field(ge=1, le=7)]
    period_begin: Pattern(5, TIME_OF_DAY_REGEX, "string(5)")
    period_end: Pattern(5, TIME_OF_DAY_REGEX, "string(5)")


class Hours(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_hours_class")

    twentyfourseven: bool
    regular_hours: list[RegularHours] | None = None
    exceptional_openings: list[ExceptionalPeriod] | None = None
    exceptional_closings: list[ExceptionalPeriod] | None = None


class StatusSchedule(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_statusschedule_class")

    period_begin: DateTime
    period_end: DateTime | None = None
    status: Status


class EVSE(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_evse_object")

    uid: CiString(36)
    evse_id: CiString(48) | None = None
    status: Status
    status_schedule: list[StatusSchedule] | None = None
    capabilities: list[Capability] | None = None
    connectors: OneOrMore(Connector)
    floor_level: String(4) | None = None
    coordinates: GeoLocation | None = None
    physical_reference: String(16) | None = None
    directions: list[DisplayText] | None = None
    parking_restrictions: list[ParkingRestriction] | None = None
    parking: list[EVSEParking] | None = None
    images: list[Image] | None = None
    accepted_service_providers: list[String(50)] | None = None
    last_updated: DateTime


class Location(SpecModel):
    spec_anchor = anchor(LOC, "mod_locations_location_object")

    country_code: CiString(2)
    party_id: CiString(3)
    id: CiString(36)
    publish: bool
    publish_allowed_to: list[PublishTokenType] | None = None
    name: String(255) | None = None
    address: String(255)
    city: String(45)
    postal_code: String(10) | None = None
    state: String(45) | None = None
    country: String(3)
    coordinates: GeoLocation
    related_locations: list[AdditionalGeoLocation] | None = None
    parking_type: ParkingType | None = None
    evses: list[EVSE] | None = None
    parking_places: list[Parking] | None = None
    directions: list[DisplayText] | None = None
    operator: BusinessDetails | None = None
    suboperator: BusinessDetails | None = None
    owner: BusinessDetails | None = None
    facilities: list[Facility] | None = None
    time_zone: String(255)
    opening_times: Hours | None = None
    charging_when_closed: bool | None = True  # "Default: true"
    images: list[Image] | None = None
    energy_mix: EnergyMix | None = None
    help_phone: CiString(25) | None = None
    last_updated: DateTime
