"""How fast the passive judge reads a capture, and in how much memory.

python bench/passive_throughput.py --mb 300 [--workers 1 2]

Generates a capture of Location-sized exchanges (bench/passive_capture.py), then runs
`ocpi-conformance judge` on it as a user would, once per --workers value, in a child process:
wall time, the child's CPU time (user + system), exchanges per second of wall time and per CPU
second (one core's rate), and the child's peak RSS. A calibration line first: the same
machine's rate of validating one Location (the figure bench/README.md's validation table gives
for an idle machine), to read the numbers against when the machine is shared.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.passive_capture import write

IDLE_RATE = 27_859  # bench/README.md, 2026-11-23: Location.full is_valid/s, this code path


def calibration(seconds: float = 2.0) -> float:
    """How fast this machine is now, against the idle one of bench/README.md's validation
    table: Location.full validated the way that table measured it (the schema in Rust, then
    every prose rule over classes_in), per CPU second. Its ratio to IDLE_RATE says how much of
    the machine this run had."""
    from ocpi_conformance.resources import fixture
    from ocpi_conformance.spec.schema_nodes import classes_in
    from ocpi_conformance.spec.validation import validator

    body, check = fixture("locations", "Location.full"), validator("Location")
    rules = check._rules

    def measured() -> None:
        check._validator.is_valid(body)
        for name, value, _ in classes_in(check.schema, body):
            for rule in rules.get(name, ()):
                rule.holds(value)

    count, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        measured()
        count += 1
    return count / (time.process_time() - start)


def judge(capture: Path, workers: int, out: Path) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ocpi_conformance.cli",
            "judge",
            str(capture),
            "--output",
            str(out),
            "--workers",
            str(workers),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    doc = json.loads((out / "results.json").read_text(encoding="utf-8"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    count = doc["exchanges_judged"]
    return {
        "exchanges": count,
        "wall_s": wall,
        "cpu_s": cpu,
        "per_s": count / wall,
        "per_cpu_s": count / cpu,
        "peak_rss_mib": after.ru_maxrss / 1024,  # the largest child so far (kilobytes on Linux)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    rate = calibration()
    print(
        f"calibration: {rate:,.0f} Location validations per CPU second, "
        f"{rate / IDLE_RATE:.0%} of the idle machine's {IDLE_RATE:,}"
    )
    with tempfile.TemporaryDirectory(prefix="ocpi-bench-") as tmp:
        capture = Path(tmp) / "capture.jsonl"
        count = write(capture, args.mb)
        print(f"capture: {count:,} exchanges, {capture.stat().st_size / 2**20:,.0f} MiB")
        for workers in args.workers:
            found = judge(capture, workers, Path(tmp) / f"out-{workers}")
            print(
                f"workers {workers}: {found['exchanges']:,} exchanges in {found['wall_s']:.1f} s "
                f"wall, {found['cpu_s']:.1f} s CPU: {found['per_s']:,.0f}/s wall, "
                f"{found['per_cpu_s']:,.0f}/s per CPU second; peak RSS "
                f"{found['peak_rss_mib']:,.0f} MiB"
            )


if __name__ == "__main__":
    main()
