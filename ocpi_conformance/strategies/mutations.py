"""Invalid variants: a valid object with exactly one constraint broken, and the violation the
validator must report for it (path and keyword), so a receiver's rejection can be judged.

An open enum (`x-ocpi-known`) has no enum to break: any string is one of its values, so only a
value of another JSON type is invalid there."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ocpi_conformance.spec.schema_nodes import non_null, resolve
from ocpi_conformance.spec.v2_2_1.types import CI_STRING_PATTERN, STRING_PATTERN
from ocpi_conformance.spec.validation import json_path

OFFSET_TIMESTAMP = "2019-06-24T12:39:09+02:00"  # types_datetime_type: "+00:00 is not UTC"


@dataclass(frozen=True)
class Mutation:
    """One way to break one field: where, which rule, and the value or removal that does it."""

    path: tuple[str | int, ...]  # of the value changed, or of the object losing a field
    constraint: str
    description: str
    value: Any = None
    remove: str | None = None  # a required field to delete from the object at `path`

    @property
    def json_path(self) -> str:
        return json_path(list(self.path))

    @property
    def kind(self) -> str:
        """The rule it breaks, whatever the field (`kind_of`)."""
        return kind_of(self)

    def apply(self, body: Any) -> Any:
        broken = copy.deepcopy(body)
        if self.remove is not None:
            _at(broken, self.path).pop(self.remove)
            return broken
        *parent, last = self.path
        _at(broken, tuple(parent))[last] = self.value
        return broken


def _at(body: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        body = body[part]
    return body


def _string_mutations(
    path: tuple[str | int, ...], node: dict[str, Any], value: str
) -> Iterator[Mutation]:
    label = node.get("x-ocpi-type", "string")
    pattern = node.get("pattern")
    limit = node.get("maxLength")
    floor = node.get("minLength", 0)
    if label == "DateTime":
        yield Mutation(path, "pattern", "a DateTime with a UTC offset", OFFSET_TIMESTAMP)
        return
    if limit is not None and pattern in (CI_STRING_PATTERN, STRING_PATTERN):
        yield Mutation(path, "maxLength", f"{label} one character too long", "x" * (limit + 1))
    if floor > 0:
        what = node.get("x-ocpi-code", label)
        yield Mutation(path, "minLength", f"{what} one character too short", "x" * (floor - 1))
    # a bad character breaks the alphabet only: padded to the exact length a code needs
    pad = "x" * max(floor - 1, 0)
    if pattern == CI_STRING_PATTERN:  # printable ASCII: 2.2.1's CiString, any 2.1.1 string
        kind = "CiString" if label.startswith("CiString") else "string"
        yield Mutation(path, "pattern", f"a {kind} with a non-ASCII character", "é" + pad)
    elif pattern == STRING_PATTERN:
        yield Mutation(path, "pattern", "a string with a line break", "\n" + pad)
    elif pattern is not None:
        yield Mutation(path, "pattern", f"a value that does not match {pattern}", "!")


def sites(
    body: Any, node: dict[str, Any], root: dict[str, Any], path: tuple[str | int, ...] = ()
) -> Iterator[Mutation]:
    """Every single-constraint break available in `body` (valid against `node`)."""
    node = resolve(node, root)
    if body is None:
        return
    node, _nullable = non_null(node)
    node = resolve(node, root)
    if "enum" in node and isinstance(body, str):
        lowered = body.lower() if body.lower() != body else body.upper()
        if lowered not in node["enum"]:
            yield Mutation(path, "enum", "an enum value in the wrong case", lowered)
        return
    kind = node.get("type")
    if kind == "object" and isinstance(body, dict):
        properties = node.get("properties", {})
        for name in node.get("required", []):
            if name in body:
                yield Mutation(path, "required", f"required field {name} left out", remove=name)
        for name, value in body.items():
            if name in properties:
                yield from sites(value, properties[name], root, (*path, name))
    elif kind == "array" and isinstance(body, list):
        if node.get("minItems", 0) >= 1:
            yield Mutation(path, "minItems", "an empty list where one element is required", [])
        for index, item in enumerate(body):
            yield from sites(item, node["items"], root, (*path, index))
    elif kind == "string" and isinstance(body, str):
        yield from _string_mutations(path, node, body)
        yield Mutation(path, "type", "a number where a string belongs", 12345)
    elif kind in ("integer", "number") and not isinstance(body, bool):
        yield Mutation(path, "type", "a string where a number belongs", str(body))
        if "maximum" in node:
            yield Mutation(path, "maximum", "one above the maximum", node["maximum"] + 1)
    elif kind == "boolean":
        yield Mutation(path, "type", "a string where a boolean belongs", "true")


# Every kind of one-constraint break `sites` makes, named by the rule broken whatever the field:
# a Receiver that lets one kind through lets it through on any field, so the invalid-object
# cases send one example of each kind on its own and report per kind. In this order: the CDR
# cases, which may post a few only, take the first.
KINDS = (
    "a required field left out",
    "a DateTime with a UTC offset",
    "a string where a number belongs",
    "an enum value in the wrong case",
    "a CiString one character too long",
    "a number where a string belongs",
    "a string one character too long",
    "a URL one character too long",
    "a CiString with a non-ASCII character",
    "a string with a non-ASCII character",  # 2.1.1: "Only printable ASCII allowed" (types.md)
    "a string with a line break",
    "a value that does not match its pattern",
    "an empty list where one element is required",
    "one above the maximum",
    "a string where a boolean belongs",
    "a code one character too short",  # minLength, where a code has an exact length
)
_TOO_LONG = {
    "CiString": "a CiString one character too long",
    "string": "a string one character too long",
    "URL": "a URL one character too long",
}
_OWN_PATTERNS = {"a DateTime with a UTC offset", "a CiString with a non-ASCII character",
                 "a string with a non-ASCII character", "a string with a line break"}  # fmt: skip


def kind_of(mutation: Mutation) -> str:
    """The kind of rule a mutation breaks (one of KINDS; its description for a kind not named
    there): the field's name, length or pattern left out."""
    constraint, description = mutation.constraint, mutation.description
    if constraint == "required":
        return KINDS[0]
    if constraint == "maxLength":
        return _TOO_LONG.get(description.split("(")[0].split(" ")[0], _TOO_LONG["string"])
    if constraint == "minLength":
        return "a code one character too short"
    if constraint == "pattern" and description not in _OWN_PATTERNS:
        return "a value that does not match its pattern"
    return description
