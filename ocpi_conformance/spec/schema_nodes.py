"""Walking the exported schemas: the two steps every reader of them needs (strategies that draw
from them, mutations that break them, checks that compare bodies by them)."""

from __future__ import annotations

from collections.abc import Iterator
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


def classes_in(
    root: dict[str, Any], body: Any
) -> Iterator[tuple[str, dict[str, Any], list[str | int]]]:
    """Every object in `body` that the schema names a spec class (its `$defs` name, or the
    root's title), with its path: (class name, the object, path). Outermost first."""
    stack: list[tuple[dict[str, Any], Any, list[str | int], str | None]] = [
        (root, body, [], root.get("title"))
    ]
    while stack:
        node, value, path, name = stack.pop()
        while "$ref" in node or "anyOf" in node:
            if "$ref" in node:
                name = node["$ref"].rsplit("/", 1)[-1]
                node = root["$defs"][name]
            else:
                node, _ = non_null(node)
                if "anyOf" in node:
                    break
        if isinstance(value, dict) and node.get("type") == "object":
            if name is not None:
                yield name, value, path
            for prop, sub in reversed(list(node.get("properties", {}).items())):
                if prop in value:
                    stack.append((sub, value[prop], [*path, prop], None))
        elif isinstance(value, list) and node.get("type") == "array" and "items" in node:
            for index in reversed(range(len(value))):
                stack.append((node["items"], value[index], [*path, index], None))
