"""HCI-CPO: the HubClientInfo RECEIVER interface of a CPO (mod_hub_client_info.asciidoc).

The harness plays the Hub and PUTs only its own party's ClientInfo; the cases are the shared
ClientInfoReceiver's (`contracts/client_info.py`), the same as an eMSP's (HCI-EMSP).
"""

from __future__ import annotations

from ocpi_conformance.verdicts.cases import Suite

from ..contracts.client_info import ClientInfoReceiver

SUITE = Suite("hubclientinfo", "RECEIVER", role="CPO", versions=("2.2.1", "2.3.0"))


class TestClientInfoReceiver(ClientInfoReceiver, suite=SUITE):
    """HCI-CPO-001 to 007."""
