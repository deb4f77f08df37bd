"""The sandbox's `--trigger` (docs/trigger.md):

python -m ocpi_conformance.sandbox.trigger BASE_URL
    the running sandbox pushes its objects to every party registered with it, now;
python -m ocpi_conformance.sandbox.trigger BASE_URL --register TOKEN_A_FILE
    it registers with the harness (the versions URL the harness exports to a trigger as
    OCPI_CONFORMANCE_VERSIONS_URL), using the token A in that file, in the OCPI version
    OCPI_CONFORMANCE_OCPI_VERSION names (when set; else the highest both support).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path

from ocpi_conformance.party.app import REGISTER_PATH, TRIGGER_PATH

USAGE = "usage: python -m ocpi_conformance.sandbox.trigger BASE_URL [--register TOKEN_A_FILE]"


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 3) or (len(argv) == 3 and argv[1] != "--register"):
        print(USAGE, file=sys.stderr)
        return 2
    base = argv[0].rstrip("/")
    if len(argv) == 1:
        request = urllib.request.Request(base + TRIGGER_PATH, method="POST")
    else:
        versions_url = os.environ.get("OCPI_CONFORMANCE_VERSIONS_URL")
        if not versions_url:
            print("--register: OCPI_CONFORMANCE_VERSIONS_URL is not set", file=sys.stderr)
            return 2
        token_a = Path(argv[2]).read_text(encoding="utf-8").strip()
        asked = {"versions_url": versions_url, "token_a": token_a}
        if os.environ.get("OCPI_CONFORMANCE_OCPI_VERSION"):
            asked["version"] = os.environ["OCPI_CONFORMANCE_OCPI_VERSION"]
        body = json.dumps(asked).encode()
        request = urllib.request.Request(
            base + REGISTER_PATH,
            data=body,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
    with urllib.request.urlopen(request, timeout=60) as answer:
        print(answer.read().decode("utf-8", errors="replace"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
