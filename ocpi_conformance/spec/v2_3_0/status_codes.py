"""OCPI 2.3.0 status codes (status_codes.asciidoc, tag v2.3.0-ed2) and the HTTP rules around them.

The OCPI codes and the custom ranges are those of 2.2.1, word for word. What Edition 2 changed is
the HTTP layer ("fix contradiction around 401/403 status codes to OCPI requests", as the 2.2.1
errata): 2.2.1 said any syntactically valid request for an existing resource "MUST NOT" get an
HTTP error, which forbade the 401 that transport_and_format_authorization_header demands for a
missing or unknown token. 2.3.0 adds the condition "comes from a sender that is successfully
authenticated and authorized": an HTTP error is forbidden only then, so 401 (and 403) stay
allowed for requests that are not.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocpi_conformance.spec.v2_2_1.status_codes import (
    CLIENT_ERROR,
    CUSTOM_RANGES,
    HUB_ERROR,
    SERVER_ERROR,
    STATUS_CODES,
    SUCCESS,
    StatusCode,
    is_known,
)
from ocpi_conformance.spec.v2_3_0.documents import STC, TAF


@dataclass(frozen=True)
class HttpRule:
    """A rule of the HTTP layer: when it applies, what the HTTP status must (not) be, the words."""

    name: str
    spec: str
    text: str


# status_codes_status_codes
REACHED_OCPI_LAYER = HttpRule(
    "no HTTP error once the OCPI layer is reached",
    f"{STC}#status_codes_status_codes",
    "If a request is syntactically valid JSON and addresses an existing resource, and comes from "
    "a sender that is successfully authenticated and authorized, this request is supposed to have "
    "reached the OCPI layer. To such a request, an HTTP error status code MUST NOT be returned.",
)
INVALID_JSON = HttpRule(
    "400 for a body that is not JSON",
    f"{STC}#status_codes_status_codes",
    "When a message does not contain a valid JSON string, the HTTP error `400 - Bad request` "
    "MUST be returned.",
)
UNKNOWN_TOKEN = HttpRule(
    "401 for a missing or unknown token",
    f"{TAF}#transport_and_format_authorization_header",
    "If the header is missing or the credentials token doesn't match any known party then the "
    "server SHALL respond with an HTTP `401 - Unauthorized` status code.",
)
TOKEN_A_ELSEWHERE = HttpRule(
    "401 for token A outside credentials and versions",
    f"{TAF}#transport_and_format_authorization_header",
    "When a server receives a request with a valid CREDENTIALS_TOKEN_A, on another module than: "
    "credentials or versions, the server SHALL respond with an HTTP `401 - Unauthorized` status "
    "code.",
)
UNKNOWN_RESOURCE = HttpRule(
    "404 SHOULD for a GET of what does not exist",
    f"{STC}#status_codes_status_codes",
    "In case of a GET request, when the resource does NOT exist, the server SHOULD return a HTTP "
    "`404 - Not Found`.",
)
HTTP_RULES: tuple[HttpRule, ...] = (
    REACHED_OCPI_LAYER,
    INVALID_JSON,
    UNKNOWN_TOKEN,
    TOKEN_A_ELSEWHERE,
    UNKNOWN_RESOURCE,
)


def http_error_allowed(authenticated: bool, authorized: bool) -> bool:
    """Whether a valid-JSON request for an existing resource may get an HTTP error status: only
    when its sender is not both authenticated and authorized (REACHED_OCPI_LAYER)."""
    return not (authenticated and authorized)


__all__ = [
    "CLIENT_ERROR",
    "CUSTOM_RANGES",
    "HTTP_RULES",
    "HUB_ERROR",
    "SERVER_ERROR",
    "STATUS_CODES",
    "SUCCESS",
    "HttpRule",
    "StatusCode",
    "http_error_allowed",
    "is_known",
]
