"""The exchange log: appends from many threads, stamps the running case, waits for arrivals."""

from __future__ import annotations

import threading
import time

from ocpi_conformance.transport.exchanges import Exchange, ExchangeLog
from ocpi_conformance.transport.redaction import Secrets, encode_token


def _exchange(url: str) -> Exchange:
    return Exchange("inbound", "GET", url, {}, None, 200, {}, None, time.time(), 1.0)


def test_wait_for_sees_an_exchange_added_later() -> None:
    log = ExchangeLog()
    timer = threading.Timer(0.2, lambda: log.add(_exchange("http://x/late")))
    timer.start()
    found = log.wait_for(lambda e: e.url.endswith("/late"), timeout=5)
    assert found is not None and found.url == "http://x/late"


def test_wait_for_gives_up_after_its_timeout() -> None:
    started = time.monotonic()
    assert ExchangeLog().wait_for(lambda e: True, timeout=0.2) is None
    assert time.monotonic() - started < 1


def test_exchanges_are_stamped_with_the_running_case() -> None:
    log = ExchangeLog()
    log.current_case = "VER-ANY-001"
    log.add(_exchange("http://x/a"))
    log.current_case = None
    log.add(_exchange("http://x/b"))
    assert [e.url for e in log.for_case("VER-ANY-001")] == ["http://x/a"]


def test_secrets_mask_raw_and_base64_by_label() -> None:
    secrets = Secrets()
    secrets.add("abcdef-123", "token C")
    text = f"raw abcdef-123 and {encode_token('abcdef-123')}"
    assert secrets.redact(text) == "raw «token C» and «token C, base64»"
    headers = secrets.redact_headers({"Authorization": "Token unknown-value", "X": "abcdef-123"})
    assert headers == {"Authorization": "Token «redacted»", "X": "«token C»"}


def test_secrets_learn_tokens_from_credentials_bodies() -> None:
    secrets = Secrets()
    secrets.learn({"data": {"token": "handed-out-token", "url": "http://x", "roles": []}})
    assert secrets.redact("handed-out-token") == "«redacted»"
