"""Every valid fixture validates; every invalid fixture fails with exactly its declared reason; in
every OCPI version the package ships fixtures for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocpi_conformance.resources import fixture, fixtures_dir
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import version as spec_version

# The versions whose text is one tagged text (2.3.0 is three, core and two extensions, each with
# its own tables: tests/test_fixtures_2_3_0.py).
VERSIONS = ("2.1.1", "2.2.1")

VALID = [(v, p) for v in VERSIONS for p in sorted(fixtures_dir(v).glob("*/valid/*.json"))]
INVALID = [(v, p) for v in VERSIONS for p in sorted(fixtures_dir(v).glob("*/invalid/*.json"))]


def _ids(cases: list[tuple[str, Path]]) -> list[str]:
    return [f"{v}/{p.parts[-3]}/{p.name}" for v, p in cases]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_object_a_module_exchanges_has_valid_and_invalid_fixtures(version: str) -> None:
    root = fixtures_dir(version)
    enums = spec_version(version).package.ENUMS
    for module in spec_version(version).part("modules").MODULES.values():
        for name in module.objects:
            if name in enums:  # an enum value, not an object (ChargingPreferencesResponse)
                continue
            assert list(root.glob(f"{module.id}/valid/{name}.*.json")), (module.id, name)
            assert list(root.glob(f"{module.id}/invalid/{name}.*.json")), (module.id, name)


@pytest.mark.parametrize(("version", "path"), VALID, ids=_ids(VALID))
def test_valid_fixture(version: str, path: Path) -> None:
    body = json.loads(path.read_text(encoding="utf-8"))
    assert validate_object(path.name.split(".")[0], body, version) == []


@pytest.mark.parametrize(("version", "path"), INVALID, ids=_ids(INVALID))
def test_invalid_fixture_fails_for_its_reason(version: str, path: Path) -> None:
    fixture = json.loads(path.read_text(encoding="utf-8"))
    assert fixture["object"] == path.name.split(".")[0]
    violations = validate_object(fixture["object"], fixture["body"], version)
    expected = (fixture["violation"]["path"], fixture["violation"]["constraint"], fixture["spec"])
    assert [(v.path, v.constraint, v.spec) for v in violations] == [expected], fixture["why"]


def test_a_211_fixture_is_no_221_object() -> None:
    # The versions differ where it matters: the same Location is valid in one version only.
    location = fixture("locations", "Location.minimal", "2.1.1")
    assert validate_object("Location", location, "2.1.1") == []
    assert {v.constraint for v in validate_object("Location", location)} == {"required"}
    assert validate_object("Location", fixture("locations", "Location.minimal"), "2.1.1") != []
