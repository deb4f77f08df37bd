"""The committed JSON Schemas of every OCPI version are exactly what its models export, and have
the promised shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema_rs
import pytest

from ocpi_conformance.resources import schemas_dir
from ocpi_conformance.spec.schema_export import DIALECT, all_schemas, render, stale_files
from ocpi_conformance.spec.version import KNOWN as VERSIONS
from ocpi_conformance.spec.version import version as spec_version


@pytest.mark.parametrize("version", VERSIONS)
def test_committed_schemas_equal_a_fresh_export(version: str) -> None:
    assert stale_files(version=version) == [], (
        f"run: ocpi-conformance schemas export ocpi_conformance/schemas/{version}"
        f" --ocpi-version {version}"
    )


def test_default_version_is_221() -> None:
    assert stale_files() == stale_files(version="2.2.1")
    assert dict(all_schemas()).keys() == dict(all_schemas("2.2.1")).keys()


@pytest.mark.parametrize("version", VERSIONS)
def test_stale_files_notices_an_edit_and_an_orphan(tmp_path: Path, version: str) -> None:
    for relative, schema in all_schemas(version):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(render(schema), encoding="utf-8")
    assert stale_files(tmp_path, version) == []
    (tmp_path / "EVSE.json").write_text("{}", encoding="utf-8")
    (tmp_path / "Orphan.json").write_text("{}", encoding="utf-8")
    assert stale_files(tmp_path, version) == ["EVSE.json", "Orphan.json"]


def test_a_version_is_stale_against_the_other() -> None:
    stale = stale_files(schemas_dir("2.2.1"), "2.1.1")
    assert "Location.json" in stale  # same file name, other tables
    assert "ChargingProfile.json" in stale  # 2.2.1 only: an orphan for 2.1.1


@pytest.mark.parametrize("version", VERSIONS)
def test_one_standalone_file_per_spec_object(version: str) -> None:
    objects = spec_version(version).package.OBJECTS
    for name in objects:
        schema = json.loads((schemas_dir(version) / f"{name}.json").read_text(encoding="utf-8"))
        assert schema["$schema"] == DIALECT
        assert schema["$id"] == f"urn:ocpi-conformance:{version}:{name}"
        assert schema["title"] == name
        assert schema["x-ocpi-spec"] == objects[name].spec_anchor
        refs = {r.split("/")[-1] for r in _refs(schema)}
        assert refs <= set(schema.get("$defs", {})), f"{name} refers outside itself"
        jsonschema_rs.meta.validate(schema)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_endpoint_has_a_response_schema(version: str) -> None:
    expected = {
        f"responses/{m.id}.{i.role or 'ANY'}.{op.name}.json"
        for m in spec_version(version).part("modules").MODULES.values()
        for i in m.interfaces
        for op in i.operations
    }
    folder = schemas_dir(version)
    present = {p.relative_to(folder).as_posix() for p in folder.glob("responses/*")}
    assert present == expected


@pytest.mark.parametrize("version", VERSIONS)
def test_response_schema_types_data_only_on_success(version: str) -> None:
    schema = json.loads(
        (schemas_dir(version) / "responses/locations.SENDER.get_list.json").read_text("utf-8")
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


def test_211_command_answer_is_the_enum_value() -> None:
    # mod_commands.md#response-data: CommandResponseType, card. 1 (modules.AMBIGUITIES).
    schema = json.loads(
        (schemas_dir("2.1.1") / "responses/commands.RECEIVER.post_command.json").read_text("utf-8")
    )
    validator = jsonschema_rs.validator_for(schema)
    ok = {"status_code": 1000, "timestamp": "2026-11-23T10:00:00Z", "data": "ACCEPTED"}
    assert validator.is_valid(ok)
    assert not validator.is_valid({**ok, "data": {"result": "ACCEPTED"}})
    assert not validator.is_valid({**ok, "data": "CANCELED_RESERVATION"})  # 2.2.1 only


def test_patch_schema_requires_only_what_the_patch_clause_demands() -> None:
    schema = json.loads((schemas_dir() / "patch/EVSE.json").read_text(encoding="utf-8"))
    assert schema["required"] == ["last_updated"]
    validator = jsonschema_rs.validator_for(schema)
    assert validator.is_valid({"status": "CHARGING", "last_updated": "2019-06-24T12:39:09Z"})
    assert not validator.is_valid({"status": "CHARGING"})
    assert not validator.is_valid({"status": None, "last_updated": "2019-06-24T12:39:09Z"})
    assert not validator.is_valid({"status": "charging", "last_updated": "2019-06-24T12:39:09Z"})


def test_211_patch_schema_requires_nothing() -> None:
    # transport_and_format.md#patch: "only ... the fields to be updated"; no last_updated rule.
    schema = json.loads((schemas_dir("2.1.1") / "patch/EVSE.json").read_text(encoding="utf-8"))
    assert "required" not in schema
    validator = jsonschema_rs.validator_for(schema)
    assert validator.is_valid({"status": "CHARGING"})
    assert not validator.is_valid({"status": "charging"})
    assert not validator.is_valid({"status": None})


@pytest.mark.parametrize("version", VERSIONS)
def test_cli_export_writes_the_same_files(tmp_path: Path, version: str) -> None:
    result = _cli("schemas", "export", str(tmp_path), "--ocpi-version", version)
    assert result.returncode == 0, result.stderr
    assert f"OCPI {version}" in result.stdout
    assert stale_files(tmp_path, version) == []
    assert (tmp_path / "Location.json").is_file() and (tmp_path / "VersionDetails.json").is_file()


def test_cli_export_without_a_version_writes_221(tmp_path: Path) -> None:
    result = _cli("schemas", "export", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert stale_files(tmp_path) == [] and (tmp_path / "ChargingProfile.json").is_file()


def test_cli_check_checks_every_version() -> None:
    result = _cli("schemas", "check")
    assert result.returncode == 0, result.stderr
    assert all(version in result.stdout for version in VERSIONS)


def test_cli_check_names_the_stale_version(monkeypatch, capsys) -> None:
    from ocpi_conformance import cli
    from ocpi_conformance.spec import schema_export

    def stale(directory: Path | None = None, version: str = "2.2.1") -> list[str]:
        return ["Token.json"] if version == "2.1.1" else []

    monkeypatch.setattr(schema_export, "stale_files", stale)
    assert cli.main(["schemas", "check"]) == 1
    out, err = capsys.readouterr()
    assert "stale: 2.1.1/Token.json" in out
    assert "schemas export ocpi_conformance/schemas/2.1.1 --ocpi-version 2.1.1" in err
    assert "schemas/2.2.1" not in err


def test_cli_export_of_an_unknown_version_is_a_usage_error(tmp_path: Path) -> None:
    result = _cli("schemas", "export", str(tmp_path), "--ocpi-version", "9.9")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ocpi_conformance.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


@pytest.mark.parametrize("version", ("2.1.1", "2.2.1", "2.3.0"))
def test_an_objects_anchor_is_read_from_its_schema(version: str) -> None:
    """Version.anchor gives the clause the model carries, without building the models."""
    spec = spec_version(version)
    assert {name: spec.anchor(name) for name in spec.objects} == {
        name: model.spec_anchor for name, model in spec.objects.items()
    }
    with pytest.raises(KeyError):
        spec.anchor("NoSuchObject")
