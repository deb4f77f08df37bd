"""A deliberately broken HTTP server on loopback, for testing how the harness copes.

stdlib `http.server` gives byte-level control (trickling, resets, lying headers) that a
framework would smooth over. Each path is one behaviour; `hits` counts requests per path.
"""

from __future__ import annotations

import functools
import gzip
import http.client
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlparse

if TYPE_CHECKING:
    from ocpi_conformance.party import PartyState


def envelope(data: object, status_code: int = 1000) -> bytes:
    body = {"data": data, "status_code": status_code, "timestamp": "2026-11-23T10:00:00Z"}
    return json.dumps(body).encode()


class Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:  # keep test output quiet
        return

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        self.server.hits[url.path] += 1
        self.server.seen_headers.append(dict(self.headers))
        query = parse_qs(url.query)
        base = f"http://127.0.0.1:{self.server.server_port}"
        if url.path == "/html":
            self.send_response(502)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>Bad Gateway</body></html>")
        elif url.path == "/long-error":  # a framework's error page, longer than one line
            self.send_response(500)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"Traceback line " * 100 + b"</body></html>")
        elif url.path == "/hang":
            time.sleep(5)
            self._send(200, envelope([]))
        elif url.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        elif url.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Length", str(2 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"x" * (2 * 1024 * 1024))
        elif url.path == "/reset":
            self.connection.close()
        elif url.path == "/loop":
            self._send(200, envelope([{"n": 1}]), {"Link": f'<{base}/loop>; rel="next"'})
        elif url.path == "/endless":
            offset = int(query.get("offset", ["0"])[0])
            link = f'<{base}/endless?offset={offset + 1}>; rel="next"'
            self._send(200, envelope([{"n": offset}]), {"Link": link})
        elif url.path == "/pages":
            offset = int(query.get("offset", ["0"])[0])
            headers = {"X-Total-Count": "3"}
            if offset < 2:
                headers["Link"] = f'<{base}/pages?offset={offset + 1}&limit=1>; rel="next"'
            self._send(200, envelope([{"n": offset}]), headers)
        elif url.path == "/echo":
            self._send(200, envelope(dict(self.headers)))
        elif url.path == "/trickle-headers":  # the status line and headers, a byte at a time
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Pad: " + b"a" * 80:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        elif url.path == "/deep":
            self._send(200, b"[" * 100_000 + b"]" * 100_000)
        elif url.path == "/gzip-bomb":
            self._send(200, gzip_bomb(), {"Content-Encoding": "gzip, gzip"})
        elif url.path == "/latin1":
            body = json.dumps({"data": [], "status_code": 1000, "status_message": "XX"})
            self._send(200, body.encode().replace(b"XX", "Zürich".encode("latin-1")))
        elif url.path == "/link-away":
            away = query.get("to", [""])[0]
            self._send(200, envelope([{"n": 1}]), {"Link": f'<{away}>; rel="next"'})
        elif url.path == "/slash":  # a route served only with a trailing slash (a framework's)
            self._send(308, b"", {"Location": "/slash/" + (f"?{url.query}" if url.query else "")})
        elif url.path == "/slash/":
            self._send(200, envelope([{"n": 1, "query": url.query}]))
        elif url.path == "/redirect-away":
            self._send(307, b"", {"Location": query.get("to", [""])[0]})
        elif url.path == "/versions-away":  # the 2.2.1 details live on another host
            away = query.get("to", [""])[0]
            self._send(200, envelope([{"version": "2.2.1", "url": away}]))
        else:
            self._send(404, envelope(None, 2000))


@functools.cache
def gzip_bomb() -> bytes:
    """200 MB of zeros, gzipped twice: a few hundred bytes on the wire."""
    once = gzip.compress(bytes(200 * 1024 * 1024), compresslevel=9)
    return gzip.compress(once, compresslevel=9)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hits: Counter[str]
    seen_headers: list[dict[str, str]]

    def handle_error(self, request: object, client_address: object) -> None:
        """The client hanging up on a trickle or a huge body is the point, not an error."""


@contextmanager
def misbehaving_server(host: str = "127.0.0.1") -> Iterator[_Server]:
    """The server on `host`; 127.0.0.2 stands in for "another host" (a recorder: `hits`)."""
    server = _Server((host, 0), Handler)
    server.hits = Counter()
    server.seen_headers = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


DEEP_JSON = b"[" * 100_000 + b"]" * 100_000  # far past any parser's recursion limit


class _FrontHandler(BaseHTTPRequestHandler):
    """Forwards every request to the party behind it, but answers a CPO's Locations list (the
    GET of `/locations` with no object id) with DEEP_JSON."""

    server: _Front

    def log_message(self, *args: object) -> None:
        return

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        if self.command == "GET" and urlparse(self.path).path.rstrip("/").endswith("/locations"):
            self.server.hits["/locations"] += 1
            self._answer(200, [("Content-Type", "application/json")], DEEP_JSON)
            return
        behind = http.client.HTTPConnection(self.server.behind, timeout=10)
        try:
            skip = {"host", "connection"}
            headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
            behind.request(self.command, self.path, body=body, headers=headers)
            reply = behind.getresponse()
            self._answer(reply.status, reply.getheaders(), reply.read())
        finally:
            behind.close()

    def _answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.send_response(status)
        hop = {"content-length", "transfer-encoding", "connection", "date", "server"}
        for name, value in headers:
            if name.lower() not in hop:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward  # noqa: N815


class _Front(ThreadingHTTPServer):
    daemon_threads = True
    behind: str  # host:port of the party behind it
    hits: Counter[str]


@contextmanager
def deep_locations_in_front_of(state: PartyState, behind_url: str) -> Iterator[_Front]:
    """A CPO whose Locations list nests 100,000 arrays deep and is otherwise the sandbox at
    `behind_url`: the sandbox then names this server in its versions and details (`state`)."""
    server = _Front(("127.0.0.1", 0), _FrontHandler)
    server.behind, server.hits = urlparse(behind_url).netloc, Counter()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served_at = state.base_url
    state.set_base_url(f"http://127.0.0.1:{server.server_port}")
    try:
        yield server
    finally:
        state.set_base_url(served_at)
        server.shutdown()
        server.server_close()
