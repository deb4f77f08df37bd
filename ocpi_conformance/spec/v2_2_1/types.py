"""OCPI 2.2.1 primitive types (types.asciidoc) and the base every spec model derives from.

The constraints live in the type aliases so that pydantic validation and the exported JSON Schema
say the same thing: a field typed `CiString(36)` carries its length and alphabet wherever it goes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import core_schema

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


# The 2.2.1 errata: branch `release-2.2.1-bugfixes` of github.com/ocpi/ocpi, after tag 2.2.1.
ERRATA_BRANCH = "release-2.2.1-bugfixes"


@dataclass(frozen=True)
class Erratum:
    """A length the 2.2.1 errata corrected: the commits, the length the published text gave,
    and the erratum's own note. The schema carries it as `x-ocpi-erratum`: the validator accepts
    the corrected length, strategies send no more than the earlier one."""

    commits: str
    earlier_max_length: int
    note: str

    def as_schema(self) -> dict[str, Any]:
        return {
            "branch": ERRATA_BRANCH,
            "commits": self.commits,
            "earlier_max_length": self.earlier_max_length,
            "note": self.note,
        }


def _string_field(
    label: str, max_length: int | None, pattern: str, exact: str | None, erratum: Erratum | None
) -> Any:
    """The Field of a CiString or string: `exact` names the code whose length is the maximum
    itself (an ISO country code), `erratum` cites the errata commit that set `max_length`."""
    extra: dict[str, Any] = {"x-ocpi-type": label}
    if exact is not None:
        extra["x-ocpi-code"] = exact
    if erratum is not None:
        extra["x-ocpi-erratum"] = erratum.as_schema()
    return Field(
        min_length=max_length if exact is not None else None,
        max_length=max_length,
        pattern=pattern,
        json_schema_extra=extra,
    )


def CiString(max_length: int, *, exact: str | None = None) -> Any:  # noqa: N802 - spec's name
    """Case-insensitive printable-ASCII string of at most `max_length` characters; of exactly
    `max_length` where the description names a code of that length (`exact`: which code)."""
    label = f"CiString({max_length})"
    return Annotated[str, _string_field(label, max_length, CI_STRING_PATTERN, exact, None)]


def String(  # noqa: N802 - named as the spec names the type
    max_length: int | None = None, *, exact: str | None = None, erratum: Erratum | None = None
) -> Any:
    """Case-sensitive printable string; `None` where the spec gives no length (`string`).

    `exact` as for CiString; `erratum` where the 2.2.1 errata changed the length the text gives.
    """
    label = "string" if max_length is None else f"string({max_length})"
    return Annotated[str, _string_field(label, max_length, STRING_PATTERN, exact, erratum)]


# Codes of a fixed length (issue #21, "Enums and lengths as the text has them"). The type column
# gives a maximum (CiString(2), string(3)); the description names a code whose length is exact:
# ISO 3166-1 alpha-2 and alpha-3 country codes, ISO 4217 currency codes, ISO 639-1 language codes
# and the ISO 15118 party id (eMI3: three characters). A shorter value is no such code. Each
# field typed with one of these is listed, with its sentence, in docs/levels-review.md.
COUNTRY_ALPHA_2 = "ISO 3166-1 alpha-2 country code"
COUNTRY_ALPHA_3 = "ISO 3166-1 alpha-3 country code"
CURRENCY = "ISO 4217 currency code"
LANGUAGE = "ISO 639-1 language code"
PARTY_ID = "ISO 15118 party id"
CountryCode = CiString(2, exact=COUNTRY_ALPHA_2)  # country_code of an owner or party
PartyId = CiString(3, exact=PARTY_ID)  # party_id of an owner or party
CountryAlpha3 = String(3, exact=COUNTRY_ALPHA_3)  # Location.country, CdrLocation.country
Currency = String(3, exact=CURRENCY)
Language = String(2, exact=LANGUAGE)


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


class OpenEnum(SpecEnum):
    """An enum the text lets grow: any string is a valid value, the members are the known ones.

    A field typed with one validates as a string; its schema, inline as a closed enum's, is
    `{"type": "string", "x-ocpi-known": [...], "x-ocpi-open": clause}`, so a validator accepts
    an extension, a message about a wrong type stays a plain type message, and strategies draw
    the known values (mostly) from `x-ocpi-known`. The members stay usable in code as for any
    SpecEnum. Tag a subclass with `open_enum(anchor, opened_by)`: only an enum that a sentence
    of the text opens is an OpenEnum; every other enum stays closed.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.str_schema()

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        json_schema = handler(schema)
        resolved = handler.resolve_ref_schema(json_schema)
        resolved["x-ocpi-spec"] = getattr(cls, "spec_anchor", "")
        resolved["x-ocpi-type"] = cls.__name__
        resolved["x-ocpi-known"] = [member.value for member in cls]
        resolved["x-ocpi-open"] = getattr(cls, "opened_by", "")
        return json_schema


def open_enum(spec_anchor: str, opened_by: str) -> Any:
    """Tag an OpenEnum with the section that defines it and the clause whose sentence opens it."""

    def tag(cls: type[OpenEnum]) -> type[OpenEnum]:
        if not issubclass(cls, OpenEnum):
            raise TypeError(f"{cls.__name__}: only an OpenEnum can be opened")
        type.__setattr__(cls, "spec_anchor", spec_anchor)
        type.__setattr__(cls, "opened_by", opened_by)
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

    language: Language  # "Language Code ISO 639-1."
    text: String(512)


class Price(SpecModel):
    spec_anchor = anchor(TYPES, "types_price_class")

    excl_vat: Number
    incl_vat: Number | None = None


def negative_price(price: dict[str, Any]) -> dict[str, Any]:
    """`price` with its amounts negative (excl_vat, incl_vat): the total_cost of a credit CDR,
    whose amounts "SHALL contain the negative amounts" (mod_cdrs_credit_cdrs)."""
    amounts = {
        k: -abs(v) for k in ("excl_vat", "incl_vat") if isinstance(v := price.get(k), int | float)
    }
    return {**price, **amounts}


@spec_enum(anchor(TYPES, "types_role_enum"))
class Role(SpecEnum):
    CPO = "CPO"
    EMSP = "EMSP"
    HUB = "HUB"
    NAP = "NAP"
    NSP = "NSP"
    OTHER = "OTHER"
    SCSP = "SCSP"
