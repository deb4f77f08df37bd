"""Locations module: Location > EVSE > Connector and their classes (mod_locations.md).

Unlike 2.2.1: no owner (country_code, party_id) in the objects (the owner is in the Receiver's URL
only), ids are string(39)/string(36) (case sensitive), a Location has a required `type`
(LocationType) and `postal_code`, an optional `time_zone` and no `publish`; a Connector has
`voltage`, `amperage` and one `tariff_id`; Hours is a choice between `regular_hours` and
`twentyfourseven` (rules.py).
"""

from typing import Annotated

from pydantic import Field

from ocpi_conformance.spec.v2_1_1.documents import LOC
from ocpi_conformance.spec.v2_1_1.enums import (
    Capability,
    ConnectorFormat,
    ConnectorType,
    EnergySourceCategory,
    EnvironmentalImpactCategory,
    Facility,
    ImageCategory,
    LocationType,
    ParkingRestriction,
    PowerType,
    Status,
)
from ocpi_conformance.spec.v2_1_1.types import (
    LATITUDE_REGEX,
    LONGITUDE_REGEX,
    TIME_OF_DAY_REGEX,
    URL,
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
    spec_anchor = anchor(LOC, "33-connector-object")

    id: String(36)
    standard: ConnectorType
    format: ConnectorFormat
    power_type: PowerType
    voltage: Int
    amperage: Int
    tariff_id: String(36) | None = None
    terms_and_conditions: URL | None = None
    last_updated: DateTime


class AdditionalGeoLocation(SpecModel):
    spec_anchor = anchor(LOC, "41-additionalgeolocation-class")

    latitude: Pattern(10, LATITUDE_REGEX, "string(10)")
    longitude: Pattern(11, LONGITUDE_REGEX, "string(11)")
    name: DisplayText | None = None


class EnergySource(SpecModel):
    spec_anchor = anchor(LOC, "46-energysource-class")

    source: EnergySourceCategory
    percentage: Annotated[Number, Field(ge=0, le=100)]  # "Percentage of this source (0-100)"


class EnvironmentalImpact(SpecModel):
    """`source`, not 2.2.1's `category` (2.2 changelog: "a copy/past error in an older version")."""

    spec_anchor = anchor(LOC, "48-environmentalimpact-class")

    source: EnvironmentalImpactCategory
    amount: Number


class EnergyMix(SpecModel):
    spec_anchor = anchor(LOC, "45-energymix-class")

    is_green_energy: bool
    energy_sources: list[EnergySource] | None = None
    environ_impact: list[EnvironmentalImpact] | None = None
    supplier_name: String(64) | None = None
    energy_product_name: String(64) | None = None


class ExceptionalPeriod(SpecModel):
    spec_anchor = anchor(LOC, "410-exceptionalperiod-class")

    period_begin: DateTime
    period_end: DateTime


class GeoLocation(SpecModel):
    spec_anchor = anchor(LOC, "412-geolocation-class")

    latitude: Pattern(10, LATITUDE_REGEX, "string(10)")
    longitude: Pattern(11, LONGITUDE_REGEX, "string(11)")


class Image(SpecModel):
    spec_anchor = anchor(LOC, "414-image-class")

    url: URL
    thumbnail: URL | None = None
    category: ImageCategory
    type: String(4)
    width: Annotated[int, Field(ge=0, le=99999)] | None = None  # int(5)
    height: Annotated[int, Field(ge=0, le=99999)] | None = None  # int(5)


class BusinessDetails(SpecModel):
    spec_anchor = anchor(LOC, "41-businessdetails-class")

    name: String(100)
    website: URL | None = None
    logo: Image | None = None


class RegularHours(SpecModel):
    spec_anchor = anchor(LOC, "419-regularhours-class")

    weekday: Annotated[int, Field(ge=1, le=7)]  # int(1), "from Monday (1) till Sunday (7)"
    period_begin: Pattern(5, TIME_OF_DAY_REGEX, "string(5)")
    period_end: Pattern(5, TIME_OF_DAY_REGEX, "string(5)")


class Hours(SpecModel):
    """ "Choice: one of two": regular_hours or twentyfourseven, each optional here; rules.py says
    which combinations the choice allows."""

    spec_anchor = anchor(LOC, "413-hours-class")

    regular_hours: list[RegularHours] | None = None
    twentyfourseven: bool | None = None
    exceptional_openings: list[ExceptionalPeriod] | None = None
    exceptional_closings: list[ExceptionalPeriod] | None = None


class StatusSchedule(SpecModel):
    spec_anchor = anchor(LOC, "421-statusschedule-class")

    period_begin: DateTime
    period_end: DateTime | None = None
    status: Status


class EVSE(SpecModel):
    spec_anchor = anchor(LOC, "32-evse-object")

    uid: String(39)
    evse_id: String(48) | None = None
    status: Status
    status_schedule: list[StatusSchedule] | None = None
    capabilities: list[Capability] | None = None
    connectors: OneOrMore(Connector)
    floor_level: String(4) | None = None
    coordinates: GeoLocation | None = None
    physical_reference: String(16) | None = None
    directions: list[DisplayText] | None = None
    parking_restrictions: list[ParkingRestriction] | None = None
    images: list[Image] | None = None
    last_updated: DateTime


class Location(SpecModel):
    spec_anchor = anchor(LOC, "31-location-object")

    id: String(39)
    type: LocationType
    name: String(255) | None = None
    address: String(45)
    city: String(45)
    postal_code: String(10)
    country: String(3)
    coordinates: GeoLocation
    related_locations: list[AdditionalGeoLocation] | None = None
    evses: list[EVSE] | None = None
    directions: list[DisplayText] | None = None
    operator: BusinessDetails | None = None
    suboperator: BusinessDetails | None = None
    owner: BusinessDetails | None = None
    facilities: list[Facility] | None = None
    time_zone: String(255) | None = None
    opening_times: Hours | None = None
    charging_when_closed: bool | None = True  # "Default: true"
    images: list[Image] | None = None
    energy_mix: EnergyMix | None = None
    last_updated: DateTime
