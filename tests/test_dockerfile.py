"""The Dockerfile at the repository's root: an image with the harness (installed from this
checkout, not editable), Allure 3 from package-lock.json, and `ocpi-conformance` as entrypoint.

Where a Docker engine answers (`docker info`), the image is built and run: `cases`, and the
demonstration run with its HTML report, all inside the container on its own loopback. Where none
does (a docker CLI without a daemon, or no CLI), those tests are skipped and say why; the files
the Dockerfile copies are still checked to be enough to build the package.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def _ignored(path: str) -> bool:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    parts = Path(path).parts
    return any(
        fnmatch.fnmatch(path, p) or fnmatch.fnmatch(parts[0], p) or fnmatch.fnmatch(path, f"*/{p}")
        for p in patterns
    )


def _copied() -> list[str]:
    sources = []
    for word, rest in _instructions():
        if word == "COPY":
            *names, _destination = rest.split()
            sources += [n for n in names if not n.startswith("--")]
    return sources


def test_the_image_installs_the_checkout_and_runs_the_cli() -> None:
    instructions = _instructions()
    assert ("ENTRYPOINT", '["ocpi-conformance"]') in instructions
    runs = " ".join(rest for word, rest in instructions if word == "RUN")
    assert "npm ci" in runs  # Allure 3 pinned by package-lock.json
    assert re.search(r"pip install [^&]*\.(\s|$)", runs) and "pip install -e" not in runs
    assert any(word == "USER" and rest != "root" for word, rest in instructions)


def test_the_build_context_holds_what_is_copied_and_no_more() -> None:
    for source in _copied():
        assert (ROOT / source).exists(), f"COPY {source}: no such file in the checkout"
        assert not _ignored(source), f"COPY {source}: .dockerignore leaves it out"
    for noise in (".git", ".venv", "node_modules", "reports", "tests", "suites/__pycache__"):
        assert _ignored(noise), f".dockerignore should leave {noise} out of the build context"


def test_the_copied_files_are_enough_to_build_the_package(tmp_path: Path) -> None:
    """The same files the Dockerfile copies, in a folder of their own, build a wheel with the
    suites and fixtures: what `pip install .` in the image needs."""
    context = tmp_path / "context"
    context.mkdir()
    for source in _copied():
        origin = ROOT / source
        if origin.is_dir():
            shutil.copytree(origin, context / source, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(origin, context / source)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), context],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("ocpi_conformance-*.whl")
    listing = subprocess.run(
        [sys.executable, "-m", "zipfile", "-l", str(wheel)], capture_output=True, text=True
    ).stdout
    assert "ocpi_conformance/suites/" in listing and "ocpi_conformance/fixtures/" in listing
    assert "ocpi_conformance/outputs/front_page.css" in listing


def _engine() -> str:
    """The docker CLI when an engine answers it; else a skip that says why."""
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker CLI on this machine")
    info = subprocess.run([docker, "info"], capture_output=True, text=True, timeout=60)
    if info.returncode != 0:
        said = (info.stderr.strip().splitlines() or ["no answer"])[-1]
        pytest.skip(f"no Docker engine answers `docker info`: {said}")
    return docker


@pytest.fixture(scope="module")
def image() -> Iterator[tuple[str, str]]:
    docker = _engine()
    tag = f"ocpi-conformance-test:{uuid.uuid4().hex[:12]}"
    built = subprocess.run(
        [docker, "build", "-t", tag, str(ROOT)], capture_output=True, text=True, timeout=1800
    )
    assert built.returncode == 0, built.stderr[-3000:]
    try:
        yield docker, tag
    finally:
        subprocess.run([docker, "rmi", "-f", tag], capture_output=True, timeout=120)


def test_the_image_lists_the_cases(image: tuple[str, str]) -> None:
    docker, tag = image
    done = subprocess.run(
        [docker, "run", "--rm", tag, "cases"], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "VER-ANY-001" in done.stdout and "TRN-ANY-005" in done.stdout


def test_the_image_runs_the_demo_and_builds_the_report(image: tuple[str, str]) -> None:
    """The demonstration run inside the container (sandbox and harness on its loopback), with
    the HTML report: Node, Allure 3 and the front page are all in the image."""
    docker, tag = image
    command = [docker, "run", "--rm", tag, "run", "--output", "/tmp/out", "--report"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "report: /tmp/out/cpo/report/index.html" in done.stdout
    assert "details: /tmp/out/emsp/report/allure.html" in done.stdout
