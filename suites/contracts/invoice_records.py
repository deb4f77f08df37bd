"""What an Invoice Reconciliation Receiver does with the records pushed to it (mod_invoice_
reconciliation.asciidoc, tag v2.3.0-ed2), for both data owners: the CPO's records reach an eMSP
(direct billing), an eMSP's reach a CPO (reverse billing), "the very same technical OCPI
interface". The harness plays the issuer: it POSTs a record of its own (its party, an OCC- id)
on the endpoint URL, reads it back at /{country_code}/{party_id}/{id}, PUTs a changed one there
and DELETEs it (which also cleans up: "Deleting an Invoice Reconciliation Record indicates that
the record itself was an error").
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.ids import new_id
from ocpi_conformance.resources import fixture
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.spec.v2_3_0.documents import INV
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import OcpiClient, object_url

from .push_receiver import EXTENSION_FIELD, assert_accepted, assert_same, now, object_of

MODULE = "invoicereconciliation"
OBJ = "InvoiceReconciliationRecord"
POST = f"{INV}#mod_invoice_reconciliation_receiver_post_method"
PUT = f"{INV}#mod_invoice_reconciliation_receiver_put_method"
DELETE = f"{INV}#mod_invoice_reconciliation_receiver_delete_method"


def record(harness: Harness) -> dict[str, Any]:
    """A full record of ours with a fresh id, its documented fields only (the shipped example
    shows an extension field too, which is INV-xxx-044's rule, not these cases')."""
    documented = spec_version("2.3.0").objects[OBJ].model_fields
    body = {k: v for k, v in fixture(MODULE, f"{OBJ}.full", "2.3.0").items() if k in documented}
    return {**body, "country_code": harness.identity.country_code,
            "party_id": harness.identity.party_id, "id": new_id("IRR")[:36],
            "last_updated": now("2.3.0")}  # fmt: skip


def url_of(endpoint: str, body: dict[str, Any]) -> str:
    return object_url(endpoint, body["country_code"], body["party_id"], body["id"])


def posted(
    harness: Harness, client: OcpiClient, endpoint: str, *, extra: bool = False
) -> dict[str, Any]:
    """POST a record (`extra`: with a field no table documents), see it accepted and read back
    equal in every documented field; its body."""
    body = record(harness)
    if extra:
        body[EXTENSION_FIELD] = "sent by ocpi-conformance: a field no OCPI table documents"
    reply = client.request("POST", endpoint, module=MODULE, json_body=body)
    assert_accepted(reply, "POST of an Invoice Reconciliation Record")
    got = object_of(client.get(url_of(endpoint, body), module=MODULE))
    documented = {k: v for k, v in body.items() if k != EXTENSION_FIELD}
    assert_same(OBJ, documented, got, "the record POSTed", "2.3.0")
    return body


def put_changes(harness: Harness, client: OcpiClient, endpoint: str) -> None:
    """A PUT of a POSTed record with another invoice_id and CDR list is kept."""
    body = posted(harness, client, endpoint)
    try:
        changed = {**body, "invoice_id": new_id("INV"), "cdrs": [new_id("CDR")[:36]],
                   "last_updated": now("2.3.0")}  # fmt: skip
        url = url_of(endpoint, body)
        assert_accepted(client.request("PUT", url, module=MODULE, json_body=changed), "PUT")
        got = object_of(client.get(url, module=MODULE))
        assert_same(OBJ, changed, got, "the record after its PUT", "2.3.0")
    finally:
        client.request("DELETE", url_of(endpoint, body), module=MODULE)


def delete_removes(harness: Harness, client: OcpiClient, endpoint: str) -> None:
    """A DELETE of a POSTed record is taken, and a GET of it then finds nothing (404)."""
    body = posted(harness, client, endpoint)
    url = url_of(endpoint, body)
    assert_accepted(client.request("DELETE", url, module=MODULE), "DELETE of the record")
    after = client.get(url, module=MODULE)
    assert after.status_code != 1000 or not after.data, (
        f"after its DELETE the record is still served: {after.describe()}"
    )
