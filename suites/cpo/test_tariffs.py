"""TAR-CPO: the Tariffs SENDER interface of a CPO (mod_tariffs.asciidoc): its paginated list,
judged as every Sender list is (`contracts/sender_list.py`)."""

from __future__ import annotations

from ocpi_conformance.verdicts.cases import Suite

from ..contracts.sender_list import SenderList

SUITE = Suite("tariffs", "SENDER")


class TestTariffList(SenderList, suite=SUITE):
    """TAR-CPO-001 to 013."""
