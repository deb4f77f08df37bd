"""PAY-CPO: the Payments Receiver of a CPO (mod_payments.asciidoc#mod_payments_cpo_interface, tag
v2.3.0-ed2-payments): the Terminals and Financial Advice Confirmations a PTP POSTs, read back by
GET at '/terminals/{terminal_id}' and '/financial-advice-confirmations/{id}' below the endpoint.
The harness plays the PTP. Nothing it POSTs can be removed (the interface has no DELETE): each
object carries an OCC- id.
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.ids import new_id
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_3_0.documents import PAY, STC
from ocpi_conformance.spec.v2_3_0.modules import FINANCIAL_ADVICE, TERMINALS
from ocpi_conformance.transport.client import OcpiClient, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import assert_http

from ..contracts.push_receiver import (
    EXTENSION_FIELD,
    UNDOCUMENTED,
    assert_accepted,
    assert_same,
    now,
    object_of,
)

SUITE = Suite("payments", "RECEIVER", versions=("2.3.0",), listing="get_terminals")
POST_TERMINAL = f"{PAY}#mod_payments_cpo_terminal_post_method"
POST_FAC = f"{PAY}#mod_payments_cpo_financial_advice_confirmation_post_method"


def _posted(client: OcpiClient, endpoint: str, below: str, obj: str, body: dict, key: str) -> Any:
    """POST `body` below the endpoint, see it accepted, and read it back equal in every
    documented field."""
    url = endpoint.rstrip("/") + below
    reply = client.request("POST", url, module=SUITE.module, json_body=body)
    assert_accepted(reply, f"POST of a {obj}")
    got = object_of(client.get(object_url(url, body[key]), module=SUITE.module))
    documented = {k: v for k, v in body.items() if k != EXTENSION_FIELD}
    assert_same(obj, documented, got, f"the {obj} POSTed", "2.3.0")


# Reading: "The object sent here can be just the terminal id or an object with additional data";
# the table keeps last_updated required, so the smallest Terminal is terminal_id and
# last_updated: a CPO that needs more (an address) refuses what the text allows.
@SUITE.case("PAY-CPO-001", MANDATORY, POST_TERMINAL, needs=("writes",))
def test_smallest_terminal_is_kept(client: OcpiClient, endpoint: str) -> None:
    """A Terminal of only terminal_id and last_updated, POSTed by the PTP, is taken and read back
    equal"""
    body = {"terminal_id": new_id("TERM")[:36], "last_updated": now("2.3.0")}
    _posted(client, endpoint, TERMINALS, "Terminal", body, "terminal_id")


@SUITE.case("PAY-CPO-002", MANDATORY, POST_TERMINAL, needs=("writes",))
def test_full_terminal_is_kept(client: OcpiClient, endpoint: str) -> None:
    """A Terminal with every field, POSTed by the PTP, is taken and read back equal"""
    body = {**fixture("payments", "Terminal.full", "2.3.0"), "terminal_id": new_id("TERM")[:36],
            "last_updated": now("2.3.0")}  # fmt: skip
    _posted(client, endpoint, TERMINALS, "Terminal", body, "terminal_id")


# Reading: "The PTP has to make sure to use the same authorization reference as provided in the
# Commands.StartSession so that the CPO can properly map the financial advice to the session":
# the CPO takes the confirmation whatever it maps it to (the harness started no session).
@SUITE.case("PAY-CPO-004", MANDATORY, POST_FAC, needs=("writes",))
def test_confirmation_is_kept(client: OcpiClient, endpoint: str) -> None:
    """A Financial Advice Confirmation (total_costs a 2.3.0 Price), POSTed by the PTP, is taken
    and read back equal"""
    example = fixture("payments", "FinancialAdviceConfirmation.full", "2.3.0")
    body = {**example, "id": new_id("FAC")[:36], "last_updated": now("2.3.0")}
    _posted(client, endpoint, FINANCIAL_ADVICE, "FinancialAdviceConfirmation", body, "id")


@SUITE.case("PAY-CPO-003", RECOMMENDED, f"{STC}#status_codes_status_codes")
def test_unknown_terminal_is_404(client: OcpiClient, endpoint: str) -> None:
    """A GET of a Terminal no PTP ever POSTed gets HTTP 404"""
    url = object_url(endpoint.rstrip("/") + TERMINALS, new_id("NEVER")[:36])
    assert_http(client.get(url, module=SUITE.module), 404, "the answer")


# transport_and_format.asciidoc#_non_specified_json_fields (tag v2.3.0-ed2, which the Payments
# text builds on): "SHALL NOT reject request or response payloads based on the presence of JSON
# object field names that are not documented".
@SUITE.case("PAY-CPO-005", MANDATORY, UNDOCUMENTED, needs=("writes",))
def test_undocumented_field_is_accepted(client: OcpiClient, endpoint: str) -> None:
    """A Terminal POSTed with a field no table documents is taken and read back"""
    body = {
        "terminal_id": new_id("TERM")[:36],
        "last_updated": now("2.3.0"),
        EXTENSION_FIELD: "sent by ocpi-conformance: a field no OCPI table documents",
    }
    _posted(client, endpoint, TERMINALS, "Terminal", body, "terminal_id")
