"""Walking the exported schemas: the two steps every reader of them needs (strategies that draw
from them, mutations that break them, checks that compare bodies by them)."""

from __future__ import annotations

from typing import Any


def resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref`s into `root`'s `$defs`."""
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def non_null(node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The value schema of an optional field and whether null is allowed (`?` and `*`)."""
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if b != {"type": "null"}]
        if len(branches) == 1:
            return branches[0], len(branches) < len(node["anyOf"])
    return node, False
