"""Sessions module objects (mod_sessions.md).

Unlike 2.2.1: `start_datetime`/`end_datetime` (2.2 renamed them), `auth_id` (not a CdrToken), the
whole `location` (a Location "including only the relevant EVSE and connector", rules.py), a number
for `total_cost`, no owner and no authorization_reference; no Charging Preferences.
"""

from ocpi_conformance.spec.v2_1_1.cdrs import ChargingPeriod
from ocpi_conformance.spec.v2_1_1.documents import SES
from ocpi_conformance.spec.v2_1_1.enums import AuthMethod, SessionStatus
from ocpi_conformance.spec.v2_1_1.locations import Location
from ocpi_conformance.spec.v2_1_1.types import DateTime, Number, SpecModel, String, anchor


class Session(SpecModel):
    spec_anchor = anchor(SES, "31-session-object")

    id: String(36)
    start_datetime: DateTime
    end_datetime: DateTime | None = None
    kwh: Number
    auth_id: String(36)
    auth_method: AuthMethod
    location: Location
    meter_id: String(255) | None = None
    currency: String(3)
    charging_periods: list[ChargingPeriod] | None = None
    total_cost: Number | None = None
    status: SessionStatus
    last_updated: DateTime
