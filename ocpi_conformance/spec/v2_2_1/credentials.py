"""Credentials object of the registration handshake (credentials.asciidoc)."""

from ocpi_conformance.spec.v2_2_1.locations import BusinessDetails
from ocpi_conformance.spec.v2_2_1.types import (
    ASCII_TOKEN_REGEX,
    URL,
    CountryCode,
    OneOrMore,
    PartyId,
    Pattern,
    Role,
    SpecModel,
    anchor,
)

SPEC_FILE = "credentials.asciidoc"


class CredentialsRole(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "credentials_credentials_role_class")

    role: Role
    business_details: BusinessDetails
    party_id: PartyId
    country_code: CountryCode


class Credentials(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "credentials_credentials_object")

    token: Pattern(64, ASCII_TOKEN_REGEX, "string(64)")
    url: URL
    roles: OneOrMore(CredentialsRole)
