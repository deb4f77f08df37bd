"""The requesting party's side of a response_url: a recorder of every result POSTed to it,
plugged into the pool's second server (the party under test takes the first)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .conftest import Switch


class Results:
    """The eMSP's side of response_url: records every POST it gets."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, str | None, Any]] = []
        self.message_ids: dict[str, tuple[str | None, str | None]] = {}  # by path
        self.app = Starlette(routes=[Route("/results/{path:path}", self._post, methods=["POST"])])

    async def _post(self, request: Request) -> JSONResponse:
        body = await request.json()
        self.posts.append((request.url.path, request.headers.get("authorization"), body))
        headers = request.headers
        ids = (headers.get("x-request-id"), headers.get("x-correlation-id"))
        self.message_ids[request.url.path] = ids
        return JSONResponse({"status_code": 1000, "timestamp": "2025-01-01T00:00:00Z"})

    def to(self, path: str) -> list[tuple[str | None, Any]]:
        """(authorization, body) of the POSTs to `path` (a result of an earlier test may
        still arrive at the recorder, at its own path)."""
        return [(auth, body) for at, auth, body in self.posts if at == path]


@pytest.fixture
def results(servers: list[tuple[Switch, Any]]) -> Iterator[tuple[Results, str]]:
    """A recorder on the pool's second server (the CPO party takes the first)."""
    switch, server = servers[1]
    recorder = Results()
    switch.app = recorder.app
    yield recorder, f"{server.url}/results"
    switch.app = None
