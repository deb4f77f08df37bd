"""INV-EMSP-001 to 014: the Invoice Reconciliation Sender of an eMSP
(reverse billing: the eMSP issues the invoices;
mod_invoice_reconciliation.asciidoc#mod_invoice_reconciliation_sender_interface, tag
v2.3.0-ed2), its paginated list judged as every Sender list is (`contracts/sender_list.py`)."""

from __future__ import annotations

from ocpi_conformance.verdicts.cases import Suite

from ..contracts.sender_list import SenderList

SUITE = Suite("invoicereconciliation", "SENDER", role="EMSP", versions=("2.3.0",))


class TestInvoiceReconciliationList(SenderList, suite=SUITE):
    """INV-EMSP-001 to 014."""
