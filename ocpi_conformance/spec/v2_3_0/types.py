"""OCPI 2.3.0 types (types.asciidoc, tag v2.3.0-ed2): what differs from 2.2.1, the rest reused.

The primitives the 2.3.0 text defines word for word as 2.2.1 does (CiString, string, DateTime,
URL, number, int, DisplayText, the cardinalities, the spec model and enum bases) come from
`ocpi_conformance.spec.v2_2_1.types`. Defined here, because 2.3.0 says something else:
- `OpenEnum` (types_openenum_type, new): a value set known but not closed. Same shape as the one
  branch spec-readings is adding to v2_2_1/types.py for 2.2.1's ModuleID and VersionNumber (a
  string schema with `x-ocpi-known` and `x-ocpi-open`); until it lands there, it lives here.
- `Price` is `{before_taxes, taxes: TaxAmount[*]}` (types_price_class), no longer excl/incl_vat.
- `TaxAmount` (types_tax_amount_class, new).
- `Role` (types_role_enum) has no HUB.
- The length notations the 2.3.0 tables add: `CiString[36]`, `String[12]` (read as the
  `CiString(36)` and `string(12)` the other tables write), `CiString[1..255]` (at least one and
  at most 255 characters), a bare `CiString` (no length) and the five-character `hub_party_id`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field
from pydantic_core import core_schema

from ocpi_conformance.spec.v2_2_1.types import (
    ASCII_TOKEN_REGEX,
    CI_STRING_PATTERN,
    DATE_REGEX,
    LATITUDE_REGEX,
    LONGITUDE_REGEX,
    STRING_PATTERN,
    TIME_OF_DAY_REGEX,
    URL,
    CiString,
    DateTime,
    DisplayText,
    Int,
    Number,
    OneOrMore,
    Pattern,
    SpecEnum,
    SpecModel,
    String,
    anchor,
    parse_datetime,
    spec_enum,
)

TYPES = "types.asciidoc"
OPEN_ENUM_CLAUSE = f"{TYPES}#types_openenum_type"


class OpenEnum(SpecEnum):
    """An enum the text lets grow (types_openenum_type): "the set of all possible values is not
    known at the time of writing of the specification, but [...] there are a finite number of
    known possible values"; "OpenEnum values are serialized as JSON strings".

    A field typed with one validates as any string; its schema is
    `{"type": "string", "x-ocpi-known": [...], "x-ocpi-open": clause}`, so a validator accepts an
    extension, strategies can draw the known values from `x-ocpi-known`, and the members stay
    usable in code as for any SpecEnum. Tag a subclass with `open_enum(anchor, opened_by)`.
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


def open_enum(spec_anchor: str, opened_by: str = OPEN_ENUM_CLAUSE) -> Any:
    """Tag an OpenEnum with its table and the clause that opens it (in 2.3.0 the table's heading
    says `_OpenEnum_`, so the type's own definition is the clause)."""

    def tag(cls: type[OpenEnum]) -> type[OpenEnum]:
        if not issubclass(cls, OpenEnum):
            raise TypeError(f"{cls.__name__}: only an OpenEnum can be opened")
        type.__setattr__(cls, "spec_anchor", spec_anchor)
        type.__setattr__(cls, "opened_by", opened_by)
        return cls

    return tag


def CiStringRange(min_length: int, max_length: int) -> Any:  # noqa: N802 - the spec's notation
    """`CiString[1..255]` (mod_payments_financial_advice_confirmation_object): a CiString of
    `min_length` to `max_length` characters."""
    return Annotated[
        str,
        Field(
            min_length=min_length,
            max_length=max_length,
            pattern=CI_STRING_PATTERN,
            json_schema_extra={"x-ocpi-type": f"CiString[{min_length}..{max_length}]"},
        ),
    ]


# A bare `CiString` (Parking.apds_reference): the alphabet without a length.
AnyCiString = Annotated[
    str, Field(pattern=CI_STRING_PATTERN, json_schema_extra={"x-ocpi-type": "CiString"})
]

