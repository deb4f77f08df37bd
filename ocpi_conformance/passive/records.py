"""One capture record as the harness's `Exchange`, whatever tool wrote it: a line of the
harness's own exchanges.jsonl (docs/exchanges.md), an EV Panda record (`direction, http_method,
url, response_status_code`, request and response headers and bodies), or a HAR entry.

Every record goes through the one guarded decoder (`transport.guards.parse_json`: UTF-8, a
bounded nesting): a record that is not one is a problem of the capture, named in one line,
never a traceback.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Any

from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.transport.guards import MAX_DEPTH, depth, parse_json_text

# A body of exchanges.jsonl sits two levels down (record, request): a record nested at most
# this deep holds bodies within the guard's MAX_DEPTH, which then need no walk of their own.
RECORD_DEPTH = MAX_DEPTH + 2
_PSEUDO = ":"  # HTTP/2 pseudo-headers (:authority, :path) are no headers of the request


class RecordError(ValueError):
    """A record that is not an exchange of any shape the judge reads."""


def decode(data: bytes, index: int) -> dict[str, Any]:
    """The record's JSON object, through the guarded decoder; RecordError saying why not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(
            f"record {index} is not valid UTF-8 (byte {data[exc.start]:#04x} at {exc.start})"
        ) from None
    value, why = parse_json_text(text, f"record {index}", RECORD_DEPTH)
    if why is not None:
        raise RecordError(why)
    if not isinstance(value, dict):
        raise RecordError(f"record {index} is a JSON {type(value).__name__}, not an object")
    return value


def exchange_of(record: dict[str, Any], index: int, previous_start: float = 0.0) -> Exchange:
    """The record as an Exchange (its JSON bodies already parsed into `parsed`)."""
    try:
        if isinstance(record.get("request"), dict) and "method" in record["request"]:
            return _har(record, previous_start)
        if "http_method" in record or "response_status_code" in record:
            return _evpanda(record, previous_start)
        if "method" in record or "url" in record:
            return _ours(record, previous_start)
    except RecordError as exc:
        raise RecordError(f"record {index}: {exc}") from None
    except (TypeError, AttributeError, KeyError) as exc:
        raise RecordError(f"record {index}: a field has the wrong shape ({exc})") from None
    keys = ", ".join(sorted(record)[:8]) or "none"
    raise RecordError(
        f"record {index} is no exchange record (its keys: {keys}): it lacks method and url"
    )


def _need(record: dict[str, Any], *names: str) -> list[Any]:
    missing = [n for n in names if record.get(n) in (None, "")]
    if missing:
        raise RecordError(f"lacks {', '.join(missing)}")
    return [record[n] for n in names]


def _time(value: Any, fallback: float) -> float:
    """Seconds since the epoch of an RFC 3339 stamp or an epoch number (s or ms)."""
    if isinstance(value, bool) or value is None:
        return fallback
    if isinstance(value, (int, float)):
        return float(value) / 1000 if value > 10**11 else float(value)
    try:
        text = str(value).strip().replace("Z", "+00:00")
        moment = datetime.fromisoformat(text)
    except ValueError:
        return fallback
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # a stamp without offset: read as UTC, as OCPI's
    return moment.timestamp()


def _headers(value: Any) -> dict[str, str]:
    """Headers as one dict, names in lower case; a HAR list or repeated names joined by ', '."""
    pairs: list[tuple[Any, Any]]
    if isinstance(value, dict):
        pairs = list(value.items())
    elif isinstance(value, list):
        pairs = [(h.get("name"), h.get("value")) for h in value if isinstance(h, dict)]
    else:
        return {}
    out: dict[str, str] = {}
    for name, found in pairs:
        if not isinstance(name, str) or name.startswith(_PSEUDO) or found is None:
            continue
        key = name.lower()
        text = ", ".join(map(str, found)) if isinstance(found, list) else str(found)
        out[key] = f"{out[key]}, {text}" if key in out else text
    return out


