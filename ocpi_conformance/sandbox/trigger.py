"""`python -m ocpi_conformance.sandbox.trigger BASE_URL`: make a running sandbox push its objects
to every party registered with it now (the sandbox's `--trigger` recipe, docs/trigger.md)."""

from __future__ import annotations

import sys
import urllib.request

from ..party.app import TRIGGER_PATH


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m ocpi_conformance.sandbox.trigger BASE_URL", file=sys.stderr)
        return 2
    url = argv[0].rstrip("/") + TRIGGER_PATH
    with urllib.request.urlopen(urllib.request.Request(url, method="POST"), timeout=30) as answer:
        print(answer.read().decode("utf-8", errors="replace"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
