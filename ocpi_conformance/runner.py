"""Runs the shipped suites under pytest for one configured target and turns the outcome into the
exit code of the contract."""

from __future__ import annotations

import sys

import pytest

from .config import RunConfig
from .discovery import DiscoveryError
from .harness import Harness
from .plugin import HarnessPlugin
from .resources import suites_dir

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3


def pytest_args(config: RunConfig, output_dir: str) -> list[str]:
    suites = suites_dir()
    paths = [str(suites / "common")]
    return [
        *paths,
        f"--rootdir={suites}",
        "-p",
        "no:cacheprovider",
        "-q",
        "-rN",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
        f"--junitxml={output_dir}/junit.xml",
        f"--alluredir={output_dir}/allure-results",
    ]


def run_suites(config: RunConfig) -> int:
    output = config.output_dir()
    output.mkdir(parents=True, exist_ok=True)
    plugin = HarnessPlugin(Harness(config), output)
    try:
        plugin.harness.discover()
    except DiscoveryError as exc:
        plugin.write_results(error=str(exc))
        plugin.harness.close()
        print(f"ocpi-conformance: target not testable: {exc}", file=sys.stderr)
        return EXIT_UNREACHABLE
    code = pytest.main(pytest_args(config, str(output)), plugins=[plugin])
    failed = [r for r in plugin.results.values() if r.outcome in ("failed", "error")]
    if any(r.level == "mandatory" for r in failed):
        return EXIT_FAILED
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        return EXIT_USAGE
    return EXIT_OK
