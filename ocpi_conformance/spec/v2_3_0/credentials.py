"""Credentials object of the registration handshake (credentials.asciidoc).

2.3.0 adds `hub_party_id` and lets a Roaming Hub list the parties it reaches in `roles` (a 2.2.1
Hub listed itself only, as role HUB, which Role no longer has). `token` is string(64) with no
mandatory alphabet: "It should only contain printable non-whitespace ASCII characters" (a
SHOULD; the tag 2.2.1 said "Case Sensitive, ASCII only", its 2.2.1-d2 errata already say this);
transport.CREDENTIALS_TOKEN_ALPHABET keeps it.
"""

from ocpi_conformance.spec.v2_3_0.documents import CRD
from ocpi_conformance.spec.v2_3_0.locations import BusinessDetails
from ocpi_conformance.spec.v2_3_0.types import (
    URL,
    CiString,
    HubPartyId,
    OneOrMore,
    Role,
    SpecModel,
    String,
    anchor,
)


class CredentialsRole(SpecModel):
    spec_anchor = anchor(CRD, "credentials_credentials_role_class")

    role: Role
    business_details: BusinessDetails
    party_id: CiString(3)
    country_code: CiString(2)


class Credentials(SpecModel):
    spec_anchor = anchor(CRD, "credentials_credentials_object")

    token: String(64)
    url: URL
    hub_party_id: HubPartyId | None = None
    roles: OneOrMore(CredentialsRole)
