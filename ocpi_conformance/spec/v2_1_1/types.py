"""OCPI 2.1.1 primitive types (types.md): only what 2.1.1 defines differently from 2.2.1.

The version-neutral pieces come from `v2_2_1.types`, whose text defines them identically: the
model and enum bases (`SpecModel`, `SpecEnum`, `spec_enum`, `anchor`), `+` lists (`OneOrMore`,
terminology.md#cardinality has the same four symbols), JSON numbers and ints (`Number`, `Int`:
types.md#14-number-type is word for word 2.2.1's), `CiString` ("Case Insensitive String. Only
printable ASCII allowed.", types.md#11-cistring-type) and `Pattern` (a string(n) whose
description gives a regex). What differs is defined here, and says why:
- `string` is printable ASCII in 2.1.1 (types.md#15-string-type: "Case Sensitive String. Only
  printable ASCII allowed."); 2.2 made it UTF-8 (2.2 changelog: "Type string changed from ASCII to
  UTF-8"). So `String`, `URL` (a string(255)) and `DisplayText` (two strings) are 2.1.1's own.
- `DateTime` has no fractional seconds (below).
- The GeoLocation and time-of-day regexes are 2.1.1's own (mod_locations.md).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import Field

from ocpi_conformance.spec.v2_1_1.documents import TYP
from ocpi_conformance.spec.v2_2_1.types import (
    CiString,
    Int,
    Number,
    OneOrMore,
    Pattern,
    SpecEnum,
    SpecModel,
    anchor,
    spec_enum,
)
from ocpi_conformance.spec.v2_2_1.types import parse_datetime as _parse_any_ocpi_datetime

__all__ = [
    "URL",
    "CiString",
    "DateTime",
    "DisplayText",
    "Int",
    "Number",
    "OneOrMore",
    "Pattern",
    "SpecEnum",
    "SpecModel",
    "String",
    "anchor",
    "parse_datetime",
    "spec_enum",
]

# string (types.md#15-string-type): printable ASCII, space (0x20) to tilde (0x7E).
STRING_PATTERN = r"^[\x20-\x7E]*$"
# DateTime (types.md#12-datetime-type): "formatted as string(25) using the combined date and time
# format from the ISO 8601 standard. All timestamps SHALL be in UTC. The absence of the timezone
# designator implies a UTC timestamp." and "+00:00 is not the same as UTC". Reading: the four
# examples are the shapes (extended format, seconds, `Z` optional); fractional seconds are not
# allowed: no example has them, and the 2.2 changelog says of DateTime "Fractional seconds are now
# allowed". The alternative reading (any ISO 8601 fraction) is `DATETIME_PATTERN_WITH_FRACTIONS`.
DATETIME_PATTERN = (
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)Z?$"
)
DATETIME_PATTERN_WITH_FRACTIONS = DATETIME_PATTERN.replace("60)Z?$", r"60)(\.[0-9]+)?Z?$")
DATETIME_MAX_LENGTH = 25
URL_MAX_LENGTH = 255
_DATETIME = re.compile(DATETIME_PATTERN)

# Regexes of mod_locations.md, written unanchored there (`Pattern` anchors them). 2.1.1 has
# exactly six decimals (2.2 changelog: "from fixed 6 decimal places, to more flexible 5 to 7"), so
# string(10) and string(11) hold the longest forms ("-12.123456", "-123.123456").
LATITUDE_REGEX = r"-?[0-9]{1,2}\.[0-9]{6}"  # 412-geolocation-class, 41-additionalgeolocation-class
LONGITUDE_REGEX = r"-?[0-9]{1,3}\.[0-9]{6}"
# 419-regularhours-class and 45-tariffrestrictions-class: "Regex: [0-2][0-9]:[0-5][0-9]" (admits
# 24:00 to 29:59; 2.2 "Improved the regex for time format"). Taken as written.
TIME_OF_DAY_REGEX = r"[0-2][0-9]:[0-5][0-9]"
# The Authorization header's parameter "is a string consisting of printable, non-whitespace ASCII
# characters" (transport_and_format.md#request-format), and 2.1.1 sends Credentials.token as it is
# (no Base64): so a token that holds a space could never be sent.
TOKEN_REGEX = r"[\x21-\x7E]*"


def parse_datetime(text: Any) -> dt.datetime | None:
    """A 2.1.1 DateTime as an aware UTC instant (no `Z` means UTC too); None if it is not one."""
    if not isinstance(text, str) or len(text) > DATETIME_MAX_LENGTH or not _DATETIME.match(text):
        return None
    return _parse_any_ocpi_datetime(text)


def String(max_length: int | None = None) -> Any:  # noqa: N802 - named as the spec names the type
    """Case-sensitive printable-ASCII string; `None` where the spec gives no length (`string`)."""
    label = "string" if max_length is None else f"string({max_length})"
    return Annotated[
        str,
        Field(
            max_length=max_length, pattern=STRING_PATTERN, json_schema_extra={"x-ocpi-type": label}
        ),
    ]


DateTime = Annotated[
    str,
    Field(
        max_length=DATETIME_MAX_LENGTH,
        pattern=DATETIME_PATTERN,
        json_schema_extra={"x-ocpi-type": "DateTime"},
    ),
]
# URL (types.md#16-url-type): "a string(255) type following the w3.org spec". Reading as in 2.2.1:
# length and alphabet (ASCII here) are checked, URI syntax is not.
URL = Annotated[
    str,
    Field(
        max_length=URL_MAX_LENGTH, pattern=STRING_PATTERN, json_schema_extra={"x-ocpi-type": "URL"}
    ),
]


class DisplayText(SpecModel):
    spec_anchor = anchor(TYP, "13-displaytext-class")

    language: String(2)
    text: String(512)
