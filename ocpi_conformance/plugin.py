"""pytest plugin of ocpi-conformance: the seam between pytest and the harness.

Loaded through the `pytest11` entry point, it registers the case marker and the fixtures suites
use. It comes alive only for a run with a target: `ocpi-conformance run` registers a
`HarnessPlugin` carrying the run's `Harness`; a plain `pytest suites/` run builds one from OCPI_*
variables. Everything a run reports (results.json, exit code) is collected here, case by case.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from . import deviations as deviations_module
from .cases import Case, Suite, case_of
from .client import OcpiClient, Walk, object_url
from .config import ConfigError, load
from .deviations import Deviation
from .discovery import Discovery, DiscoveryError
from .gate import blocking, mark_known
from .handshake import Handshake
from .harness import Harness
from .peer import Peer
from .reporting import allure as allure_report
from .reporting import results as results_module
from .reporting import summary
from .reporting.results import CaseResult
from .strategies import profiles

HARNESS = pytest.StashKey["HarnessPlugin"]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "ocpi_case(id): a conformance case (declared with ocpi_conformance.cases)",
    )
    config.addinivalue_line(
        "markers", "ocpi_last: runs after every other case (it unregisters from the target)"
    )
    if HARNESS not in config.stash and os.environ.get("OCPI_VERSIONS_URL"):
        try:
            run_config = load({})
            known = load_deviations(run_config.known_deviations)
        except ConfigError as exc:
            raise pytest.UsageError(str(exc)) from None
        output = run_config.output_dir()
        plugin = HarnessPlugin(Harness(run_config), output, known)
        config.pluginmanager.register(plugin, "ocpi-conformance-harness")


def load_deviations(path: Path | None) -> dict[str, Deviation]:
    return deviations_module.load(path) if path is not None else {}


def _run_order(item: pytest.Item) -> int:
    """Clean-ups run after every other case, and unregistering (credentials) after them all."""
    if item.get_closest_marker("ocpi_last") is None:
        return 0
    case = _case_of(item)
    return 2 if case is not None and case.module == "credentials" else 1


def _case_of(item: pytest.Item) -> Case | None:
    return case_of(getattr(item, "function", None))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """`-k LOC-CPO-001` selects a case by its id."""
    for item in items:
        case = _case_of(item)
        if case is not None:
            item.extra_keyword_matches.add(case.id)


class HarnessPlugin:
    """The hooks of one run against one target."""

    def __init__(
        self, harness: Harness, output: Path, deviations: dict[str, Deviation] | None = None
    ) -> None:
        self.harness = harness
        self.output = output
        self.deviations = deviations or {}
        self.today = dt.date.today()
        self.results: dict[str, CaseResult] = {}
        self.blocking: list[CaseResult] = []

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        config.stash[HARNESS] = self
        profiles.load(self.harness.config.profile)

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if self.harness.discovery is not None:  # the CLI discovered before starting pytest
            return
        try:
            self.harness.discover()
        except DiscoveryError as exc:
            self.write_results(error=str(exc))
            pytest.exit(f"target not testable: {exc}", returncode=3)

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        items.sort(key=_run_order)
        for item in items:
            case = _case_of(item)
            if case is not None and isinstance(item, pytest.Function):
                allure_report.name(item, case)

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
        if case is not None:
            allure_report.label(case, self.harness.role)
        if case and "token_a" in case.needs and self.harness.config.token_a is None:
            pytest.skip("needs a registration the harness performs itself (run with --token-a)")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        case = _case_of(item)
        if case is None:
            return report
        if call.when == "teardown":
            allure_report.attach_exchanges(self.harness.log.for_case(case.id))
        outcome, message = _verdict(report, call)
        example = _falsifying_example(call)
        if example is not None:
            allure_report.attach_example(example, self.harness.seed)
            message = f"{message} (failing example in the report; seed {self.harness.seed})"
        if outcome == "failed":
            message = f"{message} [{case.spec}]"
        previous = self.results.get(case.id)
        if previous is None or _rank(outcome) > _rank(previous.outcome):
            exchanges = len(self.harness.log.for_case(case.id))
            self.results[case.id] = CaseResult.of(case, outcome, message, exchanges)
        return report

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        results = list(self.results.values())
        mark_known(results, self.deviations, self.today)
        self.blocking = blocking(results, self.harness.config.fail_on, self.deviations, self.today)
        self.write_results()
        allure_report.write_environment(self.output / "allure-results", self.harness)
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
        terminalreporter.section("ocpi-conformance")
        paths = [str(self.output / name) for name in ("results.json", "junit.xml")]
        paths.append(str(self.output / "allure-results"))
        for line in summary.lines(
            self.results.values(),
            blocking={r.id for r in self.blocking},
            seed=self.harness.seed,
            paths=paths,
        ):
            terminalreporter.write_line(line)


def _rank(outcome: str) -> int:
    return {"passed": 0, "skipped": 1, "failed": 2, "error": 3}[outcome]


def _falsifying_example(call: pytest.CallInfo[None]) -> str | None:
    """The failing example hypothesis notes on a property case's exception (shrunk to the
    smallest one unless the profile skips shrinking)."""
    if call.excinfo is None:
        return None
    notes = getattr(call.excinfo.value, "__notes__", [])
    found = [n for n in notes if n.startswith(("Falsifying example", "Failing test case"))]
    return "\n".join(found) if found else None


def _verdict(report: pytest.TestReport, call: pytest.CallInfo[None]) -> tuple[str, str]:
    """The case outcome of one phase report and its one-line message."""
    if report.passed:
        return "passed", ""
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        return "skipped", reason.removeprefix("Skipped: ")
    excinfo = call.excinfo
    if excinfo is not None and excinfo.errisinstance(AssertionError):
        # An assertion in setup is a precondition the target refused (the Location the
        # per-level cases need, say): the case could not pass, so it failed, and says why.
        text = str(excinfo.value).split("\nassert ")[0].strip()
        text = text.splitlines()[0] if text else "assertion failed"
        return "failed", text if report.when == "call" else f"precondition failed: {text}"
    detail = f"{excinfo.typename}: {excinfo.value}" if excinfo else "unknown"
    return "error", f"harness error in {report.when}: {detail}".splitlines()[0]


# --- fixtures and helpers the suites use -------------------------------------------------------


def require_endpoint(harness: Harness, module: str, role: str, *, writes: bool = False) -> str:
    """The target's endpoint of one interface, or a skip that says why the cases do not apply
    (module not selected, writes forbidden by --read-only, interface not offered).

    The URL is returned exactly as advertised: a trailing slash may be part of the route
    (py_ocpi answers 307 without it), and `object_url` joins ids onto it either way."""
    if module not in harness.config.modules:
        pytest.skip(f"{module} is not among the modules selected for this run")
    if writes and harness.config.read_only:
        pytest.skip(f"--read-only sends no PUT or PATCH: the {module} {role} cases need them")
    assert harness.discovery is not None
    url = harness.discovery.endpoint(module, role)
    if url is None:
        pytest.skip(f"the target's 2.2.1 details list no {module} {role} endpoint")
    return url


# The page size the Sender lists are walked with: small, so that even a small target spreads
# over several pages.
PAGE = 3


@pytest.fixture(scope="module")
def suite(request: pytest.FixtureRequest) -> Suite:
    """The module and interface a suite file tests (its `SUITE`)."""
    found = getattr(request.module, "SUITE", None)
    if not isinstance(found, Suite):
        raise pytest.UsageError(f"{request.module.__name__} declares no SUITE = Suite(...)")
    return found


@pytest.fixture(scope="module")
def endpoint(harness: Harness, suite: Suite) -> str:
    """The target's endpoint of the suite's interface (a Receiver's cases all write)."""
    return require_endpoint(
        harness, suite.module, suite.interface, writes=suite.interface == "RECEIVER"
    )


@pytest.fixture(scope="module")
def owner(harness: Harness, endpoint: str) -> str:
    """The endpoint below which the harness's own objects live: {country_code}/{party_id}."""
    return object_url(endpoint, harness.identity.country_code, harness.identity.party_id)


@pytest.fixture(scope="module")
def walk(client: OcpiClient, endpoint: str, suite: Suite) -> Walk:
    """The suite's Sender list, walked once to its end in small pages."""
    return client.walk(endpoint, module=suite.module, params={"limit": PAGE})


@pytest.fixture(scope="module")
def listed(walk: Walk, suite: Suite) -> list[dict[str, Any]]:
    """The objects of the walked list (a list with none has nothing to judge)."""
    found = [item for item in walk.items if isinstance(item, dict)]
    if not found:
        pytest.skip(f"the target lists no {suite.obj} to judge")
    return found


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
