"""Tokens module objects (mod_tokens.asciidoc): the 2.2.1 tables; TokenType is an OpenEnum that
gains EMAID (and LICENSE_PLATE from the Bookings text)."""

from ocpi_conformance.spec.v2_3_0.enums import AllowedType, ProfileType, TokenType, WhitelistType
from ocpi_conformance.spec.v2_3_0.types import (
    CiString,
    DateTime,
    DisplayText,
    SpecModel,
    String,
    anchor,
)

SPEC_FILE = "mod_tokens.asciidoc"


class EnergyContract(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_tokens_energy_contract")

    supplier_name: String(64)
    contract_id: String(64) | None = None


class Token(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_tokens_token_object")

    country_code: CiString(2)
    party_id: CiString(3)
    uid: CiString(36)
    type: TokenType
    contract_id: CiString(36)
    visual_number: String(64) | None = None
    issuer: String(64)
    group_id: CiString(36) | None = None
    valid: bool
    whitelist: WhitelistType
    language: String(2) | None = None
    default_profile_type: ProfileType | None = None
    energy_contract: EnergyContract | None = None
    last_updated: DateTime


class LocationReferences(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_tokens_locationreferences_class")

    location_id: CiString(36)
    evse_uids: list[CiString(36)] | None = None


class AuthorizationInfo(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_tokens_authorizationinfo_object")

    allowed: AllowedType
    token: Token
    location: LocationReferences | None = None
    authorization_reference: CiString(36) | None = None
    info: DisplayText | None = None
