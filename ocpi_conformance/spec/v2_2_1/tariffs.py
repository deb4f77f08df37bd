"""Tariffs module objects (mod_tariffs.asciidoc)."""

from ocpi_conformance.spec.v2_2_1.enums import (
    DayOfWeek,
    ReservationRestrictionType,
    TariffDimensionType,
    TariffType,
)
from ocpi_conformance.spec.v2_2_1.locations import EnergyMix
from ocpi_conformance.spec.v2_2_1.types import (
    DATE_REGEX,
    TIME_OF_DAY_REGEX,
    URL,
    CiString,
    CountryCode,
    Currency,
    DateTime,
    DisplayText,
    Int,
    Number,
    OneOrMore,
    PartyId,
    Pattern,
    Price,
    SpecModel,
    anchor,
)

SPEC_FILE = "mod_tariffs.asciidoc"


class PriceComponent(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_tariffs_pricecomponent_class")

    type: TariffDimensionType
    price: Number
    vat: Number | None = None
    step_size: Int


class TariffRestrictions(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_tariffs_tariffrestrictions_class")

    start_time: Pattern(5, TIME_OF_DAY_REGEX, "string(5)") | None = None
    end_time: Pattern(5, TIME_OF_DAY_REGEX, "string(5)") | None = None
    start_date: Pattern(10, DATE_REGEX, "string(10)") | None = None
    end_date: Pattern(10, DATE_REGEX, "string(10)") | None = None
    min_kwh: Number | None = None
    max_kwh: Number | None = None
    min_current: Number | None = None
    max_current: Number | None = None
    min_power: Number | None = None
    max_power: Number | None = None
    min_duration: Int | None = None
    max_duration: Int | None = None
    day_of_week: list[DayOfWeek] | None = None
    reservation: ReservationRestrictionType | None = None


class TariffElement(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_tariffs_tariffelement_class")

    price_components: OneOrMore(PriceComponent)
    restrictions: TariffRestrictions | None = None


class Tariff(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_tariffs_tariff_object")

    country_code: CountryCode
    party_id: PartyId
    id: CiString(36)
    currency: Currency
    type: TariffType | None = None
    tariff_alt_text: list[DisplayText] | None = None
    tariff_alt_url: URL | None = None
    min_price: Price | None = None
    max_price: Price | None = None
    elements: OneOrMore(TariffElement)
    start_date_time: DateTime | None = None
    end_date_time: DateTime | None = None
    energy_mix: EnergyMix | None = None
    last_updated: DateTime
