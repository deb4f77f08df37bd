"""The front page as a partner sees it: a real failing run against the sandbox (it does not echo
X-Request-ID), `run --report`, and the front page rendered by headless Chromium.

Chromium is Debian's `chromium`: installed here with apt-get when it is missing and apt-get is
usable (as root), otherwise the test is skipped and says why. The screenshot is checked
(its size, the red FAIL verdict and its border at the top, a page that is not blank); with
OCPI_SCREENSHOT_TO_DOCS=1 it is also written to docs/images/front-page.png, the picture the
README shows (each run's ports and request ids differ, so an ordinary test run leaves the
committed picture alone).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

from .harness_runs import run, sandbox

ROOT = Path(__file__).resolve().parents[1]
DOCS_PICTURE = ROOT / "docs" / "images" / "front-page.png"
WIDTH, HEIGHT = 1280, 1500
FAIL_RED = (0xC6, 0x28, 0x28)  # --fail in front_page.css: the verdict word and its border


def _chromium() -> str:
    """The chromium binary, installed with apt-get when missing and possible; else a skip."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip("chromium is not installed and apt-get cannot install it here (not root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"]
    done = subprocess.run(install, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:  # the package lists may be missing or stale
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
        done = subprocess.run(install, env=env, capture_output=True, text=True, timeout=900)
    found = shutil.which("chromium")
    if done.returncode != 0 or found is None:
        said = (done.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"chromium could not be installed with apt-get: {said}")
    return found


def _screenshot(chromium: str, page: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="ocpi-chromium-") as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={profile}",
            f"--screenshot={out}",
            f"--window-size={WIDTH},{HEIGHT}",
            page.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and out.is_file(), done.stderr[-2000:]


def _pixels(png: bytes) -> tuple[int, int, list[list[tuple[int, int, int]]]]:
    """Width, height and RGB rows of an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium
    writes); enough of PNG to look at the picture without an imaging library."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, idat = 8, {}, b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        data = png[position + 8 : position + 8 + length]
        if kind == b"IDAT":
            idat += data
        else:
            chunks[kind] = data
        position += 12 + length
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert depth == 8 and color in (2, 6) and interlace == 0
    channels = 3 if color == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for x in range(stride):
            left = row[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                row[x] = (row[x] + left) & 0xFF
            elif kind == 2:
                row[x] = (row[x] + up) & 0xFF
            elif kind == 3:
                row[x] = (row[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                nearest = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                row[x] = (row[x] + nearest) & 0xFF
        rows.append(row)
        previous = row
    pixels = [
        [tuple(row[x : x + 3]) for x in range(0, stride, channels)]  # type: ignore[misc]
        for row in rows
    ]
    return width, height, pixels


def test_the_front_page_of_a_failing_run_as_a_partner_sees_it(tmp_path: Path) -> None:
    chromium = _chromium()
    with sandbox("cpo", "no_request_id_echo") as state:
        result = run(state, tmp_path / "run", "--report")
    assert result.code == 1, result.stdout + result.stderr
    page = tmp_path / "run" / "report" / "index.html"
    shot = tmp_path / "front-page.png"
    _screenshot(chromium, page, shot)
    width, height, pixels = _pixels(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    top = pixels[: height // 4]
    red = sum(1 for row in top for pixel in row if pixel == FAIL_RED)
    assert red > 2000, "the FAIL verdict and its red border belong at the top of the page"
    colours = {pixel for row in pixels[::7] for pixel in row[::7]}
    assert len(colours) > 50, "a rendered page, not a blank one"
    if os.environ.get("OCPI_SCREENSHOT_TO_DOCS") == "1":
        DOCS_PICTURE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_PICTURE)
