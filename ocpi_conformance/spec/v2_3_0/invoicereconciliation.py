"""Invoice Reconciliation module object (mod_invoice_reconciliation.asciidoc, tag v2.3.0-ed2, new
in Edition 2): a record linking one invoice to the CDRs it invoices, sent by whoever issues the
invoice (the CPO with direct billing, the eMSP with reverse billing)."""

from ocpi_conformance.spec.v2_3_0.documents import INV
from ocpi_conformance.spec.v2_3_0.types import CiString, DateTime, OneOrMore, SpecModel, anchor


class InvoiceReconciliationRecord(SpecModel):
    spec_anchor = anchor(INV, "mod_invoice_reconciliation_record_object")

    country_code: CiString(2)
    party_id: CiString(3)
    id: CiString(36)
    invoice_id: CiString(255)
    cdrs: OneOrMore(CiString(36))
    last_updated: DateTime
