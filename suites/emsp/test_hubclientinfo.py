"""HCI-EMSP: the HubClientInfo RECEIVER interface of an eMSP (mod_hub_client_info.asciidoc).

The harness plays the Hub and PUTs only its own party's ClientInfo; the cases are the shared
ClientInfoReceiver's (`contracts/client_info.py`), the same as a CPO's (HCI-CPO).
"""

from __future__ import annotations

from ocpi_conformance.verdicts.cases import Suite

from ..contracts.client_info import ClientInfoReceiver

SUITE = Suite("hubclientinfo", "RECEIVER", role="EMSP", versions=("2.2.1", "2.3.0"))


class TestClientInfoReceiver(ClientInfoReceiver, suite=SUITE):
    """HCI-EMSP-001 to 007."""
