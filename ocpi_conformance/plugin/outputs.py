"""What a run leaves behind, one pytest plugin per output: results.json, the Allure results and
the terminal summary. Each reads the run's verdicts; adding an output touches one class here."""

from __future__ import annotations

import os
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pytest

from ocpi_conformance.outputs import allure as allure_report
from ocpi_conformance.outputs import exchanges_jsonl as exchanges_file
from ocpi_conformance.outputs import results as results_module
from ocpi_conformance.outputs import summary
from ocpi_conformance.plugin.verdicts import falsifying_example
from ocpi_conformance.verdicts.cases import case_of

if TYPE_CHECKING:
    from ocpi_conformance.run.harness import Harness
    from ocpi_conformance.verdicts.cases import Case
    from ocpi_conformance.verdicts.gate import GateVerdict
    from ocpi_conformance.verdicts.outcome import CaseResult

    from .verdicts import Verdicts


class RunView(Protocol):
    """What an output reads of the run (the run plugin is one): outputs depend on this, not on
    the plugin that registers them."""

    harness: Harness
    output: Path
    verdicts: Verdicts
    gate: GateVerdict | None
    note: str | None
    collected: list[Case]

    @property
    def blocking(self) -> list[CaseResult]: ...

    def case_of(self, item: pytest.Item) -> Case | None: ...


class ResultsJson:
    """DIR/results.json, the machine-readable verdict (a fixed contract)."""

    def __init__(self, run: RunView) -> None:
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
            ocpi_version=harness.version.number,
        )
        gate = self.run.gate
        failed = bool(error or self.run.note or gate is None or not gate.passed)
        doc["verdict"] = "fail" if failed else "pass"  # the gate, as the exit code says it
        if gate is not None:
            doc["verdict_reason"] = error or gate.why
        doc["fail_on"] = config.fail_on
        doc["seed"] = harness.seed
        doc["left_on_target"] = [
            {"module": entry.module, "url": harness.secrets.redact(entry.url)}
            for entry in harness.ledger.left()
        ]
        if harness.command_place is not None:
            doc["command_target"] = harness.command_place
        if harness.seats is not None:  # a hub run: the parties the harness played (no token)
            doc["seats"] = harness.seats.describe()
        if harness.discovery is not None:
            doc["discovery"] = harness.discovery.mode
            doc["discovery_notes"] = list(harness.discovery.lenient)
        if harness.role_note:
            doc["role_note"] = harness.role_note
        if error or self.run.note:
            doc["error"] = error or self.run.note
        results_module.write(self.run.output / "results.json", doc)


class JunitXml:
    """DIR/junit.xml for CI systems, written from the verdicts so it counts what results.json
    counts: one testcase per case (name: id and title; classname: role.module.interface; level
    and clause as properties). A failure below --fail-on is a warning in system-out, not a
    <failure>, so a CI view shows red exactly when the gate fails."""

    def __init__(self, run: RunView) -> None:
        self.run = run

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        results = sorted(self.run.verdicts.results.values(), key=lambda r: r.id)
        blocking = {r.id for r in self.run.blocking}
        suite = ET.Element("testsuite", name="ocpi-conformance")
        tally = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for result in results:
            tally["tests"] += 1
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{result.id} {result.title}",
                classname=f"{result.role}.{result.module}.{result.interface}",
                time=f"{result.duration_s:.3f}",
            )
            properties = ET.SubElement(case, "properties")
            for name, value in (("level", result.level), ("spec", result.spec)):
                ET.SubElement(properties, "property", name=name, value=value)
            if result.outcome == "error":
                tally["errors"] += 1
                ET.SubElement(case, "error", message=result.message)
            elif result.outcome == "failed" and result.id in blocking:
                tally["failures"] += 1
                ET.SubElement(case, "failure", message=result.message)
            elif result.outcome == "failed":
                warning = f"WARNING ({result.level}, does not fail the gate): {result.message}"
                ET.SubElement(case, "system-out").text = warning
            elif result.outcome in ("skipped", "blocked"):
                tally["skipped"] += 1
                ET.SubElement(case, "skipped", message=result.message)
        gate = self.run.gate
        if gate is not None and not gate.passed and not gate.blocking:
            # cut short, or nothing judged: no case failed, yet the gate did; a CI view of
            # junit.xml must not look green
            tally["tests"] += 1
            tally["failures"] += 1
            verdict = ET.SubElement(suite, "testcase", name="GATE ocpi-conformance verdict",
                                    classname="run.gate.ANY", time="0")  # fmt: skip
            ET.SubElement(verdict, "failure", message=gate.line())
        for name, value in tally.items():
            suite.set(name, str(value))
        root = ET.Element("testsuites")
        root.append(suite)
        ET.ElementTree(root).write(
            self.run.output / "junit.xml", encoding="utf-8", xml_declaration=True
        )


class ExchangesJsonl:
    """DIR/exchanges.jsonl, every exchange of the run with the cases that used it (a contract:
    docs/exchanges.md). Written whenever results.json is, so the evidence sits beside the
    verdict also when discovery failed or the run was cut short."""

    def __init__(self, run: RunView) -> None:
        self.run = run

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self.write()

    def write(self) -> None:
        path = self.run.output / exchanges_file.FILE_NAME
        exchanges_file.write(path, self.run.harness.log)


