"""`ocpi-conformance proxy`: a reverse proxy to put between two partners. It forwards every
request unchanged to its upstream and the answer unchanged back, never sends a request of its
own, records each exchange (redacted) and judges it as it goes; on exit, SIGTERM or
--max-duration it writes the same outputs as `judge`.

Both sides keep the run's guards (transport/guards.py): a request body over the limit is
refused (413) and not forwarded, a client that does not finish its request within the deadline
gets 408, and the upstream exchange has one deadline and a bounded body (504, 502 otherwise).
Those answers are the only ones the proxy writes itself, and each is recorded with its reason.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import socket
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpx
import uvicorn
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ocpi_conformance.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from ocpi_conformance.passive import engine, outputs
from ocpi_conformance.passive.command import JudgeSettings, UsageError, check, evidence, verdicts
from ocpi_conformance.passive.learn import Learner, PartyOption
from ocpi_conformance.passive.tally import Tally
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.transport.guards import (
    BodyTooLarge,
    Deadline,
    decode_body,
    http_client,
    origin,
)
from ocpi_conformance.verdicts.checks.context import Context
from ocpi_conformance.verdicts.checks.registry import Rules, rules
from ocpi_conformance.verdicts.deviations import Deviation

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
MAX_BODY_BYTES = 10 * 2**20  # the run's Limits.max_body_bytes
QUEUE = 10_000  # exchanges waiting to be judged; a handler waits when it is full
LAG, LAG_S = 64, 1.0  # an exchange is judged this many exchanges, or seconds, after it came
SUMMARY_EVERY_S = 2.0


@dataclass
class ProxySettings:
    listen: list[str]
    upstream: list[str]
    output: Path | None = None
    ocpi_version: str | None = None
    fail_on: str = "mandatory"
    known_deviations: Path | None = None
    parties: list[str] = field(default_factory=list)
    timeout: float = 30.0
    max_duration: float | None = None
    max_body_bytes: int = MAX_BODY_BYTES


def listen_address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise UsageError(f"--listen {text!r}: give HOST:PORT")
    return host.strip("[]"), int(port)


# --- judging as it goes ------------------------------------------------------------------------


class LiveJudge:
    """Learns who is who and judges each exchange as the proxy hands it over, in the order the
    exchanges completed; writes exchanges.jsonl and keeps a rolling summary. It runs in a
    process of its own (`JudgeProcess`): the forwarding never waits for a verdict, nor for the
    interpreter's lock while a verdict is worked out."""

    def __init__(
        self, out: Path, number: str | None, options: list[PartyOption], table: Rules
    ) -> None:
        self.learner = Learner(number, options)
        self.ctx = self.learner.context()
        self.out = out.open("w", encoding="utf-8")
        self.judge = engine.Judge(self.ctx, self.out, table)
        self.worker = engine.Worker(self.ctx, {}, table)
        self.seq = 0

    def run(self, inbox: Any, summary: Any) -> None:
        """Learn from each exchange at once, judge it a little later (LAG exchanges or LAG_S
        seconds): a registration's callbacks complete before its POST, which names the
        parties they were between. Ends at a None."""
        waiting: deque[tuple[float, Exchange]] = deque()
        closing = False
        shown = ""
        while not closing or waiting:
            try:
                exchange = inbox.get(timeout=0.2) if not closing else None
            except queue.Empty:
                exchange = None
            else:
                closing = closing or exchange is None
            if exchange is not None:
                self._learn(exchange)
                waiting.append((time.monotonic(), exchange))
            now = time.monotonic()
            while waiting and (closing or len(waiting) > LAG or now - waiting[0][0] > LAG_S):
                self.seq += 1
                self.judge.take(self.worker.exchange(self.seq, waiting.popleft()[1], {}))
            line = self.summary()
            if line != shown:
                summary.value = line.encode("utf-8")[: SUMMARY_BYTES - 1]
                shown = line

    def _learn(self, exchange: Exchange) -> None:
        learner = self.learner
        before = (
            len(learner.versions),
            len(learner.details),
            len(learner.tokens),
            len(learner.identities),
        )
        learner.learn(exchange)
        after = (
            len(learner.versions),
            len(learner.details),
            len(learner.tokens),
            len(learner.identities),
        )
        if after != before:
            self._relearn()

    def _relearn(self) -> None:
        """The context grew (a versions, details or credentials exchange): judge on with it."""
        self.ctx = self.learner.context()
        self.worker = engine.Worker(self.ctx, self.learner.masks.labels, self.worker.rules)
        self.judge.ctx = self.ctx

    def summary(self) -> str:
        counts = self.judge.tally.counts
        failed = sorted(c for c, by in counts.items() if any(x.failed for x in by.values()))
        passed = sum(1 for c, by in counts.items() if c not in failed)
        shown = f" ({', '.join(failed[:5])}{', ...' if len(failed) > 5 else ''})" if failed else ""
        return (
            f"proxy: {self.judge.exchanges} exchanges, {passed} rules kept, "
            f"{len(failed)} broken{shown}"
        )

    def close(self) -> tuple[Context, Session]:
        self.judge.finish()
        aliases = {o: p.key for p in self.ctx.parties.values() for o in p.origins}
        self.judge.tally.rename(aliases)
        self.out.close()
        judge = self.judge
        return self.ctx, Session(judge.tally, judge.notes, judge.exchanges)


