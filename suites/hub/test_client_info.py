"""HUB-027, 028: what the hub tells our seats about the parties connected to it
(mod_hub_client_info.asciidoc): its ClientInfo list names every seat of ours registered, with its
role and CONNECTED; and when a seat of ours registers, the hub pushes its ClientInfo to the seats
registered before it. What the list and the pushes say once a seat goes away: test_lifecycle.py.
"""

from __future__ import annotations

import json
import time

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.seats import Seat, Seats
from ocpi_conformance.spec.v2_2_1.documents import CRD, HCI
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite

from .seating import (
    client_infos,
    info_of,
    pushed_status,
    pushed_to,
)

SUITE = Suite("hub", "ANY", role="HUB")


@SUITE.case("HUB-027", MANDATORY, f"{CRD}#credentials_credentials_object")
def test_list_names_every_connected_seat(harness: Harness, seats: Seats) -> None:
    """The hub's ClientInfo list names each of our registered parties, its role, CONNECTED"""
    infos = client_infos(harness, seats)
    wrong = []
    for seat in (s for s in seats if s.registered):
        info = info_of(infos, seat)
        if info is None:
            wrong.append(f"{seat.label} is not listed")
        elif (info.get("role"), info.get("status")) != (seat.role, "CONNECTED"):
            wrong.append(f"{seat.label} is listed {info.get('role')} {info.get('status')}")
    assert not wrong, (
        f"the hub's ClientInfo list ({len(infos)} parties) does not report our connected "
        f"parties as they are: {'; '.join(wrong)}"
    )


def since(seat: Seat) -> float:
    return (seat.registered_at or 0.0) - 1.0


def told_of(watcher: Seat, about: Seat) -> list[str]:
    """The statuses pushed to `watcher` about `about` since `about` registered."""
    return pushed_status(pushed_to(watcher, about, since(about)))


@SUITE.case("HUB-028", RECOMMENDED, f"{HCI}#mod_hub_client_info_push_model")
def test_registration_is_pushed_to_the_others(harness: Harness, seats: Seats) -> None:
    """When one of our parties registers, the hub pushes its ClientInfo, CONNECTED, to our
    parties registered before it"""
    registered = sorted(
        (s for s in seats if s.receives and s.registered_at is not None),
        key=lambda s: s.registered_at or 0.0,
    )
    pairs = [(e, later) for n, later in enumerate(registered) for e in registered[:n]]
    if not pairs:
        pytest.skip("needs two seats the harness registered: one to register, one to be told")
    latest = max(s.registered_at or 0.0 for s in registered)
    deadline = latest + harness.config.timeout
    missing = list(pairs)
    while missing and time.time() < deadline:
        missing = [pair for pair in missing if "CONNECTED" not in told_of(*pair)]
        time.sleep(0.2)
    harness.log.claim(x for e, later in pairs for x in pushed_to(e, later, since(later)))
    told = [f"{e.label} of {later.label} ({json.dumps(told_of(e, later))})" for e, later in missing]
    assert not told, (
        f"no ClientInfo CONNECTED pushed within {harness.config.timeout:g} s (--timeout) of "
        f"the registration: {'; '.join(told)}"
    )
