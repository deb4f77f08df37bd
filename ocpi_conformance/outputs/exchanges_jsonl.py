"""DIR/exchanges.jsonl: every exchange of a run, one JSON object a line, with the cases that used
it: the evidence behind results.json, for tools (a passive judge, a front page) to read back.

A contract (docs/exchanges.md): keys are added, never renamed. The records come from the run's
`ExchangeLog`, redacted when they were made, so no token reaches this file either. A body is its
JSON value when it parses within the transport's guard (UTF-8, nesting), else its text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ocpi_conformance.transport.exchanges import Exchange, ExchangeLog
from ocpi_conformance.transport.guards import MAX_DEPTH, parse_json_text

FILE_NAME = "exchanges.jsonl"
RECORD_DEPTH = MAX_DEPTH + 2  # a body sits two levels down: record, request or response


def _stamp(seconds: float) -> str:
    """RFC 3339 UTC with milliseconds: exchanges of one case are often milliseconds apart."""
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _body(text: str | None) -> dict[str, Any]:
    if text is None:
        return {"body": None, "body_format": None}
    value, why = parse_json_text(text)
    return {"body": text, "body_format": "text"} if why else {"body": value, "body_format": "json"}


def record(exchange: Exchange, seq: int, cases: list[str]) -> dict[str, Any]:
    """One line of exchanges.jsonl."""
    return {
        "seq": seq,
        "started_at": _stamp(exchange.started_at),
        "ended_at": _stamp(exchange.started_at + exchange.elapsed_ms / 1000),
        "elapsed_ms": round(exchange.elapsed_ms, 1),
        "direction": exchange.direction,
        "method": exchange.method,
        "url": exchange.url,
        "request": {"headers": exchange.request_headers, **_body(exchange.request_body)},
        "response": {
            "status": exchange.status,
            "headers": exchange.response_headers,
            **_body(exchange.response_body),
        },
        "error": exchange.error,
        "cases": cases,
    }


def write(path: Path, log: ExchangeLog) -> int:
    """Write every exchange of `log` to `path` (replacing it); returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = log.with_cases()
    with path.open("w", encoding="utf-8") as out:
        for seq, (exchange, cases) in enumerate(entries, start=1):
            out.write(json.dumps(record(exchange, seq, cases), ensure_ascii=False) + "\n")
    return len(entries)


class ExchangesFileError(ValueError):
    """A line of exchanges.jsonl that is not one of its records."""


def read(path: Path) -> Iterator[tuple[Exchange, list[str]]]:
    """The exchanges of a file `write` made (or a tool of the same contract), each with its
    cases; every line goes through the bounded decoder, since a file may come from anywhere."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            value, why = parse_json_text(line, f"line {number}", RECORD_DEPTH)
            if why or not isinstance(value, dict):
                raise ExchangesFileError(f"{path}: {why or f'line {number} is not an object'}")
            try:
                yield _exchange(value), [str(c) for c in value.get("cases") or []]
            except (AttributeError, KeyError, TypeError, ValueError) as exc:
                raise ExchangesFileError(f"{path}: line {number}: {exc!r}") from None


def _text(part: dict[str, Any]) -> str | None:
    """The body as text again: a JSON body re-serialised (compact), a text body as it was."""
    if part.get("body_format") == "json":
        return json.dumps(part["body"], ensure_ascii=False)
    body = part.get("body")
    return None if body is None else str(body)


def _exchange(value: dict[str, Any]) -> Exchange:
    request, response = value["request"], value["response"]
    started = datetime.fromisoformat(str(value["started_at"]).replace("Z", "+00:00"))
    return Exchange(
        direction=str(value["direction"]),
        method=str(value["method"]),
        url=str(value["url"]),
        request_headers=dict(request.get("headers") or {}),
        request_body=_text(request),
        status=response.get("status"),
        response_headers=dict(response.get("headers") or {}),
        response_body=_text(response),
        started_at=started.timestamp(),
        elapsed_ms=float(value.get("elapsed_ms") or 0.0),
        error=value.get("error"),
        case=(value.get("cases") or [None])[0],
    )
