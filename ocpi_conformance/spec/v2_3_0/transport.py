"""How OCPI 2.3.0 travels, as data the harness asks instead of knowing: the same names as
`spec.v2_1_1.transport` and `spec.v2_2_1.transport` (branch spec-2.1.1), and the facts 2.3.0
adds. `CLAUSES` gives, for each fact, the clause and the sentence it rests on (tag v2.3.0-ed2).
"""

from __future__ import annotations

from ocpi_conformance.spec.v2_3_0.documents import CRD, LOC, STC, TAF, TYP, VIF

# The Authorization header: "Token", one space, the credentials token as UTF-8, Base64 (RFC 4648
# section 4). 2.3.0 says it exactly (as the 2.2.1-d2 errata); the tag 2.2.1 said "Base64 encoded".
TOKEN_ENCODING = "base64"
AUTHORIZATION_SCHEME = "Token"
# OCPI-to-*/OCPI-from-* on every request/response to/from a Functional Module, never on the
# configuration modules (credentials, versions, hubclientinfo).
ROUTING_HEADERS = True
ROUTING_HEADER_NAMES: tuple[str, ...] = (
    "OCPI-to-party-id",
    "OCPI-to-country-code",
    "OCPI-from-party-id",
    "OCPI-from-country-code",
)
UNROUTED_MODULES: frozenset[str] = frozenset({"credentials", "versions", "hubclientinfo"})
# X-Request-ID and X-Correlation-ID in every request, echoed in the response.
REQUEST_IDS = "required"
# Credentials name the platform's roles (CredentialsRole +); a Roaming Hub lists every party it
# reaches there and names itself in hub_party_id (2.2.1: the Hub was one role, HUB).
CREDENTIALS_SHAPE = "roles"
HUB_PARTY_ID = True
# "It should only contain printable non-whitespace ASCII characters" (U+0021-U+007E): a SHOULD;
# the tag 2.2.1's "Case Sensitive, ASCII only" made it a rule (its 2.2.1-d2 errata read as 2.3.0).
CREDENTIALS_TOKEN_ALPHABET = (0x21, 0x7E)
# An Endpoint is identifier, role (InterfaceRole) and url; for one's own credentials endpoint
# "SENDER" is advised, and the role of another platform's credentials endpoint is disregarded.
ENDPOINT_ROLES = True
CREDENTIALS_ENDPOINT_ROLE = "SENDER"
# Client owned objects name their owner: country_code and party_id beside the id.
OWNER_IN_OBJECTS = True
PAGINATION_PARAMS: tuple[str, ...] = ("date_from", "date_to", "offset", "limit")
PAGINATION_HEADERS: tuple[str, ...] = ("Link", "X-Total-Count", "X-Limit")
# Date filters of the Sender lists: date_from inclusive, date_to exclusive (as 2.2.1).
DATE_FROM_INCLUSIVE: bool | None = True
DATE_TO_EXCLUSIVE = True
# A missing or unknown credentials token is answered with HTTP 401 (as 2.2.1; Edition 2 lifted
# the status_codes sentence that forbade it: status_codes.REACHED_OCPI_LAYER).
UNAUTHORIZED_STATUS: int | None = 401
# A request of an authenticated sender it is not authorized to make (token A beyond credentials
# and versions; a party no longer registered): 401 where the text names it, and, since Edition 2
# forbids an HTTP error only to a sender "successfully authenticated and authorized", 403 too
# (the changelog's "contradiction around 401/403 status codes").
NOT_AUTHORIZED_STATUSES: tuple[int, ...] | None = (401, 403)
# The PATCHes of Locations, Sessions, Tokens and Bookings; Payments' PATCH Terminal asks nothing
# (modules.py: patch_requires per operation).
PATCH_REQUIRES: tuple[str, ...] = ("last_updated",)
# "An OCPI Platform SHALL NOT reject request or response payloads based on the presence of JSON
# object field names that are not documented in this specification." (new in 2.3.0)
UNKNOWN_FIELDS = "accept"
# Enums whose heading says OpenEnum take any string (spec.v2_3_0.OPEN_ENUMS names them).
OPEN_ENUMS = True
# Where the text does not say what `data` holds, a receiver is advised to accept it absent or
# with any value, and a sender to leave it unset (a NOTE new in 2.3.0).
UNSPECIFIED_DATA = "absent"

