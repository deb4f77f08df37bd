"""TAR-CPO: the Tariffs SENDER interface of a CPO (mod_tariffs.asciidoc, mod_tariffs.md): its
paginated list, judged as every Sender list is (`contracts/sender_list.py`), in 2.2.1 and 2.1.1."""

from __future__ import annotations

from ocpi_conformance.verdicts.cases import Suite

from ..contracts.sender_list import SenderList

SUITE = Suite("tariffs", "SENDER", versions=("2.2.1", "2.1.1", "2.3.0"))


class TestTariffList(SenderList, suite=SUITE):
    """TAR-CPO-001 to 014."""
