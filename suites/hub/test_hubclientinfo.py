"""HCI-HUB: the HubClientInfo SENDER interface of a hub (mod_hub_client_info_hub_interface): its
paginated list of ClientInfo objects, judged as every Sender list is (`contracts/sender_list.py`),
from our first seat. What it must list (our seats, their roles and statuses) is HUB-027's."""

from __future__ import annotations

import pytest

from ocpi_conformance.run.seats import Seats
from ocpi_conformance.verdicts.cases import Suite

from ..contracts.sender_list import SenderList

SUITE = Suite("hubclientinfo", "SENDER")  # implemented by the Hub


@pytest.fixture(autouse=True)
def every_seat_registered(seats: Seats) -> None:
    """The list is read once every seat of ours has registered, whichever cases run: it then
    lists several parties, and a limit below their count can be asked (HCI-HUB-009)."""


class TestClientInfoList(SenderList, suite=SUITE):
    """HCI-HUB-001 to 013."""
