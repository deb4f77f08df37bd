"""pytest plugin of ocpi-conformance: the seam between pytest and the harness.

Loaded through the `pytest11` entry point, it registers the markers, the `--ocpi-*` options and
the fixtures suites use. It comes alive only for a run with a target: `ocpi-conformance run`
registers a `HarnessPlugin` carrying the run's `Harness`; a plain `pytest` run builds one from
its `--ocpi-*` options, OCPI_* variables and `--ocpi-config` TOML (that order of precedence).
Split by job: `run.py` the hooks of one run, `verdicts.py` each case's outcome, `outputs.py` one
plugin per output, `fixtures.py` what tests ask for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ocpi_conformance.plugin.fixtures import (
    PAGE,
    client,
    discovery,
    endpoint,
    handshake,
    harness,
    harness_plugin,
    heard,
    inform,
    listed,
    owner,
    peer,
    require_endpoint,
    suite,
    version,
    walk,
)
from ocpi_conformance.plugin.run import HARNESS, HarnessPlugin, load_deviations
from ocpi_conformance.run.config import FIELDS, ConfigError, load
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.verdicts.cases import case_of

__all__ = [
    "HARNESS",
    "PAGE",
    "HarnessPlugin",
    "client",
    "discovery",
    "endpoint",
    "handshake",
    "harness",
    "harness_plugin",
    "heard",
    "inform",
    "listed",
    "load_deviations",
    "owner",
    "peer",
    "require_endpoint",
    "suite",
    "version",
    "walk",
]

# Run settings that are flags without a value.
_SWITCHES = {"read_only", "report", "verbose"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ocpi-conformance", "OCPI conformance target (or OCPI_* variables)")
    for name in FIELDS:
        flag = "--ocpi-" + name.replace("_", "-")
        if name in _SWITCHES:
            group.addoption(flag, action="store_true", default=None, dest=f"ocpi_{name}")
        else:
            group.addoption(flag, default=None, dest=f"ocpi_{name}", help=f"run setting {name}")
    group.addoption("--ocpi-config", default=None, dest="ocpi_config", help="TOML settings file")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "ocpi_case(id): a conformance case (declared with ocpi_conformance.verdicts.cases)",
    )
    config.addinivalue_line(
        "markers", "ocpi_last: runs after every other case (it unregisters from the target)"
    )
    if HARNESS in config.stash:
        return
    flags = _options(config)
    toml = config.getoption("ocpi_config", None)
    if not (flags.get("versions_url") or toml or _environment_names_a_target()):
        return  # the project's own tests, or a run that names no target
    try:
        run_config = load(flags, toml_path=Path(toml) if toml else None)
        known = load_deviations(run_config.known_deviations)
    except ConfigError as exc:
        raise pytest.UsageError(str(exc)) from None
    if not run_config.has_target:
        return
    plugin = HarnessPlugin(Harness(run_config), run_config.output_dir(), known)
    config.pluginmanager.register(plugin, "ocpi-conformance-harness")


def _options(config: pytest.Config) -> dict[str, Any]:
    return {name: config.getoption(f"ocpi_{name}", None) for name in FIELDS}


def _environment_names_a_target() -> bool:
    import os

    return bool(os.environ.get("OCPI_VERSIONS_URL") or os.environ.get("OCPI_CONFIG"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`-k LOC-CPO-001` selects a case by its id."""
    for item in items:
        found = case_of(getattr(item, "function", None))
        if found is not None:
            item.extra_keyword_matches.add(found.id)
