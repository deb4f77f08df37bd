"""Tokens module objects (mod_tokens.asciidoc)."""

from ocpi_conformance.spec.v2_2_1.enums import AllowedType, ProfileType, TokenType, WhitelistType
from ocpi_conformance.spec.v2_2_1.types import (
    CiString,
    CountryCode,
    DateTime,
    DisplayText,
    Language,
    PartyId,
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

    country_code: CountryCode
    party_id: PartyId
    uid: CiString(36)
    type: TokenType
    contract_id: CiString(36)
    visual_number: String(64) | None = None
    issuer: String(64)
    group_id: CiString(36) | None = None
    valid: bool
    whitelist: WhitelistType
    language: Language | None = None
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
