"""CDR-CPO: the CDRs SENDER interface of a CPO (mod_cdrs.asciidoc, mod_cdrs.md): its paginated
list, judged as every Sender list is (`contracts/sender_list.py`), in 2.2.1 and 2.1.1."""

from __future__ import annotations

from ocpi_conformance.verdicts.cases import Suite

from ..contracts.sender_list import SenderList

SUITE = Suite("cdrs", "SENDER", versions=("2.2.1", "2.1.1", "2.3.0"))


class TestCDRList(SenderList, suite=SUITE):
    """CDR-CPO-001 to 014."""
