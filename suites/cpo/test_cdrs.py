"""CDR-CPO: the CDRs SENDER interface of a CPO (mod_cdrs.asciidoc, mod_cdrs.md): its paginated
list, judged as every Sender list is (`contracts/sender_list.py`), in 2.3.0, 2.2.1 and 2.1.1; in
2.3.0 also the side of taxes its costs take from the Tariff it carries (CDR-CPO-015)."""

from __future__ import annotations

from typing import Any

import pytest

from ocpi_conformance.text import first
from ocpi_conformance.verdicts.cases import MANDATORY, Suite
from ocpi_conformance.verdicts.checks.costs import tax_basis_problems

from ..contracts.sender_list import SenderList

SUITE = Suite("cdrs", "SENDER", versions=("2.2.1", "2.1.1", "2.3.0"))
PRICE_COMPONENT = "mod_tariffs.asciidoc#mod_tariffs_pricecomponent_class"


class TestCDRList(SenderList, suite=SUITE):
    """CDR-CPO-001 to 014."""


# Reading (2.3.0, v2.3.0-ed2): a PriceComponent's price "is including or excluding taxes
# according to the tax_included field of the Tariff that this PriceComponent is contained in";
# total_energy_cost is "the costs of all the energy used". So a CDR carrying one Tariff without
# restrictions pays for its total_energy the ENERGY price on that side of taxes: after taxes
# where tax_included is YES, before where NO or N/A (step sizes may round it up).
@SUITE.case("CDR-CPO-015", MANDATORY, PRICE_COMPONENT, versions=("2.3.0",))
def test_energy_cost_follows_tax_included(listed: list[dict[str, Any]]) -> None:
    """A CDR's energy cost takes its Tariff's prices as including or excluding taxes, as the
    Tariff's tax_included says"""
    judged = [found for cdr in listed if (found := tax_basis_problems(cdr)) is not None]
    if not judged:
        pytest.skip(
            "no listed CDR carries one Tariff without restrictions with an ENERGY price, and a "
            "total_energy_cost"
        )
    problems = [problem for found in judged for problem in found]
    assert not problems, (
        f"{len(problems)} of {len(judged)} CDRs price their energy on the other side of taxes "
        f"than their Tariff's tax_included says: {first(problems, 3)}"
    )
