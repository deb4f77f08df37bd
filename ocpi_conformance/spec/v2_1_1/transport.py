"""How OCPI 2.1.1 travels, as data the harness asks instead of knowing: the same names in every
version package (`spec.v2_2_1.transport` answers the same questions for 2.2.1). `CLAUSES` gives,
for each fact, the clause and the sentence it rests on.
"""

from __future__ import annotations

from ocpi_conformance.spec.v2_1_1.documents import CRD, LOC, TAF, VIF

# The Authorization header carries the credentials token as it is: "Authorization: Token
# IpbJOXxkxOAuKR92z0nEcmVF3Qw09VG7I7d/WCg0koM=" (2.2 added the Base64 encoding).
TOKEN_ENCODING = "raw"
AUTHORIZATION_SCHEME = "Token"
# No OCPI-to-*/OCPI-from-* headers: 2.1.1 has no hubs and names no routing headers.
ROUTING_HEADERS = False
# X-Request-ID and X-Correlation-ID are not part of 2.1.1: neither required nor echoed ("Unique
# message ID and Correlation message ID headers are now required", 2.2 changelog).
REQUEST_IDS = "undefined"
# One party per Credentials object: token, url, business_details, party_id, country_code.
CREDENTIALS_SHAPE = "flat"
# An Endpoint is identifier and url; no role.
ENDPOINT_ROLES = False
# No object names its owner: country_code and party_id travel in the Receiver's URL only.
OWNER_IN_OBJECTS = False
# Pagination: the request parameters every paginated GET supports, the response headers it adds.
PAGINATION_PARAMS: tuple[str, ...] = ("offset", "limit")
PAGINATION_HEADERS: tuple[str, ...] = ("Link", "X-Total-Count", "X-Limit")
# Date filters of the Sender lists: "Only return ... that have `last_updated` after this
# Date/Time" / "before this Date/Time" (every list table). date_to excludes its instant; whether
# date_from includes its own is not said ("after"; 2.2 made it "after or equal ... (inclusive)").
DATE_FROM_INCLUSIVE: bool | None = None
DATE_TO_EXCLUSIVE = True
# A missing or unknown token: 2.1.1 names no HTTP status for it (2.2.1: 401 SHALL).
UNAUTHORIZED_STATUS: int | None = None
# Nor for a request the sender is not authorized to make: any refusal is one.
NOT_AUTHORIZED_STATUSES: tuple[int, ...] | None = None
# A PATCH carries only what changes: nothing, last_updated included, is required (2.2 "made it
# required for all PATCH requests").
PATCH_REQUIRES: tuple[str, ...] = ()

CLAUSES: dict[str, tuple[str, str]] = {
    "TOKEN_ENCODING": (
        f"{TAF}#request-format",
        "Authorization: Token IpbJOXxkxOAuKR92z0nEcmVF3Qw09VG7I7d/WCg0koM= ... Its parameter is a"
        " string consisting of printable, non-whitespace ASCII characters.",
    ),
    "AUTHORIZATION_SCHEME": (
        f"{TAF}#request-format",
        "The literal 'Token' indicates that the token based authentication mechanism is used.",
    ),
    "ROUTING_HEADERS": (
        f"{TAF}#request-format",
        "Each HTTP request must add a 'Authorization' header. (no other request header is named)",
    ),
    "REQUEST_IDS": (
        f"{TAF}#request-format",
        "Each HTTP request must add a 'Authorization' header. (no request or correlation id is"
        " named anywhere in 2.1.1)",
    ),
    "CREDENTIALS_SHAPE": (
        f"{CRD}#21-credentials-object",
        "token | url | business_details | party_id | country_code (the object's five rows)",
    ),
    "ENDPOINT_ROLES": (
        f"{VIF}#endpoint-class",
        "identifier | url (the class's two rows)",
    ),
    "OWNER_IN_OBJECTS": (
        f"{TAF}#client-owned-object-push",
        "Client owned object URL definition: {base-ocpi-url}/{end-point}/{country-code}/"
        "{party-id}/{object-id} (and no object table has a country_code or party_id row)",
    ),
    "PAGINATION_PARAMS": (
        f"{TAF}#paginated-request",
        "The following table lists all the parameters that have to be supported, but might be"
        " omitted by a client request. (offset, limit)",
    ),
    "PAGINATION_HEADERS": (
        f"{TAF}#paginated-response",
        "HTTP headers that have to be added to any paginated GET response. (Link, X-Total-Count,"
        " X-Limit)",
    ),
    "DATE_FROM_INCLUSIVE": (
        f"{LOC}#get-list-request-parameters",
        "date_from: Only return Locations that have `last_updated` after this Date/Time. (every"
        " list table alike)",
    ),
    "DATE_TO_EXCLUSIVE": (
        f"{LOC}#get-list-request-parameters",
        "date_to: Only return Locations that have `last_updated` before this Date/Time.",
    ),
    "UNAUTHORIZED_STATUS": (
        f"{TAF}#request-format",
        "The token must uniquely identify the requesting party. (no HTTP status is named for a"
        " missing or unknown token anywhere in 2.1.1)",
    ),
    "NOT_AUTHORIZED_STATUSES": (
        f"{TAF}#request-format",
        "The token must uniquely identify the requesting party. (no HTTP status is named for a"
        " request its sender may not make anywhere in 2.1.1)",
    ),
    "PATCH_REQUIRES": (
        f"{TAF}#patch",
        "A PATCH request must only specify the object's identifier (if needed to identify this"
        " object) and the fields to be updated.",
    ),
}
