"""One machine, one target (extrawest-ocpi in its own environment), three measures per role:
the target's raw request rate, an ocpi-conformance run, and a schemathesis run with its generic
checks from the target's own OpenAPI document (`/ocpi/openapi.json`). A benchmark, never a test.

    python bench/side_by_side.py --schemathesis /path/to/venv/bin/st [--profile ci]

schemathesis is not a dependency of the project: install it in a virtual environment of its
own (`python -m venv st && st/bin/pip install schemathesis`) and name its `st`. It is given a
registered token C, obtained by the built-in sandbox registering with the target.
"""

# ruff: noqa: E402 - the project root goes on sys.path before its modules are imported
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.against_extrawest import TOKEN_A, timed
from bench.against_extrawest import run as harness_run
from ocpi_conformance.party import register
from ocpi_conformance.sandbox import start as start_sandbox
from ocpi_conformance.transport.client import OcpiClient
from ocpi_conformance.transport.redaction import encode_token
from tests.targets import extrawest

RAW_REQUESTS = 300


def raw_rate(versions_url: str) -> float:
    """Requests per second the target answers one client, GET versions with token A."""
    with OcpiClient(TOKEN_A) as client:
        started = time.monotonic()
        for _ in range(RAW_REQUESTS):
            client.get(versions_url, module="versions")
        return RAW_REQUESTS / (time.monotonic() - started)


def token_c(versions_url: str, role: str) -> str:
    """Register the sandbox (the other role) with the target and return the token C."""
    other = "emsp" if role == "cpo" else "cpo"
    state, server = start_sandbox(other, "bench-sandbox-token-a")
    try:
        token_b = state.new_token()
        state.accept_registration(token_b)
        with OcpiClient(None) as client:
            done = register(client, versions_url, TOKEN_A, state.own_credentials(token_b))
        if not done.ok or done.token_c is None:
            raise SystemExit(f"registration with the target failed: {done.problem}")
        return done.token_c
    finally:
        server.stop()


def schemathesis(st: str, versions_url: str, role: str) -> dict[str, object]:
    base = versions_url.split("/ocpi/")[0]
    token = token_c(versions_url, role)
    with tempfile.TemporaryDirectory() as out:
        command = [
            st, "run", f"{base}/ocpi/openapi.json", "--url", base, "-H",
            f"Authorization: Token {encode_token(token)}", "--report", "ndjson",
            "--report-dir", out, "--max-examples", "25",
        ]  # fmt: skip
        done, cost = timed(command)
        events = [json.loads(line) for p in Path(out).rglob("*.ndjson")
                  for line in p.read_text().splitlines() if line.strip()]  # fmt: skip
    requests = sum(1 for e in events if "ScenarioFinished" in json.dumps(e)[:200])
    return {
        "tool": "schemathesis",
        "role": role,
        "exit": done.returncode,
        **cost,
        "scenarios": requests,
        "summary": done.stdout.strip().splitlines()[-1:] if done.stdout else [],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schemathesis", required=True, help="path of schemathesis's st")
    parser.add_argument("--profile", default="ci")
    parser.add_argument("--roles", default="cpo,emsp")
    args = parser.parse_args()
    for role in args.roles.split(","):
        with extrawest.start(role, TOKEN_A) as target:
            rate = round(raw_rate(target.versions_url))
            print(json.dumps({"tool": "target", "role": role, "raw_requests_per_s": rate}))
        print(json.dumps({"tool": "ocpi-conformance", **harness_run(role, args.profile)}))
        with extrawest.start(role, TOKEN_A) as target:
            print(json.dumps(schemathesis(args.schemathesis, target.versions_url, role)))


if __name__ == "__main__":
    main()