def _status(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and 100 <= value <= 599 else None


def _body(value: Any, fmt: str | None = None, nested: int = 2) -> tuple[str | None, Any, bool]:
    """(text, JSON value, whether the value is known) of a body as a record holds it, `nested`
    levels down in its record (a record within RECORD_DEPTH holds a body within MAX_DEPTH two
    levels down; one level down it may not, and is measured)."""
    if value is None:
        return None, None, True
    if isinstance(value, (dict, list)) or fmt == "json":
        text = json.dumps(value, ensure_ascii=False)
        if nested < 2 and depth(value, MAX_DEPTH) > MAX_DEPTH:
            return text, None, True  # deeper than the guard takes: a body, not JSON to judge
        return text, value, True
    text = str(value)
    return text, None, False


def _build(
    *,
    direction: str,
    method: Any,
    url: Any,
    request_headers: dict[str, str],
    request: tuple[str | None, Any, bool],
    status: int | None,
    response_headers: dict[str, str],
    response: tuple[str | None, Any, bool],
    started: float,
    elapsed: Any,
    error: Any,
) -> Exchange:
    parsed: dict[str, Any] = {}
    if request[2]:
        parsed["request"] = request[1]
    if response[2]:
        parsed["response"] = response[1]
    ms = elapsed if isinstance(elapsed, (int, float)) and not isinstance(elapsed, bool) else 0.0
    return Exchange(
        direction=str(direction),
        method=str(method).upper(),
        url=str(url),
        request_headers=request_headers,
        request_body=request[0],
        status=status,
        response_headers=response_headers,
        response_body=response[0],
        started_at=started,
        elapsed_ms=max(float(ms), 0.0),
        error=str(error) if error else None,
        parsed=parsed,
    )


def _ours(record: dict[str, Any], previous: float) -> Exchange:
    method, url = _need(record, "method", "url")
    request = record.get("request") or {}
    response = record.get("response") or {}
    if not isinstance(request, dict) or not isinstance(response, dict):
        raise RecordError("request and response are not objects")
    return _build(
        direction=record.get("direction") or "captured",
        method=method,
        url=url,
        request_headers=_headers(request.get("headers")),
        request=_body(request.get("body"), request.get("body_format")),
        status=_status(response.get("status")),
        response_headers=_headers(response.get("headers")),
        response=_body(response.get("body"), response.get("body_format")),
        started=_time(record.get("started_at"), previous),
        elapsed=record.get("elapsed_ms"),
        error=record.get("error"),
    )


_EVPANDA_TIMES = ("timestamp", "started_at", "request_timestamp", "created_at", "time")
_EVPANDA_DURATIONS = ("duration_ms", "elapsed_ms", "response_time_ms", "latency_ms")


def _evpanda(record: dict[str, Any], previous: float) -> Exchange:
    method, url = _need(record, "http_method", "url")
    stamp = next((record[k] for k in _EVPANDA_TIMES if record.get(k) is not None), None)
    elapsed = next((record[k] for k in _EVPANDA_DURATIONS if record.get(k) is not None), 0.0)
    return _build(
        direction=record.get("direction") or "captured",
        method=method,
        url=url,
        request_headers=_headers(record.get("request_headers")),
        request=_body(record.get("request_body"), nested=1),
        status=_status(record.get("response_status_code")),
        response_headers=_headers(record.get("response_headers")),
        response=_body(record.get("response_body"), nested=1),
        started=_time(stamp, previous),
        elapsed=elapsed,
        error=record.get("error"),
    )


def _har_content(content: Any) -> tuple[str | None, Any, bool]:
    if not isinstance(content, dict) or content.get("text") is None:
        return None, None, True
    text = content["text"]
    if not isinstance(text, str):
        raise RecordError("a body's text is not a string")
    if str(content.get("encoding", "")).lower() == "base64":
        try:
            raw = base64.b64decode(text, validate=False)
        except (binascii.Error, ValueError):
            raise RecordError("a body marked base64 is not Base64") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RecordError(
                f"a body is not valid UTF-8 (byte {raw[exc.start]:#04x} at {exc.start})"
            ) from None
    return text, None, False


def _har(record: dict[str, Any], previous: float) -> Exchange:
    request, response = record["request"], record.get("response") or {}
    method, url = _need(request, "method", "url")
    status = _status(response.get("status")) if isinstance(response, dict) else None
    error = record.get("_error") or (response.get("_error") if isinstance(response, dict) else None)
    return _build(
        direction=str(record.get("_direction") or "captured"),
        method=method,
        url=url,
        request_headers=_headers(request.get("headers")),
        request=_har_content(request.get("postData")),
        status=status,
        response_headers=_headers(response.get("headers") if isinstance(response, dict) else None),
        response=_har_content(response.get("content") if isinstance(response, dict) else None),
        started=_time(record.get("startedDateTime"), previous),
        elapsed=record.get("time"),
        error=error if error else (None if status is not None else "no response recorded"),
    )
