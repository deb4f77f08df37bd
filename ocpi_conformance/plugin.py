"""pytest plugin of ocpi-conformance: the seam between pytest and the harness.

Loaded through the `pytest11` entry point, it registers the case marker and the fixtures suites
use. It comes alive only for a run with a target: `ocpi-conformance run` registers a
`HarnessPlugin` carrying the run's `Harness`; a plain `pytest suites/` run builds one from OCPI_*
variables. Everything a run reports (results.json, exit code) is collected here, case by case.
"""

from __future__ import annotations

import os
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from .catalog import CASES, Case
from .client import OcpiClient
from .config import ConfigError, load
from .discovery import Discovery, DiscoveryError
from .handshake import Handshake
from .harness import Harness
from .peer import Peer
from .reporting import results as results_module
from .reporting.results import CaseResult

HARNESS = pytest.StashKey["HarnessPlugin"]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "ocpi_case(id): a catalogued conformance case (ocpi_conformance.catalog.CASES)",
    )
    config.addinivalue_line(
        "markers", "ocpi_last: runs after every other case (it unregisters from the target)"
    )
    if HARNESS not in config.stash and os.environ.get("OCPI_VERSIONS_URL"):
        try:
            run_config = load({})
        except ConfigError as exc:
            raise pytest.UsageError(str(exc)) from None
        output = run_config.output_dir()
        plugin = HarnessPlugin(Harness(run_config), output)
        config.pluginmanager.register(plugin, "ocpi-conformance-harness")


def _case_of(item: pytest.Item) -> Case | None:
    marker = item.get_closest_marker("ocpi_case")
    return CASES[marker.args[0]] if marker else None


class HarnessPlugin:
    """The hooks of one run against one target."""

    def __init__(self, harness: Harness, output: Path) -> None:
        self.harness = harness
        self.output = output
        self.results: dict[str, CaseResult] = {}
        self._reports: dict[str, list[pytest.TestReport]] = {}

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        config.stash[HARNESS] = self

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if self.harness.discovery is not None:  # the CLI discovered before starting pytest
            return
        try:
            self.harness.discover()
        except DiscoveryError as exc:
            self.write_results(error=str(exc))
            pytest.exit(f"target not testable: {exc}", returncode=3)

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        items.sort(key=lambda item: item.get_closest_marker("ocpi_last") is not None)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, object, object]:
        case = _case_of(item)
        self.harness.log.current_case = case.id if case else None
        try:
            return (yield)
        finally:
            self.harness.log.current_case = None

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        case = _case_of(item)
        if case and "token_a" in case.needs and self.harness.config.token_a is None:
            pytest.skip("needs a registration the harness performs itself (run with --token-a)")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self._reports.setdefault(report.nodeid, []).append(report)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        case = _case_of(item)
        if case is None:
            return report
        outcome, message = _verdict(report, call)
        if outcome == "failed":
            message = f"{message} [{case.spec}]"
        previous = self.results.get(case.id)
        if previous is None or _rank(outcome) > _rank(previous.outcome):
            exchanges = len(self.harness.log.for_case(case.id))
            self.results[case.id] = CaseResult.of(case, outcome, message, exchanges)
        return report

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.write_results()
        self.harness.close()

    def write_results(self, error: str | None = None) -> None:
        config = self.harness.config
        doc = results_module.document(
            list(self.results.values()),
            role=config.role,
            target=config.versions_url,
            profile=config.profile,
            started_at=self.harness.started_at,
            duration_s=time.time() - self.harness.started_at,
        )
        if error:
            doc["error"] = error
        results_module.write(self.output / "results.json", doc)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        failed = [r for r in self.results.values() if r.outcome in ("failed", "error")]
        terminalreporter.section("ocpi-conformance")
        counts = {o: 0 for o in results_module.OUTCOMES}
        for result in self.results.values():
            counts[result.outcome] += 1
        terminalreporter.write_line(", ".join(f"{n} {o}" for o, n in counts.items()))
        for result in sorted(failed, key=lambda r: r.id):
            terminalreporter.write_line(f"{result.id} [{result.level}] {result.message}")
        terminalreporter.write_line(f"results: {self.output / 'results.json'}")


def _rank(outcome: str) -> int:
    return {"passed": 0, "skipped": 1, "failed": 2, "error": 3}[outcome]


def _verdict(report: pytest.TestReport, call: pytest.CallInfo[None]) -> tuple[str, str]:
    """The case outcome of one phase report and its one-line message."""
    if report.passed:
        return "passed", ""
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        return "skipped", reason.removeprefix("Skipped: ")
    excinfo = call.excinfo
    if report.when == "call" and excinfo is not None and excinfo.errisinstance(AssertionError):
        text = str(excinfo.value).split("\nassert ")[0].strip()
        return "failed", text.splitlines()[0] if text else "assertion failed"
    detail = f"{excinfo.typename}: {excinfo.value}" if excinfo else "unknown"
    return "error", f"harness error in {report.when}: {detail}".splitlines()[0]


# --- fixtures the suites use ------------------------------------------------------------------


@pytest.fixture(scope="session")
def harness_plugin(request: pytest.FixtureRequest) -> HarnessPlugin:
    plugin = request.config.stash.get(HARNESS, None)
    if plugin is None:
        pytest.skip("no target configured (ocpi-conformance run --versions-url ...)")
    return plugin


@pytest.fixture(scope="session")
def harness(harness_plugin: HarnessPlugin) -> Harness:
    return harness_plugin.harness


@pytest.fixture(scope="session")
def discovery(harness: Harness) -> Discovery:
    assert harness.discovery is not None
    return harness.discovery


@pytest.fixture(scope="session")
def peer(harness: Harness) -> Peer:
    return harness.peer


@pytest.fixture(scope="session")
def handshake(harness: Harness) -> Handshake:
    if harness.config.token_a is None:
        pytest.skip("needs a registration the harness performs itself (run with --token-a)")
    return harness.handshake


@pytest.fixture(scope="session")
def client(harness: Harness) -> Iterator[OcpiClient]:
    """A client with the token that works after registration (token C)."""
    token = harness.token()
    if token is None:
        pytest.skip("registration with token A did not succeed; see CRD-ANY-001")
    yield harness.client(token)
