"""The Payments module of 2.3.0 (mod_payments.asciidoc, tag v2.3.0-ed2-payments; data owner PTP).

The Sender is the PTP's: its Terminals and Financial Advice Confirmations as paginated lists
and one by one, and the calls its Terminals interface takes from the CPO: POST activate (after
which "the PTP should start the Terminal creation process by creating a Terminal object on the
CPO side": it POSTs the new Terminal to the caller's Terminals Receiver a moment later), POST
deactivate, PUT (a whole Terminal) and PATCH ("to assign location ids and/or evse_uids"). The
Receiver is the CPO's: the Terminals and Financial Advice Confirmations a PTP POSTs, read back by
GET.

Readings (spec.v2_3_0.modules.AMBIGUITIES, "payments"): one endpoint per interface, below which
'/terminals' and '/financial-advice-confirmations' (the examples' paths); a deactivated Terminal
stays listed (the text defines no field that says so); the Receiver answers a new object with
HTTP 201 (status_codes) and refuses an invalid one with 2001.
"""

from __future__ import annotations

import copy
from typing import Any

from ocpi_conformance.party import intake
from ocpi_conformance.party.callback import post_later
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
    now,
)
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.spec.v2_3_0.modules import FINANCIAL_ADVICE, TERMINALS

MODULE = "payments"
FOLDER = "payments"  # fixtures/2.3.0/payments
V230 = ("2.3.0",)

PAYMENTS_FAC_221_PRICE = fault(
    "payments_fac_221_price",
    "the PTP's Financial Advice Confirmations give total_costs in 2.2.1's Price shape "
    "(excl_vat, incl_vat), as the Payments examples do, not 2.3.0's (before_taxes, taxes)",
    caught_by=["PAY-PTP-022"],
    versions=V230,
)
PAYMENTS_TERMINAL_NOT_ACTIVATED = fault(
    "payments_terminal_not_activated",
    "a POST activate is answered 1000, but the PTP never creates the Terminal on the CPO side",
    caught_by=["PAY-PTP-041"],
    versions=V230,
)
PAYMENTS_PATCH_REPLACES = fault(
    "payments_patch_replaces",
    "a PATCH of a Terminal's location_ids replaces the whole Terminal with the PATCH body",
    caught_by=["PAY-PTP-043"],
    versions=V230,
)
PAYMENTS_TERMINAL_ID_NUMBER = fault(
    "payments_terminal_id_number",
    "the PTP lists its Terminals with terminal_id as a JSON number, not a CiString",
    caught_by=["PAY-PTP-002"],
    versions=V230,
)
PAYMENTS_RECEIVER_DROPS_FAC = fault(
    "payments_receiver_drops_fac",
    "the CPO answers a POSTed Financial Advice Confirmation 1000 but does not keep it",
    caught_by=["PAY-CPO-004"],
    versions=V230,
)
PAYMENTS_RECEIVER_NEEDS_ADDRESS = fault(
    "payments_receiver_needs_address",
    "the CPO refuses a Terminal POSTed without an address (the table makes it optional)",
    caught_by=["PAY-CPO-001"],
    versions=V230,
)


def join(url: str, below: str) -> str:
    """A sub-path of an interface's URL ('/terminals')."""
    return url.rstrip("/") + below


# --- the PTP's Sender ------------------------------------------------------------------------


def _terminals(state: PartyState) -> Kept:
    return state.store(
        "payments-terminals",
        lambda s: Kept.of("terminal_id", seed(FOLDER, "Terminal", None, key="terminal_id",
                                              prefix="OCC-TERM")),
        "2.3.0",
    )  # fmt: skip


def _confirmations(state: PartyState) -> Kept:
    return state.store(
        "payments-confirmations",
        lambda s: Kept.of(
            "id",
            seed(FOLDER, "FinancialAdviceConfirmation", None, prefix="OCC-FAC",
                 variants=("full", "minimal", "boundary")),
        ),
        "2.3.0",
    )  # fmt: skip


def _terminal_shown(state: PartyState, item: JSON) -> JSON:
    if commits(state.faults, PAYMENTS_TERMINAL_ID_NUMBER, "2.3.0"):
        return {**item, "terminal_id": sum(map(ord, str(item["terminal_id"])))}
    return item


def _confirmation_shown(state: PartyState, item: JSON) -> JSON:
    """2.2.1's Price of the same amounts under the fault (incl_vat: before taxes plus taxes)."""
    if not commits(state.faults, PAYMENTS_FAC_221_PRICE, "2.3.0"):
        return item
    price = item["total_costs"]
    taxes = sum(t.get("amount", 0) for t in price.get("taxes") or [])
    old = {"excl_vat": price["before_taxes"], "incl_vat": price["before_taxes"] + taxes}
    return {**item, "total_costs": old}


def _url(call: Call, role: str, below: str) -> str:
    return join(functional_url(call.state, MODULE, role, call.number), below)


def get_terminals(call: Call) -> Outcome:
    items = [_terminal_shown(call.state, t) for t in _terminals(call.state).items()]
    return paginate(call, items, _url(call, "SENDER", TERMINALS))


def get_terminal(call: Call) -> Outcome:
    found = _terminals(call.state).get(call.params["terminal_id"], "Terminal")
    return Outcome(200, envelope(1000, _terminal_shown(call.state, found)))


def get_confirmations(call: Call) -> Outcome:
    items = [_confirmation_shown(call.state, c) for c in _confirmations(call.state).items()]
    return paginate(call, items, _url(call, "SENDER", FINANCIAL_ADVICE))


