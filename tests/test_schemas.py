"""The committed JSON Schemas are exactly what the models export, and have the promised shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema_rs

from ocpi_conformance.resources import schemas_dir
from ocpi_conformance.schema_export import DIALECT, all_schemas, render, stale_files
from ocpi_conformance.spec.v2_2_1 import OBJECTS
from ocpi_conformance.spec.v2_2_1.modules import MODULES


def test_committed_schemas_equal_a_fresh_export() -> None:
    assert stale_files() == [], (
        "run: ocpi-conformance schemas export ocpi_conformance/schemas/2.2.1"
    )


def test_stale_files_notices_an_edit_and_an_orphan(tmp_path: Path) -> None:
    for relative, schema in all_schemas():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(render(schema), encoding="utf-8")
    assert stale_files(tmp_path) == []
    (tmp_path / "EVSE.json").write_text("{}", encoding="utf-8")
    (tmp_path / "Orphan.json").write_text("{}", encoding="utf-8")
    assert stale_files(tmp_path) == ["EVSE.json", "Orphan.json"]


def test_one_standalone_file_per_spec_object() -> None:
    for name in OBJECTS:
        schema = json.loads((schemas_dir() / f"{name}.json").read_text(encoding="utf-8"))
        assert schema["$schema"] == DIALECT
        assert schema["title"] == name
        assert schema["x-ocpi-spec"] == OBJECTS[name].spec_anchor
        refs = {r.split("/")[-1] for r in _refs(schema)}
        assert refs <= set(schema.get("$defs", {})), f"{name} refers outside itself"
        jsonschema_rs.meta.validate(schema)


def test_every_endpoint_has_a_response_schema() -> None:
    expected = {
        f"responses/{m.id}.{i.role or 'ANY'}.{op.name}.json"
        for m in MODULES.values()
        for i in m.interfaces
        for op in i.operations
    }
    present = {p.relative_to(schemas_dir()).as_posix() for p in schemas_dir().glob("responses/*")}
    assert present == expected


def test_response_schema_types_data_only_on_success() -> None:
    schema = json.loads(
        (schemas_dir() / "responses/locations.SENDER.get_list.json").read_text(encoding="utf-8")
    )
    validator = jsonschema_rs.validator_for(schema)
    ok = {"status_code": 1000, "timestamp": "2026-11-23T10:00:00Z", "data": []}
    assert validator.is_valid(ok)
    assert not validator.is_valid({**ok, "data": [{"id": "x"}]})  # not a Location
    assert not validator.is_valid({**ok, "data": {}})  # a list endpoint
    error = {"status_code": 2001, "timestamp": "2026-11-23T10:00:00Z", "data": "which field"}
    assert validator.is_valid(error)  # status_codes: data on errors is unspecified
    assert not validator.is_valid({"status_code": 200, "timestamp": "2026-11-23T10:00:00Z"})
    assert not validator.is_valid({"status_code": 1000})  # timestamp is card. 1


def test_patch_schema_requires_only_what_the_patch_clause_demands() -> None:
    schema = json.loads((schemas_dir() / "patch/EVSE.json").read_text(encoding="utf-8"))
    assert schema["required"] == ["last_updated"]
    validator = jsonschema_rs.validator_for(schema)
    assert validator.is_valid({"status": "CHARGING", "last_updated": "2019-06-24T12:39:09Z"})
    assert not validator.is_valid({"status": "CHARGING"})
    assert not validator.is_valid({"status": None, "last_updated": "2019-06-24T12:39:09Z"})
    assert not validator.is_valid({"status": "charging", "last_updated": "2019-06-24T12:39:09Z"})


def test_cli_export_writes_the_same_files(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ocpi_conformance.cli", "schemas", "export", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert stale_files(tmp_path) == []
    assert (tmp_path / "Location.json").is_file() and (tmp_path / "VersionDetails.json").is_file()


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []
