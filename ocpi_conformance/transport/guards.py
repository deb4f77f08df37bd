"""The guards under the OCPI client: where a request may go, how long it may take in all, how
much a body may grow while it is decoded, and how deep its JSON may nest.

A hostile target must get a described failure, never our tokens, our time or our memory:
- `HostPolicy`: credentials go only to the origin of the versions URL and to hosts the user
  allows; any other URL is refused before a connection is made (also for the peer's callbacks).
- `DeadlineBackend`: every socket operation of one exchange, status line and headers included,
  shares one deadline, so a server trickling its headers a byte a second still ends on time.
- `decode_body`: each Content-Encoding layer is decompressed with a bound on its output, so a
  gzip bomb stops at the body limit instead of filling memory.
- `parse_json`: strict UTF-8 and a nesting limit far above any OCPI object's; every body a
  target (or a capture) sent is read through it (`parse_json_text`, `json_or_none` for text
  already decoded), never with `json.loads` directly.
"""

from __future__ import annotations

import functools
import json
import re
import ssl
import threading
import time
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

# --- where requests may go -----------------------------------------------------------------------

DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an absolute http(s) URL; None for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme]


@dataclass(frozen=True)
class HostPolicy:
    """The origins a run may send requests (and so credentials) to.

    `origins`: exact (scheme, host, port) triples, the versions URL's. `hosts`: host names or
    addresses the user allowed (`--allow-host`), any port and scheme; `host:port` narrows it."""

    origins: frozenset[tuple[str, str, int]] = frozenset()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def for_target(cls, versions_url: str | None, allowed: Iterable[str] = ()) -> HostPolicy:
        found = origin(versions_url or "")
        return cls(frozenset({found} if found else ()), frozenset(h.lower() for h in allowed))

    def refusal(self, url: str) -> str | None:
        """Why `url` may not be requested, or None when it may."""
        found = origin(url)
        if found is None:
            return f"not an absolute http(s) URL: {url[:200]}"
        scheme, host, port = found
        if found in self.origins or host in self.hosts or f"{host}:{port}" in self.hosts:
            return None
        allowed = sorted(f"{s}://{h}:{p}" for s, h, p in self.origins) + sorted(self.hosts)
        return (
            f"refused to send a request to {scheme}://{host}:{port}: not the origin of the "
            f"versions URL nor an allowed host ({', '.join(allowed) or 'none'}; see --allow-host)"
        )


# --- one deadline for a whole exchange ---------------------------------------------------------

_deadline = threading.local()


