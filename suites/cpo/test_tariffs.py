"""TAR-CPO: the Tariffs SENDER interface of a CPO (mod_tariffs.asciidoc, mod_tariffs.md): its
paginated list, judged as every Sender list is (`contracts/sender_list.py`), in 2.3.0, 2.2.1 and
2.1.1; in 2.3.0 also the shape of min_price and max_price (TAR-CPO-015)."""

from __future__ import annotations

from typing import Any

import pytest

from ocpi_conformance.text import first
from ocpi_conformance.verdicts.cases import RECOMMENDED, Suite

from ..contracts.sender_list import SenderList

SUITE = Suite("tariffs", "SENDER", versions=("2.2.1", "2.1.1", "2.3.0"))
PRICE_LIMIT = "mod_tariffs.asciidoc#mod_tariffs_pricelimit_class"
LIMITS = ("min_price", "max_price")


class TestTariffList(SenderList, suite=SUITE):
    """TAR-CPO-001 to 014."""


# Reading (2.3.0, v2.3.0-ed2): min_price and max_price are PriceLimits, {before_taxes (1),
# after_taxes (?)}, no longer Prices ({before_taxes, taxes: TaxAmount[*]}). A limit carrying a
# Price's `taxes` list was written as a Price: its amount after taxes is not where a PriceLimit
# has it, so no partner reads it. Such a limit still validates (after_taxes is optional, and
# an undocumented field is allowed), and a field named `taxes` could be an extension of its
# own: recommended.
@SUITE.case("TAR-CPO-015", RECOMMENDED, PRICE_LIMIT, versions=("2.3.0",))
def test_limits_are_price_limits(listed: list[dict[str, Any]]) -> None:
    """A Tariff's min_price and max_price are PriceLimits, not Prices: the limit after taxes is
    after_taxes, not a taxes list"""
    limits = [
        (tariff.get("id"), name, tariff[name])
        for tariff in listed
        for name in LIMITS
        if isinstance(tariff.get(name), dict)
    ]
    if not limits:
        pytest.skip("no listed Tariff has a min_price or max_price")
    as_prices = [
        f"Tariff {tariff_id}: {name} {limit}"
        for tariff_id, name, limit in limits
        if "taxes" in limit and "after_taxes" not in limit
    ]
    assert not as_prices, (
        f"{len(as_prices)} of {len(limits)} limits are written as a Price (a taxes list, no "
        f"after_taxes): {first(as_prices, 3)}"
    )
