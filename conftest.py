"""Loads the ocpi-conformance pytest plugin for runs from a checkout that was not pip-installed.

An installed package registers the plugin through its `pytest11` entry point; registering it a
second time would fail, so this only steps in when it is missing.
"""

from __future__ import annotations

import pytest

from ocpi_conformance import plugin


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.is_registered(plugin):
        config.pluginmanager.register(plugin, "ocpi_conformance")
        plugin.pytest_configure(config)
