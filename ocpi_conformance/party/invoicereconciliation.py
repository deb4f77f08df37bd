"""The Invoice Reconciliation module of 2.3.0 (mod_invoice_reconciliation.asciidoc, new in
Edition 2, tag v2.3.0-ed2; data owner "CPO or MSP").

Both a CPO and an eMSP serve both interfaces: the Sender ("typically implemented by [...] the
CPO" with direct billing, "the eMSP" with reverse billing) lists the records of the invoices
this party issued; the Receiver keeps the records another party POSTs (a POST on the endpoint
URL itself, the record naming its owner), PUTs and DELETEs at
/{country_code}/{party_id}/{id}, and serves them by GET there.

Readings (spec.v2_3_0.modules.AMBIGUITIES, "invoicereconciliation"): POST creates a record and
answers HTTP 201; a POST of a record the party already holds, or a PUT of one it does not, is
refused with 2001 ("Send a new", "Update an existing"); a DELETE of an unknown record is 404.
"""

from __future__ import annotations

import copy

from ocpi_conformance.party import intake
from ocpi_conformance.party.faults import commits, fault
from ocpi_conformance.party.pagination import paginate
from ocpi_conformance.party.seeded import JSON, Kept, seed
from ocpi_conformance.party.service import (
    Answer,
    Call,
    Outcome,
    Service,
    describe,
    envelope,
    functional_url,
)
from ocpi_conformance.party.state import PartyState

MODULE = "invoicereconciliation"
V230 = ("2.3.0",)

INVOICERECONCILIATION_NO_CDRS = fault(
    "invoicereconciliation_no_cdrs",
    "the first Invoice Reconciliation Record listed has an empty cdrs list (the table: '+')",
    caught_by=["INV-CPO-002", "INV-EMSP-002"],
    versions=V230,
)
INVOICERECONCILIATION_DELETE_IGNORED = fault(
    "invoicereconciliation_delete_ignored",
    "a DELETE of a received Invoice Reconciliation Record is answered 1000 but the record stays",
    caught_by=["INV-CPO-043", "INV-EMSP-043"],
    versions=V230,
)


def _records(state: PartyState) -> Kept:
    return state.store(
        "invoicereconciliation-records",
        lambda s: Kept.of("id", seed(MODULE, "InvoiceReconciliationRecord", s.identity,
                                     prefix="OCC-IRR", variants=("full", "minimal", "boundary"))),
        "2.3.0",
    )  # fmt: skip


def get_list(call: Call) -> Outcome:
    items = _records(call.state).items()
    if commits(call.state.faults, INVOICERECONCILIATION_NO_CDRS, call.number) and items:
        items = [{**items[0], "cdrs": []}, *items[1:]]
    url = functional_url(call.state, MODULE, "SENDER", call.number)
    return paginate(call, items, url)


SENDER = Service(MODULE, "SENDER", {"get_list": get_list}, versions=V230)


def received(state: PartyState) -> dict[tuple[str, str, str], JSON]:
    """The records other parties sent this party, by (country_code, party_id, id), upper-cased."""
    return state.store("invoicereconciliation-received", lambda _s: {}, "2.3.0")


def _key(country_code: object, party_id: object, record_id: object) -> tuple[str, str, str]:
    return (str(country_code).upper(), str(party_id).upper(), str(record_id).upper())


def _url_key(call: Call) -> tuple[str, str, str]:
    return _key(call.params["country_code"], call.params["party_id"], call.params["id"])


def _valid(call: Call) -> JSON:
    body = call.json()
    if not isinstance(body, dict):
        raise Answer(200, 2001, "not an InvoiceReconciliationRecord object")
    violations = intake.check(call.state, "InvoiceReconciliationRecord", body, call.number)
    if violations:
        raise Answer(200, 2001, f"not a valid InvoiceReconciliationRecord: {describe(violations)}")
    return body


def post(call: Call) -> Outcome:
    body = _valid(call)
    key = _key(body["country_code"], body["party_id"], body["id"])
    kept = received(call.state)
    if key in kept:
        raise Answer(200, 2001, "a record with this id exists: update it by PUT")
    kept[key] = copy.deepcopy(body)
    return Outcome(201, envelope(1000))


def get(call: Call) -> Outcome:
    found = received(call.state).get(_url_key(call))
    if found is None:
        raise Answer(404, 2000, "unknown InvoiceReconciliationRecord")
    return Outcome(200, envelope(1000, found))


def put(call: Call) -> Outcome:
    body, key = _valid(call), _url_key(call)
    if _key(body["country_code"], body["party_id"], body["id"]) != key:
        raise Answer(200, 2001, "the record's owner or id differs from the URL's")
    kept = received(call.state)
    if key not in kept:
        raise Answer(404, 2000, "unknown InvoiceReconciliationRecord: POST it first")
    kept[key] = copy.deepcopy(body)
    return Outcome(200, envelope(1000))


def delete(call: Call) -> Outcome:
    kept, key = received(call.state), _url_key(call)
    if key not in kept:
        raise Answer(404, 2000, "unknown InvoiceReconciliationRecord")
    if not commits(call.state.faults, INVOICERECONCILIATION_DELETE_IGNORED, call.number):
        del kept[key]
    return Outcome(200, envelope(1000))


RECEIVER = Service(
    MODULE,
    "RECEIVER",
    {"get_record": get, "post_record": post, "put_record": put, "delete_record": delete},
    versions=V230,
)

SERVICES = (SENDER, RECEIVER)