# Credentials.hub_party_id, CiString(5): "The two-letter country code and three-character party
# ID are concatenated together in this field as one five-character string" - exactly five.
HubPartyId = Annotated[
    str,
    Field(
        min_length=5,
        max_length=5,
        pattern=CI_STRING_PATTERN,
        json_schema_extra={
            "x-ocpi-type": "CiString(5)",
            "x-ocpi-code": "country code and party id, concatenated",
        },
    ),
]


class TaxAmount(SpecModel):
    spec_anchor = anchor(TYPES, "types_tax_amount_class")

    name: String()
    account_number: String() | None = None
    percentage: Number | None = None
    amount: Number


class Price(SpecModel):
    spec_anchor = anchor(TYPES, "types_price_class")

    before_taxes: Number
    taxes: list[TaxAmount] | None = None


def negative_price(price: dict[str, Any]) -> dict[str, Any]:
    """`price` with its amounts negative: before_taxes and every tax's amount (a percentage is
    no amount): the total_cost of a credit CDR (mod_cdrs_credit_cdrs, read for the 2.3.0 Price)."""

    def negative(value: Any) -> Any:
        return (
            -abs(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
        )

    taxes = price.get("taxes")
    found = {**price, "before_taxes": negative(price.get("before_taxes"))}
    if isinstance(taxes, list):
        found["taxes"] = [
            {**tax, "amount": negative(tax.get("amount"))} if isinstance(tax, dict) else tax
            for tax in taxes
        ]
    return found


@dataclass(frozen=True)
class FormerShape:
    """A class 2.3.0 reshaped: the fields of its 2.2.1 shape, and how a message names it."""

    fields: frozenset[str]
    said: str


# Bodies of a 2.2.1 peer: a Price or a PriceLimit with excl_vat/incl_vat and no before_taxes is
# the 2.2.1 Price, named as such rather than as a missing field (by the class's table anchor).
_PRICE_221 = frozenset({"excl_vat", "incl_vat"})
FORMER_SHAPES: dict[str, FormerShape] = {
    anchor(TYPES, "types_price_class"): FormerShape(
        _PRICE_221,
        "the 2.2.1 Price shape (excl_vat, incl_vat): 2.3.0's Price is before_taxes and taxes "
        "(TaxAmount list)",
    ),
    "mod_tariffs.asciidoc#mod_tariffs_pricelimit_class": FormerShape(
        _PRICE_221,
        "the 2.2.1 Price shape (excl_vat, incl_vat): 2.3.0's min_price and max_price are "
        "PriceLimits (before_taxes, after_taxes)",
    ),
}


@spec_enum(anchor(TYPES, "types_role_enum"))
class Role(SpecEnum):
    CPO = "CPO"
    EMSP = "EMSP"
    NAP = "NAP"
    NSP = "NSP"
    OTHER = "OTHER"
    SCSP = "SCSP"  # its table row has no space before "|"


__all__ = [
    "ASCII_TOKEN_REGEX",
    "CI_STRING_PATTERN",
    "DATE_REGEX",
    "FORMER_SHAPES",
    "LATITUDE_REGEX",
    "LONGITUDE_REGEX",
    "OPEN_ENUM_CLAUSE",
    "STRING_PATTERN",
    "TIME_OF_DAY_REGEX",
    "TYPES",
    "URL",
    "AnyCiString",
    "CiString",
    "CiStringRange",
    "DateTime",
    "DisplayText",
    "FormerShape",
    "HubPartyId",
    "Int",
    "Number",
    "OneOrMore",
    "OpenEnum",
    "Pattern",
    "Price",
    "Role",
    "SpecEnum",
    "SpecModel",
    "String",
    "TaxAmount",
    "anchor",
    "negative_price",
    "open_enum",
    "parse_datetime",
    "spec_enum",
]
