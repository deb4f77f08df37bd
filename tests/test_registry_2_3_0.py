"""The 2.3.0 module registry is internally consistent, names only objects the 2.3.0 models define,
and says what the 2.3.0 texts say of the three new modules."""

from __future__ import annotations

import re

import pytest

from ocpi_conformance.spec.registry import Cardinality, Method
from ocpi_conformance.spec.v2_2_1.modules import MODULES as MODULES_2_2_1
from ocpi_conformance.spec.v2_3_0 import ENUMS, OBJECTS
from ocpi_conformance.spec.v2_3_0.enums import ModuleID
from ocpi_conformance.spec.v2_3_0.modules import (
    ALL_ROLES,
    EVERY_PLATFORM,
    HUB,
    MODULES,
    PTP,
    client_owned,
    listed_object,
    operation,
    sender_lists,
)
from ocpi_conformance.spec.v2_3_0.types import Role

OPERATIONS = [
    (module, interface, op)
    for module in MODULES.values()
    for interface in module.interfaces
    for op in interface.operations
]
IDS = [f"{m.id}.{i.role or 'ANY'}.{op.name}" for m, i, op in OPERATIONS]


def test_every_module_id_of_the_spec_is_registered() -> None:
    assert {m.value for m in ModuleID} | {"versions"} == set(MODULES)


def test_operation_names_are_unique_per_interface() -> None:
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize(("module", "interface", "op"), OPERATIONS, ids=IDS)
def test_operation_is_well_formed(module, interface, op) -> None:
    assert re.fullmatch(r"[a-z_]+\.asciidoc#[A-Za-z0-9_-]+", op.spec), op.spec
    assert set(re.findall(r"{(\w+)}", op.path)) == {p.name for p in op.path_params}
    for body in (op.request, op.response):
        if body is not None and body.obj is not None:
            assert body.obj in OBJECTS or body.obj in ENUMS
    if op.method is Method.PATCH:
        # mod_payments_ptp_patch_terminal_method asks for no field; every other PATCH text does
        expected = () if module.id == "payments" else ("last_updated",)
        assert op.patch_requires == expected
    if op.paginated:
        assert op.method is Method.GET and op.response is not None and op.response.card.is_list
        assert {"offset", "limit", "date_from", "date_to"} <= {q.name for q in op.query}
    assert op.target in {"endpoint", "version_url", "location_header", "response_url"}


def test_module_objects_exist() -> None:
    for module in MODULES.values():
        for name in module.objects:
            assert name in OBJECTS or name in ENUMS, (module.id, name)


def test_implementers_are_roles_or_the_two_labels() -> None:
    roles = {r.value for r in Role}
    assert set(ALL_ROLES) == roles and "HUB" not in roles and "PTP" not in roles
    for module in MODULES.values():
        for interface in module.interfaces:
            assert set(interface.implemented_by) <= roles | {HUB, PTP}, module.id
    assert set(EVERY_PLATFORM) == roles | {HUB, PTP}


def test_the_2_2_1_modules_keep_their_calls() -> None:
    # Edition 2 changes no interface of the nine 2.2.1 modules: same operations, paths, bodies.
    def calls(modules: dict) -> set[tuple]:
        return {
            (m.id, i.role, op.name, op.method, op.path, op.request, op.response, op.query)
            for m in modules.values()
            for i in m.interfaces
            for op in i.operations
        }

    assert calls(MODULES_2_2_1) == calls({k: MODULES[k] for k in MODULES_2_2_1})


def test_new_modules_who_implements_what() -> None:
    assert MODULES["payments"].interface("SENDER").implemented_by == (PTP,)
    assert MODULES["payments"].interface("RECEIVER").implemented_by == ("CPO",)
    assert MODULES["Booking"].interface("SENDER").implemented_by == ("CPO",)
    assert MODULES["Booking"].interface("RECEIVER").implemented_by == ("EMSP",)
    for role in ("SENDER", "RECEIVER"):  # direct and reverse billing
        assert set(MODULES["invoicereconciliation"].interface(role).implemented_by) == {
            "CPO",
            "EMSP",
        }
    assert MODULES["hubclientinfo"].interface("SENDER").implemented_by == (HUB,)


