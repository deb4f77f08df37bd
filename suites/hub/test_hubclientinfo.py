"""HCI-HUB: the HubClientInfo SENDER interface of a hub (mod_hub_client_info_hub_interface): its
paginated list of ClientInfo objects, judged as every Sender list is (`contracts/sender_list.py`),
from our first seat. What it must list (our seats, their roles and statuses) is HUB-027's."""

from __future__ import annotations

from ocpi_conformance.verdicts.cases import Suite

from ..contracts.sender_list import SenderList

SUITE = Suite("hubclientinfo", "SENDER")  # implemented by the Hub


class TestClientInfoList(SenderList, suite=SUITE):
    """HCI-HUB-001 to 013."""
