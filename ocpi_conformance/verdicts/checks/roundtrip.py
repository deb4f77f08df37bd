"""Compare what was sent with what came back, the way OCPI means equality.

CiStrings compare case-insensitively, DateTimes as instants (`Z` or not), numbers by value, an
absent optional field equals null, an absent or null `*` list equals [], and a field with a
default (charging_when_closed: true) equals its default when absent. Everything else exactly.
Fields the schema does not name (a party's extensions) are not compared, nor the fields a
Receiver is free to ignore (`ignore`: class title -> field names, asked of the Version).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocpi_conformance.spec.schema_nodes import non_null, resolve
from ocpi_conformance.spec.v2_2_1.types import CI_STRING_PATTERN
from ocpi_conformance.spec.validation import json_path
from ocpi_conformance.verdicts.checks.pagination import parse_datetime

_ABSENT = object()


def differences(
    sent: Any,
    got: Any,
    node: dict[str, Any],
    root: dict[str, Any],
    path: tuple = (),
    ignore: Mapping[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """Where `got` differs from `sent` (both valid against `node`), as '$.path: ...' lines;
    `ignore` names, per class (its schema title), fields left out of the comparison."""
    node = resolve(node, root)
    value_node, _nullable = non_null(node)
    value_node = resolve(value_node, root)
    sent, got = _normal(sent, value_node), _normal(got, value_node)
    where = json_path(list(path))
    if sent is _ABSENT and got is _ABSENT:
        return []
    if sent is _ABSENT or got is _ABSENT:
        shown = lambda v: "absent" if v is _ABSENT else repr(v)  # noqa: E731
        return [f"{where}: sent {shown(sent)}, got {shown(got)}"]
    kind = value_node.get("type")
    if kind in _JSON_TYPES and not isinstance(got, _JSON_TYPES[kind]):
        return [f"{where}: a JSON {_json_kind(got)} came back where the spec gives type {kind}"]
    if kind == "object" and isinstance(sent, dict) and isinstance(got, dict):
        out = []
        skipped = (ignore or {}).get(str(value_node.get("title", "")), ())
        for name, prop in value_node.get("properties", {}).items():
            if name in skipped:
                continue
            default = prop.get("default", _ABSENT)
            out += differences(
                sent.get(name, default), got.get(name, default), prop, root, (*path, name), ignore
            )
        return out
    if kind == "array" and isinstance(sent, list) and isinstance(got, list):
        if len(sent) != len(got):
            return [f"{where}: sent {len(sent)} elements, got {len(got)}"]
        return [
            line
            for index, (a, b) in enumerate(zip(sent, got, strict=True))
            for line in differences(a, b, value_node["items"], root, (*path, index), ignore)
        ]
    if _equal(sent, got, value_node):
        return []
    return [f"{where}: sent {sent!r}, got {got!r}"]


_JSON_TYPES: dict[str, type | tuple[type, ...]] = {"object": dict, "array": list, "string": str}


def _json_kind(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _normal(value: Any, node: dict[str, Any]) -> Any:
    if value is None or value is _ABSENT:
        return [] if node.get("type") == "array" else _ABSENT
    return value


def _case_insensitive(node: dict[str, Any]) -> bool:
    """A CiString; not a 2.1.1 `string`, printable ASCII as a CiString but case sensitive
    (its schema labels it `string(n)`)."""
    return not str(node.get("x-ocpi-type", "")).startswith("string")


def _equal(sent: Any, got: Any, node: dict[str, Any]) -> bool:
    if isinstance(sent, str) and isinstance(got, str):
        if node.get("x-ocpi-type") == "DateTime":
            try:
                return parse_datetime(sent) == parse_datetime(got)
            except ValueError:
                return sent == got
        if node.get("pattern") == CI_STRING_PATTERN and _case_insensitive(node):
            return sent.upper() == got.upper()
    if isinstance(sent, (int, float)) and isinstance(got, (int, float)):
        if isinstance(sent, bool) or isinstance(got, bool):
            return sent is got
        return float(sent) == float(got)
    return sent == got
