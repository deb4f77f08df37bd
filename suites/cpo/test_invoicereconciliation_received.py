"""INV-CPO-041 to 044: the Invoice Reconciliation Receiver of a CPO
(reverse billing: an eMSP's records;
mod_invoice_reconciliation.asciidoc#mod_invoice_reconciliation_receiver_interface, tag
v2.3.0-ed2): a record POSTed, PUT and DELETEd (`contracts/invoice_records.py`)."""

from __future__ import annotations

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.transport.client import OcpiClient
from ocpi_conformance.verdicts.cases import MANDATORY, Suite

from ..contracts import invoice_records as records
from ..contracts.push_receiver import UNDOCUMENTED

SUITE = Suite("invoicereconciliation", "RECEIVER", role="CPO", versions=("2.3.0",))


@SUITE.case("INV-CPO-041", MANDATORY, records.POST, needs=("writes",))
def test_post_is_kept(harness: Harness, client: OcpiClient, endpoint: str) -> None:
    """A record POSTed on the endpoint is taken, and read back equal below its owner by its id

    The record is read at '/{country_code}/{party_id}/{id}' (the GET's URL segments)."""
    body = records.posted(harness, client, endpoint)
    client.request("DELETE", records.url_of(endpoint, body), module=SUITE.module)


@SUITE.case("INV-CPO-042", MANDATORY, records.PUT, needs=("writes",))
def test_put_updates(harness: Harness, client: OcpiClient, endpoint: str) -> None:
    """A PUT of a POSTed record with another invoice_id and CDR list is kept"""
    records.put_changes(harness, client, endpoint)


@SUITE.case("INV-CPO-043", MANDATORY, records.DELETE, needs=("writes",))
def test_delete_removes(harness: Harness, client: OcpiClient, endpoint: str) -> None:
    """A DELETE of a POSTed record is taken, and the record is no longer served"""
    records.delete_removes(harness, client, endpoint)


# transport_and_format.asciidoc#_non_specified_json_fields: "SHALL NOT reject request or
# response payloads based on the presence of JSON object field names that are not documented".
@SUITE.case("INV-CPO-044", MANDATORY, UNDOCUMENTED, needs=("writes",))
def test_undocumented_field_is_accepted(
    harness: Harness, client: OcpiClient, endpoint: str
) -> None:
    """A record POSTed with a field no table documents is taken and read back"""
    body = records.posted(harness, client, endpoint, extra=True)
    client.request("DELETE", records.url_of(endpoint, body), module=SUITE.module)
