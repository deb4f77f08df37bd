"""PAY-PTP-021 to 034: the Financial Advice Confirmation list of a PTP's Payments Sender
(mod_payments.asciidoc#mod_payments_ptp_get_financial_advice_confirmations_method, tag
v2.3.0-ed2-payments), judged as every paginated Sender list is (`contracts/sender_list.py`): its
pages, its objects against the FinancialAdviceConfirmation table (total_costs a 2.3.0 Price:
before_taxes and taxes, not the 2.2.1 shape the module's examples show), headers, Link, offset,
date windows, limit."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.spec.v2_3_0.documents import PAY
from ocpi_conformance.transport.client import OcpiClient, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, Suite

from ..contracts.sender_list import SenderList
from .payments_support import below

SUITE = Suite(
    "payments", "SENDER", versions=("2.3.0",), listing="get_financial_advice_confirmations"
)


@pytest.fixture(scope="module")
def endpoint(harness: Harness, suite: Suite) -> str:
    """The Financial Advice Confirmations list: '/financial-advice-confirmations' below the
    Payments endpoint."""
    return below(harness, suite)


class TestFinancialAdviceConfirmationList(SenderList, suite=SUITE):
    """PAY-PTP-021 to 034."""

    numbers: ClassVar[dict[str, int]] = {k: n + 20 for k, n in SenderList.numbers.items()}


@SUITE.case(
    "PAY-PTP-045", MANDATORY, f"{PAY}#mod_payments_ptp_get_financial_advice_confirmation_method"
)
def test_one_confirmation_by_id(
    client: OcpiClient, endpoint: str, listed: list[dict[str, Any]]
) -> None:
    """A listed Financial Advice Confirmation is served by its id, as listed"""
    for item in listed[:3]:
        reply = client.get(object_url(endpoint, item["id"]), module=SUITE.module)
        assert reply.status == 200 and reply.status_code == 1000, reply.describe()
        assert reply.data == item, f"confirmation {item['id']} by id differs from the listed one"
