"""Valid values for any schema the models export, biased toward the spec's boundaries.

The walker reads the same JSON Schema the validator checks against, so a strategy can never
drift from the rules: what it generates is valid by construction, and the tests prove it by
validating thousands of draws. Boundaries are preferred on purpose: strings at their shortest and at
their maximum, DateTimes with and without `Z` and with fractional seconds, numbers with the
decimals the spec allows, optional fields present, absent and null, lists empty and full.

Two readings of issue #21 shape what is drawn: an open enum (`x-ocpi-known`) draws its known
values mostly and an extension now and then; a length the 2.2.1 errata raised
(`x-ocpi-erratum`) is drawn within the earlier maximum, so what the harness sends is valid by the
published text and by the erratum alike (the validator accepts the erratum's length).
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

from hypothesis import strategies as st

from ocpi_conformance.spec.schema_nodes import non_null, resolve
from ocpi_conformance.spec.v2_2_1.types import CI_STRING_PATTERN, STRING_PATTERN

PRINTABLE_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
# Printable text: every character but controls (Cc) and surrogates (Cs), as STRING_PATTERN.
TEXT = st.characters(exclude_categories=("Cc", "Cs"))
MAX_ITEMS = 2  # lists: empty (when allowed), one, several; larger adds cost, not coverage
NUMBER_RANGE = (0, 10_000)
OPEN_ENUM_CHOICES = 8  # an open enum draws an extension for one of them
DATETIMES = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 12, 31))


@st.composite
def datetime_text(draw: st.DrawFn, pattern: str | None = None) -> str:
    """An OCPI DateTime in one of the shapes its version's type allows (2.2.1 lists six, with
    and without Z and fractions; 2.1.1's allows no fraction): `pattern` is the schema's."""
    moment = draw(DATETIMES)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    fractions = pattern is None or "\\." in pattern
    digits = draw(st.sampled_from([0, 0, 1, 3] if fractions else [0]))
    if digits:
        text += "." + f"{moment.microsecond:06d}"[:digits]
    return text + draw(st.sampled_from(["Z", "Z", ""]))


def _bounded_text(
    alphabet: st.SearchStrategy[str], max_length: int | None, min_length: int = 1
) -> st.SearchStrategy[str]:
    limit = max_length if max_length is not None else 255
    return st.one_of(
        st.text(alphabet, min_size=max(min_length, 1), max_size=limit),
        st.text(alphabet, min_size=limit, max_size=limit),  # exactly at the maximum
    )


def sent_max_length(node: dict[str, Any]) -> int | None:
    """The longest value the harness sends: the erratum's maximum stays unsent where the
    published text gave less (a target keeping that limit is not faulted for it)."""
    max_length = node.get("maxLength")
    erratum = node.get("x-ocpi-erratum")
    if max_length is not None and erratum is not None:
        return min(max_length, int(erratum["earlier_max_length"]))
    return max_length


def open_enum_of(node: dict[str, Any]) -> st.SearchStrategy[str]:
    """Mostly a known value; now and then an extension the text allows, such as a custom
    module (one choice in eight; about one draw in six as hypothesis explores). The choice
    shrinks toward 0, a known value: a failing example shows a value a reader recognises
    unless the extension is the cause."""
    known = node["x-ocpi-known"]
    values = st.sampled_from(known)
    extension = string_of({k: v for k, v in node.items() if k != "x-ocpi-known"})
    extension = extension.filter(lambda s: s not in known)
    return st.integers(0, OPEN_ENUM_CHOICES - 1).flatmap(
        lambda choice: extension if choice == OPEN_ENUM_CHOICES - 1 else values
    )


def string_of(node: dict[str, Any]) -> st.SearchStrategy[str]:
    if "x-ocpi-known" in node:
        return open_enum_of(node)
    pattern = node.get("pattern")
    max_length = sent_max_length(node)
    min_length = node.get("minLength", 1)
    label = node.get("x-ocpi-type", "")
    if label == "DateTime":
        return datetime_text(pattern)
    if label == "URL":
        path = st.text(string.ascii_letters + string.digits + "-_/", max_size=40)
        return path.map(lambda p: f"https://ocpi.example.com/{p}")
    if pattern == CI_STRING_PATTERN:
        return _bounded_text(st.sampled_from(PRINTABLE_ASCII), max_length, min_length)
    if pattern in (STRING_PATTERN, None):
        return _bounded_text(TEXT, max_length, min_length)
    regex = st.from_regex(pattern, fullmatch=True)
    return regex.filter(lambda s: max_length is None or len(s) <= max_length)


def number_of(node: dict[str, Any]) -> st.SearchStrategy[float]:
    low = node.get("minimum", NUMBER_RANGE[0])
    high = node.get("maximum", NUMBER_RANGE[1])
    step = node.get("multipleOf", 0.0001)  # "numbers use 4 decimals" (types_number_type)
    scale = round(1 / step)
    values = st.integers(round(low * scale), round(high * scale)).map(lambda i: i / scale)
    return st.one_of(st.sampled_from([low, high]), values)


def integer_of(node: dict[str, Any]) -> st.SearchStrategy[int]:
    low, high = node.get("minimum", 0), node.get("maximum", 1_000_000)
    return st.one_of(st.sampled_from([low, high]), st.integers(low, high))


def from_schema(node: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A strategy for values valid against `node` (a schema inside `root`)."""
    node = resolve(node, root)
    if "anyOf" in node:
        value, nullable = non_null(node)
        inner = from_schema(value, root)
        return st.one_of(inner, st.none()) if nullable else inner
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "object":
        return object_of(node, root)
    if kind == "array":
        items = from_schema(node["items"], root)
        return st.lists(items, min_size=node.get("minItems", 0), max_size=MAX_ITEMS)
    if kind == "string":
        return string_of(node)
    if kind == "integer":
        return integer_of(node)
    if kind == "number":
        return number_of(node)
    if kind == "boolean":
        return st.booleans()
    return st.none()


def object_of(node: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    properties = node.get("properties", {})
    required = set(node.get("required", []))
    return st.fixed_dictionaries(
        {name: from_schema(properties[name], root) for name in properties if name in required},
        optional={
            name: from_schema(properties[name], root) for name in properties if name not in required
        },
    )
