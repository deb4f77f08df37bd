"""Fixtures several test files share: the demonstration run, made once per test process."""

from __future__ import annotations

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
    output = tmp_path_factory.mktemp("demo")
    command = [sys.executable, "-m", "ocpi_conformance.cli", "run", "--output", str(output)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    return Demo(done, output)
