"""How OCPI 2.2.1 travels, as data the harness asks instead of knowing: the same names in every
version package (`spec.v2_1_1.transport` answers the same questions for 2.1.1). `CLAUSES` gives,
for each fact, the clause and the sentence it rests on.
"""

from __future__ import annotations

from ocpi_conformance.spec.v2_2_1.documents import CRD, LOC, TAF, VIF

# The Authorization header carries the credentials token Base64 encoded.
TOKEN_ENCODING = "base64"
AUTHORIZATION_SCHEME = "Token"
# OCPI-to-*/OCPI-from-* on every request/response to/from a Functional Module.
ROUTING_HEADERS = True
# X-Request-ID and X-Correlation-ID in every request, echoed in the response.
REQUEST_IDS = "required"
# Credentials name the party's roles: token, url, roles (CredentialsRole +).
CREDENTIALS_SHAPE = "roles"
# An Endpoint is identifier, role (InterfaceRole) and url.
ENDPOINT_ROLES = True
# Client owned objects name their owner: country_code and party_id beside the id.
OWNER_IN_OBJECTS = True
PAGINATION_PARAMS: tuple[str, ...] = ("date_from", "date_to", "offset", "limit")
PAGINATION_HEADERS: tuple[str, ...] = ("Link", "X-Total-Count", "X-Limit")
# Date filters of the Sender lists: date_from inclusive, date_to exclusive.
DATE_FROM_INCLUSIVE: bool | None = True
DATE_TO_EXCLUSIVE = True
# A missing or unknown credentials token is answered with HTTP 401.
UNAUTHORIZED_STATUS: int | None = 401
# A request of an authenticated sender it is not authorized to make (token A beyond credentials
# and versions): 401, the one status the text names; status_codes forbids every other HTTP error
# to a valid request for an existing resource.
NOT_AUTHORIZED_STATUSES: tuple[int, ...] | None = (401,)
PATCH_REQUIRES: tuple[str, ...] = ("last_updated",)

CLAUSES: dict[str, tuple[str, str]] = {
    "TOKEN_ENCODING": (
        f"{TAF}#transport_and_format_authorization_header",
        "Its parameter is a string consisting of printable, non-whitespace ASCII characters. It"
        " contains the 'credentials token' Base64 encoded.",
    ),
    "AUTHORIZATION_SCHEME": (
        f"{TAF}#transport_and_format_authorization_header",
        "The literal 'Token' indicates that the token-based authentication mechanism is used.",
    ),
    "ROUTING_HEADERS": (
        f"{TAF}#transport_and_format_message_routing",
        "When implementing OCPI these four headers SHALL be implemented for any request/response"
        " to/from a Functional Module.",
    ),
    "REQUEST_IDS": (
        f"{TAF}#transport_and_format_unique_messageg_ids",
        "X-Request-ID: Every request SHALL contain a unique request ID, the response to this"
        " request SHALL contain the same ID. X-Correlation-ID: Every request/response SHALL"
        " contain a unique correlation ID, every response to this request SHALL contain the same"
        " ID.",
    ),
    "CREDENTIALS_SHAPE": (
        f"{CRD}#credentials_credentials_object",
        "roles | CredentialsRole | + | List of the roles this party provides.",
    ),
    "ENDPOINT_ROLES": (
        f"{VIF}#version_information_endpoint_endpoint_class",
        "role | InterfaceRole | 1 | Interface role this endpoint implements.",
    ),
    "OWNER_IN_OBJECTS": (
        f"{LOC}#mod_locations_location_object",
        "country_code | CiString(2) | 1 | ISO-3166 alpha-2 country code of the CPO that 'owns'"
        " this Location. (likewise Session, CDR, Tariff, Token)",
    ),
    "PAGINATION_PARAMS": (
        f"{TAF}#transport_and_format_paginated_request",
        "The following table lists all the parameters that have to be supported but might be"
        " omitted by a client request. (date_from, date_to, offset, limit)",
    ),
    "PAGINATION_HEADERS": (
        f"{TAF}#transport_and_format_paginated_response",
        "HTTP headers that have to be added to any paginated GET response. (Link, X-Total-Count,"
        " X-Limit)",
    ),
    "DATE_FROM_INCLUSIVE": (
        f"{TAF}#transport_and_format_paginated_request",
        "date_from: Only return objects that have `last_updated` after or equal to this Date/Time"
        " (inclusive).",
    ),
    "DATE_TO_EXCLUSIVE": (
        f"{TAF}#transport_and_format_paginated_request",
        "date_to: Only return objects that have `last_updated` up to this Date/Time, but not"
        " including (exclusive).",
    ),
    "UNAUTHORIZED_STATUS": (
        f"{TAF}#transport_and_format_authorization_header",
        "If the header is missing or the credentials token doesn't match any known party then the"
        " server SHALL respond with an HTTP `401 - Unauthorized` status code.",
    ),
    "NOT_AUTHORIZED_STATUSES": (
        f"{TAF}#transport_and_format_authorization_header",
        "When a server receives a request with a valid CREDENTIALS_TOKEN_A, on another module"
        " than: credentials or versions, the server SHALL respond with an HTTP `401 -"
        " Unauthorized` status code.",
    ),
    "PATCH_REQUIRES": (
        f"{LOC}#mod_locations_patch_method",
        "Any request to the PATCH method SHALL contain the `last_updated` field. (likewise"
        " Sessions and Tokens)",
    ),
}
