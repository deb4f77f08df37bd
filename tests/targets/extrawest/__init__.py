"""extrawest-ocpi (py_ocpi) as a live integration target, for both roles, on loopback.

The library pins pydantic 1, FastAPI 0.101 and httpx 0.24, so it gets a virtual environment of
its own, built once from `requirements.txt` and cached outside the repo (keyed by that file and
the Python version). `app.py` runs there as a subprocess; the harness talks to it over HTTP only.
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

HERE = Path(__file__).parent
REQUIREMENTS = HERE / "requirements.txt"
APP = HERE / "app.py"
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


def python() -> Path:
    """The target environment's interpreter, building the environment first if needed."""
    key = REQUIREMENTS.read_bytes() + sys.version.encode()
    home = cache_root() / f"extrawest-{hashlib.sha256(key).hexdigest()[:12]}"
    interpreter, ready = home / "bin" / "python", home / ".ready"
    if ready.exists():
        return interpreter
    home.parent.mkdir(parents=True, exist_ok=True)
    with open(home.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test processes must not build one venv twice
        if not ready.exists():
            _build(home, interpreter)
            ready.write_text(REQUIREMENTS.read_text(encoding="utf-8"), encoding="utf-8")
    return interpreter


def _build(home: Path, interpreter: Path) -> None:
    pip = [str(interpreter), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    steps = ([sys.executable, "-m", "venv", "--clear", str(home)], [*pip, "-r", str(REQUIREMENTS)])
    for step in steps:
        try:
            subprocess.run(
                step, capture_output=True, text=True, check=True, timeout=INSTALL_TIMEOUT
            )
        except subprocess.CalledProcessError as failure:
            tail = (failure.stderr or failure.stdout or "").strip().splitlines()[-3:]
            raise TargetUnavailableError(f"installing extrawest-ocpi: {' | '.join(tail)}") from None
        except subprocess.TimeoutExpired:
            raise TargetUnavailableError(
                f"installing extrawest-ocpi took over {INSTALL_TIMEOUT}s"
            ) from None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def start(role: str, token_a: str) -> Iterator[Target]:
    """A fresh target for one run: token A is single-use, so every run needs its own."""
    interpreter = python()
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="extrawest-") as workdir:
        log = Path(workdir) / "target.log"
        # A minimal environment, run from an empty folder: py_ocpi reads OCPI_* settings and a
        # .env file, and neither the harness's variables nor a stray file may reach it.
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": workdir,
            "LANG": "C.UTF-8",
            "OCPI_TARGET_TOKEN_A": token_a,
        }
        command = [str(interpreter), str(APP), "--role", role, "--port", str(port),
                   "--seed-dir", str(fixtures_dir())]  # fmt: skip
        with open(log, "wb") as sink:
            process = subprocess.Popen(
                command, cwd=workdir, env=env, stdout=sink, stderr=subprocess.STDOUT
            )
        try:
            versions_url = f"http://127.0.0.1:{port}/ocpi/versions"
            _wait_until_up(process, versions_url, log)
            yield Target(role, versions_url)
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Up means any HTTP answer on the versions URL (401 without a token is an answer)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
            raise TargetUnavailableError(f"extrawest-ocpi exited at start: {' | '.join(tail)}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise TargetUnavailableError(f"extrawest-ocpi did not answer on {url} within {START_TIMEOUT}s")
