"""How many Location objects per second the cached validator checks (valid and invalid bodies).

Run: python bench/validation_throughput.py [seconds-per-case]
Numbers are written down in bench/README.md; nothing asserts on them.
"""

from __future__ import annotations

import json
import sys
import time

from ocpi_conformance.resources import fixtures_dir
from ocpi_conformance.spec.validation import validator


def _rate(body: object, seconds: float, *, explain: bool) -> float:
    check = validator("Location")
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for _ in range(200):
            check.violations(body) if explain else check.is_valid(body)
        count += 200
    return count / elapsed


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    folder = fixtures_dir() / "locations"
    valid = json.loads((folder / "valid" / "Location.full.json").read_text(encoding="utf-8"))
    invalid = json.loads(
        (folder / "invalid" / "Location.latitude-decimals.json").read_text(encoding="utf-8")
    )["body"]
    for label, body in (("valid Location.full", valid), ("invalid (1 violation)", invalid)):
        print(f"{label:24} is_valid:   {_rate(body, seconds, explain=False):>10,.0f} objects/s")
        print(f"{label:24} violations: {_rate(body, seconds, explain=True):>10,.0f} objects/s")


if __name__ == "__main__":
    main()
