"""Sessions module objects (mod_sessions.asciidoc): the 2.2.1 tables, with 2.3.0's Price."""

from ocpi_conformance.spec.v2_3_0.cdrs import CdrToken, ChargingPeriod
from ocpi_conformance.spec.v2_3_0.documents import SES
from ocpi_conformance.spec.v2_3_0.enums import AuthMethod, ProfileType, SessionStatus
from ocpi_conformance.spec.v2_3_0.types import (
    CiString,
    DateTime,
    Number,
    Price,
    SpecModel,
    String,
    anchor,
)


class Session(SpecModel):
    spec_anchor = anchor(SES, "mod_sessions_session_object")

    country_code: CiString(2)
    party_id: CiString(3)
    id: CiString(36)
    start_date_time: DateTime
    end_date_time: DateTime | None = None
    kwh: Number
    cdr_token: CdrToken
    auth_method: AuthMethod
    authorization_reference: CiString(36) | None = None
    location_id: CiString(36)
    evse_uid: CiString(36)
    connector_id: CiString(36)
    meter_id: String(255) | None = None
    currency: String(3)
    charging_periods: list[ChargingPeriod] | None = None
    total_cost: Price | None = None
    status: SessionStatus
    last_updated: DateTime


class ChargingPreferences(SpecModel):
    spec_anchor = anchor(SES, "mod_sessions_charging_preferences_object")

    profile_type: ProfileType
    departure_time: DateTime | None = None
    energy_need: Number | None = None
    discharge_allowed: bool | None = False  # "Default if omitted: false"
