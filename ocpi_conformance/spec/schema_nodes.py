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


def _named(
    root: dict[str, Any], node: dict[str, Any], name: str | None
) -> tuple[dict[str, Any], str | None]:
    """`node` with references and an optional field's null branch followed, and the spec class
    it names (the last `$defs` entry passed through, else `name`)."""
    while "$ref" in node or "anyOf" in node:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            node = root["$defs"][name]
        else:
            node, _ = non_null(node)
            if "anyOf" in node:
                break
    return node, name


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
        node, name = _named(root, node, name)
        if isinstance(value, dict) and node.get("type") == "object":
            if name is not None:
                yield name, value, path
            for prop, sub in reversed(list(node.get("properties", {}).items())):
                if prop in value:
                    stack.append((sub, value[prop], [*path, prop], None))
        elif isinstance(value, list) and node.get("type") == "array" and "items" in node:
            for index in reversed(range(len(value))):
                stack.append((node["items"], value[index], [*path, index], None))


Path = tuple[Any, ...]  # (parent path, key) links; () for the root


def path_list(path: Path) -> list[str | int]:
    """A linked path (`classes_with`'s) as the list of its keys, outermost first."""
    keys: list[str | int] = []
    while path:
        path, key = path
        keys.append(key)
    return keys[::-1]


class _Reach:
    """Which nodes of one schema can hold an object of a wanted class (memoised by node)."""

    def __init__(self, root: dict[str, Any], wanted: frozenset[str]) -> None:
        self.root, self.wanted = root, wanted
        self.memo: dict[int, bool] = {}
        self.defs: dict[str, bool] = {}
        self.props: dict[int, list[tuple[str, dict[str, Any]]]] = {}

    def properties(self, node: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """An object node's properties that can hold a wanted class, last first (the walk
        pushes them so, to visit them in order)."""
        key = id(node)
        found = self.props.get(key)
        if found is None:
            found = [(p, s) for p, s in node.get("properties", {}).items() if self.of(s)]
            found.reverse()
            self.props[key] = found
        return found

    def of_def(self, name: str) -> bool:
        if name not in self.defs:
            self.defs[name] = False  # a cycle: no more than what its other branches reach
            node = self.root.get("$defs", {}).get(name, {})
            self.defs[name] = name in self.wanted or self.of(node)
        return self.defs[name]

    def of(self, node: dict[str, Any]) -> bool:
        key = id(node)
        if key not in self.memo:
            self.memo[key] = False
            found = False
            if "$ref" in node:
                found = self.of_def(node["$ref"].rsplit("/", 1)[-1])
            elif "anyOf" in node:
                found = any(self.of(b) for b in node["anyOf"] if isinstance(b, dict))
            elif node.get("type") == "object":
                found = any(self.of(s) for s in node.get("properties", {}).values())
            elif node.get("type") == "array" and isinstance(node.get("items"), dict):
                found = self.of(node["items"])
            self.memo[key] = found
        return self.memo[key]


_REACH: dict[tuple[int, frozenset[str]], _Reach] = {}


def classes_with(
    root: dict[str, Any], body: Any, wanted: frozenset[str]
) -> Iterator[tuple[str, dict[str, Any], Path]]:
    """`classes_in` for the classes in `wanted` only, in the same order: it never walks into a
    part of the body whose schema can hold none of them, and keeps each path as links (made a
    list with `path_list` only where a caller needs it). A validator that checks the prose
    rules of a few classes reads a Location this way, not every field of it."""
    reach = _REACH.get((id(root), wanted))
    if reach is None:
        reach = _REACH[(id(root), wanted)] = _Reach(root, wanted)
    title = root.get("title")
    stack: list[tuple[dict[str, Any], Any, Path, str | None]] = [(root, body, (), title)]
    while stack:
        node, value, path, name = stack.pop()
        node, name = _named(root, node, name)
        if isinstance(value, dict) and node.get("type") == "object":
            if name is not None and name in wanted:
                yield name, value, path
            for prop, sub in reach.properties(node):
                if prop in value:
                    stack.append((sub, value[prop], (path, prop), None))
        elif isinstance(value, list) and node.get("type") == "array" and "items" in node:
            items = node["items"]
            if reach.of(items):
                for index in reversed(range(len(value))):
                    stack.append((items, value[index], (path, index), None))


def values_in(
    root: dict[str, Any], body: Any
) -> Iterator[tuple[dict[str, Any], Any, list[str | int]]]:
    """Every value of `body` with the schema node that describes it (references followed, an
    optional field's null branch set aside) and its path, outermost first. A value no node
    describes (an undocumented field) is not descended into: its own fields document nothing."""
    stack: list[tuple[dict[str, Any], Any, list[str | int]]] = [(root, body, [])]
    while stack:
        node, value, path = stack.pop()
        node = resolve(node, root)
        node, _ = non_null(node)
        node = resolve(node, root)
        yield node, value, path
        if isinstance(value, dict):
            properties = node.get("properties", {})
            for name in reversed(list(value)):
                if name in properties:
                    stack.append((properties[name], value[name], [*path, name]))
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            for index in reversed(range(len(value))):
                stack.append((node["items"], value[index], [*path, index]))
