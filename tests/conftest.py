"""Fixtures several test files share: the demonstration run, made once per test session."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Demo:
    """`ocpi-conformance run` with no target, as a newcomer types it (the README's first line):
    the built-in sandbox in every role and version."""

    done: subprocess.CompletedProcess[str]
    output: Path


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """Made once for all xdist workers (the slowest fixture): the first worker to take the lock
    in the session's shared temporary folder runs it, the others read what it left there."""
    base = tmp_path_factory.getbasetemp()
    # under xdist each worker's basetemp is a folder of the session's own (popen-gwN)
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    output, record = shared / "demo", shared / "demo.json"
    with (shared / "demo.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.is_file():
            command = [sys.executable, "-m", "ocpi_conformance.cli", "run", "--output", str(output)]
            ran = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
            record.write_text(json.dumps([ran.returncode, ran.stdout, ran.stderr]), "utf-8")
        code, stdout, stderr = json.loads(record.read_text("utf-8"))
    done = subprocess.CompletedProcess(["ocpi-conformance", "run"], code, stdout, stderr)
    return Demo(done, output)
