"""Captures for the passive judge's tests: the sandbox CPO and the sandbox eMSP registering with
each other and pushing through the proxy (real HTTP on loopback), and ways to rewrite a
capture's records (a seeded fault, another tool's shape)."""

from __future__ import annotations

import base64
import json
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocpi_conformance.passive.outputs import Verdicts
from ocpi_conformance.passive.proxy import Proxy, ProxySettings, finish
from ocpi_conformance.sandbox import start

EMSP_TOKEN_A = "passive-test-emsp-token-a-7f3e"
CPO_TOKEN_A = "passive-test-cpo-token-a-91b2"


@dataclass
class Proxied:
    """What a proxied session left: its output folder, the verdicts, and the requests each
    side received and sent, as the sandboxes' own logs and the proxy's counters say."""

    folder: Path
    verdicts: Verdicts
    received: dict[str, int]  # by the sandbox, on their own logs ("cpo", "emsp")
    sent: dict[str, int]
    proxy_received: list[int]  # per listener: [in front of the eMSP, in front of the CPO]
    proxy_sent: list[int]
    tokens: set[str] = field(repr=False)  # every token the two sandboxes used (kept out of reprs)

    @property
    def capture(self) -> Path:
        return self.folder / "exchanges.jsonl"


def _settled(count: Callable[[], int], quiet: float = 1.5, limit: float = 30.0) -> None:
    """Wait until `count` stops growing for `quiet` seconds (at most `limit`)."""
    deadline = time.monotonic() + limit
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = count()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.1)


def proxied(folder: Path) -> Proxied:
    """The sandbox CPO registers with the sandbox eMSP through the proxy (its /sandbox/register
    trigger, sent to the CPO directly); each then pushes to the other (Locations, Sessions, a
    CDR and a Tariff one way; Tokens, a START_SESSION and a charging profile the other), all of
    it through the proxy, whose listeners stand in front of each."""
    folder.mkdir(parents=True, exist_ok=True)
    emsp, emsp_server = start("emsp", EMSP_TOKEN_A)
    cpo, cpo_server = start("cpo", CPO_TOKEN_A)
    try:
        settings = ProxySettings(
            listen=["127.0.0.1:0", "127.0.0.1:0"],
            upstream=[emsp_server.url, cpo_server.url],
            timeout=10,
        )
        proxy = Proxy(settings, folder, [])
        emsp.set_base_url(proxy.urls[0])
        cpo.set_base_url(proxy.urls[1])
        body = {"versions_url": f"{proxy.urls[0]}/ocpi/versions", "token_a": EMSP_TOKEN_A}
        request = urllib.request.Request(
            f"{cpo_server.url}/sandbox/register",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert json.loads(answer.read())["status_code"] == 1000
        _settled(lambda: len(emsp.log) + len(cpo.log))
        started = time.time()
        ctx, judge = proxy.stop()
        verdicts = finish(settings, folder, ctx, judge, {}, started)

        def count(log: Any, direction: str) -> int:
            return sum(1 for e in log.all() if e.direction == direction)

        return Proxied(
            folder,
            verdicts,
            {"cpo": count(cpo.log, "inbound"), "emsp": count(emsp.log, "inbound")},
            {"cpo": count(cpo.log, "outbound"), "emsp": count(emsp.log, "outbound")},
            [listener.received for listener in proxy.listeners],
            [listener.sent for listener in proxy.listeners],
            cpo.every_token() | emsp.every_token() | {EMSP_TOKEN_A, CPO_TOKEN_A},
        )
    finally:
        emsp_server.stop()
        cpo_server.stop()


# --- rewriting a capture ----------------------------------------------------------------------


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def write_lines(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def find(records: list[dict[str, Any]], method: str, part: str) -> dict[str, Any]:
    """The first record of `method` whose URL holds `part`."""
    return next(r for r in records if r["method"] == method and part in r["url"])


_MASK = "«"


def unmasked(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], set[str]]:
    """The records with every masked token replaced by a made-up raw token, the same token
    for the same label (Base64 where the mask says so): a capture as a tool that does not
    redact would hold it. Returns the records and the tokens made up."""
    made: dict[str, str] = {}

    def token(label: str) -> str:
        return made.setdefault(label, f"raw-{abs(hash(label)) % 10**12:012d}-secret")

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, str) and _MASK in value:
            start, end = value.index("«"), value.index("»")
            label = value[start + 1 : end]
            base = label.removesuffix(", base64")
            raw = token(base)
            text = base64.b64encode(raw.encode()).decode() if label.endswith(", base64") else raw
            return value[:start] + text + value[end + 1 :]
        return value

    return [walk(r) for r in records], set(made.values())


def as_har(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Records of exchanges.jsonl as a HAR 1.2 document (as browsers and mitmproxy write it)."""

    def headers(found: dict[str, str]) -> list[dict[str, str]]:
        return [{"name": k.title(), "value": v} for k, v in found.items()]

    def text(part: dict[str, Any]) -> str | None:
        body = part.get("body")
        if body is None:
            return None
        return json.dumps(body) if part.get("body_format") == "json" else str(body)

    entries = []
    for r in records:
        request: dict[str, Any] = {
            "method": r["method"],
            "url": r["url"],
            "httpVersion": "HTTP/1.1",
            "headers": headers(r["request"]["headers"]),
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": -1,
        }
        if text(r["request"]) is not None:
            request["postData"] = {"mimeType": "application/json", "text": text(r["request"])}
        content: dict[str, Any] = {"size": 0, "mimeType": "application/json"}
        if text(r["response"]) is not None:
            content["text"] = text(r["response"])
        entries.append(
            {
                "startedDateTime": r["started_at"],
                "time": r["elapsed_ms"],
                "request": request,
                "response": {
                    "status": r["response"]["status"] or 0,
                    "statusText": "",
                    "httpVersion": "HTTP/1.1",
                    "headers": headers(r["response"]["headers"]),
                    "cookies": [],
                    "content": content,
                    "redirectURL": "",
                    "headersSize": -1,
                    "bodySize": -1,
                },
                "cache": {},
                "timings": {"send": 0, "wait": r["elapsed_ms"], "receive": 0},
            }
        )
    return {"log": {"version": "1.2", "creator": {"name": "test", "version": "1"},
                    "pages": [], "entries": entries}}  # fmt: skip


def as_evpanda(records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Records as EV Panda captures them: no Authorization header, no body over 64 KiB."""
    for r in records:

        def body(part: dict[str, Any]) -> Any:
            value = part.get("body")
            text = json.dumps(value) if part.get("body_format") == "json" else value
            return None if text is None or len(str(text)) > 64 * 1024 else text

        yield {
            "direction": "outbound",
            "timestamp": r["started_at"],
            "duration_ms": r["elapsed_ms"],
            "http_method": r["method"],
            "url": r["url"],
            "request_headers": {
                k: v for k, v in r["request"]["headers"].items() if k != "authorization"
            },
            "request_body": body(r["request"]),
            "response_status_code": r["response"]["status"],
            "response_headers": r["response"]["headers"],
            "response_body": body(r["response"]),
        }
