"""Runs the shipped suites under pytest for one configured target and turns the outcome into the
exit code of the contract.

Fail closed: the exit code is 0 only when the gate (`gate.judge`) passed; an interrupted run, a
run whose peer cannot listen, a target that is not the role asked, never exit 0.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pydantic import SecretStr

from ocpi_conformance.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE
from ocpi_conformance.plugin import HarnessPlugin, load_deviations
from ocpi_conformance.resources import suites_dir
from ocpi_conformance.run.config import ConfigError, RunConfig
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.roles import role_mismatch
from ocpi_conformance.run.stop import Stop, interruptible
from ocpi_conformance.sandbox import start as start_sandbox
from ocpi_conformance.sandbox import start_hub
from ocpi_conformance.spec.roles import TESTED_ROLES, role_in
from ocpi_conformance.spec.version import FAMILY, KNOWN
from ocpi_conformance.transport.discovery import DiscoveryError, numbers_of


def pytest_args(config: RunConfig, output_dir: str, seed: int) -> list[str]:
    suites = suites_dir()
    paths = [str(suites / "common"), str(suites / (config.role or "cpo"))]  # hub: suites/hub
    # pytest's own report (progress dots, tracebacks) is for developers: -v brings it back
    report = ["-q", "-rN", "--tb=short"] if config.verbose else ["-p", "no:terminal"]
    return [
        *paths,
        f"--rootdir={suites}",
        "-c",  # no ini file: a project's pytest settings are not the harness's
        os.devnull,
        "-p",
        "no:cacheprovider",
        *report,
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
        f"--alluredir={output_dir}/allure-results",
        f"--hypothesis-seed={seed}",
    ]


@dataclass
class Outcome:
    """How one run ended: its exit code, and its one-line verdict (None: nothing was tested)."""

    code: int
    verdict: str | None = None


def run_suites(config: RunConfig, stop: Stop | None = None) -> int:
    if config.ocpi_version == "all":
        return run_every_version(config, stop or Stop())
    return run_one(config, stop).code


def run_every_version(config: RunConfig, stop: Stop) -> int:
    """--ocpi-version all: every version the target offers that the harness tests, one after
    the other, each in its own folder (OUTPUT/<version>) with its own verdict, then one verdict
    for all of them (exit: the worst)."""
    offered = _offered_versions(config)
    if isinstance(offered, Outcome):
        return offered.code
    output = config.output_dir()
    outcomes: dict[str, Outcome] = {}
    for number in offered:
        folder = output / number
        print(f"ocpi-conformance: OCPI {number}, output {folder}", flush=True)
        outcomes[number] = run_one(
            config.model_copy(update={"ocpi_version": number, "output": folder}), stop
        )
        if stop.reason is not None:
            break
    parts = [f"{n} {'PASS' if o.code == EXIT_OK else 'FAIL'}" for n, o in outcomes.items()]
    parts += [f"{n} not run" for n in offered if n not in outcomes]
    worst = max((o.code for o in outcomes.values()), default=EXIT_FAILED)
    if stop.reason is not None or len(outcomes) < len(offered):
        worst = max(worst, EXIT_FAILED)
    word = "PASS" if worst == EXIT_OK else "FAIL"
    print(f"verdict of every version: {word} ({', '.join(parts)})", flush=True)
    return worst


def _offered_versions(config: RunConfig) -> list[str] | Outcome:
    """The versions the target offers that the harness tests, oldest first (a discovery of
    the highest one tells them); exit 3 when there is none."""
    harness = Harness(config.model_copy(update={"ocpi_version": None}))
    try:
        discovery = harness.discover()
    except DiscoveryError as exc:
        print(f"ocpi-conformance: target not testable: {exc}", file=sys.stderr)
        return Outcome(EXIT_UNREACHABLE)
    finally:
        harness.close()
    numbers = numbers_of(discovery.offered)
    tested = [n for n in KNOWN if n in numbers or any(FAMILY.get(o) == n for o in numbers)]
    return tested


def _error(message: str) -> None:
    print(f"ocpi-conformance: error: {message}", file=sys.stderr)


def run_one(config: RunConfig, stop: Stop | None = None) -> Outcome:
    """One target, one role: the exit code and the verdict line. `stop` is shared with the
    caller (the demo stops both halves on one Ctrl-C)."""
    try:
        known = load_deviations(config.known_deviations)
    except ConfigError as exc:
        _error(str(exc))
        return Outcome(EXIT_USAGE)
    output = config.output_dir()
    output.mkdir(parents=True, exist_ok=True)
    harness = Harness(config)
    if stop is not None:
        harness.stop = stop
    plugin = HarnessPlugin(harness, output, known)
    if config.needs_peer:
        try:
            harness.peer  # noqa: B018 - start it now: a port that cannot be bound is exit 2
        except RuntimeError as exc:
            harness.close()
            _error(f"the harness's peer {exc} (--peer-host, --peer-port)")
            return Outcome(EXIT_USAGE)
    code: int | None = None
    with interruptible(config.max_duration, harness.stop):
        if config.target_registers and not _registered_by_target(plugin, output):
            return Outcome(EXIT_UNREACHABLE)
        try:
            harness.discover()
        except DiscoveryError as exc:
            return _untestable(plugin, str(exc), exc.stage)
        mismatch = role_mismatch(harness)
        if mismatch is not None:
            return _untestable(plugin, mismatch, "role")
        code = pytest.main(pytest_args(config, str(output), harness.seed), plugins=[plugin])
    gate = plugin.gate
    if harness.stop.reason is not None:
        if gate is None:  # interrupted before pytest's session finished
            plugin.write_results(error=harness.stop.reason)
            harness.close()
        print(f"ocpi-conformance: run stopped early: {harness.stop.reason}", file=sys.stderr)
        return Outcome(EXIT_FAILED, f"verdict: FAIL (stopped early: {harness.stop.reason})")
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR) or gate is None:
        _error(f"the suites did not run to the end (pytest exit {code})")
        return Outcome(EXIT_USAGE if gate is None else EXIT_FAILED)
    return Outcome(EXIT_OK if gate.passed else EXIT_FAILED, gate.line())


def _untestable(plugin: HarnessPlugin, reason: str, stage: str) -> Outcome:
    plugin.untestable(reason, stage)
    plugin.harness.close()
    print(f"ocpi-conformance: target not testable: {reason}", file=sys.stderr)
    return Outcome(EXIT_UNREACHABLE)


def _registered_by_target(plugin: HarnessPlugin, output: Path) -> bool:
    """--peer-token-a-file: wait for the target to register with our peer (after --trigger)."""
    harness = plugin.harness
    print(
        f"ocpi-conformance: waiting {harness.config.listen_seconds():g} s for the target to "
        f"register with {harness.peer.versions_url} (the token A of --peer-token-a-file)",
        flush=True,
    )
    if harness.await_registration(output) is not None:
        return True
    reason = (
        f"the target did not register with {harness.peer.versions_url} within "
        f"{harness.config.listen_seconds():g} s (--listen)"
    )
    plugin.untestable(reason, "unreachable")
    harness.close()
    print(f"ocpi-conformance: target not testable: {reason}", file=sys.stderr)
    return False


DEMO_ROLES = TESTED_ROLES


def demo_versions(config: RunConfig) -> tuple[str, ...]:
    """The versions the demo tests: every one the harness tests, or the one asked."""
    asked = config.ocpi_version
    return KNOWN if asked in (None, "all") else (str(asked),)


# The demo's hub sandbox answers fast, so that its run waits little: a receiver silent for
# DEMO_HUB_FORWARD_S gets 4002, a party quiet for DEMO_HUB_ALIVE_S has its versions endpoint
# checked; the hub cases wait DEMO_HUB_WAIT_S at most (unless --hub-wait says otherwise), and
# DEMO_HUB_LISTEN_S for legs nobody expected (unless --listen says otherwise): on loopback a
# hub's legs arrive in milliseconds.
DEMO_HUB_SEATS = 4  # a CPO, two eMSPs and an OTHER: run/seats.py's default seats
DEMO_HUB_FORWARD_S = 1.0
DEMO_HUB_ALIVE_S = 1.0
DEMO_HUB_WAIT_S = 6.0
DEMO_HUB_LISTEN_S = 0.5


@dataclass
class DemoSandbox:
    """One built-in sandbox the demo tests: its versions URL, the token As it accepts (one per
    seat for the hub), the settings its run needs, and how to stop it."""

    versions_url: str
    tokens_a: list[str]
    stop: Callable[[], None]
    waits: dict[str, float] = field(default_factory=dict)  # hub_wait, listen: the hub's

    def settings(self, config: RunConfig) -> dict[str, object]:
        """The waits this sandbox needs, where the user did not set them."""
        return {name: value for name, value in self.waits.items() if getattr(config, name) is None}


def _demo_sandbox(role: str) -> DemoSandbox:
    if role == "hub":
        tokens = [f"demo-token-a-hub-{n}-{uuid.uuid4()}" for n in range(1, DEMO_HUB_SEATS + 1)]
        hub, server = start_hub(
            tokens, forward_timeout_s=DEMO_HUB_FORWARD_S, alive_interval_s=DEMO_HUB_ALIVE_S
        )

        def stop_hub() -> None:
            server.stop()
            hub.stop()

        waits = {"hub_wait": DEMO_HUB_WAIT_S, "listen": DEMO_HUB_LISTEN_S}
        return DemoSandbox(hub.state.versions_url, tokens, stop_hub, waits)
    token_a = f"demo-token-a-{role}-{uuid.uuid4()}"
    state, server = start_sandbox(role, token_a)
    return DemoSandbox(state.versions_url, [token_a], server.stop)


def run_demo(config: RunConfig) -> int:
    """No target given: test the built-in sandbox in every OCPI version and both roles, to show
    what a run looks like.

    Each version and role gets its own sandbox on loopback and its own folder
    (OUTPUT/<version>/<role>); one Ctrl-C stops the demo as a whole, and the last line is the
    verdict of them all together.
    """
    output = config.output_dir()
    stop = Stop()
    outcomes: dict[tuple[str, str], Outcome] = {}
    plan = [
        (number, role)
        for number in demo_versions(config)
        for role in DEMO_ROLES
        if role_in(role, number)
    ]
    try:
        for number, role in plan:
            sandbox = _demo_sandbox(role)
            try:
                print(
                    f"ocpi-conformance: testing the built-in {role.upper()} sandbox in OCPI "
                    f"{number} at {sandbox.versions_url}",
                    flush=True,
                )
                role_config = config.model_copy(
                    update={
                        "versions_url": sandbox.versions_url,
                        "role": role,
                        "token_a": SecretStr(sandbox.tokens_a[0]),
                        "tokens_a": tuple(SecretStr(t) for t in sandbox.tokens_a),
                        "ocpi_version": number,
                        "output": output / number / role,
                        **sandbox.settings(config),
                    }
                )
                outcomes[(number, role)] = run_one(role_config, stop)
            finally:
                sandbox.stop()
            if stop.reason is not None:
                break
    except KeyboardInterrupt:
        stop.reason = stop.reason or "interrupted (SIGINT)"
    print(f"ocpi-conformance: reports in {output}/<version>/<role>", flush=True)
    return _demo_verdict(plan, outcomes, stop)


def _demo_verdict(
    plan: list[tuple[str, str]], outcomes: dict[tuple[str, str], Outcome], stop: Stop
) -> int:
    """One verdict for every version and role: PASS only when each ran and passed."""
    parts = [
        f"{number} {role.upper()} "
        + ("not run" if (o := outcomes.get((number, role))) is None else
           "PASS" if o.code == EXIT_OK else "FAIL")
        for number, role in plan
    ]  # fmt: skip
    worst = max((o.code for o in outcomes.values()), default=EXIT_FAILED)
    if stop.reason is not None or len(outcomes) < len(plan):
        worst = max(worst, EXIT_FAILED)
    word = "PASS" if worst == EXIT_OK else "FAIL"
    why = f"; stopped early: {stop.reason}" if stop.reason else ""
    print(f"verdict of the demo, every version and role: {word} ({', '.join(parts)}{why})",
          flush=True)  # fmt: skip
    return worst
