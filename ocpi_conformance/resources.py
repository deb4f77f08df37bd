"""Where the shipped suites and fixtures are, installed from a wheel or run from a checkout.

The wheel carries `suites/` and `fixtures/` inside the package (pyproject force-include); a
checkout or an editable install keeps them at the repository's top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def suites_dir() -> Path:
    return _shipped("suites")


def fixtures_dir(version: str = "2.2.1") -> Path:
    return _shipped("fixtures") / version


def schemas_dir(version: str = "2.2.1") -> Path:
    """The generated JSON Schemas of one OCPI version, committed and shipped in the package."""
    return _PACKAGE / "schemas" / version


def fixture(module: str, name: str, version: str = "2.2.1") -> dict:
    """A valid example object shipped in fixtures/, e.g. fixture("locations", "EVSE.full")."""
    import json

    path = fixtures_dir(version) / module / "valid" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))