CLAUSES: dict[str, tuple[str, str]] = {
    "TOKEN_ENCODING": (
        f"{TAF}#transport_and_format_authorization_header",
        "After the literal 'Token', there SHALL be one space, followed by the 'encoded token'. The"
        " encoded token is obtained by encoding the credentials token to an octet sequence with"
        " UTF-8 and then encoding that octet sequence with Base64 according to RFC 4648.",
    ),
    "AUTHORIZATION_SCHEME": (
        f"{TAF}#transport_and_format_authorization_header",
        "The literal 'Token' indicates that the token-based authentication mechanism is used, in"
        " OCPI this is called the 'credentials token'.",
    ),
    "ROUTING_HEADERS": (
        f"{TAF}#transport_and_format_message_routing",
        "When implementing OCPI these four headers SHALL be implemented for any request/response"
        " to/from a Functional Module.",
    ),
    "ROUTING_HEADER_NAMES": (
        f"{TAF}#transport_and_format_message_routing",
        "OCPI-to-party-id | OCPI-to-country-code | OCPI-from-party-id | OCPI-from-country-code"
        " (the Message Routing Headers table)",
    ),
    "UNROUTED_MODULES": (
        f"{TAF}#transport_and_format_message_routing",
        "The requests/responses to/from Configuration Modules: Credentials, Versions and Hub"
        " Client Info are not to be routed [...] Thus routing headers SHALL NOT be used with these"
        " modules.",
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
        "roles | CredentialsRole | + | List of the roles this platform provides. [...] In OCPI"
        " 2.3.0, unlike in OCPI 2.2 or 2.2.1, Roaming Hubs' platforms are expected to include the"
        " parties that are reachable through the Roaming Hub in the list in `roles`.",
    ),
    "HUB_PARTY_ID": (
        f"{CRD}#credentials_credentials_object",
        "A Platform that supports Hub functionality with the Message routing headers SHALL give"
        " the country code and party ID of the Hub in the `hub_party_id` field.",
    ),
    "CREDENTIALS_TOKEN_ALPHABET": (
        f"{CRD}#credentials_credentials_object",
        "It should only contain printable non-whitespace ASCII characters, that is, characters"
        " with Unicode code points from the range of U+0021 up to and including U+007E.",
    ),
    "ENDPOINT_ROLES": (
        f"{VIF}#version_information_endpoint_endpoint_class",
        "role | InterfaceRole | 1 | Interface role this endpoint implements.",
    ),
    "CREDENTIALS_ENDPOINT_ROLE": (
        f"{VIF}#version_information_endpoint_endpoint_class",
        'It is advised to send "SENDER" as the InterfaceRole for one\'s own credentials endpoint'
        " and to disregard the value of the role property of the Endpoint object for other"
        " platforms' credentials modules.",
    ),
    "OWNER_IN_OBJECTS": (
        f"{LOC}#mod_locations_location_object",
        "country_code | CiString(2) | 1 | ISO-3166 alpha-2 country code of the CPO that 'owns'"
        " this Location. (likewise Session, CDR, Tariff, Token, InvoiceReconciliationRecord,"
        " BookingLocation, Booking)",
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
        f"{STC}#status_codes_status_codes",
        "If a request is syntactically valid JSON and addresses an existing resource, and comes"
        " from a sender that is successfully authenticated and authorized, this request is"
        " supposed to have reached the OCPI layer. To such a request, an HTTP error status code"
        " MUST NOT be returned. (changelog: Fixed contradiction around 401/403 status codes)",
    ),
    "PATCH_REQUIRES": (
        f"{LOC}#mod_locations_patch_method",
        "Any request to the PATCH method SHALL contain the `last_updated` field. (likewise"
        " Sessions, Tokens and Bookings)",
    ),
    "UNKNOWN_FIELDS": (
        f"{TAF}#_non_specified_json_fields",
        "An OCPI Platform SHALL NOT reject request or response payloads based on the presence of"
        " JSON object field names that are not documented in this specification.",
    ),
    "OPEN_ENUMS": (
        f"{TYP}#types_openenum_type",
        "The OpenEnum type is meant for class fields for which the set of all possible values is"
        " not known at the time of writing of the specification, but where there are a finite"
        " number of known possible values.",
    ),
    "UNSPECIFIED_DATA": (
        f"{TAF}#transport_and_format_response_format",
        "We advise that in cases where the specification does not explicitly specify what to put"
        " in the `data` field for the response to a certain request, the platform receiving the"
        " response accept both the `data` field being absent and the data field being present"
        " with any possible value.",
    ),
}
