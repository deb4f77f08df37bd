"""JSON Schema (Draft 2020-12) generated from the spec models: the form partners and the
validator read.

One set per OCPI version (`schemas/<version>/`, every function takes the version, 2.2.1 unless
told), three kinds of file, all standalone (nested objects under `$defs`):
- `<Object>.json`: one per spec object, named as the spec names it;
- `patch/<Object>.json`: the partial object a PATCH may carry (no field required but those the
  module's PATCH clause demands, every present field still constrained);
- `responses/<module>.<interface>.<operation>.json`: the response envelope of one endpoint, its
  `data` typed when `status_code` is a success (1xxx).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from ocpi_conformance.resources import schemas_dir
from ocpi_conformance.spec.registry import Body, Cardinality, Module, Operation
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _id_base(version: str) -> str:
    return f"urn:ocpi-conformance:{version}"


def _strip_noise(node: Any) -> None:
    """Drop pydantic's per-property titles and `default: null`, which say nothing to a reader."""
    if isinstance(node, dict):
        for prop in node.get("properties", {}).values():
            prop.pop("title", None)
            if prop.get("default", 0) is None:
                prop.pop("default")
        for value in node.values():
            _strip_noise(value)
    elif isinstance(node, list):
        for value in node:
            _strip_noise(value)


def object_schema(name: str, version: str = DEFAULT) -> dict[str, Any]:
    """The standalone schema of one spec object."""
    schema = spec_version(version).objects[name].model_json_schema(ref_template="#/$defs/{model}")
    _strip_noise(schema)
    return {"$schema": DIALECT, "$id": f"{_id_base(version)}:{name}", **schema}


def patch_schema(name: str, required: tuple[str, ...], version: str = DEFAULT) -> dict[str, Any]:
    """The object's schema with only `required` kept mandatory (transport_and_format_patch)."""
    schema = copy.deepcopy(object_schema(name, version))
    schema["$id"] = f"{_id_base(version)}:patch:{name}"
    schema["title"] = f"{name} (PATCH)"
    schema["required"] = list(required)
    if not required:
        del schema["required"]
    return schema


def _data_schema(body: Body, defs: dict[str, Any], version: str) -> dict[str, Any] | None:
    """The schema of a response's `data`, pulling the object's definitions into `defs`."""
    if body.obj is None:
        return None
    enums = spec_version(version).enums
    if body.obj in enums:
        defs[body.obj] = TypeAdapter(enums[body.obj]).json_schema()
    else:
        obj = object_schema(body.obj, version)
        defs.update(obj.pop("$defs", {}))
        for key in ("$schema", "$id"):
            obj.pop(key)
        defs[body.obj] = obj
    item = {"$ref": f"#/$defs/{body.obj}"}
    if body.card.is_list:
        array: dict[str, Any] = {"type": "array", "items": item}
        if body.card is Cardinality.AT_LEAST_ONE:
            array["minItems"] = 1
        return array
    return item


def response_schema(
    module: Module, interface: str, op: Operation, version: str = DEFAULT
) -> dict[str, Any]:
    """The envelope of one endpoint's response."""
    envelope = spec_version(version).response.model_json_schema()
    _strip_noise(envelope)
    defs: dict[str, Any] = {}
    data = _data_schema(op.response, defs, version) if op.response else None
    name = f"{module.id}.{interface or 'ANY'}.{op.name}"
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"{_id_base(version)}:response:{name}",
        **envelope,
        "title": f"{op.method.value} {module.id}{op.path} ({interface or 'any'}) response",
        "x-ocpi-operation": op.spec,
    }
    if data is not None:
        schema["if"] = {
            "properties": {"status_code": {"minimum": 1000, "maximum": 1999}},
            "required": ["status_code"],
        }
        schema["then"] = {"properties": {"data": data}}
    if defs:
        schema["$defs"] = defs
    return schema


def all_schemas(version: str = DEFAULT) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema file of one OCPI version as (relative path, schema), in a stable order."""
    for name in sorted(spec_version(version).objects):
        yield f"{name}.json", object_schema(name, version)
    modules = spec_version(version).modules
    patches: dict[str, tuple[str, ...]] = {}
    for module in modules.values():
        for itf in module.interfaces:
            for op in itf.operations:
                if op.method.value == "PATCH" and op.request and op.request.obj:
                    patches[op.request.obj] = op.patch_requires
    for name in sorted(patches):
        yield f"patch/{name}.json", patch_schema(name, patches[name], version)
    for module in modules.values():
        for itf in module.interfaces:
            for op in itf.operations:
                key = f"{module.id}.{itf.role or 'ANY'}.{op.name}"
                yield f"responses/{key}.json", response_schema(module, itf.role, op, version)


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def export(directory: Path, version: str = DEFAULT) -> list[Path]:
    """Write every schema of one OCPI version below `directory`; returns the files written."""
    written = []
    for relative, schema in all_schemas(version):
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def stale_files(directory: Path | None = None, version: str = DEFAULT) -> list[str]:
    """Files under `directory` (default: the committed ones of `version`) that a fresh export of
    that version would change, add or remove."""
    directory = directory or schemas_dir(version)
    fresh = {relative: render(schema) for relative, schema in all_schemas(version)}
    present = {
        p.relative_to(directory).as_posix(): p for p in directory.rglob("*.json") if p.is_file()
    }
    stale = [
        r for r, text in fresh.items() if r not in present or present[r].read_text("utf-8") != text
    ]
    stale += [r for r in present if r not in fresh]
    return sorted(stale)