class Deadline:
    """`with Deadline(seconds):` bounds every socket operation of this thread until it exits."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> Deadline:
        self.previous = getattr(_deadline, "at", None)
        _deadline.at = time.monotonic() + self.seconds
        return self

    def __exit__(self, *_: object) -> None:
        _deadline.at = self.previous


def _remaining(timeout: float | None) -> float | None:
    at = getattr(_deadline, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the exchange's total deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:  # fmt: skip
        return _DeadlineStream(
            self.inner.start_tls(ssl_context, server_hostname, _remaining(timeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, every operation cut at the thread's `Deadline`."""

    def __init__(self) -> None:
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self.inner.connect_tcp(
            host, port, _remaining(timeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self.inner.connect_unix_socket(path, _remaining(timeout), socket_options)
        )

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One TLS context for every client: building one reads the CA bundle (~0.1 s), and the
    harness and its peer make many short-lived clients."""
    return httpx.create_ssl_context()


def http_client(connect_timeout: float, read_timeout: float) -> httpx.Client:
    """An httpx client whose connections honour the thread's `Deadline`, following no redirect
    (a redirect to another host would carry our credentials)."""
    transport = httpx.HTTPTransport(verify=_tls_context())
    pool = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("this httpx/httpcore does not allow a network backend of ours")
    pool._network_backend = DeadlineBackend()
    return httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
        follow_redirects=False,
    )


# --- bodies ------------------------------------------------------------------------------------


class BodyTooLarge(Exception):  # noqa: N818 - a condition, raised to stop decoding
    """The body, or one of its decoding layers, grew past the limit."""


def _inflate(chunks: Iterator[bytes], wbits: int, limit: int) -> Iterator[bytes]:
    """One gzip/deflate layer, never yielding more than `limit` bytes in all."""
    decoder = zlib.decompressobj(wbits)
    produced = 0
    for chunk in chunks:
        data = chunk
        while data:
            out = decoder.decompress(data, limit + 1 - produced)
            produced += len(out)
            if produced > limit:
                raise BodyTooLarge
            if out:
                yield out
            data = decoder.unconsumed_tail
    tail = decoder.flush()
    if produced + len(tail) > limit:
        raise BodyTooLarge
    if tail:
        yield tail


WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def decode_body(raw: Iterator[bytes], content_encoding: str | None, limit: int) -> bytes:
    """The body with every Content-Encoding layer undone, each bounded by `limit` bytes.

    Raises BodyTooLarge, ValueError (an encoding we cannot undo) or zlib.error (a corrupt one)."""
    layers = [e.strip().lower() for e in (content_encoding or "").split(",") if e.strip()]
    chunks: Iterator[bytes] = _bounded(raw, limit)
    for layer in reversed(layers):  # the last encoding applied is undone first
        if layer == "identity":
            continue
        if layer not in WBITS:
            raise ValueError(f"Content-Encoding {layer!r} is not supported")
        chunks = _inflate(chunks, WBITS[layer], limit)
    return b"".join(chunks)


def _bounded(raw: Iterator[bytes], limit: int) -> Iterator[bytes]:
    size = 0
    for chunk in raw:
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        yield chunk


MAX_DEPTH = 64  # OCPI nests about 8 deep (a Tariff's restrictions in an envelope); 64 is lenient


def parse_json(body: bytes, what: str = "response body") -> tuple[Any, str | None]:
    """(value, None), or (None, why the body is not acceptable JSON): not UTF-8 (RFC 8259
    requires it), not JSON, or nested deeper than MAX_DEPTH. `what` names it in the reason."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            None,
            f"{what} is not valid UTF-8 (byte {exc.object[exc.start]:#04x} at {exc.start})",
        )
    return parse_json_text(text, what)


def parse_json_text(
    text: str, what: str = "body", max_depth: int = MAX_DEPTH
) -> tuple[Any, str | None]:
    """`parse_json` for text already decoded (a recorded exchange's body): the same guard, so
    a body nested 100,000 deep is a reason, never a RecursionError, wherever it is read.
    `max_depth`: more for a record that wraps a body (a line of exchanges.jsonl)."""
    try:
        value = json.loads(text)
    except RecursionError:
        return None, f"{what} nests deeper than {max_depth} levels"
    except ValueError as exc:
        msg, pos = getattr(exc, "msg", str(exc)), getattr(exc, "pos", "?")
        return None, f"{what} is not JSON ({msg} at {pos})"
    if isinstance(value, (dict, list)) and text_depth(text) > max_depth:
        return None, f"{what} nests deeper than {max_depth} levels"
    return value, None


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def text_depth(text: str) -> int:
    """How deep arrays and objects nest in a JSON text already known to parse: the deepest
    run of open brackets outside strings, the number `depth` gives for its value, found with
    C loops instead of a walk of every value (a capture's bodies are read by the million)."""
    # Without an escaped quote, every other piece between the quotes is outside a string;
    # with one, the strings must be matched to be stepped over.
    escaped = '\\"' in text
    outside = _JSON_STRING.sub("", text) if escaped else "".join(text.split('"')[::2])
    steps = outside.encode("utf-8").translate(_STEPS, _NOT_BRACKETS)
    return max(accumulate(array("b", steps)), default=0)


def json_or_none(text: str | None) -> Any:
    """The JSON value of a recorded body when it parses within the guard, else None: for a
    check that reads a field of the body and has its own words for a body that is not JSON."""
    if text is None:
        return None
    return parse_json_text(text)[0]


def depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deep arrays and objects nest in a parsed JSON value (without recursion); counting
    stops once past `limit`."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            level += 1
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            stack.extend((child, level) for child in item)
    return deepest
