"""What a run leaves behind, one pytest plugin per output: results.json, the Allure results and
the terminal summary. Each reads the run's verdicts; adding an output touches one class here."""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import pytest

from ..reporting import allure as allure_report
from ..reporting import results as results_module
from ..reporting import summary
from .verdicts import falsifying_example

if TYPE_CHECKING:
    from .run import HarnessPlugin


class ResultsJson:
    """DIR/results.json, the machine-readable verdict (a fixed contract)."""

    def __init__(self, run: HarnessPlugin) -> None:
        self.run = run

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.write()

    def write(self, error: str | None = None) -> None:
        harness = self.run.harness
        config = harness.config
        doc = results_module.document(
            list(self.run.verdicts.results.values()),
            role=config.role,
            target=config.versions_url,
            profile=config.profile,
            started_at=harness.started_at,
            duration_s=time.time() - harness.started_at,
        )
        doc["left_on_target"] = [
            {"module": entry.module, "url": harness.secrets.redact(entry.url)}
            for entry in harness.ledger.left()
        ]
        if error or self.run.note:
            doc["error"] = error or self.run.note
        results_module.write(self.run.output / "results.json", doc)


class AllureOutput:
    """Names, labels, exchanges and failing examples on each case's Allure result."""

    def __init__(self, run: HarnessPlugin) -> None:
        self.run = run

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            case = self.run.case_of(item)
            if case is not None and isinstance(item, pytest.Function):
                allure_report.name(item, case)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        case = self.run.case_of(item)
        if case is not None:
            allure_report.label(case, self.run.harness.role)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        case = self.run.case_of(item)
        if case is not None:
            if call.when == "teardown":
                allure_report.attach_exchanges(self.run.harness.log.for_case(case.id))
            example = falsifying_example(call)
            if example is not None:
                allure_report.attach_example(example, self.run.harness.seed)
        return report

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        allure_report.write_environment(self.run.output / "allure-results", self.run.harness)


class TerminalSummary:
    """The matrix, the failed cases and where the reports are, at the end of the run."""

    def __init__(self, run: HarnessPlugin) -> None:
        self.run = run

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        output = self.run.output
        terminalreporter.section("ocpi-conformance")
        paths = [str(output / name) for name in ("results.json", "junit.xml")]
        paths.append(str(output / "allure-results"))
        for line in summary.lines(
            self.run.verdicts.results.values(),
            blocking={r.id for r in self.run.blocking},
            seed=self.run.harness.seed,
            paths=paths,
        ):
            terminalreporter.write_line(line)
