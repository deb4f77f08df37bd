"""HUB-022 to 024, 029 to 031: a hub when one of our parties stops answering or goes away, run
after every other case but the credentials clean-up (they change what the hub knows of a seat):

- a seat holds its answers past the hub's forward timeout: the requester gets 4002;
- a seat answers nothing at all (its versions endpoint included): the hub's still-alive check
  finds it OFFLINE, and a request to it gets 4003;
- a seat unregisters (DELETE credentials): the hub pushes the change to our other seats, its
  ClientInfo list says so, and a request to it gets 4003.

How long a case waits on the hub is --hub-wait (the hub's forward timeout and still-alive
interval are its own: the text suggests 5 minutes for the latter). The HTTP status a hub's own
error travels with is not in the text: any is taken, the status_code is judged.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.seats import Seat, Seats
from ocpi_conformance.spec.v2_2_1.documents import CRD, HCI, STC
from ocpi_conformance.transport.client import Reply
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import assert_status_code
from ocpi_conformance.verdicts.failures import NoAnswer, blocked_by

from .seating import (
    Routed,
    client_infos,
    first,
    info_of,
    need,
    pushed_status,
    pushed_to,
    shown,
    tariff_of,
    tariff_url,
    withdraw,
)

SUITE = Suite("hub", "ANY", role="HUB")
HUB_ERRORS = f"{STC}#status_codes_4xxx_hub_errors"
GONE = ("SUSPENDED", "OFFLINE")  # a party that unregistered: "will never connect", "not connected"


def push(harness: Harness, seats: Seats, sender: Seat, receiver: Seat, wait: float) -> Reply:
    """`sender` PUTs a Tariff through the hub to `receiver`, waiting up to `wait` seconds."""
    body = tariff_of(sender)
    url = tariff_url(harness, body)
    client = seats.client(sender, to=receiver.party, read_timeout=wait)
    reply = client.request("PUT", url, module="tariffs", json_body=body)
    if reply.status_code == 1000:  # delivered after all: withdrawn as any direct push
        routed = Routed(sender, "PUT", url, body, reply, body["id"], receiver.party)
        harness.ledger.record(
            "tariffs", f"{url} (through the hub to {shown(receiver.party)})", body
        )
        withdraw(harness, seats, routed, receiver.party)
    return reply


def other_than(seats: Seats, *kept: Seat) -> Seat | None:
    """The last seat the harness registered that is not one of `kept` (nor seat 1)."""
    found = [s for s in seats if s.receives and s is not seats.first and s not in kept]
    return found[-1] if found else None


@pytest.mark.ocpi_last
@SUITE.case("HUB-024", MANDATORY, HUB_ERRORS)
def test_receiver_too_slow_gets_4002(harness: Harness, seats: Seats) -> None:
    """A request to a receiver that does not answer in time gets 4002"""
    need(seats, cpo=1, emsp=1)
    sender, receiver = first(seats, "CPO"), first(seats, "EMSP")
    config = harness.config
    receiver.switches.hold = True
    try:
        reply = push(
            harness, seats, sender, receiver, config.hub_wait_seconds() + 2 * config.timeout
        )
    finally:
        receiver.switches.hold = False
    if not reply.ok:
        raise NoAnswer(
            f"{receiver.label} held its answer {config.hub_wait_seconds():g} s (--hub-wait) and "
            f"more; the hub did not answer either: {reply.describe()} (a forward timeout longer "
            "than --hub-wait? raise it)",
            root="no answer from the hub while a receiver is silent",
        )
    assert_status_code(
        reply,
        4002,
        f"a PUT to {receiver.label}, which held its answer",
        "Timeout on forwarded request",
    )


@pytest.fixture(scope="module")
def silenced(harness: Harness, seats: Seats) -> Iterator[dict[str, Any]]:
    """One seat of ours stops answering anything; seat 1 watches the hub's ClientInfo (its
    list, and what is pushed to it) for --hub-wait seconds until the hub says OFFLINE."""
    need(seats, cpo=1, emsp=1)
    watcher = seats.first
    silent = other_than(seats, first(seats, "CPO"))
    if silent is None or not watcher.registered:
        pytest.skip("needs a seat to silence besides the CPO and seat 1, which watch the hub")
    silent.switches.silent = True
    since = time.time()
    seen: list[str] = []
    try:
        while time.time() < since + harness.config.hub_wait_seconds():
            info = info_of(client_infos(harness, seats, watcher), silent)
            seen = [str(info.get("status")) if info else "not listed"]
            if watcher.receives:
                seen += pushed_status(pushed_to(watcher, silent, since))
            if "OFFLINE" in seen:
                break
            time.sleep(1.0)
        yield {"seat": silent, "seen": seen, "since": since, "asked": list(silent.switches.held)}
    finally:
        silent.switches.silent = False


@pytest.mark.ocpi_last
@SUITE.case("HUB-031", RECOMMENDED, f"{HCI}#_still_alive_check")
def test_silent_party_becomes_offline(harness: Harness, silenced: dict[str, Any]) -> None:
    """A party of ours that answers nothing, its versions endpoint included, is reported
    OFFLINE by the hub"""
    seat, seen = silenced["seat"], silenced["seen"]
    checks = sum(path.rstrip("/").endswith("/versions") for path in silenced["asked"])
    assert "OFFLINE" in seen, (
        f"{seat.label} answered nothing for {harness.config.hub_wait_seconds():g} s (--hub-wait); "
        f"the hub GET its versions endpoint {checks} time(s) and still reports {', '.join(seen)} "
        "(its still-alive check should find it gone; if its interval is longer, raise --hub-wait)"
    )


@pytest.mark.ocpi_last
@SUITE.case("HUB-023", MANDATORY, HUB_ERRORS)
def test_request_to_offline_party_gets_4003(
    harness: Harness, seats: Seats, silenced: dict[str, Any]
) -> None:
    """A request to a party the hub reports OFFLINE gets 4003"""
    seat = silenced["seat"]
    if "OFFLINE" not in silenced["seen"]:
        with blocked_by("HUB-031"):
            raise AssertionError(f"the hub never reported {seat.label} OFFLINE")
    try:
        reply = push(harness, seats, first(seats, "CPO"), seat, 2 * harness.config.timeout)
        assert_status_code(
            reply, 4003, f"a PUT to {seat.label}, reported OFFLINE", "Connection problem"
        )
    finally:
        seat.switches.silent = False


@pytest.fixture(scope="module")
def unregistered(harness: Harness, seats: Seats) -> dict[str, Any]:
    """One seat of ours (the last one the harness registered, besides seat 1) unregisters."""
    seat = other_than(seats)
    if seat is None:
        pytest.skip("needs a seat besides the first that the harness registered, to unregister")
    for each in seats:
        each.switches.hold = each.switches.silent = False
    reply = seats.unregister(seat)
    if reply is None or reply.status_code != 1000:
        with blocked_by("CRD-ANY-011"):
            raise AssertionError(
                f"the hub did not unregister {seat.label}: {reply.describe() if reply else '-'}"
            )
    return {"seat": seat, "at": seat.unregistered_at or time.time()}


@pytest.mark.ocpi_last
@SUITE.case("HUB-029", RECOMMENDED, f"{HCI}#mod_hub_client_info_push_model")
def test_unregistering_is_pushed_to_the_others(
    harness: Harness, seats: Seats, unregistered: dict[str, Any]
) -> None:
    """When one of our parties unregisters, the hub pushes its ClientInfo, no longer CONNECTED,
    to our other parties"""
    gone, since = unregistered["seat"], unregistered["at"] - 0.5
    watchers = [s for s in seats if s.receives and s is not gone]
    if not watchers:
        pytest.skip("no other seat of ours the hub can tell")
    deadline = time.time() + harness.config.timeout
    missing = watchers
    while missing and time.time() < deadline:
        missing = [
            w for w in watchers if not set(pushed_status(pushed_to(w, gone, since))) & set(GONE)
        ]
        time.sleep(0.2)
    harness.log.claim(x for w in watchers for x in pushed_to(w, gone, since))
    told = [f"{w.label} ({', '.join(pushed_status(pushed_to(w, gone, since))) or 'nothing'})"
            for w in missing]  # fmt: skip
    assert not told, (
        f"{gone.label} unregistered; within {harness.config.timeout:g} s no ClientInfo "
        f"{' or '.join(GONE)} was pushed to {'; '.join(told)}"
    )


@pytest.mark.ocpi_last
@SUITE.case("HUB-030", MANDATORY, f"{CRD}#credentials_credentials_object")
def test_list_follows_unregistering(
    harness: Harness, seats: Seats, unregistered: dict[str, Any]
) -> None:
    """Once one of our parties unregisters, the hub's ClientInfo list no longer reports it
    CONNECTED"""
    gone = unregistered["seat"]
    watcher = next((s for s in seats if s.registered and s is not gone), None)
    if watcher is None:
        pytest.skip("no registered seat of ours left to read the hub's list")
    info = info_of(client_infos(harness, seats, watcher), gone)
    status = info.get("status") if info is not None else None
    assert info is None or status in GONE, (
        f"{gone.label} unregistered; the hub's ClientInfo list still reports it {status}"
    )


@pytest.mark.ocpi_last
@SUITE.case("HUB-022", MANDATORY, HUB_ERRORS)
def test_request_to_unregistered_party_gets_4003(
    harness: Harness, seats: Seats, unregistered: dict[str, Any]
) -> None:
    """A request to a party that unregistered gets 4003 (4001 if the hub forgot it)"""
    gone = unregistered["seat"]
    need(seats, cpo=1)
    sender = first(seats, "CPO", besides=(gone,))
    reply = push(harness, seats, sender, gone, 2 * harness.config.timeout)
    known = info_of(client_infos(harness, seats, sender), gone) is not None
    if not known and reply.status_code == 4001:
        return  # the hub lists it no more: "TO address is unknown"
    assert_status_code(reply, 4003, f"a PUT to {gone.label}, unregistered", "Connection problem")
