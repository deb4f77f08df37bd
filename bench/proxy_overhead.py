"""What the proxy adds to each exchange: latency at a steady request rate, against the sandbox
called directly and through `ocpi-conformance proxy`, on loopback.

python bench/proxy_overhead.py --rates 100 1000 --seconds 5

A small open-loop load generator (wrk is not installed): threads with one keep-alive connection
each send GET /ocpi/versions (token A) at fixed times, so a slow answer does not slow the rate
down; each request's latency is kept. The proxy runs as a user runs it, in its own process,
judging as it goes. Bounded in count and time, loopback only.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

TOKEN_A = "bench-proxy-token-a-0123456789"
THREAD_RATE = 50  # requests per second one thread sends


def load(url: str, rate: int, seconds: float) -> tuple[list[float], int]:
    """Latencies (ms) of `rate` requests a second for `seconds`, and how many failed."""
    parts = urlsplit(url)
    threads = max(1, rate // THREAD_RATE)
    interval = threads / rate
    header = {"Authorization": "Token " + base64.b64encode(TOKEN_A.encode()).decode()}
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    begin = time.perf_counter() + 0.2

    def worker(offset: float) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        due = begin + offset
        mine, lost = [], 0
        while due < begin + seconds:
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            sent = time.perf_counter()
            try:
                connection.request("GET", parts.path, headers=header)
                answer = connection.getresponse()
                answer.read()
                if answer.status != 200:
                    lost += 1
                mine.append((time.perf_counter() - sent) * 1000)
            except (OSError, http.client.HTTPException):
                lost += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            due += interval
        connection.close()
        with lock:
            latencies.extend(mine)
            failures[0] += lost

    pool = [threading.Thread(target=worker, args=(i * interval / threads,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return latencies, failures[0]


def summary(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p95 = ordered[int(len(ordered) * 0.95) - 1] if ordered else float("nan")
    return f"median {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rates", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    # the sandbox in a process of its own: the load generator's threads do not slow it down
    sandbox = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ocpi_conformance.cli",
            "sandbox",
            "--role",
            "cpo",
            "--token-a",
            TOKEN_A,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert sandbox.stdout is not None
    started = re.search(r"at (http://127\.0\.0\.1:\d+)/ocpi/versions", sandbox.stdout.readline())
    assert started, "the sandbox did not start"
    upstream = started.group(1)
    with tempfile.TemporaryDirectory(prefix="ocpi-proxy-bench-") as tmp:
        command = [
            sys.executable,
            "-m",
            "ocpi_conformance.cli",
            "proxy",
            "--listen",
            "127.0.0.1:0",
            "--upstream",
            upstream,
            "--output",
            str(Path(tmp) / "out"),
        ]
        proxy = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        try:
            assert proxy.stdout is not None
            found = re.search(r"(http://127\.0\.0\.1:\d+) ->", proxy.stdout.readline())
            assert found, "the proxy did not start"
            through = found.group(1)
            threading.Thread(target=proxy.stdout.read, daemon=True).start()  # drain its lines
            for rate in args.rates:
                direct, lost_direct = load(f"{upstream}/ocpi/versions", rate, args.seconds)
                proxied, lost_proxied = load(f"{through}/ocpi/versions", rate, args.seconds)
                added = statistics.median(proxied) - statistics.median(direct)
                print(
                    f"{rate}/s asked: direct {len(direct) / args.seconds:,.0f}/s done, "
                    f"{summary(direct)}, {lost_direct} failed; through the proxy "
                    f"{len(proxied) / args.seconds:,.0f}/s done, {summary(proxied)}, "
                    f"{lost_proxied} failed; added: {added:.2f} ms median"
                )
        finally:
            proxy.send_signal(signal.SIGTERM)
            proxy.wait(60)
            sandbox.send_signal(signal.SIGINT)
            sandbox.wait(30)


if __name__ == "__main__":
    main()
