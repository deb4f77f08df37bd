"""Tariffs module objects (mod_tariffs.md).

Unlike 2.2.1: no owner, type, min_price, max_price, start/end date-times in a Tariff; no vat in a
PriceComponent; no min/max_current and no reservation in TariffRestrictions, whose start_date and
end_date are a plain string(10) (the text gives an example, no regex).
"""

from ocpi_conformance.spec.v2_1_1.documents import TAR
from ocpi_conformance.spec.v2_1_1.enums import DayOfWeek, TariffDimensionType
from ocpi_conformance.spec.v2_1_1.locations import EnergyMix
from ocpi_conformance.spec.v2_1_1.types import (
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


class PriceComponent(SpecModel):
    spec_anchor = anchor(TAR, "42-pricecomponent-class")

    type: TariffDimensionType
    price: Number
    step_size: Int


class TariffRestrictions(SpecModel):
    spec_anchor = anchor(TAR, "45-tariffrestrictions-class")

    start_time: Pattern(5, TIME_OF_DAY_REGEX, "string(5)") | None = None
    end_time: Pattern(5, TIME_OF_DAY_REGEX, "string(5)") | None = None
    start_date: String(10) | None = None
    end_date: String(10) | None = None
    min_kwh: Number | None = None
    max_kwh: Number | None = None
    min_power: Number | None = None
    max_power: Number | None = None
    min_duration: Int | None = None
    max_duration: Int | None = None
    day_of_week: list[DayOfWeek] | None = None


class TariffElement(SpecModel):
    spec_anchor = anchor(TAR, "43-tariffelement-class")

    price_components: OneOrMore(PriceComponent)
    restrictions: TariffRestrictions | None = None


class Tariff(SpecModel):
    spec_anchor = anchor(TAR, "31-tariff-object")

    id: String(36)
    currency: String(3)
    tariff_alt_text: list[DisplayText] | None = None
    tariff_alt_url: URL | None = None
    elements: OneOrMore(TariffElement)
    energy_mix: EnergyMix | None = None
    last_updated: DateTime