@dataclass
class Session:
    """What a proxy's judge hands back at the end: its tallies, notes and count."""

    tally: Tally
    notes: dict[str, engine.Note]
    exchanges: int


SUMMARY_BYTES = 512


def _judge_in_process(
    inbox: Any,
    out: Path,
    number: str | None,
    options: list[PartyOption],
    table: Rules,
    summary: Any,
    reply: Any,
) -> None:
    live = LiveJudge(out, number, options, table)
    live.run(inbox, summary)
    reply.send(live.close())
    reply.close()


class JudgeProcess:
    """A LiveJudge in a process of its own, fed through a bounded queue (a handler waits when
    it is full: the judge is never outrun without bound)."""

    def __init__(self, out: Path, number: str | None, options: list[PartyOption]) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a process with threads
        self.inbox = context.Queue(QUEUE)
        self.summary_value = context.Array("c", SUMMARY_BYTES)
        receive, send = context.Pipe(duplex=False)
        self.reply = receive
        self.process = context.Process(
            target=_judge_in_process,
            args=(self.inbox, out, number, options, rules(), self.summary_value, send),
            name="ocpi-proxy-judge",
            daemon=True,
        )
        self.process.start()
        send.close()

    def put(self, exchange: Exchange) -> None:
        self.inbox.put(exchange)

    def summary(self) -> str:
        text = self.summary_value.value.decode("utf-8", errors="replace")
        return text or "proxy: 0 exchanges"

    def close(self) -> tuple[Context, Session]:
        self.inbox.put(None)
        found: tuple[Context, Session] = self.reply.recv()
        self.process.join(30)
        return found


# --- forwarding --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forwarded:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    error: str | None = None


class Forwarder:
    """Sends one request upstream as it came, within one deadline and a body bound."""

    def __init__(self, upstream: str, timeout: float, limit: int) -> None:
        self.upstream = upstream.rstrip("/")
        self.timeout = timeout
        self.limit = limit
        self.client = http_client(min(timeout, 10.0), timeout)
        self.client.headers.clear()  # httpx's defaults (User-Agent, Accept...) are not ours
        self.host = urlsplit(upstream).netloc

    def __call__(
        self, method: str, target: str, headers: list[tuple[str, str]], body: bytes
    ) -> Forwarded:
        sent = [
            (k, v) for k, v in headers if k.lower() not in (*HOP_BY_HOP, "host", "content-length")
        ]
        sent.append(("Host", self.host))
        try:
            with Deadline(self.timeout):
                request = self.client.build_request(
                    method, self.upstream + target, headers=sent, content=body
                )
                response = self.client.send(request, stream=True)
                try:
                    raw = decode_body(response.iter_raw(), None, self.limit)
                finally:
                    response.close()
        except BodyTooLarge:
            return _refusal(502, f"the upstream's body is larger than {self.limit} bytes")
        except httpx.TimeoutException:
            return _refusal(504, f"the upstream did not answer within {self.timeout:g} s")
        except (httpx.HTTPError, OSError) as exc:
            return _refusal(502, f"the upstream could not be reached: {type(exc).__name__}")
        kept = [
            (k, v)
            for k, v in response.headers.multi_items()
            if k.lower() not in (*HOP_BY_HOP, "content-length")
        ]
        return Forwarded(response.status_code, kept, raw)

    def close(self) -> None:
        self.client.close()


