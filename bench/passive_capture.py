"""A generated capture for the passive judge's benchmarks: a registration between a CPO and an
eMSP, then Location-sized exchanges (each carries one whole Location, every one different: the
CPO pushes it with PUT, the eMSP reads it back with GET), in the harness's own NDJSON form.

python bench/passive_capture.py OUT.jsonl --mb 300
"""

from __future__ import annotations

import argparse
import copy
import json
import uuid
from pathlib import Path
from typing import Any

from ocpi_conformance.resources import fixture

CPO, MSP = "http://127.0.0.1:9001", "http://127.0.0.1:9002"
STAMP = "2026-01-01T00:00:00Z"


def _headers(rid: str, token: str) -> dict[str, str]:
    return {
        "authorization": f"Token «{token}, base64»",
        "x-request-id": rid,
        "x-correlation-id": rid,
        "content-type": "application/json",
    }


def _record(
    seq: int,
    method: str,
    url: str,
    token: str,
    request: Any,
    status: int,
    response: Any,
    at: float,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    rid = str(uuid.UUID(int=seq))
    answered = {"content-type": "application/json", "x-request-id": rid, "x-correlation-id": rid}
    seconds = int(at)
    stamp = (
        f"2026-01-01T{seconds // 3600 % 24:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000Z"
    )
    return {
        "seq": seq,
        "started_at": stamp,
        "ended_at": stamp,
        "elapsed_ms": 2.0,
        "direction": "outbound",
        "method": method,
        "url": url,
        "request": {
            "headers": {**_headers(rid, token), **(headers or {})},
            "body": request,
            "body_format": None if request is None else "json",
        },
        "response": {
            "status": status,
            "headers": answered,
            "body": response,
            "body_format": "json",
        },
        "error": None,
        "cases": [],
    }


def _envelope(data: Any) -> dict[str, Any]:
    return {"data": data, "status_code": 1000, "timestamp": STAMP}


def handshake() -> list[dict[str, Any]]:
    """The CPO reads the eMSP's versions and details and registers; the eMSP reads back."""

    def creds(url: str, role: str, pid: str, token: str) -> dict[str, Any]:
        return {
            "token": f"«{token}»",
            "url": f"{url}/ocpi/versions",
            "roles": [
                {
                    "role": role,
                    "party_id": pid,
                    "country_code": "NL",
                    "business_details": {"name": pid},
                }
            ],
        }

    def details(url: str, role: str) -> dict[str, Any]:
        mine = "RECEIVER" if role == "EMSP" else "SENDER"
        return {
            "version": "2.2.1",
            "endpoints": [
                {
                    "identifier": "credentials",
                    "role": "RECEIVER",
                    "url": f"{url}/ocpi/2.2.1/credentials",
                },
                {"identifier": "locations", "role": mine, "url": f"{url}/ocpi/2.2.1/locations"},
            ],
        }

    versions = lambda url: [{"version": "2.2.1", "url": f"{url}/ocpi/2.2.1"}]  # noqa: E731
    return [
        _record(
            1, "GET", f"{MSP}/ocpi/versions", "token A", None, 200, _envelope(versions(MSP)), 1
        ),
        _record(
            2, "GET", f"{MSP}/ocpi/2.2.1", "token A", None, 200, _envelope(details(MSP, "EMSP")), 2
        ),
        _record(
            3, "GET", f"{CPO}/ocpi/versions", "token B", None, 200, _envelope(versions(CPO)), 3.1
        ),
        _record(
            4, "GET", f"{CPO}/ocpi/2.2.1", "token B", None, 200, _envelope(details(CPO, "CPO")), 3.2
        ),
        _record(
            5,
            "POST",
            f"{MSP}/ocpi/2.2.1/credentials",
            "token A",
            creds(CPO, "CPO", "CPO", "token B"),
            200,
            _envelope(creds(MSP, "EMSP", "MSP", "token C")),
            3,
        ),
    ]


def exchanges(count: int, start: int = 6) -> Any:
    """`count` Location-sized exchanges, each with a Location of its own."""
    base = fixture("locations", "Location.full")
    for number in range(count):
        seq = start + number
        location = copy.deepcopy(base)
        location["id"] = f"LOC-{number:08d}"
        location["name"] = f"Location {number}"
        location["country_code"], location["party_id"] = "NL", "CPO"
        at = 10 + number * 0.01
        if number % 2 == 0:
            url = f"{MSP}/ocpi/2.2.1/locations/NL/CPO/{location['id']}"
            yield _record(seq, "PUT", url, "token C", location, 200, _envelope(None), at)
        else:
            url = f"{CPO}/ocpi/2.2.1/locations/{location['id']}"
            yield _record(seq, "GET", url, "token B", None, 200, _envelope(location), at)


def write(path: Path, megabytes: float) -> int:
    """Write a capture of about `megabytes`; how many exchanges it holds."""
    limit = megabytes * 2**20
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in handshake():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        for record in exchanges(10**9):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            if count % 1000 == 0 and out.tell() >= limit:
                break
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=50)
    args = parser.parse_args()
    count = write(args.out, args.mb)
    print(f"{args.out}: {count} exchanges, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
