"""OCPI 2.2.1 primitive types (types.asciidoc) and the base every spec model derives from.

The constraints live in the type aliases so that pydantic validation and the exported JSON Schema
say the same thing: a field typed `CiString(36)` carries its length and alphabet wherever it goes.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

TYPES = "types.asciidoc"

# CiString: "Only printable ASCII allowed" (types_cistring_type): space (0x20) to tilde (0x7E).
CI_STRING_PATTERN = r"^[\x20-\x7E]*$"
# string: "Only printable UTF-8 allowed ... Carriage returns, Tabs, Line breaks, etc are not
# allowed" (types_string_type). Reading: C0 controls and DEL are the non-printable characters the
# text names; C1 controls (0x80-0x9F) are excluded too since they are not printable either.
STRING_PATTERN = r"^[^\x00-\x1F\x7F-\x9F]*$"
# DateTime (types_datetime_type): RFC 3339 in UTC, the `Z` optional ("The absence of the timezone
# designator implies a UTC timestamp"), fractional seconds optional, no offsets ("+00:00 is not the
# same as UTC"), string(25). Reading: the six example forms are the only allowed shapes ("other
# formats/patterns are not allowed"); month, day, hour, minute and second ranges are enforced,
# second 60 is allowed for leap seconds as RFC 3339 does.
DATETIME_PATTERN = (
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?Z?$"
)
DATETIME_MAX_LENGTH = 25
URL_MAX_LENGTH = 255
_DATETIME = re.compile(DATETIME_PATTERN)

# Regexes the spec writes into field descriptions, unanchored there; `Pattern` anchors them.
# The spec contradicts itself on GeoLocation: latitude is string(10) but its regex admits 11
# characters ("-52.3789012"), longitude string(11) but 12 ("-126.1049650"). Both rules are
# kept: a value must satisfy the type and the regex, so the longest forms are rejected.
LATITUDE_REGEX = r"-?[0-9]{1,2}\.[0-9]{5,7}"  # mod_locations_geolocation_class
LONGITUDE_REGEX = r"-?[0-9]{1,3}\.[0-9]{5,7}"  # mod_locations_geolocation_class
TIME_OF_DAY_REGEX = r"([0-1][0-9]|2[0-3]):[0-5][0-9]"  # regularhours, tariffrestrictions
DATE_REGEX = r"([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"  # tariffrestrictions
# Credentials.token: string(64), "Case Sensitive, ASCII only" (credentials_credentials_object).
ASCII_TOKEN_REGEX = r"[\x20-\x7E]*"


def parse_datetime(text: Any) -> dt.datetime | None:
    """An OCPI DateTime as an aware UTC instant (no `Z` means UTC too); None if it is not one.

    Fractions of any length are cut to microseconds; a leap second (:60) counts as :59.
    """
    if not isinstance(text, str) or len(text) > DATETIME_MAX_LENGTH or not _DATETIME.match(text):
        return None
    main, _, fraction = text.rstrip("Z").partition(".")
    main = main[:-2] + "59" if main.endswith(":60") else main
    stamp = dt.datetime.fromisoformat(main).replace(tzinfo=dt.UTC)
    return stamp.replace(microsecond=int((fraction + "000000")[:6])) if fraction else stamp


def CiString(max_length: int) -> Any:  # noqa: N802 - named as the spec names the type
    """Case-insensitive printable-ASCII string of at most `max_length` characters."""
    return Annotated[
        str,
        Field(
            max_length=max_length,
            pattern=CI_STRING_PATTERN,
            json_schema_extra={"x-ocpi-type": f"CiString({max_length})"},
        ),
    ]


def String(max_length: int | None = None) -> Any:  # noqa: N802 - named as the spec names the type
    """Case-sensitive printable string; `None` where the spec gives no length (`string`)."""
    label = "string" if max_length is None else f"string({max_length})"
    return Annotated[
        str,
        Field(
            max_length=max_length, pattern=STRING_PATTERN, json_schema_extra={"x-ocpi-type": label}
        ),
    ]


def Pattern(max_length: int, regex: str, label: str) -> Any:  # noqa: N802
    """A string(n) whose description adds a regex (GeoLocation, RegularHours, TariffRestrictions).

    The spec writes its regexes unanchored; they describe the whole value, so they are anchored.
    """
    return Annotated[
        str,
        Field(
            max_length=max_length, pattern=f"^{regex}$", json_schema_extra={"x-ocpi-type": label}
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
# URL (types_url_type): string(255) following the w3.org URI spec. Reading: the length and the
# string alphabet are checked; URI syntax is not (relative URIs are URIs too).
URL = Annotated[
    str,
    Field(
        max_length=URL_MAX_LENGTH, pattern=STRING_PATTERN, json_schema_extra={"x-ocpi-type": "URL"}
    ),
]
# number (types_number_type): a JSON number. "Unless mentioned otherwise, numbers use 4 decimals"
# describes precision, not a validity rule; it is not enforced by the schema.
Number = Annotated[float, Field(json_schema_extra={"x-ocpi-type": "number"})]
Int = Annotated[int, Field(json_schema_extra={"x-ocpi-type": "int"})]


def OneOrMore(item: Any) -> Any:  # noqa: N802 - reads as the spec's `+` cardinality
    """A list of at least one element: cardinality `+` (terminology_cardinality)."""
    return Annotated[list[item], Field(min_length=1)]


class SpecEnum(StrEnum):
    """An OCPI enum: values are case sensitive strings, compared exactly."""

    def __str__(self) -> str:
        return self.value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        json_schema = handler(core_schema)
        resolved = handler.resolve_ref_schema(json_schema)
        resolved["x-ocpi-spec"] = getattr(cls, "spec_anchor", "")
        resolved["x-ocpi-type"] = cls.__name__
        resolved.pop("description", None)
        return json_schema


def spec_enum(spec_anchor: str) -> Any:
    """Tag an enum with the section that defines it (enum members cannot be plain attributes)."""

    def tag(cls: type[SpecEnum]) -> type[SpecEnum]:
        type.__setattr__(cls, "spec_anchor", spec_anchor)
        return cls

    return tag


class SpecModel(BaseModel):
    """Base of every OCPI object and class.

    `spec_anchor` points at the table that defines the object; every field inherits it (the spec
    has no per-field anchors). Unknown fields are allowed: the spec does not forbid them, and a
    receiver must not fail on them.
    """

    spec_anchor: ClassVar[str] = ""
    model_config = ConfigDict(
        extra="allow",
        use_enum_values=True,
        json_schema_extra=lambda schema, cls: _annotate_schema(schema, cls),
    )


def _annotate_schema(schema: dict[str, Any], cls: type[SpecModel]) -> None:
    """Put the object's spec anchor on the schema and on each of its properties."""
    anchor = getattr(cls, "spec_anchor", "")
    if not anchor:
        return
    schema["x-ocpi-spec"] = anchor
    for prop in schema.get("properties", {}).values():
        prop.setdefault("x-ocpi-spec", anchor)
    schema.pop("additionalProperties", None)


def anchor(file: str, section: str) -> str:
    return f"{file}#{section}"


class DisplayText(SpecModel):
    spec_anchor = anchor(TYPES, "types_displaytext_class")

    language: String(2)
    text: String(512)


class Price(SpecModel):
    spec_anchor = anchor(TYPES, "types_price_class")

    excl_vat: Number
    incl_vat: Number | None = None


@spec_enum(anchor(TYPES, "types_role_enum"))
class Role(SpecEnum):
    CPO = "CPO"
    EMSP = "EMSP"
    HUB = "HUB"
    NAP = "NAP"
    NSP = "NSP"
    OTHER = "OTHER"
    SCSP = "SCSP"
