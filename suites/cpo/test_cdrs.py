"""CDR-CPO: the CDRs SENDER interface of a CPO (mod_cdrs.asciidoc): its paginated list,
judged as every Sender list is (`contracts/sender_list.py`)."""

from __future__ import annotations

from ocpi_conformance.verdicts.cases import Suite

from ..contracts.sender_list import SenderList

SUITE = Suite("cdrs", "SENDER")


class TestCDRList(SenderList, suite=SUITE):
    """CDR-CPO-001 to 013."""
