"""Rules of the 2.1.1 text that a field's type and cardinality cannot say: written in the prose or
the layout of an object table ("Choice: one of two"). Gathered here once, as `v2_2_1.rules` does
for 2.2.1, and read the same way: each rule belongs to one class and holds wherever that class
appears; the validator checks it, strategies repair drawn objects with it, and no shipped valid
fixture breaks one. Only mandatory rules (SHALL/MUST, "must", a table's choice, a field's
definition); SHOULDs ("All given values should add up to 100 percent", "The combination of uid and
type should be unique") are not rules.

Ids in 2.1.1 are `string`, case sensitive (types.md#15-string-type): uniqueness is exact.
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.spec.rulebook import Body, Rule
from ocpi_conformance.spec.v2_1_1.documents import CDR, LOC, SES

__all__ = ["BY_CLASS", "RULES", "Rule"]


_HOURS = f"{LOC}#413-hours-class"


def _unique(values: list[Any]) -> bool:
    return len({str(v) for v in values}) == len(values)


def _renumber(items: list[Body], key: str) -> None:
    """Make `key` unique among `items`, keeping it short."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        while str(item.get(key)) in seen:
            item[key] = f"{str(item.get(key))[:30]}-{index}"
        seen.add(str(item.get(key)))


def _has_regular_hours(body: Body) -> bool:
    return bool(body.get("regular_hours"))


def _choose_twentyfourseven(body: Body) -> None:
    body["twentyfourseven"] = True
    body.pop("regular_hours", None)


def _period_ordered(body: Body) -> None:
    body["period_begin"], body["period_end"] = "08:00", "18:00"


def _one_evse_one_connector(body: Body) -> bool:
    location = body.get("location")
    if not isinstance(location, dict):
        return True  # no location at all: the schema's finding, not this rule's
    evses = location.get("evses") or []
    return len(evses) == 1 and len(evses[0].get("connectors") or []) == 1


def _keep_one_evse_one_connector(body: Body) -> None:
    location = body.get("location") or {}
    stamp = location.get("last_updated", "2024-01-01T00:00:00Z")
    evses = location.get("evses") or []
    evse = evses[0] if evses else None
    if evse is None:
        connector = {
            "id": "1",
            "standard": "IEC_62196_T2",
            "format": "SOCKET",
            "power_type": "AC_3_PHASE",
            "voltage": 230,
            "amperage": 16,
            "last_updated": stamp,
        }
        evse = {"uid": "OCC-EVSE-1", "status": "CHARGING", "connectors": [connector]}
        evse["last_updated"] = stamp
    evse["connectors"] = evse["connectors"][:1]
    location["evses"] = [evse]


RULES: tuple[Rule, ...] = (
    Rule(
        "Hours",
        _HOURS,
        "Choice: one of two: regular_hours or twentyfourseven (neither is given).",
        lambda b: b.get("twentyfourseven") is not None or _has_regular_hours(b),
        _choose_twentyfourseven,
    ),
    Rule(
        "Hours",
        _HOURS,
        "Choice: one of two: regular_hours or twentyfourseven (twentyfourseven is true and "
        "regular_hours are given too).",
        lambda b: not (b.get("twentyfourseven") is True and _has_regular_hours(b)),
        lambda b: b.pop("regular_hours", None),
    ),
    Rule(
        "Location",
        f"{LOC}#32-evse-object",
        "EVSE uid: Uniquely identifies the EVSE within the CPOs platform (two EVSEs of one "
        "Location share no uid).",
        lambda b: _unique([e.get("uid") for e in b.get("evses") or []]),
        lambda b: _renumber(b.get("evses") or [], "uid"),
    ),
    Rule(
        "EVSE",
        f"{LOC}#33-connector-object",
        "Connector id: Two connectors may have the same id as long as they do not belong to the "
        "same EVSE object.",
        lambda b: _unique([c.get("id") for c in b.get("connectors") or []]),
        lambda b: _renumber(b.get("connectors") or [], "id"),
    ),
    Rule(
        "RegularHours",
        f"{LOC}#419-regularhours-class",
        "period_end: Must be later than period_begin.",
        lambda b: str(b.get("period_end")) > str(b.get("period_begin")),
        _period_ordered,
    ),
    Rule(
        "Session",
        f"{SES}#31-session-object",
        "location: The location where this session took place, including only the relevant EVSE "
        "and connector (one EVSE with one Connector).",
        _one_evse_one_connector,
        _keep_one_evse_one_connector,
    ),
    Rule(
        "CDR",
        f"{CDR}#31-cdr-object",
        "location: Location where the charging session took place, including only the relevant "
        "EVSE and Connector (one EVSE with one Connector).",
        _one_evse_one_connector,
        _keep_one_evse_one_connector,
    ),
)

BY_CLASS: dict[str, tuple[Rule, ...]] = {}
for _rule in RULES:
    BY_CLASS[_rule.obj] = (*BY_CLASS.get(_rule.obj, ()), _rule)
