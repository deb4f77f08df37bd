"""OCPI 2.1.1 status codes (status_codes.md): the `status_code` of every response envelope.

Unlike 2.2.1: no 2004 (Unknown Token), no 4xxx hub errors (2.1.1 has no hubs) and no reserved
custom ranges (19xx, 29xx, 39xx): status_codes.md lists three ranges and their codes only.
"""

from __future__ import annotations

from ocpi_conformance.spec.v2_1_1.documents import STC
from ocpi_conformance.spec.v2_2_1.status_codes import StatusCode

__all__ = [
    "CLIENT_ERROR",
    "CUSTOM_RANGES",
    "SERVER_ERROR",
    "STATUS_CODES",
    "SUCCESS",
    "StatusCode",
    "is_known",
]


def _codes(section: str, rows: dict[int, str]) -> dict[int, StatusCode]:
    return {c: StatusCode(c, m, f"{STC}#{section}") for c, m in rows.items()}


STATUS_CODES: dict[int, StatusCode] = {
    **_codes("1xxx-success", {1000: "Generic success code"}),
    **_codes(
        "2xxx-client-errors",
        {
            2000: "Generic client error",
            2001: "Invalid or missing parameters",
            2002: "Not enough information",
            2003: "Unknown Location",
        },
    ),
    **_codes(
        "3xxx-server-errors",
        {
            3000: "Generic server error",
            3001: "Unable to use the client's API",
            3002: "Unsupported version",
            3003: "No matching endpoints or expected endpoints missing between parties",
        },
    ),
}

CUSTOM_RANGES: tuple[range, ...] = ()
SUCCESS = range(1000, 2000)
CLIENT_ERROR = range(2000, 3000)
SERVER_ERROR = range(3000, 4000)


def is_known(code: int) -> bool:
    """A code the spec defines; 2.1.1 reserves no range for custom codes."""
    return code in STATUS_CODES
