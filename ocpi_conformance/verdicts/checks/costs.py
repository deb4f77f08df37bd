"""A CDR's totals against its charging periods, and its cost against its Tariff (mod_cdrs,
mod_tariffs). Pure arithmetic on the objects, no exchange: the checks of `sessions.py` call it.

Readings, each the text's own words:
- total_energy is the periods' ENERGY volumes summed (CdrDimensionType ENERGY: "Total amount of
  energy (dis-)charged during this ChargingPeriod"; total_energy: "Total energy charged").
- total_parking_time is the periods' PARKING_TIME summed, and the charging time, total_time less
  total_parking_time ("total_charging_time = total_time - total_parking_time"), the periods'
  TIME summed ("Time charging during this ChargingPeriod").
- The cost: each dimension's volume priced by the first TariffElement that has a price
  component of its type, rounded up to that component's step_size (1 Wh, 1 s multipliers),
  FLAT once; min_price and max_price bound it. Only a Tariff without restrictions is
  recomputed: which element applies under restrictions depends on more than a CDR shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ocpi_conformance.verdicts.checks.pagination import parse_datetime

ENERGY_TOLERANCE_KWH = 0.01
TIME_TOLERANCE_H = 1 / 60  # a minute: periods are stamped to the second, totals rounded
MONEY_TOLERANCE = 0.01


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def volumes(cdr: dict[str, Any]) -> dict[str, float]:
    """Every dimension's volume summed over the CDR's charging periods."""
    found: dict[str, float] = {}
    for period in cdr.get("charging_periods") or []:
        if not isinstance(period, dict):
            continue
        for dimension in period.get("dimensions") or []:
            if not isinstance(dimension, dict):
                continue
            volume = _number(dimension.get("volume"))
            kind = dimension.get("type")
            if volume is not None and isinstance(kind, str):
                found[kind] = found.get(kind, 0.0) + volume
    return found


def totals_problems(cdr: dict[str, Any]) -> list[str] | None:
    """Where a CDR's totals disagree with its periods; None when the periods carry none of
    the dimensions the totals sum."""
    summed = volumes(cdr)
    judged = False
    problems = []
    energy = _number(cdr.get("total_energy"))
    if "ENERGY" in summed and energy is not None:
        judged = True
        if abs(energy - summed["ENERGY"]) > ENERGY_TOLERANCE_KWH:
            problems.append(
                f"total_energy {energy:g} kWh, the periods' ENERGY {summed['ENERGY']:g} kWh"
            )
    parking = _number(cdr.get("total_parking_time"))
    if "PARKING_TIME" in summed:
        judged = True
        said = parking or 0.0
        if abs(said - summed["PARKING_TIME"]) > TIME_TOLERANCE_H:
            problems.append(
                f"total_parking_time {said:g} h, the periods' PARKING_TIME "
                f"{summed['PARKING_TIME']:g} h"
            )
    total = _number(cdr.get("total_time"))
    if "TIME" in summed and total is not None:
        judged = True
        charging = total - (parking or 0.0)
        if abs(charging - summed["TIME"]) > TIME_TOLERANCE_H * max(
            1, len(cdr.get("charging_periods") or [])
        ):
            problems.append(
                f"total_time {total:g} h less total_parking_time {parking or 0:g} h "
                f"is {charging:g} h of charging, the periods' TIME "
                f"{summed['TIME']:g} h"
            )
    return problems if judged else None


def _price(value: Any) -> tuple[float | None, float | None]:
    if isinstance(value, dict):
        return _number(value.get("excl_vat")), _number(value.get("incl_vat"))
    number = _number(value)  # 2.1.1: a plain decimal
    return number, None


@dataclass(frozen=True)
class Cost:
    """The range a CDR's cost may fall in: priced exactly, or with every step rounded up."""

    low: float
    high: float
    low_vat: float
    high_vat: float


_UNIT = {"ENERGY": 1000.0, "TIME": 3600.0, "PARKING_TIME": 3600.0}  # step_size multipliers


def _components(tariff: dict[str, Any]) -> dict[str, dict[str, Any]] | str:
    """The price component of each dimension (the first element that has one), or why the
    Tariff cannot be priced here."""
    chosen: dict[str, dict[str, Any]] = {}
    for element in tariff.get("elements") or []:
        if not isinstance(element, dict):
            continue
        if element.get("restrictions"):
            return "its elements have restrictions"
        for component in element.get("price_components") or []:
            if isinstance(component, dict) and isinstance(component.get("type"), str):
                chosen.setdefault(component["type"], component)
    return chosen or "it has no price components"