def _refusal(status: int, why: str) -> Forwarded:
    return Forwarded(status, [("content-type", "text/plain")], why.encode(), why)


def _text(body: bytes, encoding: str | None, limit: int) -> str | None:
    """A body as text for the judge: every Content-Encoding undone, bounded."""
    if not body:
        return None
    try:
        plain = decode_body(iter([body]), encoding, limit)
    except (BodyTooLarge, ValueError, OSError):
        return None
    except Exception:  # a corrupt gzip stream (zlib.error): not JSON to judge
        return None
    return plain.decode("utf-8", errors="replace")


class Listener:
    """One listening address in front of one upstream, as an ASGI app."""

    def __init__(self, forwarder: Forwarder, judge: JudgeProcess, settings: ProxySettings) -> None:
        self.forward = forwarder
        self.judge = judge
        self.settings = settings
        self.received = 0  # requests that came in
        self.sent = 0  # requests sent upstream: never more than came in

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        started, clock = time.time(), time.monotonic()
        request = Request(scope, receive)
        self.received += 1
        body, refusal = await self._body(request)
        path = scope.get("raw_path") or scope["path"].encode()
        target = path.decode("latin-1") + (
            f"?{scope['query_string'].decode('latin-1')}" if scope.get("query_string") else ""
        )
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        if refusal is None:
            self.sent += 1
            answer = await run_in_threadpool(self.forward, request.method, target, headers, body)
        else:
            answer = refusal
        response = Response(answer.body, answer.status)
        response.raw_headers = [
            (k.encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers
        ]
        response.raw_headers.append((b"content-length", str(len(answer.body)).encode()))
        await response(scope, receive, send)
        host = dict(headers).get("host") or request.url.netloc
        url = f"{request.url.scheme}://{host}{target}"
        limit = self.settings.max_body_bytes
        lowered = [(k.lower(), v) for k, v in headers]
        answered = dict((k.lower(), v) for k, v in answer.headers)
        exchange = Exchange(
            direction="proxied",
            method=request.method,
            url=url,
            request_headers=_joined(lowered),
            request_body=_text(body, dict(lowered).get("content-encoding"), limit),
            status=None if answer.error else answer.status,
            response_headers=_joined(list(answered.items())),
            response_body=None
            if answer.error
            else _text(answer.body, answered.get("content-encoding"), limit),
            started_at=started,
            elapsed_ms=(time.monotonic() - clock) * 1000,
            error=answer.error,
        )
        await run_in_threadpool(self.judge.put, exchange)

    async def _body(self, request: Request) -> tuple[bytes, Forwarded | None]:
        limit = self.settings.max_body_bytes
        chunks, size = [], 0
        try:
            with anyio.fail_after(self.settings.timeout):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > limit:
                        return b"", _refusal(
                            413, f"a request body over {limit} bytes: not forwarded"
                        )
                    chunks.append(chunk)
        except TimeoutError:
            return b"", _refusal(
                408, f"the request did not arrive within {self.settings.timeout:g} s: not forwarded"
            )
        except Exception:  # the client went away mid-body
            return b"", _refusal(400, "the request body ended early: not forwarded")
        return b"".join(chunks), None


def _joined(pairs: list[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in pairs:
        out[name] = f"{out[name]}, {value}" if name in out else value
    return out


# --- serving -----------------------------------------------------------------------------------


class Served:
    """One uvicorn server on a bound socket, in a thread; adds no header of its own."""

    def __init__(self, app: Any, host: str, port: int) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
            sock.listen(512)
        except OSError as exc:
            sock.close()
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        sock.setblocking(False)
        self.host, self.port = host, sock.getsockname()[1]
        config = uvicorn.Config(
            app,
            host=host,
            port=self.port,
            log_level="warning",
            lifespan="off",
            server_header=False,
            date_header=False,
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run,
            kwargs={"sockets": [sock]},
            name=f"ocpi-proxy-{self.port}",
            daemon=True,
        )
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise UsageError(f"the proxy on {host}:{self.port} did not start")
            time.sleep(0.01)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(5)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(1)


class Proxy:
    """Listeners in front of upstreams, one live judge for all of them."""

    def __init__(self, settings: ProxySettings, folder: Path, options: list[PartyOption]) -> None:
        if len(settings.listen) != len(settings.upstream):
            raise UsageError("give one --upstream for each --listen")
        for url in settings.upstream:
            if origin(url) is None:
                raise UsageError(f"--upstream {url!r}: not an absolute http(s) URL")
        addresses = [listen_address(text) for text in settings.listen]
        self.settings = settings
        self.folder = folder
        self.judge = JudgeProcess(folder / "exchanges.jsonl", settings.ocpi_version, options)
        self.listeners: list[Listener] = []
        self.served: list[Served] = []
        try:
            for (host, port), upstream in zip(addresses, settings.upstream, strict=True):
                forwarder = Forwarder(upstream, settings.timeout, settings.max_body_bytes)
                listener = Listener(forwarder, self.judge, settings)
                self.listeners.append(listener)
                self.served.append(Served(listener, host, port))
        except UsageError:
            self.stop()
            raise

    @property
    def urls(self) -> list[str]:
        return [s.url for s in self.served]

    def stop(self) -> tuple[Context, Session]:
        for served in self.served:
            served.stop()
        for listener in self.listeners:
            listener.forward.close()
        return self.judge.close()


def finish(
    settings: ProxySettings,
    folder: Path,
    ctx: Context,
    judge: Session,
    deviations: dict[str, Deviation],
    started: float,
) -> outputs.Verdicts:
    """The outputs of a proxy's session, as `judge` writes them."""
    found = verdicts(ctx, judge.tally, None, settings.fail_on, deviations)
    notes = [note.to_dict() for note in judge.notes.values()]
    doc = outputs.document(
        found,
        ctx=ctx,
        captures=[],
        judged=None,
        started_at=started,
        fail_on=settings.fail_on,
        notes=notes,
        exchanges=judge.exchanges,
    )
    doc["proxied"] = [
        {"listen": a, "upstream": b}
        for a, b in zip(settings.listen, settings.upstream, strict=True)
    ]
    outputs.write_results(folder, doc)
    outputs.write_junit(folder, found)
    wanted = {
        s for d in found.detail.values() for f in d.get("findings", [])[:5] for s in f["exchanges"]
    }
    outputs.write_allure(
        folder, found, evidence(folder / "exchanges.jsonl", wanted), ctx.version.number
    )
    return found


def serve_command(settings: ProxySettings) -> int:
    """Run the proxy until SIGINT, SIGTERM or --max-duration; then write the outputs."""
    judge_settings = JudgeSettings(
        captures=[],
        output=settings.output,
        parties=settings.parties,
        ocpi_version=settings.ocpi_version,
        fail_on=settings.fail_on,
        known_deviations=settings.known_deviations,
    )
    try:
        options, deviations = check(judge_settings, captures=False)
        folder = judge_settings.output_dir()
        folder.mkdir(parents=True, exist_ok=True)
        proxy = Proxy(settings, folder, options)
    except UsageError as exc:
        print(f"ocpi-conformance: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"ocpi-conformance: error: --output: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    started = time.time()
    stop = threading.Event()
    previous = {
        sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)
    }
    for url, upstream in zip(proxy.urls, settings.upstream, strict=True):
        print(f"ocpi-conformance proxy: {url} -> {upstream}, output {folder}", flush=True)
    last = ""
    try:
        while not stop.wait(SUMMARY_EVERY_S):
            line = proxy.judge.summary()
            if line != last:
                with contextlib.suppress(BrokenPipeError):
                    print(line, flush=True)
                last = line
            if settings.max_duration is not None and time.time() - started > settings.max_duration:
                break
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    ctx, judge = proxy.stop()
    found = finish(settings, folder, ctx, judge, deviations, started)
    notes = [note.to_dict() for note in judge.notes.values()]
    with contextlib.suppress(BrokenPipeError):
        for line in outputs.terminal(found, folder, notes):
            print(line, flush=True)
    return EXIT_OK if found.gate.passed else EXIT_FAILED