def get_confirmation(call: Call) -> Outcome:
    found = _confirmations(call.state).get(
        call.params["financial_advice_confirmation_id"], "FinancialAdviceConfirmation"
    )
    return Outcome(200, envelope(1000, _confirmation_shown(call.state, found)))


def _terminal_body(call: Call, *, patch: bool = False) -> JSON:
    body = call.json()
    if not isinstance(body, dict):
        raise Answer(200, 2001, "not a Terminal object")
    violations = intake.check(call.state, "Terminal", body, call.number, patch=patch)
    if patch:
        violations = [v for v in violations if (v.path, v.constraint) != ("$", "required")]
    if violations:
        raise Answer(200, 2001, f"not a valid Terminal: {describe(violations)}")
    return body


def activate(call: Call) -> Outcome:
    """POST activate: "The terminal_id is optional in the activation request as it will be set
    by the PTP"; the new Terminal is created on the CPO side by the POST of its Receiver."""
    raw = call.json()
    if not isinstance(raw, dict):
        raise Answer(200, 2001, "not a Terminal object")
    kept = _terminals(call.state)
    made = {
        **raw,
        "terminal_id": f"OCC-TERM-ACT-{len(kept.objects) + 1:03d}",
        "last_updated": now(),
    }
    violations = intake.check(call.state, "Terminal", made, call.number)
    if violations:
        raise Answer(200, 2001, f"not a valid Terminal to activate: {describe(violations)}")
    kept.put(made)
    receiver = call.caller.endpoint(MODULE, "RECEIVER")
    if receiver is not None and not commits(
        call.state.faults, PAYMENTS_TERMINAL_NOT_ACTIVATED, call.number
    ):
        post_later(call, join(receiver, TERMINALS), made, module=MODULE, delay=0.2)
    return Outcome(200, envelope(1000))


def deactivate(call: Call) -> Outcome:
    _terminals(call.state).get(call.params["terminal_id"], "Terminal")
    return Outcome(200, envelope(1000))


def put_terminal(call: Call) -> Outcome:
    kept = _terminals(call.state)
    kept.get(call.params["terminal_id"], "Terminal")  # the CPO updates a Terminal the PTP has
    body = _terminal_body(call)
    if str(body.get("terminal_id", "")).upper() != call.params["terminal_id"].upper():
        raise Answer(200, 2001, "the Terminal's terminal_id differs from the URL's")
    kept.put(body)
    return Outcome(200, envelope(1000))


def patch_terminal(call: Call) -> Outcome:
    kept = _terminals(call.state)
    stored = kept.get(call.params["terminal_id"], "Terminal")
    body = _terminal_body(call, patch=True)
    if commits(call.state.faults, PAYMENTS_PATCH_REPLACES, call.number):
        merged = {"terminal_id": stored["terminal_id"], **body}
    else:
        merged = {k: v for k, v in {**stored, **body}.items() if v is not None}
    merged.setdefault("last_updated", now())
    kept.put(merged)
    return Outcome(200, envelope(1000))


SENDER = Service(
    MODULE,
    "SENDER",
    {
        "get_terminals": get_terminals,
        "get_terminal": get_terminal,
        "post_activate_terminal": activate,
        "post_deactivate_terminal": deactivate,
        "put_terminal": put_terminal,
        "patch_terminal": patch_terminal,
        "get_financial_advice_confirmations": get_confirmations,
        "get_financial_advice_confirmation": get_confirmation,
    },
    versions=V230,
)


# --- the CPO's Receiver ----------------------------------------------------------------------


def received(state: PartyState, obj: str) -> Kept:
    """What PTPs POSTed to this party's Payments Receiver: Terminals or Financial Advice
    Confirmations (the harness's peer reads it to see an activation's Terminal arrive)."""
    key = "terminal_id" if obj == "Terminal" else "id"
    return state.store(f"payments-received-{obj}", lambda _s: Kept(key), "2.3.0")


def _post(obj: str) -> Any:
    def handle(call: Call) -> Outcome:
        body = call.json()
        if not isinstance(body, dict):
            raise Answer(200, 2001, f"not a {obj} object")
        violations = intake.check(call.state, obj, body, call.number)
        needs_address = commits(call.state.faults, PAYMENTS_RECEIVER_NEEDS_ADDRESS, call.number)
        if obj == "Terminal" and needs_address and not body.get("address"):
            raise Answer(200, 2001, "a Terminal needs an address here")
        if violations:
            raise Answer(200, 2001, f"not a valid {obj}: {describe(violations)}")
        if obj == "FinancialAdviceConfirmation" and commits(
            call.state.faults, PAYMENTS_RECEIVER_DROPS_FAC, call.number
        ):
            return Outcome(201, envelope(1000))
        created = received(call.state, obj).put(copy.deepcopy(body))
        return Outcome(201 if created else 200, envelope(1000))

    return handle


def _get(obj: str, param: str) -> Any:
    def handle(call: Call) -> Outcome:
        return Outcome(200, envelope(1000, received(call.state, obj).get(call.params[param], obj)))

    return handle


RECEIVER = Service(
    MODULE,
    "RECEIVER",
    {
        "post_terminal": _post("Terminal"),
        "get_terminal": _get("Terminal", "terminal_id"),
        "post_financial_advice_confirmation": _post("FinancialAdviceConfirmation"),
        "get_financial_advice_confirmation": _get(
            "FinancialAdviceConfirmation", "financial_advice_confirmation_id"
        ),
    },
    versions=V230,
)

SERVICES = (SENDER, RECEIVER)
