"""Tokens module objects (mod_tokens.md).

Unlike 2.2.1: `auth_id` (2.2 renamed it contract_id), no owner, group_id, default_profile_type or
energy_contract in a Token; AuthorizationInfo has no token and no authorization_reference, its
enum is `Allowed`; LocationReferences still has `connector_ids`.
"""

from ocpi_conformance.spec.v2_1_1.documents import TOK
from ocpi_conformance.spec.v2_1_1.enums import Allowed, TokenType, WhitelistType
from ocpi_conformance.spec.v2_1_1.types import DateTime, DisplayText, SpecModel, String, anchor


class Token(SpecModel):
    spec_anchor = anchor(TOK, "32-token-object")

    uid: String(36)
    type: TokenType
    auth_id: String(36)
    visual_number: String(64) | None = None
    issuer: String(64)
    valid: bool
    whitelist: WhitelistType
    language: String(2) | None = None
    last_updated: DateTime


class LocationReferences(SpecModel):
    spec_anchor = anchor(TOK, "42-locationreferences-class")

    location_id: String(39)
    evse_uids: list[String(39)] | None = None
    connector_ids: list[String(36)] | None = None


class AuthorizationInfo(SpecModel):
    spec_anchor = anchor(TOK, "31-authorizationinfo-object")

    allowed: Allowed
    location: LocationReferences | None = None
    info: DisplayText | None = None
