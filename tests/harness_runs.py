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
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
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
