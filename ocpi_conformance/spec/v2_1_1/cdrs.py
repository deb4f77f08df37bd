"""CDRs module objects (mod_cdrs.md). ChargingPeriod and CdrDimension are shared with Sessions.

Unlike 2.2.1: `stop_date_time` (not end_date_time), `auth_id` (not a CdrToken), the whole
`location` (a Location "including only the relevant EVSE and Connector", rules.py), numbers for
the totals (no Price), no owner, session_id, signed data or credit fields; `id` is CiString(36).
"""

from ocpi_conformance.spec.v2_1_1.documents import CDR as CDR_FILE
from ocpi_conformance.spec.v2_1_1.enums import AuthMethod, CdrDimensionType
from ocpi_conformance.spec.v2_1_1.locations import Location
from ocpi_conformance.spec.v2_1_1.tariffs import Tariff
from ocpi_conformance.spec.v2_1_1.types import (
    CiString,
    DateTime,
    Number,
    OneOrMore,
    SpecModel,
    String,
    anchor,
)


class CdrDimension(SpecModel):
    spec_anchor = anchor(CDR_FILE, "42-cdrdimension-class")

    type: CdrDimensionType
    volume: Number


class ChargingPeriod(SpecModel):
    spec_anchor = anchor(CDR_FILE, "44-chargingperiod-class")

    start_date_time: DateTime
    dimensions: OneOrMore(CdrDimension)


class CDR(SpecModel):
    spec_anchor = anchor(CDR_FILE, "31-cdr-object")

    id: CiString(36)
    start_date_time: DateTime
    stop_date_time: DateTime
    auth_id: String(36)
    auth_method: AuthMethod
    location: Location
    meter_id: String(255) | None = None
    currency: String(3)
    tariffs: list[Tariff] | None = None
    charging_periods: OneOrMore(ChargingPeriod)
    total_cost: Number
    total_energy: Number
    total_time: Number
    total_parking_time: Number | None = None
    remark: String(255) | None = None
    last_updated: DateTime
