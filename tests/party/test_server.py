"""serve(): uvicorn in a thread, started and stopped in bounded time, on the host asked for."""

from __future__ import annotations

import time

import httpx
import pytest

from ocpi_conformance.party import Identity, PartyState, build_app, serve


def _app() -> object:
    return build_app(PartyState(Identity("CPO", "NL", "CPO", "x")))


def test_serve_binds_loopback_and_stops_quickly() -> None:
    with serve(_app()) as server:  # type: ignore[arg-type]
        assert server.url == f"http://127.0.0.1:{server.port}" and server.port > 0
        assert httpx.get(server.url + "/ocpi/versions").status_code == 401
        started = time.monotonic()
    assert time.monotonic() - started < 3
    assert not server.running
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url + "/ocpi/versions", timeout=1)


def test_stop_with_a_kept_alive_connection() -> None:
    server = serve(_app())  # type: ignore[arg-type]
    with httpx.Client() as client:
        assert client.get(server.url + "/ocpi/versions").status_code == 401
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 4


def test_taken_port_is_a_clear_error() -> None:
    with (
        serve(_app()) as server,  # type: ignore[arg-type]
        pytest.raises(RuntimeError, match="cannot listen"),
    ):
        serve(_app(), port=server.port)  # type: ignore[arg-type]
