"""A third-party OCPI library as a live integration target, on loopback.

Each library pins dependencies the harness must not share (pydantic 1, an old FastAPI, Flask...),
so each gets a virtual environment of its own, built once from its pinned `requirements.txt` and
cached outside the repo (keyed by that file and the Python version). Its `app.py`, the glue a
user of the library writes, runs there as a subprocess; the harness talks to it over HTTP only.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from ocpi_conformance.resources import fixtures_dir

INSTALL_TIMEOUT = 600  # seconds; a cold install from PyPI takes about 15 here
START_TIMEOUT = 30


class TargetUnavailableError(RuntimeError):
    """The target could not be installed or started; the message says which and why."""


@dataclass(frozen=True)
class Target:
    role: str
    versions_url: str


def cache_root() -> Path:
    """OCPI_TARGETS_CACHE, else the user's cache: it survives clean checkouts, so CI pays the
    install once."""
    configured = os.environ.get("OCPI_TARGETS_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ocpi-conformance" / "targets"


@dataclass(frozen=True)
class Library:
    """One library under test: `name` keys its cache folder, `label` names it in errors, `home`
    holds its `requirements.txt` and `app.py`."""

    name: str
    label: str
    home: Path

    @property
    def requirements(self) -> Path:
        return self.home / "requirements.txt"

    @property
    def app(self) -> Path:
        return self.home / "app.py"

    def python(self) -> Path:
        """The target environment's interpreter, building the environment first if needed."""
        key = self.requirements.read_bytes() + sys.version.encode()
        venv = cache_root() / f"{self.name}-{hashlib.sha256(key).hexdigest()[:12]}"
        interpreter, ready = venv / "bin" / "python", venv / ".ready"
        if ready.exists():
            return interpreter
        venv.parent.mkdir(parents=True, exist_ok=True)
        with open(venv.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # two test processes must not build one venv twice
            if not ready.exists():
                self._build(venv, interpreter)
                ready.write_text(self.requirements.read_text(encoding="utf-8"), encoding="utf-8")
        return interpreter

    def _build(self, venv: Path, interpreter: Path) -> None:
        pip = [str(interpreter), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        steps = (
            [sys.executable, "-m", "venv", "--clear", str(venv)],
            [*pip, "-r", str(self.requirements)],
        )
        for step in steps:
            try:
                subprocess.run(
                    step, capture_output=True, text=True, check=True, timeout=INSTALL_TIMEOUT
                )
            except subprocess.CalledProcessError as failure:
                tail = (failure.stderr or failure.stdout or "").strip().splitlines()[-3:]
                raise TargetUnavailableError(
                    f"installing {self.label}: {' | '.join(tail)}"
                ) from None
            except subprocess.TimeoutExpired:
                raise TargetUnavailableError(
                    f"installing {self.label} took over {INSTALL_TIMEOUT}s"
                ) from None

    @contextlib.contextmanager
    def start(self, role: str, token_a: str) -> Iterator[Target]:
        """A fresh target for one run: token A is single-use, so every run needs its own."""
        interpreter = self.python()
        port = _free_port()
        with tempfile.TemporaryDirectory(prefix=f"{self.name}-") as workdir:
            log = Path(workdir) / "target.log"
            # A minimal environment, run from an empty folder: libraries read settings from the
            # environment or a .env file, and neither the harness's variables nor a stray file
            # may reach them.
            env = {
                "PATH": os.environ.get("PATH", ""),
                "HOME": workdir,
                "LANG": "C.UTF-8",
                "OCPI_TARGET_TOKEN_A": token_a,
            }
            command = [str(interpreter), str(self.app), "--role", role, "--port", str(port),
                       "--seed-dir", str(fixtures_dir())]  # fmt: skip
            with open(log, "wb") as sink:
                process = subprocess.Popen(
                    command, cwd=workdir, env=env, stdout=sink, stderr=subprocess.STDOUT
                )
            try:
                versions_url = f"http://127.0.0.1:{port}/ocpi/versions"
                self._wait_until_up(process, versions_url, log)
                yield Target(role, versions_url)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def _wait_until_up(self, process: subprocess.Popen[bytes], url: str, log: Path) -> None:
        """Up means any HTTP answer on the versions URL (401 without a token is an answer)."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
                raise TargetUnavailableError(f"{self.label} exited at start: {' | '.join(tail)}")
            try:
                httpx.get(url, timeout=1.0)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise TargetUnavailableError(
            f"{self.label} did not answer on {url} within {START_TIMEOUT}s"
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
