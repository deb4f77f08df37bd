"""The OCPI versions the spec package knows, and the package of each: code that serves several
versions asks here instead of importing one version's package by name."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

VERSIONS: tuple[str, ...] = ("2.1.1", "2.2.1")
DEFAULT = "2.2.1"


def package(version: str) -> ModuleType:
    """The spec package of `version`, e.g. `ocpi_conformance.spec.v2_1_1` for "2.1.1"."""
    if version not in VERSIONS:
        raise ValueError(f"unknown OCPI version {version!r}; known: {', '.join(VERSIONS)}")
    return import_module(f"{__package__}.v{version.replace('.', '_')}")


def part(version: str, name: str) -> ModuleType:
    """One module of a version's package, e.g. part("2.1.1", "modules")."""
    return import_module(f"{package(version).__name__}.{name}")
