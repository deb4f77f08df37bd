"""One harness run per role against extrawest-ocpi (py_ocpi), timed: wall time, the run's own
CPU, peak RSS and the slowest cases. A benchmark, never a test.

    python bench/against_extrawest.py [--profile ci] [--roles cpo,emsp]

The target runs in its own cached virtual environment (tests/targets/extrawest); the harness
runs as a subprocess exactly as a user would start it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.targets import extrawest  # noqa: E402

TOKEN_A = "bench-token-a-7c1d"


def timed(command: list[str]) -> tuple[subprocess.CompletedProcess[str], dict[str, float]]:
    """Run a command to its end: its result, and its wall time, CPU and peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return done, {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "peak_rss_mb": round(after.ru_maxrss / 1024),
    }


def run(role: str, profile: str) -> dict[str, object]:
    with extrawest.start(role, TOKEN_A) as target, tempfile.TemporaryDirectory() as out:
        command = [
            sys.executable, "-m", "ocpi_conformance.cli", "run", "--versions-url",
            target.versions_url, "--role", role, "--token-a", TOKEN_A, "--profile", profile,
            "--output", out,
        ]  # fmt: skip
        done, cost = timed(command)
        doc = json.loads((Path(out) / "results.json").read_text(encoding="utf-8"))
    return {
        "role": role,
        "exit": done.returncode,
        **cost,
        "cases": len(doc["cases"]),
        "exchanges": sum(int(c["exchanges"]) for c in doc["cases"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", default="ci")
    parser.add_argument("--roles", default="cpo,emsp")
    args = parser.parse_args()
    for role in args.roles.split(","):
        print(json.dumps(run(role, args.profile)))


if __name__ == "__main__":
    main()
