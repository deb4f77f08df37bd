"""Validate JSON bodies against the committed schemas and explain every violation to a partner.

Validators are compiled once per schema file and cached: a run validates thousands of objects
against a few dozen schemas. Messages name the JSON path, the spec type and the clause, because
the reader is an implementer who has the spec open, not a JSON Schema expert.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from ocpi_conformance.resources import schemas_dir
from ocpi_conformance.spec.schema_nodes import classes_with, path_list
from ocpi_conformance.spec.version import DEFAULT, KNOWN
from ocpi_conformance.spec.version import version as spec_version

_DATETIME_HINT = "RFC 3339 in UTC such as 2015-06-29T20:39:09Z; no offset, at most 25 characters"
_TYPE_HINTS = {"DateTime": f"is not an OCPI DateTime ({_DATETIME_HINT})"}


_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class Violation:
    """One broken constraint at one place of a body."""

    path: str  # JSONPath of the offending value, e.g. "$.evses[0].connectors"
    constraint: str  # the JSON Schema keyword, e.g. "maxLength"
    message: str
    spec: str  # "FILE.asciidoc#anchor" of the object or type whose rule it is

    # the message with the offending value left out ("the value has 40 characters; ..."): the
    # same for every body that breaks the rule the same way
    generic: str = ""

    @property
    def rule(self) -> str:
        """The broken rule without the value or list positions ("$.evses[*].status: the value
        is not a value of Status"): one defect, however many objects show it."""
        where = _INDEX.sub("[*]", self.path)
        return f"{where}: {self.generic or self.message}"

    def __str__(self) -> str:
        where = f" [{self.spec}]" if self.spec else ""
        return f"{self.path}: {self.message}{where}"


def json_path(parts: list[str | int]) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


class SchemaValidator:
    """A compiled schema that reports every violation of a body, none hidden behind `anyOf`."""

    def __init__(
        self, schema: dict[str, Any], version: str = DEFAULT, *, partial: bool = False
    ) -> None:
        self.schema = schema
        self._validator = jsonschema_rs.validator_for(schema)
        self._version = spec_version(version)
        self._rules = self._version.part("rules").BY_CLASS
        # a PATCH body: the root object skips the rules that ask for fields to be present
        # (a version's Rule with on_patch=False)
        self.partial = partial
        self._ruled = frozenset(self._rules)  # the classes with prose rules

    def is_valid(self, instance: Any) -> bool:
        return self._validator.is_valid(instance) and not self.rule_violations(instance)

    def rule_violations(self, instance: Any) -> list[Violation]:
        """The prose rules of the classes in `instance` it breaks (the version's rules.py)."""
        found: list[Violation] = []
        if not self._ruled:
            return found
        for name, value, path in classes_with(self.schema, instance, self._ruled):
            for rule in self._rules.get(name, ()):
                if self.partial and not path and not getattr(rule, "on_patch", True):
                    continue
                try:
                    kept = rule.holds(value)
                except (TypeError, ValueError, AttributeError):
                    continue  # a malformed value: the schema part reports it
                if not kept:
                    where = json_path(path_list(path))
                    found.append(Violation(where, "rule", rule.text, rule.spec))
        return found

    def violations(self, instance: Any) -> list[Violation]:
        found: list[Violation] = []
        for error in self._validator.iter_errors(instance):
            found.extend(self._explain(error))
        return _one_per_null(found) + self.rule_violations(instance)

    def _explain(self, error: Any) -> list[Violation]:
        kind = type(error.kind).__name__
        if kind == "AnyOf":
            # Optional fields are `anyOf [T, null]`: report why the value is not a T.
            branches = [b for b in error.kind.context if not _is_null_branch(b)]
            if error.instance is not None and len(branches) == 1:
                return [v for sub in branches[0] for v in self._explain(sub)]
        node, anchor = self._schema_at(list(error.schema_path)[:-1])
        path = json_path(list(error.instance_path))
        message = self._message(kind, error, node)
        former = self._version.former_shape(anchor, error.instance) if kind == "Required" else None
        if former is not None:  # a body of another version's shape, named as such
            message = f"{message}: {former}"
        generic = message.replace(_short(error.instance), "the value", 1)
        return [Violation(path, _keyword(kind), message, anchor, generic)]

    def _schema_at(self, schema_path: list[str | int]) -> tuple[dict[str, Any], str]:
        """The schema object holding the failed keyword, and the nearest spec anchor above it."""
        node: Any = self.schema
        anchor = node.get("x-ocpi-spec", "")
        for part in schema_path:
            node = node[part]
            if isinstance(node, dict) and "x-ocpi-spec" in node:
                anchor = node["x-ocpi-spec"]
        return (node if isinstance(node, dict) else {}), anchor

    @staticmethod
    def _message(kind: str, error: Any, node: dict[str, Any]) -> str:
        detail = error.kind.as_dict() if hasattr(error.kind, "as_dict") else {}
        ocpi_type = node.get("x-ocpi-type", "")
        value = error.instance
        if kind == "Required":
            return f"required field '{detail.get('property')}' is missing"
        if kind in ("MaxLength", "MinLength") and "x-ocpi-code" in node:
            return (
                f"{_short(value)} has {len(value)} characters; an {node['x-ocpi-code']} "
                f"({ocpi_type}) has exactly {detail.get('limit')}"
            )
        if kind == "MaxLength":
            return (
                f"{_short(value)} has {len(value)} characters; {ocpi_type or 'the field'} "
                f"allows at most {detail.get('limit')}"
            )
        if kind == "Pattern":
            if ocpi_type in _TYPE_HINTS:
                return f"{_short(value)} {_TYPE_HINTS[ocpi_type]}"
            if ocpi_type.startswith("CiString"):
                return f"{_short(value)} has characters a CiString forbids (printable ASCII only)"
            if ocpi_type.startswith("string") and node.get("pattern", "").startswith("^[^"):
                return f"{_short(value)} has control characters, which a string forbids"
            return f"{_short(value)} does not match the spec's format {node.get('pattern')}"
        if kind == "Enum":
            options = detail.get("options", [])
            hint = ""
            if isinstance(value, str) and any(
                isinstance(o, str) and o.lower() == value.lower() for o in options
            ):
                hint = " (enum values are case sensitive)"
            return f"{_short(value)} is not a value of {ocpi_type or 'the enum'}{hint}"
        if kind == "Type":
            wanted = " or ".join(detail.get("types", []))
            return f"{_short(value)} is a JSON {_json_type(value)}, expected {wanted}"
        if kind == "MinItems":
            return f"list has {len(value)} elements; cardinality + needs at least 1"
        if kind in ("Minimum", "Maximum"):
            word = "at least" if kind == "Minimum" else "at most"
            return f"{_short(value)} must be {word} {detail.get('limit')}"
        if kind == "MultipleOf":
            step = detail.get("multiple_of")
            return f"{_short(value)} has more decimals than allowed (a multiple of {step})"
        return error.message


def _one_per_null(found: list[Violation]) -> list[Violation]:
    """A null where a value is required fails `type` and, for enums, `enum` too: keep `type`."""
    typed = {v.path for v in found if v.constraint == "type"}
    return [v for v in found if v.constraint == "type" or v.path not in typed]


def _is_null_branch(errors: list[Any]) -> bool:
    return any(
        type(e.kind).__name__ == "Type" and e.kind.as_dict().get("types") == ["null"]
        for e in errors
    )


def _keyword(kind: str) -> str:
    return kind[0].lower() + kind[1:]


def validator(relative: str, version: str = DEFAULT) -> SchemaValidator:
    """The compiled validator of one committed schema file of an OCPI version, e.g. "Location"
    or "patch/EVSE"."""
    return _compiled(relative, version)


@functools.cache
def _compiled(relative: str, version: str) -> SchemaValidator:
    path = schemas_dir(version) / f"{relative}.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    return SchemaValidator(schema, version, partial=relative.startswith("patch/"))


def validate_object(name: str, body: Any, version: str = DEFAULT) -> list[Violation]:
    return validator(name, version).violations(body)


def validate_patch(name: str, body: Any, version: str = DEFAULT) -> list[Violation]:
    return validator(f"patch/{name}", version).violations(body)


def validate_response(
    module: str, interface: str, operation: str, body: Any, version: str = DEFAULT
) -> list[Violation]:
    name = f"responses/{module}.{interface or 'ANY'}.{operation}"
    return validator(name, version).violations(body)


def mixed_up(name: str, body: Any, number: str) -> str | None:
    """When `body`, invalid as OCPI `number`'s `name`, is a valid `name` of another version,
    the sentence that says so ("this is a 2.1.1 CDR (auth_id, stop_date_time: fields 2.2.1's
    CDR has not) in a 2.2.1 endpoint"); None otherwise. A body of the wrong version is the
    finding a partner needs, not a list of missing fields."""
    if not isinstance(body, dict) or not validate_object(name, body, number):
        return None  # valid as ours: whatever else broke, it is no other version's (2.2.1's
        # Credentials are valid 2.3.0 ones too)
    ours = spec_version(number).objects.get(name)
    for other in KNOWN:
        theirs = spec_version(other).objects.get(name)
        if other == number or theirs is None or validate_object(name, body, other):
            continue
        extra = sorted(set(body) - set(ours.model_fields)) if ours is not None else []
        given = f" ({', '.join(extra[:4])}: fields {number}'s {name} has not)" if extra else ""
        return f"this is a {other} {name}{given} in a {number} endpoint"
    return None
