"""2.3.0's new modules in the party, over real HTTP: Payments (a PTP's Sender, a CPO's
Receiver), Bookings (a CPO's Sender, an eMSP's Receiver), Invoice Reconciliation (both
interfaces); what each serves is valid 2.3.0, what it answers follows the readings of its
module file, and each of its faults does what it says (in 2.3.0; no earlier version has the
modules)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from ocpi_conformance.party import bookings, invoicereconciliation, payments
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.sandbox import start
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import OcpiClient, Reply, object_url

from .conftest import handshake

V230 = "2.3.0"
TOKEN_C = "party-test-token-c-newmods"
STAMP = "%Y-%m-%dT%H:%M:%SZ"


class Served:
    def __init__(self, state: Any, client: OcpiClient) -> None:
        self.state, self.client = state, client

    def url(self, module: str, role: str, below: str = "") -> str:
        return functional_url(self.state, module, role, V230).rstrip("/") + below

    def call(self, method: str, url: str, body: Any = None) -> Reply:
        return self.client.request(method, url, module="test", json_body=body)


@contextmanager
def party(role: str, *faults: str) -> Iterator[Served]:
    state, server = start(role, "unused-token-a-0001", faults=faults)
    state.accept_token(TOKEN_C, label="token C")
    client = OcpiClient(TOKEN_C, version=spec_version(V230))
    try:
        yield Served(state, client)
    finally:
        client.close()
        server.stop()


def _valid_list(reply: Reply, obj: str) -> list[dict[str, Any]]:
    assert reply.status == 200 and reply.status_code == 1000, reply.describe()
    assert reply.header("X-Total-Count") == str(len(reply.data))
    assert reply.data and all(not validate_object(obj, item, V230) for item in reply.data)
    return reply.data


# --- Payments ------------------------------------------------------------------------------


def test_a_ptp_lists_valid_terminals_and_confirmations() -> None:
    with party("ptp") as ptp:
        terminals = _valid_list(ptp.call("GET", ptp.url("payments", "SENDER", "/terminals")),
                                "Terminal")  # fmt: skip
        found = ptp.call("GET", object_url(ptp.url("payments", "SENDER", "/terminals"),
                                           terminals[0]["terminal_id"]))  # fmt: skip
        assert found.data == terminals[0]
        facs = ptp.call("GET", ptp.url("payments", "SENDER", "/financial-advice-confirmations"))
        assert all("before_taxes" in f["total_costs"] for f in
                   _valid_list(facs, "FinancialAdviceConfirmation"))  # fmt: skip


def test_fault_payments_fac_221_price() -> None:
    with party("ptp", "payments_fac_221_price") as ptp:
        facs = ptp.call("GET", ptp.url("payments", "SENDER", "/financial-advice-confirmations"))
        assert all(set(f["total_costs"]) == {"excl_vat", "incl_vat"} for f in facs.data)


def test_fault_payments_terminal_id_number() -> None:
    with party("ptp", "payments_terminal_id_number") as ptp:
        terminals = ptp.call("GET", ptp.url("payments", "SENDER", "/terminals"))
        assert all(isinstance(t["terminal_id"], int) for t in terminals.data)


def _test_a_ptp_patch_merges_unless_it_replaces(faulty: bool) -> None:
    faults = ("payments_patch_replaces",) if faulty else ()
    with party("ptp", *faults) as ptp:
        url = object_url(ptp.url("payments", "SENDER", "/terminals"), "OCC-TERM-001")
        before = ptp.call("GET", url).data
        patch = {"location_ids": ["LOC-9"], "last_updated": "2026-01-01T00:00:00Z"}
        assert ptp.call("PATCH", url, patch).status_code == 1000
        after = ptp.call("GET", url).data
        assert after["location_ids"] == ["LOC-9"]
        assert (after.get("customer_reference") == before["customer_reference"]) is not faulty


def test_a_ptp_patch_merges() -> None:
    _test_a_ptp_patch_merges_unless_it_replaces(False)


def test_fault_payments_patch_replaces() -> None:
    _test_a_ptp_patch_merges_unless_it_replaces(True)


def test_a_ptp_activation_makes_a_terminal() -> None:
    with party("ptp") as ptp:
        body = {"reference": "SN-1", "last_updated": "2026-01-01T00:00:00Z"}
        reply = ptp.call("POST", ptp.url("payments", "SENDER", "/terminals/activate"), body)
        assert reply.status_code == 1000
        listed = ptp.call("GET", ptp.url("payments", "SENDER", "/terminals")).data
        assert any(t.get("reference") == "SN-1" and t["terminal_id"] for t in listed)


def test_a_cpo_keeps_what_a_ptp_posts() -> None:
    with party("cpo") as cpo:
        terminal = {"terminal_id": "T-1", "last_updated": "2026-01-01T00:00:00Z"}
        below = "/terminals"
        assert cpo.call("POST", cpo.url("payments", "RECEIVER", below), terminal).status == 201
        got = cpo.call("GET", object_url(cpo.url("payments", "RECEIVER", below), "T-1"))
        assert got.data == terminal
        fac = fixture("payments", "FinancialAdviceConfirmation.full", V230)
        below = "/financial-advice-confirmations"
        assert cpo.call("POST", cpo.url("payments", "RECEIVER", below), fac).status == 201
        got = cpo.call("GET", object_url(cpo.url("payments", "RECEIVER", below), fac["id"]))
        assert got.data == fac


def test_fault_payments_receiver_needs_address() -> None:
    with party("cpo", "payments_receiver_needs_address") as cpo:
        url = cpo.url("payments", "RECEIVER", "/terminals")
        bare = {"terminal_id": "T-1", "last_updated": "2026-01-01T00:00:00Z"}
        assert cpo.call("POST", url, bare).status_code == 2001
        placed = {**bare, "terminal_id": "T-2", "address": "Teststraat 1"}
        assert cpo.call("POST", url, placed).status_code == 1000


def test_fault_payments_receiver_drops_fac() -> None:
    with party("cpo", "payments_receiver_drops_fac") as cpo:
        url = cpo.url("payments", "RECEIVER", "/financial-advice-confirmations")
        fac = fixture("payments", "FinancialAdviceConfirmation.full", V230)
        assert cpo.call("POST", url, fac).status_code == 1000
        assert cpo.call("GET", object_url(url, fac["id"])).status == 404


@dataclass
class _Seat:
    state: Any


def _activation_reaches_the_cpo(faulty: bool) -> None:
    """The PTP, registered with by a CPO, POSTs an activated Terminal to the CPO's Receiver."""
    faults = ("payments_terminal_not_activated",) if faulty else ()
    ptp_state, ptp_server = start("ptp", "ptp-token-a-0001", faults=faults)
    cpo_state, cpo_server = start("cpo", "cpo-token-a-0001")
    try:
        _, result = handshake(_Seat(cpo_state), _Seat(ptp_state), "ptp-token-a-0001", V230)
        assert result.ok, result.problem
        with OcpiClient(result.token_c, version=spec_version(V230)) as client:
            base = functional_url(ptp_state, "payments", "SENDER", V230)
            body = {"reference": "SN-7", "last_updated": "2026-01-01T00:00:00Z"}
            assert client.request("POST", base + "/terminals/activate", module="payments",
                                  json_body=body).status_code == 1000  # fmt: skip
        arrived = payments.received(cpo_state, "Terminal")
        deadline = time.monotonic() + 3
        while not arrived.objects and time.monotonic() < deadline:
            time.sleep(0.05)
        assert bool(arrived.objects) is not faulty
        assert all(t["reference"] == "SN-7" for t in arrived.items())
    finally:
        ptp_server.stop()
        cpo_server.stop()


