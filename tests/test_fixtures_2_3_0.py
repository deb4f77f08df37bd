"""Every valid 2.3.0 fixture validates against the 2.3.0 models and rules; every invalid one fails
with exactly its declared reason; every object a 2.3.0 module exchanges has both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocpi_conformance.resources import fixtures_dir
from ocpi_conformance.spec.v2_3_0 import ENUMS
from ocpi_conformance.spec.v2_3_0.modules import MODULES

from .validation_2_3_0 import validate_object

ROOT = fixtures_dir("2.3.0")
VALID = sorted(ROOT.glob("*/valid/*.json"))
INVALID = sorted(ROOT.glob("*/invalid/*.json"))
FOLDER = {"Booking": "bookings"}  # the Bookings module's identifier is "Booking"


def _id(path: Path) -> str:
    return f"{path.parts[-3]}/{path.name}"


def test_every_object_a_module_exchanges_has_valid_and_invalid_fixtures() -> None:
    for module in MODULES.values():
        folder = FOLDER.get(module.id, module.id)
        for name in module.objects:
            if name in ENUMS:  # ChargingPreferencesResponse
                continue
            assert list(ROOT.glob(f"{folder}/valid/{name}.*.json")), (module.id, name)
            assert list(ROOT.glob(f"{folder}/invalid/{name}.*.json")), (module.id, name)
    assert len(VALID) >= 90 and len(INVALID) >= 160


@pytest.mark.parametrize("path", VALID, ids=_id)
def test_valid_fixture(path: Path) -> None:
    body = json.loads(path.read_text(encoding="utf-8"))
    assert validate_object(path.name.split(".")[0], body) == []


@pytest.mark.parametrize("path", INVALID, ids=_id)
def test_invalid_fixture_fails_for_its_reason(path: Path) -> None:
    fixture = json.loads(path.read_text(encoding="utf-8"))
    assert fixture["object"] == path.name.split(".")[0]
    violations = validate_object(fixture["object"], fixture["body"])
    expected = (fixture["violation"]["path"], fixture["violation"]["constraint"], fixture["spec"])
    assert [(v.path, v.constraint, v.spec) for v in violations] == [expected], fixture["why"]
