"""How the party's prices travel in 2.3.0, and the faults that send them the 2.2.1 way.

2.3.0 changed money (tag v2.3.0-ed2): a Price is `{before_taxes, taxes: TaxAmount[*]}`
(types.asciidoc#types_price_class), no longer 2.2.1's `{excl_vat, incl_vat}`; a Tariff's
min_price and max_price are PriceLimits `{before_taxes, after_taxes}`
(mod_tariffs.asciidoc#mod_tariffs_pricelimit_class); every Tariff says `tax_included` (card. 1)
and a PriceComponent's price "is including or excluding taxes according to the `tax_included`
field of the Tariff that this PriceComponent is contained in"
(mod_tariffs.asciidoc#mod_tariffs_pricecomponent_class).

The party's own 2.3.0 Sessions, CDRs and Tariffs (fixtures/2.3.0) are written that way. `shown`
is the one place they pass on their way out, to the Sender lists (`lists.served`) and to the
pushes (`pusher.py`): each fault below changes them there, in 2.3.0 only.
"""

from __future__ import annotations

import copy
from typing import Any

from ocpi_conformance.party.faults import commits, fault
from ocpi_conformance.spec.schema_nodes import classes_in
from ocpi_conformance.spec.validation import validator

V230 = ("2.3.0",)
PRICE = "types.asciidoc#types_price_class"

PRICES_221_SHAPE = fault(
    "prices_221_shape",
    "its 2.3.0 Sessions, CDRs and Tariffs carry money in 2.2.1's shape: every Price (a Session's "
    "total_cost, a CDR's total_*_cost) and a Tariff's min_price/max_price as {excl_vat, "
    f"incl_vat}}, where 2.3.0's Price is {{before_taxes, taxes}} ({PRICE}) and min/max_price a "
    "PriceLimit {before_taxes, after_taxes}",
    caught_by=[
        "SES-CPO-002",
        "CDR-CPO-002",
        "TAR-CPO-002",
        "SES-CPO-101",
        "CDR-CPO-101",
        "TAR-CPO-101",
    ],
    versions=V230,
)
TARIFF_WITHOUT_TAX_INCLUDED = fault(
    "tariff_without_tax_included",
    "its 2.3.0 Tariffs (listed, pushed, and those a CDR carries) have no tax_included, which "
    "mod_tariffs.asciidoc#mod_tariffs_tariff_object makes required (TaxIncluded, card. 1)",
    caught_by=["TAR-CPO-002", "CDR-CPO-002", "TAR-CPO-101", "CDR-CPO-101"],
    versions=V230,
)
PRICE_LIMIT_AS_PRICE = fault(
    "price_limit_as_price",
    "its 2.3.0 Tariffs give min_price/max_price as a Price {before_taxes, taxes: [the VAT as a "
    "TaxAmount]}, not a PriceLimit {before_taxes, after_taxes} "
    "(mod_tariffs.asciidoc#mod_tariffs_pricelimit_class): the limit after taxes is not where a "
    "PriceLimit has it (the object still validates: before_taxes is all a PriceLimit requires, "
    "and 'taxes' is an undocumented field)",
    caught_by=["TAR-CPO-015"],
    versions=V230,
)
PRICE_COMPONENTS_IGNORE_TAX_INCLUDED = fault(
    "price_components_ignore_tax_included",
    "the Tariffs its 2.3.0 CDRs carry say tax_included YES, while the CDR's costs still take "
    "their price components as prices before taxes (total_energy_cost.before_taxes = price x "
    "kWh, the VAT added on top): against mod_tariffs.asciidoc#mod_tariffs_pricecomponent_class, "
    "price 'is including or excluding taxes according to the tax_included field'",
    caught_by=["CDR-CPO-015"],
    versions=V230,
)


def shown(faults: set[str], obj: str, item: dict[str, Any], version: str) -> dict[str, Any]:
    """`item` (a Session, CDR or Tariff of `version`) as the party sends it: itself, or a copy
    changed by the price faults it commits."""
    active = [
        name
        for name in (
            PRICES_221_SHAPE,
            TARIFF_WITHOUT_TAX_INCLUDED,
            PRICE_LIMIT_AS_PRICE,
            PRICE_COMPONENTS_IGNORE_TAX_INCLUDED,
        )
        if commits(faults, name, version)
    ]
    if not active or obj not in ("Session", "CDR", "Tariff"):
        return item
    changed = copy.deepcopy(item)
    found = list(classes_in(validator(obj, version).schema, changed))
    for name, value, path in found:
        if name == "Tariff" and PRICE_COMPONENTS_IGNORE_TAX_INCLUDED in active and path:
            value["tax_included"] = "YES"  # a CDR's Tariff: its costs stay those of NO
        if name == "Tariff" and TARIFF_WITHOUT_TAX_INCLUDED in active:
            value.pop("tax_included", None)
        if name == "PriceLimit" and PRICE_LIMIT_AS_PRICE in active:
            _as_price(value)
        if name in ("Price", "PriceLimit") and PRICES_221_SHAPE in active:
            _as_221(value)
    return changed


def _after_taxes(money: dict[str, Any]) -> float | None:
    """The amount after taxes: a PriceLimit's after_taxes, or a Price's before_taxes plus every
    tax amount."""
    if "after_taxes" in money:
        return money["after_taxes"]  # type: ignore[no-any-return]
    taxes = money.get("taxes")
    if not isinstance(taxes, list):
        return None
    return float(money["before_taxes"]) + sum(float(t.get("amount", 0)) for t in taxes)


def _as_221(money: dict[str, Any]) -> None:
    """2.2.1's Price (types_price_class of tag 2.2.1): excl_vat, and incl_vat where known."""
    after = _after_taxes(money)
    before = money["before_taxes"]
    money.clear()
    money["excl_vat"] = before
    if after is not None:
        money["incl_vat"] = round(after, 4)


def _as_price(limit: dict[str, Any]) -> None:
    """A PriceLimit rewritten as 2.3.0's Price: after_taxes gone, the difference a TaxAmount."""
    after = limit.pop("after_taxes", None)
    if after is not None:
        amount = round(float(after) - float(limit["before_taxes"]), 4)
        limit["taxes"] = [{"name": "VAT", "amount": amount}]