def test_an_activation_reaches_the_cpo() -> None:
    _activation_reaches_the_cpo(False)


def test_fault_payments_terminal_not_activated() -> None:
    _activation_reaches_the_cpo(True)


# --- Bookings ------------------------------------------------------------------------------


def _request(cpo: Served, start_from: str, end_before: str, **more: Any) -> dict[str, Any]:
    place = next(
        p for p in cpo.call("GET", cpo.url("Booking", "SENDER", "/booking_locations")).data
        if p.get("calendars")
    )  # fmt: skip
    return {"country_code": "NL", "party_id": "MSP", "request_id": "REQ-1",
            "location_id": place["location_id"], "authorization_reference": "AUTH-1",
            "period": {"start_from": start_from, "end_before": end_before}, **more}  # fmt: skip


def _slot(cpo: Served) -> tuple[str, str]:
    places = cpo.call("GET", cpo.url("Booking", "SENDER", "/booking_locations")).data
    slot = next(p for p in places if p.get("calendars"))["calendars"][0]["available_timeslots"][0]
    return slot["start_from"], slot["end_before"]


def _test_a_cpo_reserves_open_slots_only(faulty: bool) -> None:
    faults = ("bookings_closed_slot_reserved",) if faulty else ()
    with party("cpo", *faults) as cpo:
        _valid_list(cpo.call("GET", cpo.url("Booking", "SENDER", "/booking_locations")),
                    "BookingLocation")  # fmt: skip
        opened = cpo.call("POST", cpo.url("Booking", "SENDER"), _request(cpo, *_slot(cpo)))
        assert not validate_object("Booking", opened.data, V230)
        assert opened.data["reservation_status"] == "RESERVED"
        late = (dt.datetime.now(dt.UTC) + dt.timedelta(days=400)).strftime(STAMP)
        later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=401)).strftime(STAMP)
        closed = _request(cpo, late, later, request_id="REQ-2")
        answer = cpo.call("POST", cpo.url("Booking", "SENDER"), closed).data
        assert answer["reservation_status"] == ("RESERVED" if faulty else "REJECTED")


