"""What a run left in its folder, read back for the front page: results.json and the exchanges
of the cases that failed, so a report can be built from any run folder, later, elsewhere.

The exchanges come from `exchanges.jsonl` when the run wrote one (one redacted exchange a line,
with the ids of the cases that used it), otherwise from the Allure results (one step per
exchange, its request and response attached as JSON). Both were redacted when recorded; the
front page masks credentials once more anyway (`mask_credentials`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ocpi_conformance.transport.redaction import MASK

# allure.attach_exchanges names each step "<METHOD> <URL> -> <HTTP n | error>", or with
# "<- (the target called us)" for a request the target sent the harness.
_STEP = re.compile(r"^(?P<method>\S+) (?P<url>\S+) (?P<arrow>->|<- \(the target called us\)) ")
# A masked value: «redacted», «token C», «token C, base64»; whatever else stands there is masked.
_MASKED = re.compile(r"^«[^«»]*»$")


# The label allure.tidy gives a failed result: the name of its failure category (categories.json).
CATEGORY_LABEL = "category"


class RunFolderError(Exception):
    """The folder holds no readable results.json; the message says which file and why."""


@dataclass(frozen=True)
class Exchange:
    """One request and its answer as the reports recorded it (redacted)."""

    direction: str  # "outbound": the harness called the target; "inbound": the target called us
    method: str
    url: str
    status: int | None
    error: str | None
    request_headers: dict[str, str]
    request_body: Any  # parsed JSON, text, or None
    response_headers: dict[str, str]
    response_body: Any

    @classmethod
    def of_record(cls, record: dict[str, Any]) -> Exchange:
        """From a dict shaped like `exchanges.Exchange.to_dict()` (a line of exchanges.jsonl)."""
        request = _dict(record.get("request"))
        response = _dict(record.get("response"))
        status = response.get("status")
        return cls(
            direction=str(record.get("direction") or "outbound"),
            method=str(record.get("method") or "?"),
            url=str(record.get("url") or ""),
            status=status if isinstance(status, int) else None,
            error=str(record["error"]) if record.get("error") else None,
            request_headers=_headers(request.get("headers")),
            request_body=request.get("body"),
            response_headers=_headers(response.get("headers")),
            response_body=response.get("body"),
        )


def load_results(folder: Path) -> dict[str, Any]:
    """DIR/results.json as a dict with a list of case dicts; RunFolderError when it cannot be."""
    path = folder / "results.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunFolderError(f"no results.json in {folder}: is it a run's output folder?") from None
    except (OSError, ValueError, RecursionError) as exc:
        raise RunFolderError(f"{path} cannot be read: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
        raise RunFolderError(f"{path} is not a results.json of ocpi-conformance (no cases list)")
    doc["cases"] = [case for case in doc["cases"] if isinstance(case, dict)]
    return doc


def exchanges_of(folder: Path, case_ids: Iterable[str]) -> dict[str, list[Exchange]]:
    """The exchanges of each case, in the order they were made."""
    wanted = set(case_ids)
    if not wanted:
        return {}
    jsonl = folder / "exchanges.jsonl"
    if jsonl.is_file():
        return _from_jsonl(jsonl, wanted)
    return _from_allure(folder / "allure-results", wanted)


def _from_jsonl(path: Path, wanted: set[str]) -> dict[str, list[Exchange]]:
    found: dict[str, list[Exchange]] = {case: [] for case in wanted}
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                continue
            if not isinstance(record, dict):
                continue
            cases = record.get("cases")
            ids = set(cases) if isinstance(cases, list) else set()
            if record.get("case"):
                ids.add(record["case"])
            mine = ids & wanted
            if mine:
                exchange = Exchange.of_record(record)
                for case in sorted(mine):
                    found[case].append(exchange)
    return found


def _from_allure(results: Path, wanted: set[str]) -> dict[str, list[Exchange]]:
    found: dict[str, list[Exchange]] = {case: [] for case in wanted}
    for path in sorted(results.glob("*-result.json")):
        result = _read_json(path)
        if not isinstance(result, dict):
            continue
        case = allure_case_id(result)
        if case not in wanted:
            continue
        for step in result.get("steps") or []:
            exchange = _from_step(results, step)
            if exchange is not None:
                found[case].append(exchange)
    return found


def allure_case_id(result: dict[str, Any]) -> str | None:
    """The case id of an Allure result: its `as_id` label (allure.label sets it with
    allure.dynamic.id), else the first word of its name (`<ID> <title>`)."""
    for label in result.get("labels") or []:
        if isinstance(label, dict) and label.get("name") == "as_id":
            return str(label.get("value"))
    name = str(result.get("name") or "")
    return name.split(" ", 1)[0] or None


def _from_step(results: Path, step: Any) -> Exchange | None:
    if not isinstance(step, dict):
        return None
    name = str(step.get("name") or "")
    match = _STEP.match(name)
    if match is None:
        return None
    outcome = name[match.end() :]
    attached = {
        str(a.get("name")): _read_json(results / str(a.get("source")))
        for a in step.get("attachments") or []
        if isinstance(a, dict) and a.get("name") in ("request", "response")
    }
    record = {
        "direction": "outbound" if match["arrow"] == "->" else "inbound",
        "method": match["method"],
        "url": match["url"],
        "request": attached.get("request"),
        "response": attached.get("response"),
        "error": None if outcome.startswith("HTTP ") else outcome,
    }
    return Exchange.of_record(record)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _headers(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def without_userinfo(url: str) -> str:
    """A URL with `user:password@` removed: credentials never reach a report."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def mask_credentials(exchange: Exchange) -> Exchange:
    """The exchange with every credential masked, whatever the recording did: an Authorization
    value keeps its scheme and a mask only, a Credentials object's token becomes a mask, and a
    URL loses its user:password. The recordings are redacted already; this is the second lock."""
    return Exchange(
        direction=exchange.direction,
        method=exchange.method,
        url=without_userinfo(exchange.url),
        status=exchange.status,
        error=exchange.error,
        request_headers=_masked_headers(exchange.request_headers),
        request_body=_masked_body(exchange.request_body),
        response_headers=_masked_headers(exchange.response_headers),
        response_body=_masked_body(exchange.response_body),
    )


def _masked_headers(headers: dict[str, str]) -> dict[str, str]:
    out = {}
    for name, value in headers.items():
        if name.lower() in ("authorization", "proxy-authorization"):
            scheme, _, credential = value.partition(" ")
            if not _MASKED.match(credential.strip()):
                value = f"{scheme} {MASK}" if credential else MASK
        out[name] = value
    return out


def _masked_body(body: Any, depth: int = 0) -> Any:
    """A Credentials object (token, url, roles) keeps its token only as a mask."""
    if depth > 64:  # deeper than any OCPI object; left as is, it is rendered as text
        return body
    if isinstance(body, dict):
        masked = {k: _masked_body(v, depth + 1) for k, v in body.items()}
        token = masked.get("token")
        if isinstance(token, str) and "url" in masked and not _MASKED.match(token):
            masked["token"] = MASK
        return masked
    if isinstance(body, list):
        return [_masked_body(v, depth + 1) for v in body]
    return body
