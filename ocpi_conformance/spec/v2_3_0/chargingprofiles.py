"""Charging Profiles module objects (mod_charging_profiles.asciidoc): the 2.2.1 tables."""

from typing import Annotated

from pydantic import Field

from ocpi_conformance.spec.v2_3_0.enums import (
    ChargingProfileResponseType,
    ChargingProfileResultType,
    ChargingRateUnit,
)
from ocpi_conformance.spec.v2_3_0.types import URL, DateTime, Int, Number, SpecModel, anchor

SPEC_FILE = "mod_charging_profiles.asciidoc"


class ChargingProfileResponse(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_charging_profiles_response_object")

    result: ChargingProfileResponseType
    timeout: Int


class ChargingProfileResult(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_charging_profiles_charging_profiles_result_object")

    result: ChargingProfileResultType


class ClearProfileResult(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_charging_profiles_clear_profiles_result_object")

    result: ChargingProfileResultType


class ChargingProfilePeriod(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_charging_profiles_charging_profile_period_class")

    start_period: Int
    limit: Annotated[Number, Field(multiple_of=0.1)]


class ChargingProfile(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_charging_profiles_charging_profile_class")

    start_date_time: DateTime | None = None
    duration: Int | None = None
    charging_rate_unit: ChargingRateUnit
    min_charging_rate: Annotated[Number, Field(multiple_of=0.1)] | None = None
    charging_profile_period: list[ChargingProfilePeriod] | None = None


class SetChargingProfile(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_charging_profiles_set_charging_profile_object")

    charging_profile: ChargingProfile
    response_url: URL


class ActiveChargingProfile(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_charging_profiles_active_charging_profile_class")

    start_date_time: DateTime
    charging_profile: ChargingProfile


class ActiveChargingProfileResult(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_charging_profiles_active_charging_profiles_result_object")

    result: ChargingProfileResultType
    profile: ActiveChargingProfile | None = None