def test_a_cpo_reserves_open_slots_only_clean() -> None:
    _test_a_cpo_reserves_open_slots_only(False)


def test_fault_bookings_closed_slot_reserved() -> None:
    _test_a_cpo_reserves_open_slots_only(True)


def _test_a_cpo_cancels_a_booking_on_request(faulty: bool) -> None:
    faults = ("bookings_cancel_ignored",) if faulty else ()
    with party("cpo", *faults) as cpo:
        request = _request(cpo, *_slot(cpo))
        cpo.call("POST", cpo.url("Booking", "SENDER"), request)
        canceled = {**request, "canceled": {"cancellation_reason": "TRAFFIC",
                                            "who_canceled": "EMSP"}}  # fmt: skip
        after = cpo.call("POST", cpo.url("Booking", "SENDER"), canceled).data
        assert after["reservation_status"] == ("RESERVED" if faulty else "CANCELED")
        listed = cpo.call("GET", cpo.url("Booking", "SENDER")).data
        assert any(b["request_id"] == "REQ-1" for b in listed)


def test_a_cpo_cancels_a_booking_clean() -> None:
    _test_a_cpo_cancels_a_booking_on_request(False)


def test_fault_bookings_cancel_ignored() -> None:
    _test_a_cpo_cancels_a_booking_on_request(True)


def test_fault_bookings_location_unbookable() -> None:
    with party("cpo", "bookings_location_unbookable") as cpo:
        places = cpo.call("GET", cpo.url("Booking", "SENDER", "/booking_locations")).data
        assert all("evse_uid" not in p and "bookable_parking_options" not in p for p in places)


def test_fault_bookings_receiver_put_always_200() -> None:
    with party("emsp", "bookings_receiver_put_always_200") as emsp:
        place = fixture("bookings", "BookingLocation.minimal", V230)
        url = object_url(emsp.url("Booking", "RECEIVER"), "NL", "CPO", "booking_locations",
                         place["id"])  # fmt: skip
        assert emsp.call("PUT", url, place).status == 200
        assert emsp.call("GET", url).data == place


