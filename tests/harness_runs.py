"""Run the real `ocpi-conformance run` command, in a subprocess, against a sandbox on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocpi_conformance.party import PartyState
from ocpi_conformance.sandbox import start

TOKEN_A = "sandbox-token-a-5f0c2d1e"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    output: Path

    @property
    def results(self) -> dict[str, Any]:
        return json.loads((self.output / "results.json").read_text(encoding="utf-8"))

    def outcome(self, case_id: str) -> str:
        return next(c["outcome"] for c in self.results["cases"] if c["id"] == case_id)

    def failed(self) -> dict[str, str]:
        return {c["id"]: c["message"] for c in self.results["cases"] if c["outcome"] == "failed"}


@contextmanager
def sandbox(role: str = "cpo", *faults: str, choices: tuple[str, ...] = ()) -> Iterator[PartyState]:
    state, server = start(role, TOKEN_A, faults=faults, choices=choices)
    try:
        yield state
    finally:
        server.stop()


def run_cli(output: Path, *args: str) -> Run:
    """`ocpi-conformance run ARGS --output OUTPUT`, as a user would type it."""
    command = [sys.executable, "-m", "ocpi_conformance.cli", "run", *args, "--output", str(output)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    return Run(done.returncode, done.stdout, done.stderr, output)


# The version a run of these tests means when it names none: they were written against 2.2.1,
# and most switch on faults the party commits in 2.2.1 only (party.faults: Fault.versions).
WRITTEN_FOR = "2.2.1"


def run(
    state: PartyState,
    output: Path,
    *extra: str,
    role: str = "cpo",
    version: str | None = WRITTEN_FOR,
) -> Run:
    """A run against a sandbox, registering with its token A; `version`: the OCPI version it
    tests (--ocpi-version; None: the highest both support, 2.3.0 with the sandbox)."""
    asked = ("--ocpi-version", version) if version is not None else ()
    return run_cli(
        output,
        "--versions-url",
        state.versions_url,
        "--role",
        role,
        "--token-a",
        TOKEN_A,
        "--timeout",
        "5",
        *asked,
        *extra,
    )


GIVEN_TOKEN_C = "sandbox-given-token-c-8e21"


def run_read_only(state: PartyState, output: Path, *extra: str, role: str = "cpo") -> Run:
    """A --read-only run against a sandbox, with a token C the sandbox already knows (read-only
    registers nothing, so it needs one)."""
    from ocpi_conformance.party import Registration

    state.register(None, Registration(token=GIVEN_TOKEN_C))
    return run_cli(
        output,
        "--versions-url",
        state.versions_url,
        "--role",
        role,
        "--token-c",
        GIVEN_TOKEN_C,
        "--timeout",
        "5",
        "--read-only",
        *extra,
    )


# A hub sandbox tested from four seats (a CPO, two eMSPs and an OTHER: run/seats.py's default):
# it answers 4002 after HUB_FORWARD_S and checks a party quiet for HUB_ALIVE_S, so that a run of
# the hub cases waits little (HUB_WAIT_S at most, --hub-wait).
HUB_SEATS = 4
HUB_FORWARD_S = 1.0
HUB_ALIVE_S = 1.0
HUB_WAIT_S = 6.0


@contextmanager
def hub_sandbox(*faults: str) -> Iterator[Any]:
    """A sandbox hub accepting one registration per seat (its token As: `hub.test_tokens_a`)."""
    from ocpi_conformance.sandbox import start_hub

    tokens = [f"{TOKEN_A}-hub-seat-{n}" for n in range(1, HUB_SEATS + 1)]
    hub, server = start_hub(
        tokens, faults=faults, forward_timeout_s=HUB_FORWARD_S, alive_interval_s=HUB_ALIVE_S
    )
    hub.test_tokens_a = tokens
    try:
        yield hub
    finally:
        server.stop()
        hub.stop()


def run_hub(hub: Any, output: Path, *extra: str) -> Run:
    """A --role hub run against a sandbox hub: one --token-a-file per seat (the default seats),
    quick waits."""
    output.mkdir(parents=True, exist_ok=True)
    files: list[str] = []
    for number, token in enumerate(hub.test_tokens_a, start=1):
        path = output.parent / f"{output.name}-token-a-{number}.txt"
        path.write_text(token + "\n", encoding="utf-8")
        files += ["--token-a-file", str(path)]
    return run_cli(
        output,
        "--versions-url",
        hub.state.versions_url,
        "--role",
        "hub",
        *files,
        "--hub-wait",
        str(HUB_WAIT_S),
        "--listen",
        "0.5",
        *extra,
    )
