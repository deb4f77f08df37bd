"""What the judge writes of a capture, with no token in it, whatever the capture held.

A capture's tokens are not known up front, so the mask is wide: every Authorization (and
Proxy-Authorization, Cookie) value is masked whatever it holds, every Credentials object's
token is masked wherever it passes, and every token the capture's credentials exchanges
showed is masked in any text, raw and Base64. A masked token says which token it was by role
(`«token C of NL/MSP, base64»`) where the context knows it, else `«redacted»`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.transport.redaction import MASK, encode_token
from ocpi_conformance.verdicts.checks.context import Context, masked_label, presented

SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


class Redactor:
    """Masks a capture's tokens in everything the judge writes (see the module's docstring)."""

    def __init__(self, ctx: Context, values: dict[str, str]) -> None:
        self.ctx = ctx
        masks: dict[str, str] = {}
        for value, label in values.items():
            masks[value] = f"«{label}»"
            masks[encode_token(value)] = f"«{label}, base64»"
            escaped = json.dumps(value)[1:-1]  # as a JSON text writes it (a quote escaped)
            if escaped != value:
                masks[escaped] = f"«{label}»"
        self._masks = sorted(masks.items(), key=lambda item: len(item[0]), reverse=True)

    def text(self, text: str | None) -> str | None:
        if not text:
            return text
        for value, mask in self._masks:
            if value in text:
                text = text.replace(value, mask)
        return text

    def header(self, name: str, value: str) -> str:
        if name.lower() not in SECRET_HEADERS:
            return self.text(value) or ""
        if name.lower() != "authorization" and name.lower() != "proxy-authorization":
            return MASK
        scheme, _, credential = value.strip().partition(" ")
        if masked_label(credential.strip()) is not None:
            return value  # masked already (a harness's or a proxy's own record)
        found = presented(value, self.ctx.known_prints)
        role = self.ctx.tokens.get(found.print) if found and found.print else None
        if role is None:
            return f"{scheme} {MASK}" if credential else MASK
        suffix = ", base64" if found is not None and found.encoding == "base64" else ""
        return f"{scheme} «{role.label}{suffix}»"

    def headers(self, headers: dict[str, str]) -> dict[str, str]:
        return {name: self.header(name, value) for name, value in headers.items()}

    def url(self, url: str) -> str:
        parts = urlsplit(url)
        if "@" in parts.netloc:
            parts = parts._replace(netloc=parts.netloc.rsplit("@", 1)[1])
            url = urlunsplit(parts)
        return self.text(url) or ""

    def value(self, value: Any, depth: int = 0) -> Any:
        """A JSON value with every Credentials token masked and known tokens masked in text."""
        if depth > 80:
            return value
        if isinstance(value, dict):
            out = {k: self.value(v, depth + 1) for k, v in value.items()}
            token = out.get("token")
            if isinstance(token, str) and "url" in out and masked_label(token) is None:
                out["token"] = self.text(token) if self.text(token) != token else MASK
            return out
        if isinstance(value, list):
            return [self.value(v, depth + 1) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def body(self, exchange: Exchange, side: str) -> tuple[str, str | None]:
        """(the body as JSON text to embed in a line, body_format), exchanges.jsonl's."""
        text = exchange.request_body if side == "request" else exchange.response_body
        if text is None:
            return "null", None
        value = exchange.request_json() if side == "request" else exchange.response_json()
        if value is None and text.strip() != "null":
            return json.dumps(self.text(text), ensure_ascii=False), "text"
        if '"token"' in text:  # perhaps a Credentials object: its token masked whatever it is
            return json.dumps(self.value(value), ensure_ascii=False), "json"
        if "\n" in text or "\r" in text:  # a pretty-printed body: one line, as a record is
            text = json.dumps(value, ensure_ascii=False)
        return self.text(text) or "null", "json"


def _stamp(seconds: float) -> str:
    try:
        moment = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        moment = datetime.fromtimestamp(0, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def line_without_cases(
    exchange: Exchange, seq: int, redactor: Redactor, source: dict[str, Any]
) -> str:
    """One line of the judge's exchanges.jsonl (docs/exchanges.md), redacted, up to its last
    key, `cases`, whose value the judge adds once it knows it: '{..., "cases": '. Bodies are
    embedded as the JSON text they came as, not parsed and written again."""
    request_body, request_format = redactor.body(exchange, "request")
    response_body, response_format = redactor.body(exchange, "response")
    head = {
        "seq": seq,
        "started_at": _stamp(exchange.started_at),
        "ended_at": _stamp(exchange.started_at + exchange.elapsed_ms / 1000),
        "elapsed_ms": round(exchange.elapsed_ms, 1),
        "direction": exchange.direction,
        "method": exchange.method,
        "url": redactor.url(exchange.url),
    }
    dump = json.dumps
    return (
        dump(head, ensure_ascii=False)[:-1]
        + ', "request": {"headers": '
        + dump(redactor.headers(exchange.request_headers), ensure_ascii=False)
        + f', "body": {request_body}, "body_format": {dump(request_format)}}}'
        + f', "response": {{"status": {dump(exchange.status)}, "headers": '
        + dump(redactor.headers(exchange.response_headers), ensure_ascii=False)
        + f', "body": {response_body}, "body_format": {dump(response_format)}}}'
        + f', "error": {dump(redactor.text(exchange.error), ensure_ascii=False)}'
        + f', "source": {dump(source, ensure_ascii=False)}, "cases": '
    )
