"""Credentials object of the registration handshake (credentials.md).

Flat in 2.1.1: one party per Credentials, its business_details, party_id and country_code beside
token and url (credentials.md#21-credentials-object); 2.2 moved them into `roles`.
"""

from ocpi_conformance.spec.v2_1_1.documents import CRD
from ocpi_conformance.spec.v2_1_1.locations import BusinessDetails
from ocpi_conformance.spec.v2_1_1.types import TOKEN_REGEX, URL, Pattern, SpecModel, String, anchor


class Credentials(SpecModel):
    spec_anchor = anchor(CRD, "21-credentials-object")

    # string(64); its characters are those the Authorization header can carry (types.TOKEN_REGEX).
    token: Pattern(64, TOKEN_REGEX, "string(64)")
    url: URL
    business_details: BusinessDetails
    party_id: String(3)
    country_code: String(2)