def test_fault_bookings_ids_as_numbers() -> None:
    with party("cpo", "bookings_ids_as_numbers") as cpo:
        places = cpo.call("GET", cpo.url("Booking", "SENDER", "/booking_locations")).data
        assert all(isinstance(p["location_id"], int) for p in places)


def _test_an_emsp_calendar_patch_sets_the_parent_last_updated(faulty: bool) -> None:
    faults = ("bookings_calendar_patch_parent_stale",) if faulty else ()
    with party("emsp", *faults) as emsp:
        place = fixture("bookings", "BookingLocation.full", V230)
        url = object_url(emsp.url("Booking", "RECEIVER"), "NL", "CPO", "booking_locations",
                         place["id"])  # fmt: skip
        assert emsp.call("PUT", url, place).status == 201
        calendar = place["calendars"][0]["id"]
        patch = {"step_size": 30, "last_updated": "2026-02-02T02:02:02Z"}
        assert emsp.call("PATCH", object_url(url, calendar), patch).status_code == 1000
        assert emsp.call("GET", object_url(url, calendar)).data["step_size"] == 30
        stamp = emsp.call("GET", url).data["last_updated"]
        assert (stamp == "2026-02-02T02:02:02Z") is not faulty


def test_an_emsp_calendar_patch_sets_the_parent() -> None:
    _test_an_emsp_calendar_patch_sets_the_parent_last_updated(False)


def test_fault_bookings_calendar_patch_parent_stale() -> None:
    _test_an_emsp_calendar_patch_sets_the_parent_last_updated(True)


# --- Invoice Reconciliation ----------------------------------------------------------------


@pytest.mark.parametrize("role", ["cpo", "emsp"])
def test_both_data_owners_list_their_records(role: str) -> None:
    with party(role) as owner:
        items = _valid_list(owner.call("GET", owner.url("invoicereconciliation", "SENDER")),
                            "InvoiceReconciliationRecord")  # fmt: skip
        assert all(i["party_id"] == owner.state.identity.party_id for i in items)
    with party(role, "invoicereconciliation_no_cdrs") as owner:
        first = owner.call("GET", owner.url("invoicereconciliation", "SENDER")).data[0]
        assert first["cdrs"] == []


def test_fault_invoicereconciliation_no_cdrs() -> None:
    with party("cpo", "invoicereconciliation_no_cdrs") as owner:
        listed = owner.call("GET", owner.url("invoicereconciliation", "SENDER")).data
        assert listed[0]["cdrs"] == [] and all(r["cdrs"] for r in listed[1:])


def _test_a_receiver_posts_puts_and_deletes_records(faulty: bool) -> None:
    faults = ("invoicereconciliation_delete_ignored",) if faulty else ()
    with party("emsp", *faults) as emsp:
        base = emsp.url("invoicereconciliation", "RECEIVER")
        record = fixture("invoicereconciliation", "InvoiceReconciliationRecord.full", V230)
        url = object_url(base, record["country_code"], record["party_id"], record["id"])
        assert emsp.call("POST", base, record).status == 201
        assert emsp.call("POST", base, record).status_code == 2001  # exists: PUT it
        changed = {**record, "invoice_id": "INV-2"}
        assert emsp.call("PUT", url, changed).status_code == 1000
        assert emsp.call("GET", url).data == changed
        assert emsp.call("DELETE", url).status_code == 1000
        assert (emsp.call("GET", url).status == 404) is not faulty


def test_a_receiver_posts_puts_and_deletes() -> None:
    _test_a_receiver_posts_puts_and_deletes_records(False)


def test_fault_invoicereconciliation_delete_ignored() -> None:
    _test_a_receiver_posts_puts_and_deletes_records(True)


def test_the_new_modules_are_2_3_0_only() -> None:
    for service in (*payments.SERVICES, *bookings.SERVICES, *invoicereconciliation.SERVICES):
        assert service.versions == (V230,)
