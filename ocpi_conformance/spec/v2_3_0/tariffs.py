"""Tariffs module objects (mod_tariffs.asciidoc).

2.3.0 against 2.2.1: `tax_included` (TaxIncluded, card. 1) says whether the amounts include taxes
(a PriceComponent's price "is including or excluding taxes according to the tax_included field
of the Tariff that this PriceComponent is contained in"); min_price and max_price are a
PriceLimit (before_taxes, after_taxes). The Payments text adds `preauthorize_amount`.
"""

from ocpi_conformance.spec.v2_3_0.documents import TAR
from ocpi_conformance.spec.v2_3_0.enums import (
    DayOfWeek,
    ReservationRestrictionType,
    TariffDimensionType,
    TariffType,
    TaxIncluded,
)
from ocpi_conformance.spec.v2_3_0.locations import EnergyMix
from ocpi_conformance.spec.v2_3_0.types import (
    DATE_REGEX,
    TIME_OF_DAY_REGEX,
    URL,
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


class PriceComponent(SpecModel):
    spec_anchor = anchor(TAR, "mod_tariffs_pricecomponent_class")

    type: TariffDimensionType
    price: Number
    vat: Number | None = None
    step_size: Int


class PriceLimit(SpecModel):
    spec_anchor = anchor(TAR, "mod_tariffs_pricelimit_class")

    before_taxes: Number
    after_taxes: Number | None = None


class TariffRestrictions(SpecModel):
    spec_anchor = anchor(TAR, "mod_tariffs_tariffrestrictions_class")

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
    spec_anchor = anchor(TAR, "mod_tariffs_tariffelement_class")

    price_components: OneOrMore(PriceComponent)
    restrictions: TariffRestrictions | None = None


class Tariff(SpecModel):
    spec_anchor = anchor(TAR, "mod_tariffs_tariff_object")

    country_code: CiString(2)
    party_id: CiString(3)
    id: CiString(36)
    currency: String(3)
    type: TariffType | None = None
    tariff_alt_text: list[DisplayText] | None = None
    tariff_alt_url: URL | None = None
    min_price: PriceLimit | None = None
    max_price: PriceLimit | None = None
    preauthorize_amount: Number | None = None  # + Payments
    elements: OneOrMore(TariffElement)
    tax_included: TaxIncluded
    start_date_time: DateTime | None = None
    end_date_time: DateTime | None = None
    energy_mix: EnergyMix | None = None
    last_updated: DateTime
