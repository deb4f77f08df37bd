"""Validate bodies against the 2.3.0 models, for the tests: objects and responses by the exported
schemas (ocpi_conformance/schemas/2.3.0); a PATCH body against any required fields a test names,
made in memory.

The schemas are made in memory the way schema_export makes the 2.2.1 files (pydantic's JSON
Schema with `$defs`, titles and null defaults dropped), and checked by validation.SchemaValidator
with the 2.3.0 prose rules (spec.v2_3_0.rules) in place of the 2.2.1 ones. Once schema export and
validation take a version, these tests can call them instead.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from ocpi_conformance.spec import validation
from ocpi_conformance.spec.schema_export import _strip_noise
from ocpi_conformance.spec.schema_nodes import classes_in
from ocpi_conformance.spec.v2_3_0 import OBJECTS
from ocpi_conformance.spec.v2_3_0.rules import BY_CLASS
from ocpi_conformance.spec.validation import SchemaValidator, Violation, json_path


class Validator(SchemaValidator):
    """A SchemaValidator that checks the 2.3.0 prose rules; on a PATCH body (`partial`) the root
    object skips the rules that ask for fields to be present (Rule.on_patch)."""

    def __init__(self, schema: dict[str, Any], partial: bool = False) -> None:
        super().__init__(schema)
        self.partial = partial

    def rule_violations(self, instance: Any) -> list[Violation]:
        found = []
        for name, value, path in classes_in(self.schema, instance):
            for rule in BY_CLASS.get(name, ()):
                if self.partial and not path and not rule.on_patch:
                    continue
                try:
                    kept = rule.holds(value)
                except (TypeError, ValueError, AttributeError):
                    continue  # a malformed value: the schema part reports it
                if not kept:
                    found.append(Violation(json_path(path), "rule", rule.text, rule.spec))
        return found


def object_schema(name: str) -> dict[str, Any]:
    schema = OBJECTS[name].model_json_schema(ref_template="#/$defs/{model}")
    _strip_noise(schema)
    return schema


@functools.cache
def schema_of(name: str) -> dict[str, Any]:
    """The schema of one object, made once (callers must not change it)."""
    return object_schema(name)


@functools.cache
def _patch_validator(name: str, required: tuple[str, ...]) -> Validator:
    schema = copy.deepcopy(object_schema(name))
    schema["required"] = list(required)
    if not required:
        del schema["required"]
    return Validator(schema, partial=True)


def validate_object(name: str, body: Any) -> list[Violation]:
    """The exported 2.3.0 schema's verdict (ocpi_conformance/schemas/2.3.0)."""
    return validation.validate_object(name, body, "2.3.0")


def validate_patch(
    name: str, body: Any, required: tuple[str, ...] = ("last_updated",)
) -> list[Violation]:
    return _patch_validator(name, required).violations(body)


def validate_response(module: str, interface: str, name: str, body: Any) -> list[Violation]:
    """The exported 2.3.0 response schema's verdict."""
    return validation.validate_response(module, interface, name, body, "2.3.0")