def cost(cdr: dict[str, Any], tariffs: dict[str, dict[str, Any]]) -> Cost | str:
    """The cost range of a CDR by its Tariffs (by id), or why it cannot be recomputed."""
    periods = [p for p in cdr.get("charging_periods") or [] if isinstance(p, dict)]
    if not periods:
        return "no charging periods"
    used: dict[str, dict[str, float]] = {}
    for period in periods:
        tariff_id = period.get("tariff_id")
        if tariff_id is None and len(tariffs) == 1:
            tariff_id = next(iter(tariffs))
        if not isinstance(tariff_id, str) or tariff_id.upper() not in tariffs:
            return f"the Tariff {tariff_id} of a period is not in the capture"
        key = tariff_id.upper()
        per = used.setdefault(key, {})
        for dimension in period.get("dimensions") or []:
            if isinstance(dimension, dict) and isinstance(dimension.get("type"), str):
                volume = _number(dimension.get("volume")) or 0.0
                per[dimension["type"]] = per.get(dimension["type"], 0.0) + volume
    low = high = low_vat = high_vat = 0.0
    for key, per in used.items():
        tariff = tariffs[key]
        components = _components(tariff)
        if isinstance(components, str):
            return f"Tariff {key}: {components}"
        if str(tariff.get("currency", cdr.get("currency"))) != str(cdr.get("currency")):
            return f"Tariff {key} is in {tariff.get('currency')}, the CDR in {cdr.get('currency')}"
        t_low = t_high = t_low_vat = t_high_vat = 0.0
        for kind, component in components.items():
            price = _number(component.get("price")) or 0.0
            vat = 1 + (_number(component.get("vat")) or 0.0) / 100
            if kind == "FLAT":
                exact = stepped = price
            elif kind in _UNIT:
                volume = per.get(kind, 0.0)
                step = max(_number(component.get("step_size")) or 1.0, 1.0)
                units = volume * _UNIT[kind]
                exact = volume * price
                stepped = math.ceil(units / step - 1e-9) * step / _UNIT[kind] * price
            else:
                continue
            t_low += exact
            t_high += stepped
            t_low_vat += exact * vat
            t_high_vat += stepped * vat
        floor, _ = _price(tariff.get("min_price"))
        ceiling, _ = _price(tariff.get("max_price"))
        if floor is not None:
            t_low, t_high = max(t_low, floor), max(t_high, floor)
        if ceiling is not None:
            t_low, t_high = min(t_low, ceiling), min(t_high, ceiling)
        low, high = low + t_low, high + t_high
        low_vat, high_vat = low_vat + t_low_vat, high_vat + t_high_vat
    return Cost(low, high, low_vat, high_vat)


def cost_problems(cdr: dict[str, Any], found: Cost) -> list[str]:
    """Where the CDR's total_cost falls outside what its Tariff makes of its periods."""
    excl, incl = _price(cdr.get("total_cost"))
    problems = []
    slack = MONEY_TOLERANCE * (1 + len(cdr.get("charging_periods") or []))
    if excl is not None and not found.low - slack <= excl <= found.high + slack:
        problems.append(
            f"total_cost excl_vat {excl:g}, the Tariff makes "
            f"{_range(found.low, found.high)} of the periods"
        )
    if incl is not None and not found.low_vat - slack <= incl <= found.high_vat + slack:
        problems.append(
            f"total_cost incl_vat {incl:g}, the Tariff makes "
            f"{_range(found.low_vat, found.high_vat)} of the periods"
        )
    return problems


def _after_taxes(price: dict[str, Any]) -> float | None:
    """A 2.3.0 Price's amount after taxes: before_taxes plus every TaxAmount's amount
    (types.asciidoc#types_price_class, v2.3.0-ed2); None where it does not say."""
    before, taxes = _number(price.get("before_taxes")), price.get("taxes")
    if before is None or not isinstance(taxes, list):
        return None
    amounts = [_number(t.get("amount")) if isinstance(t, dict) else None for t in taxes]
    if any(a is None for a in amounts):
        return None
    return before + sum(a for a in amounts if a is not None)


def tax_basis_problems(cdr: dict[str, Any]) -> list[str] | None:
    """2.3.0: where a CDR's total_energy_cost disagrees with its Tariff's ENERGY price on the
    side of taxes the Tariff's tax_included names ("price ... is including or excluding taxes
    according to the tax_included field of the Tariff", mod_tariffs_pricecomponent_class):
    total_energy priced exactly or stepped up, as `cost` does. None where the CDR cannot show
    it: not one Tariff carried, its elements restricted, no ENERGY price, no energy cost, or a
    credit CDR."""
    tariffs = [t for t in cdr.get("tariffs") or [] if isinstance(t, dict)]
    energy, paid = _number(cdr.get("total_energy")), cdr.get("total_energy_cost")
    if cdr.get("credit") or len(tariffs) != 1 or energy is None or not isinstance(paid, dict):
        return None
    tariff = tariffs[0]
    components = _components(tariff)
    if isinstance(components, str) or "ENERGY" not in components:
        return None
    component = components["ENERGY"]
    price = _number(component.get("price"))
    included = tariff.get("tax_included")
    if included == "YES":
        judged, side = _after_taxes(paid), "after taxes"
    elif included in ("NO", "N/A"):
        judged, side = _number(paid.get("before_taxes")), "before taxes"
    else:
        return None
    if price is None or judged is None:
        return None
    step = max(_number(component.get("step_size")) or 1.0, 1.0)
    exact = energy * price
    stepped = math.ceil(energy * _UNIT["ENERGY"] / step - 1e-9) * step / _UNIT["ENERGY"] * price
    if exact - MONEY_TOLERANCE <= judged <= stepped + MONEY_TOLERANCE:
        return []
    return [
        f"CDR {cdr.get('id')}: total_energy_cost {side} is {judged:g}, where its Tariff "
        f"{tariff.get('id')} (tax_included {included}) prices {energy:g} kWh at {price:g} per "
        f"kWh {side}: {_range(exact, stepped)}"
    ]


def _range(low: float, high: float) -> str:
    return f"{low:.2f}" if abs(high - low) < 0.005 else f"{low:.2f} to {high:.2f}"


def duration_h(start: Any, end: Any) -> float | None:
    try:
        return (parse_datetime(str(end)) - parse_datetime(str(start))).total_seconds() / 3600
    except ValueError:
        return None
