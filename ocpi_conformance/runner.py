"""Runs the shipped suites under pytest for one configured target and turns the outcome into the
exit code of the contract."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest
from pydantic import SecretStr

from .budget import interruptible
from .config import ConfigError, RunConfig
from .discovery import DiscoveryError
from .exit_codes import EXIT_FAILED, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE
from .harness import Harness
from .plugin import HarnessPlugin, load_deviations
from .resources import suites_dir
from .sandbox import start as start_sandbox


def pytest_args(config: RunConfig, output_dir: str, seed: int) -> list[str]:
    suites = suites_dir()
    paths = [str(suites / "common"), str(suites / (config.role or "cpo"))]
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


def run_suites(config: RunConfig) -> int:
    try:
        known = load_deviations(config.known_deviations)
    except ConfigError as exc:
        print(f"ocpi-conformance: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    output = config.output_dir()
    output.mkdir(parents=True, exist_ok=True)
    plugin = HarnessPlugin(Harness(config), output, known)
    stop = plugin.harness.stop
    with interruptible(config.max_duration, stop):
        if config.target_registers and not _registered_by_target(plugin, output):
            return EXIT_UNREACHABLE
        try:
            plugin.harness.discover()
        except DiscoveryError as exc:
            plugin.untestable(str(exc), exc.stage)
            plugin.harness.close()
            print(f"ocpi-conformance: target not testable: {exc}", file=sys.stderr)
            return EXIT_UNREACHABLE
        code = pytest.main(pytest_args(config, str(output), plugin.harness.seed), plugins=[plugin])
    if stop.reason is not None:
        if not (output / "results.json").is_file():
            plugin.write_results(error=stop.reason)
        plugin.harness.close()
        print(f"ocpi-conformance: run stopped early: {stop.reason}", file=sys.stderr)
        return EXIT_FAILED  # cases did not run: the gate cannot pass
    if plugin.blocking:
        return EXIT_FAILED
    if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        return EXIT_USAGE
    return EXIT_OK


def _registered_by_target(plugin: HarnessPlugin, output: Path) -> bool:
    """--peer-token-a: wait for the target to register with our peer (after --trigger)."""
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


def run_demo(config: RunConfig) -> int:
    """No target given: test the built-in sandbox in both roles, to show what a run looks like.

    Each role gets its own sandbox on loopback and its own folder under the output folder.
    """
    output = config.output_dir()
    worst = EXIT_OK
    for role in ("cpo", "emsp"):
        token_a = f"demo-token-a-{role}-{uuid.uuid4()}"
        state, server = start_sandbox(role, token_a)
        try:
            print(
                f"ocpi-conformance: testing the built-in {role.upper()} sandbox at "
                f"{state.versions_url}",
                flush=True,
            )
            role_config = config.model_copy(
                update={
                    "versions_url": state.versions_url,
                    "role": role,
                    "token_a": SecretStr(token_a),
                    "output": output / role,
                }
            )
            worst = max(worst, run_suites(role_config))
        finally:
            server.stop()
    print(f"ocpi-conformance: reports in {output}/cpo and {output}/emsp", flush=True)
    return worst