def test_lists_of_the_new_modules() -> None:
    assert [op.name for op in sender_lists("payments")] == [
        "get_terminals",
        "get_financial_advice_confirmations",
    ]
    assert listed_object("payments", "get_terminals") == "Terminal"
    assert listed_object("Booking") == "Booking"
    assert listed_object("Booking", "get_booking_locations") == "BookingLocation"
    timeslots = {q.name for q in operation("Booking", "SENDER", "get_booking_locations").query}
    assert {"timeslot_from", "timeslot_to"} <= timeslots
    assert listed_object("invoicereconciliation") == "InvoiceReconciliationRecord"


def test_paths_of_the_new_modules() -> None:
    assert operation("payments", "SENDER", "post_activate_terminal").path == "/terminals/activate"
    deactivate = operation("payments", "SENDER", "post_deactivate_terminal")
    assert deactivate.path == "/terminals/{terminal_id}/deactivate" and deactivate.request is None
    fac = operation("payments", "RECEIVER", "post_financial_advice_confirmation")
    assert fac.path == "/financial-advice-confirmations"
    assert fac.request is not None and fac.request.obj == "FinancialAdviceConfirmation"
    booking = operation("Booking", "SENDER", "post_booking")
    assert booking.request is not None and booking.request.obj == "BookingRequest"
    assert booking.response is not None and booking.response.obj == "Booking"
    assert booking.response.card is Cardinality.ONE
    calendar = operation("Booking", "RECEIVER", "patch_calendar")
    assert (
        calendar.path
        == "/{country_code}/{party_id}/booking_locations/{booking_location_id}/{calendar_id}"
    )
    record = operation("invoicereconciliation", "RECEIVER", "delete_record")
    assert record.path == "/{country_code}/{party_id}/{id}"


def test_client_owned_objects() -> None:
    # transport_and_format_client_owned_object_push; mod_bookings_emsp_interface and
    # mod_invoice_reconciliation_receiver_interface call theirs Client Owned Objects.
    for name in ("Location", "Session", "Tariff", "Token", "CDR"):
        assert client_owned(name), name
    for name in ("BookingLocation", "Booking", "InvoiceReconciliationRecord"):
        assert client_owned(name), name
    # A Terminal's country_code/party_id are optional alternatives to its customer_reference.
    assert not client_owned("Terminal")
    assert not client_owned("FinancialAdviceConfirmation")


def test_the_readings_2_3_0_takes_anew_replace_two_of_2_2_1() -> None:
    from ocpi_conformance.spec.v2_2_1.modules import AMBIGUITIES as READINGS_2_2_1
    from ocpi_conformance.spec.v2_3_0.modules import _REREAD, AMBIGUITIES

    for prefix in _REREAD:  # each names exactly one 2.2.1 reading, now replaced
        (old,) = [a for a in READINGS_2_2_1 if a.startswith(prefix)]
        assert old not in AMBIGUITIES
    assert set(READINGS_2_2_1) - set(AMBIGUITIES) == {
        a for a in READINGS_2_2_1 if a.startswith(_REREAD)
    }
    assert any(a.startswith("payments:") for a in AMBIGUITIES)
    assert any(a.startswith("bookings:") for a in AMBIGUITIES)


def test_what_names_an_object() -> None:
    from ocpi_conformance.spec.v2_3_0 import identity, shown

    terminal = {"terminal_id": "t1", "country_code": "NL", "party_id": "CPO"}
    assert identity("Terminal", terminal) == ("T1",)
    request = {"country_code": "NL", "party_id": "MSP", "request_id": "r1"}
    assert identity("BookingRequest", request) == ("NL", "MSP", "R1")
    booking = {"country_code": "nl", "party_id": "cpo", "id": "b1", "request_id": "r1"}
    assert shown("Booking", booking) == "NL/CPO/B1"
    token = {"country_code": "NL", "party_id": "MSP", "uid": "u1", "type": "EMAID"}
    assert shown("Token", token) == "NL/MSP/U1 (EMAID)"
