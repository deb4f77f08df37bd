"""OCPI status codes (status_codes.asciidoc): the `status_code` of every response envelope."""

from __future__ import annotations

from dataclasses import dataclass

SPEC_FILE = "status_codes.asciidoc"


@dataclass(frozen=True)
class StatusCode:
    code: int
    meaning: str
    spec: str


def _codes(section: str, rows: dict[int, str]) -> dict[int, StatusCode]:
    return {c: StatusCode(c, m, f"{SPEC_FILE}#{section}") for c, m in rows.items()}


STATUS_CODES: dict[int, StatusCode] = {
    **_codes("status_codes_1xxx_success", {1000: "Generic success code"}),
    **_codes(
        "status_codes_2xxx_client_errors",
        {
            2000: "Generic client error",
            2001: "Invalid or missing parameters",
            2002: "Not enough information",
            2003: "Unknown Location",
            2004: "Unknown Token",
        },
    ),
    **_codes(
        "status_codes_3xxx_server_errors",
        {
            3000: "Generic server error",
            3001: "Unable to use the client's API",
            3002: "Unsupported version",
            3003: "No matching endpoints or expected endpoints missing between parties",
        },
    ),
    **_codes(
        "status_codes_4xxx_hub_errors",
        {
            4000: "Generic error",
            4001: "Unknown receiver (TO address is unknown)",
            4002: "Timeout on forwarded request",
            4003: "Connection problem (receiving party is not connected)",
        },
    ),
}

# Custom codes are reserved per class: 19xx, 29xx, 39xx, 49xx.
CUSTOM_RANGES: tuple[range, ...] = (
    range(1900, 2000),
    range(2900, 3000),
    range(3900, 4000),
    range(4900, 5000),
)
SUCCESS = range(1000, 2000)
CLIENT_ERROR = range(2000, 3000)
SERVER_ERROR = range(3000, 4000)
HUB_ERROR = range(4000, 5000)


def is_known(code: int) -> bool:
    """A code the spec defines or reserves for custom use; anything else is not OCPI's."""
    return code in STATUS_CODES or any(code in r for r in CUSTOM_RANGES)
