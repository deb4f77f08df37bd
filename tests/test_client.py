"""The OCPI client over real loopback HTTP: transport headers, and a misbehaving server turned
into a described reply, never an exception or a hang."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator

import pytest

from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Limits, OcpiClient, PartyId
from ocpi_conformance.transport.exchanges import ExchangeLog
from ocpi_conformance.transport.redaction import Secrets

from .misbehaving_server import _Server, misbehaving_server

TOKEN = "d3b07384-d9a0-4c9b-8b6f-a1b2c3d4e5f6"


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    with misbehaving_server() as running:
        yield running


@pytest.fixture
def client() -> Iterator[OcpiClient]:
    limits = Limits(connect_timeout=1, read_timeout=1, total_timeout=2, max_body_bytes=1024 * 1024)
    with OcpiClient(
        TOKEN,
        log=ExchangeLog(),
        secrets=Secrets(),
        limits=limits,
        from_party=PartyId("ZZ", "OCC"),
        to_party=PartyId("NL", "CPO"),
    ) as c:
        yield c


def url(server: _Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_port}{path}"


def test_headers_follow_2_2_1(server: _Server, client: OcpiClient) -> None:
    reply = client.get(url(server, "/echo"), module="locations")
    sent = {k.lower(): v for k, v in reply.data.items()}
    assert sent["authorization"] == "Token " + base64.b64encode(TOKEN.encode()).decode()
    assert len(sent["x-request-id"]) == 36 and len(sent["x-correlation-id"]) == 36
    assert sent["ocpi-from-country-code"] == "ZZ" and sent["ocpi-to-party-id"] == "CPO"


def test_headers_follow_2_1_1(server: _Server, client: OcpiClient) -> None:
    """transport_and_format.md#request-format: the token as it is, and no other OCPI header (no
    message ids, no routing headers: 2.2 added both)."""
    reply = client.at(spec_version("2.1.1")).get(url(server, "/echo"), module="locations")
    sent = {k.lower(): v for k, v in reply.data.items()}
    assert sent["authorization"] == f"Token {TOKEN}"
    assert not [k for k in sent if k.startswith(("x-request", "x-correlation", "ocpi-"))], sent


def test_configuration_modules_are_not_routed(server: _Server, client: OcpiClient) -> None:
    reply = client.get(url(server, "/echo"), module="credentials")
    assert not any(k.lower().startswith("ocpi-") for k in reply.data)


def test_every_request_gets_a_fresh_request_id(server: _Server, client: OcpiClient) -> None:
    first = client.get(url(server, "/echo")).data
    second = client.get(url(server, "/echo")).data
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_raw_and_no_auth_modes(server: _Server, client: OcpiClient) -> None:
    assert client.request("GET", url(server, "/echo"), auth="raw").data["Authorization"] == (
        f"Token {TOKEN}"
    )
    assert "Authorization" not in client.request("GET", url(server, "/echo"), auth="none").data


def test_recorded_exchange_is_redacted(server: _Server, client: OcpiClient) -> None:
    reply = client.get(url(server, "/echo"))
    exchange = client.log.all()[-1]
    assert exchange is reply.exchange
    text = repr(exchange.to_dict()) + exchange.curl()
    assert TOKEN not in text and base64.b64encode(TOKEN.encode()).decode() not in text
    assert exchange.request_headers["authorization"] == "Token «redacted»"


def test_html_error_page_is_described(server: _Server, client: OcpiClient) -> None:
    reply = client.get(url(server, "/html"))
    assert reply.ok and reply.status == 502
    assert reply.json_error and "not JSON" in reply.json_error


def test_a_long_refusal_says_where_the_rest_is(server: _Server, client: OcpiClient) -> None:
    reply = client.get(url(server, "/long-error"))
    described = reply.describe()
    assert "Traceback line" in described and "..." not in described
    assert described.endswith(" more characters in the attached exchange])")
    assert len(reply.exchange.response_body or "") > len(described)


def test_hanging_server_times_out(server: _Server, client: OcpiClient) -> None:
    started = time.monotonic()
    reply = client.get(url(server, "/hang"))
    assert not reply.ok and "no answer within 1 s" in (reply.error or "")
    assert time.monotonic() - started < 3


def test_trickling_server_is_cut_at_the_total_timeout(server: _Server, client: OcpiClient) -> None:
    started = time.monotonic()
    reply = client.get(url(server, "/trickle"))
    assert not reply.ok and "not complete within 2 s" in (reply.error or "")
    assert time.monotonic() - started < 4


def test_huge_body_is_refused(server: _Server, client: OcpiClient) -> None:
    reply = client.get(url(server, "/huge"))
    assert not reply.ok and "exceeds 1048576 bytes" in (reply.error or "")


def test_connection_reset_is_described(server: _Server, client: OcpiClient) -> None:
    reply = client.get(url(server, "/reset"))
    assert not reply.ok and reply.error


def test_refused_connection_is_described(client: OcpiClient) -> None:
    reply = client.get("http://127.0.0.1:9/ocpi/versions")
    assert not reply.ok and reply.error and reply.error.startswith("connection failed")


def test_walk_follows_links_to_the_end(server: _Server, client: OcpiClient) -> None:
    walk = client.walk(url(server, "/pages"), params={"limit": 1})
    assert walk.stopped is None
    assert [item["n"] for item in walk.items] == [0, 1, 2]


def test_walk_stops_on_a_link_loop(server: _Server, client: OcpiClient) -> None:
    walk = client.walk(url(server, "/loop"))
    assert walk.stopped and "points back" in walk.stopped
    assert len(walk.pages) == 1


def test_walk_stops_after_the_page_limit(server: _Server, client: OcpiClient) -> None:
    walk = client.walk(url(server, "/endless"), max_pages=5)
    assert walk.stopped and "5 pages" in walk.stopped
    assert len(walk.items) == 5


def test_walk_stops_on_a_broken_page(server: _Server, client: OcpiClient) -> None:
    walk = client.walk(url(server, "/html"))
    assert walk.stopped and "not a list" in walk.stopped


def test_url_keeps_odd_ids_inside_their_segment() -> None:
    from ocpi_conformance.transport.client import object_url as join

    assert join("http://x/loc/", "A#1", "b/c", "d e?") == "http://x/loc/A%231/b%2Fc/d%20e%3F"


def test_a_redirect_on_the_same_origin_is_followed_and_recorded(
    server: _Server, client: OcpiClient
) -> None:
    reply = client.get(url(server, "/slash"), params={"limit": 2})
    assert reply.status == 200 and reply.data == [{"n": 1, "query": "limit=2"}]
    first, second = client.log.all()[-2:]
    assert first.status == 308 and second.url.endswith("/slash/?limit=2")


def test_a_link_that_is_no_http_url_is_the_targets_finding(server: _Server) -> None:
    from ocpi_conformance.transport.guards import HostPolicy

    policy = HostPolicy.for_target(url(server, "/versions"))
    with OcpiClient(TOKEN, policy=policy) as client:
        walk = client.walk(url(server, "/link-away?to=ftp://somewhere/next"))
    assert walk.stopped == (
        "the target's Link rel=next 'ftp://somewhere/next' is not an http(s) URL one can follow"
    )