class AllureOutput:
    """Names, labels, exchanges and failing examples on each case's Allure result."""

    def __init__(self, run: RunView) -> None:
        self.run = run

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            case = self.run.case_of(item)
            if case is not None and isinstance(item, pytest.Function):
                allure_report.name(item, case)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        case = self.run.case_of(item)
        if case is not None:
            allure_report.label(case, self.run.harness.role, self.run.harness.version.number)

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

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        results = self.run.output / "allure-results"
        harness = self.run.harness
        allure_report.write_environment(
            results,
            {
                "target": harness.config.versions_url or "",
                "role": harness.role,
                "ocpi_version": harness.version.number,
                "profile": harness.config.profile,
                "seed": str(harness.seed),
            },
        )
        messages = {r.id: r.message for r in self.run.verdicts.results.values()}
        allure_report.tidy(results, messages)
        allure_report.redact_all(results, self.run.harness.secrets.redact)


class Console:
    """What a person at the terminal reads: an opening line, a line per module as it finishes,
    a line every HEARTBEAT_S while one case takes long (a property case shrinking against a
    slow target, a wait for a result), then the failed cases, blocked and skipped ones with
    their reasons, the matrix, the verdict and the counts. pytest's own report is off unless
    the run asked for it (-v)."""

    HEARTBEAT_S = 15.0

    def __init__(self, run: RunView) -> None:
        self.run = run
        self.remaining: dict[str, int] = {}  # cases of each module not finished yet
        self.counted: set[str] = set()
        self.shown: set[str] = set()  # modules whose line was printed

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, None, None]:
        found = case_of(getattr(item, "function", None))
        label = f"{found.id} {found.title}" if found is not None else item.name
        done, started = threading.Event(), time.monotonic()

        def beat() -> None:
            while not done.wait(self.HEARTBEAT_S):
                self.say(f"  ... still on {label} ({time.monotonic() - started:.0f} s)")

        threading.Thread(target=beat, name="ocpi-heartbeat", daemon=True).start()
        try:
            yield
        finally:
            done.set()

    @staticmethod
    def say(line: str = "") -> None:
        """A line for the person at the terminal; a closed pipe (`run ... | head`) silences
        the terminal, never the run: its results are still judged and written."""
        try:
            print(line, flush=True)
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        config = self.run.harness.config
        self.say(
            f"ocpi-conformance: testing {config.versions_url} as {(config.role or '').upper()}, "
            f"OCPI {self.run.harness.version}, "
            f"profile {config.profile}, seed {self.run.harness.seed}, output {self.run.output}"
        )
        if self.run.harness.role_note:
            self.say(f"ocpi-conformance: {self.run.harness.role_note}")
        seats = self.run.harness.seats
        if seats is not None:
            self.say(f"ocpi-conformance: seats {', '.join(seat.label for seat in seats)}")
        discovery = self.run.harness.discovery
        for note in discovery.lenient if discovery is not None else []:
            self.say(f"ocpi-conformance: discovery went on leniently: {summary.clip(note)}")

    @pytest.hookimpl(trylast=True)  # after the run plugin knows what was collected
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for case in self.run.collected:
            self.remaining[case.module] = self.remaining.get(case.module, 0) + 1

    def pytest_runtest_logfinish(self, nodeid: str, location: tuple[str, int, str]) -> None:
        """A module's line once its last case has finished (its clean-ups run last of all)."""
        last = self.run.verdicts.last
        if last is None or last in self.counted:
            return
        self.counted.add(last)
        module = self.run.verdicts.results[last].module
        self.remaining[module] = self.remaining.get(module, 1) - 1
        if self.remaining[module] <= 0:
            self._module_line(module)
            self.shown.add(module)

    def _module_line(self, module: str) -> None:
        mine = [r for r in self.run.verdicts.results.values() if r.module == module]
        tally = ", ".join(
            f"{sum(r.outcome == o for r in mine)} {o}"
            for o in ("passed", "failed", "blocked", "skipped", "error")
            if any(r.outcome == o for r in mine)
        )
        self.say(f"  {module:<14} {tally}")

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        for module in sorted({r.module for r in self.run.verdicts.results.values()} - self.shown):
            self._module_line(module)  # cut short: the modules whose cases did not all finish
        output = self.run.output
        paths = [str(output / name) for name in ("results.json", "junit.xml", "exchanges.jsonl")]
        paths.append(str(output / "allure-results"))
        results = self.run.verdicts.results.values()
        self.say()
        for line in summary.lines(
            results,
            blocking={r.id for r in self.run.blocking},
            seed=self.run.harness.seed,
            paths=paths,
        ):
            self.say(line)
        place = self.run.harness.command_place
        if place is not None:
            self.say(
                f"commands acted on Location {place['location_id']}, EVSE {place['evse_uid']}, "
                f"Connector {place['connector_id']} ({place['chosen_by']})"
            )
        left = self.run.harness.ledger.left()
        if left:
            self.say(f"left on the target: {len(left)} object(s) (results.json: left_on_target)")
        gate = self.run.gate
        if gate is not None:
            self.say(gate.line())
        self.say(summary.counts(results))
