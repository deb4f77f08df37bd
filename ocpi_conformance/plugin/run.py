"""The hooks of one run against one target: discovery before the first case, the order cases
run in, the preconditions a case declares, and the gate at the end. The outputs are plugins of
their own (`outputs.py`), registered beside this one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from pathlib import Path

import pytest

from ocpi_conformance.exit_codes import EXIT_UNREACHABLE
from ocpi_conformance.plugin.outputs import (
    AllureOutput,
    Console,
    ExchangesJsonl,
    JunitXml,
    ResultsJson,
)
from ocpi_conformance.plugin.verdicts import Verdicts
from ocpi_conformance.run.config import ConfigError
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.roles import role_mismatch
from ocpi_conformance.strategies import profiles
from ocpi_conformance.transport.discovery import DiscoveryError
from ocpi_conformance.verdicts import deviations as deviations_module
from ocpi_conformance.verdicts.cases import Case, case_of, own_case
from ocpi_conformance.verdicts.catalog import catalogue
from ocpi_conformance.verdicts.deviations import Deviation
from ocpi_conformance.verdicts.failures import BLOCKED
from ocpi_conformance.verdicts.gate import GateVerdict, judge, mark_known
from ocpi_conformance.verdicts.outcome import CaseResult

HARNESS = pytest.StashKey["HarnessPlugin"]()


def load_deviations(path: Path | None) -> dict[str, Deviation]:
    """The known deviations of `path` (none without one); a bad file is a ConfigError."""
    try:
        return deviations_module.load(path) if path is not None else {}
    except deviations_module.DeviationsError as exc:
        raise ConfigError(str(exc)) from None


class HarnessPlugin:
    def __init__(
        self, harness: Harness, output: Path, deviations: dict[str, Deviation] | None = None
    ) -> None:
        self.harness = harness
        self.output = output
        self.deviations = deviations or {}
        self.today = dt.date.today()
        self.verdicts = Verdicts(harness.log, harness.seed, lambda: harness.version.number)
        self.gate: GateVerdict | None = None  # decided at the end of the session
        self.results_json = ResultsJson(self)
        self.exchanges_jsonl = ExchangesJsonl(self)
        self.collected: list[Case] = []
        self.note: str | None = None  # why the run ended early, for results.json

    @staticmethod
    def case_of(item: pytest.Item) -> Case | None:
        return case_of(getattr(item, "function", None))

    def judged_as(self, item: pytest.Item) -> Case:
        """The case an item's outcome counts as: ours, or a team's own test beside the suites
        (pytest plugin route), which counts in the verdict as a mandatory case of its own."""
        return self.case_of(item) or own_case(item)

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        config.stash[HARNESS] = self
        profiles.load(self.harness.config.profile)
        manager = config.pluginmanager
        manager.register(self.results_json, "ocpi-conformance-results-json")
        manager.register(self.exchanges_jsonl, "ocpi-conformance-exchanges-jsonl")
        manager.register(AllureOutput(self), "ocpi-conformance-allure")
        manager.register(JunitXml(self), "ocpi-conformance-junit")
        manager.register(Console(self), "ocpi-conformance-console")

    def write_results(self, error: str | None = None) -> None:
        self.results_json.write(error)
        self.exchanges_jsonl.write()

    def untestable(self, reason: str, stage: str) -> None:
        """Discovery failed: results.json says why, on the versions case that judges it."""
        case_id = {
            "versions": "VER-ANY-001",
            "version": "VER-ANY-002",
            "details": "VER-ANY-004",
            "role": "VER-ANY-010",
        }.get(stage, "")
        case = catalogue().get(case_id)
        if case is not None:
            self.verdicts.results[case_id] = CaseResult.of(
                case, "failed", reason, 0, self.harness.version.number
            )
        self.write_results(error=reason)

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if self.harness.discovery is not None:  # the CLI discovered before starting pytest
            return
        try:
            self.harness.discover()
        except DiscoveryError as exc:
            self.untestable(str(exc), exc.stage)
            pytest.exit(f"target not testable: {exc}", returncode=EXIT_UNREACHABLE)
        mismatch = role_mismatch(self.harness)
        if mismatch is not None:
            self.untestable(mismatch, "role")
            pytest.exit(f"target not testable: {mismatch}", returncode=EXIT_UNREACHABLE)

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        """The cases the run selected (--modules, --case, --skip-case) whose rule the tested
        OCPI version has, in run order."""
        run = self.harness.config
        number = self.harness.version.number
        kept, dropped = [], []
        for item in items:
            case = self.case_of(item)
            chosen = case is None or (run.runs(case.id, case.module) and case.applies_to(number))
            (kept if chosen else dropped).append(item)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        items[:] = sorted(kept, key=self._run_order)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.collected = [self.judged_as(item) for item in session.items]

    def _run_order(self, item: pytest.Item) -> int:
        """Clean-ups run after every other case, and unregistering (credentials) after them."""
        if item.get_closest_marker("ocpi_last") is None:
            return 0
        case = self.case_of(item)
        return 2 if case is not None and case.module == "credentials" else 1

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, object, object]:
        self.harness.log.current_case = self.judged_as(item).id
        try:
            return (yield)
        finally:
            self.harness.log.current_case = None

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        case = self.case_of(item)
        if case is None:
            return
        config = self.harness.config
        if self.harness.token_lost and case.module not in ("credentials", "versions", "transport"):
            pytest.skip(f"{BLOCKED}{self.harness.token_lost}")
        if config.read_only and {"token_a", "registered", "writes"} & set(case.needs):
            what = "a POST, PUT or PATCH" if "writes" in case.needs else "a registration (POST)"
            pytest.skip(f"--read-only sends only GET; this case needs {what}")
        if "token_a" in case.needs and config.target_registers:
            pytest.skip(
                "the target started the registration (--peer-token-a-file): the harness performs "
                "none of its own; CRD-ANY-101 to 103 judge the target's"
            )
        if "token_a" in case.needs and config.token_a is None:
            pytest.skip("needs a registration the harness performs itself (run with --token-a)")
        if "registered" in case.needs and config.token_a is None and not config.target_registers:
            pytest.skip(
                "the target calls only parties registered with it: give --token-a (the harness "
                "registers) or --peer-token-a-file (the target registers with the harness)"
            )
        if "target_registers" in case.needs and not config.target_registers:
            pytest.skip("judged only when the target starts the registration (--peer-token-a-file)")

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        self.verdicts.record(self.judged_as(item), report, call)
        return report

    @property
    def blocking(self) -> list[CaseResult]:
        return self.gate.blocking if self.gate is not None else []

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        stop = self.harness.stop
        if exitstatus == pytest.ExitCode.INTERRUPTED and stop.reason is None:
            stop.reason = "interrupted (SIGINT)"  # pytest caught the KeyboardInterrupt itself
        if stop.reason:
            self._cut_short(stop.reason)
        elif "CRD-ANY-011" not in self.verdicts.results:
            self.harness.unregister_if_registered()  # the unregistering case was not selected
        if self.harness.seats is not None and not stop.reason:
            self.harness.seats.release()  # a hub run: every other seat unregisters too
        results = list(self.verdicts.results.values())
        mark_known(results, self.deviations, self.today)
        self.gate = judge(
            results,
            fail_on=self.harness.config.fail_on,
            deviations=self.deviations,
            today=self.today,
            stopped=stop.reason,
        )

    def _cut_short(self, reason: str) -> None:
        """The run was interrupted: say which cases did not run, and end our registration."""
        for case in self.collected:
            self.verdicts.not_run(case, f"not run: {reason}")
        undone = [self.harness.unregister_if_registered()]
        if self.harness.seats is not None:
            undone += self.harness.seats.release()
        done = "; ".join(line for line in undone if line)
        self.note = reason + (f"; {done}" if done else "")

    @pytest.hookimpl(trylast=True)
    def pytest_unconfigure(self, config: pytest.Config) -> None:
        self.harness.close()
