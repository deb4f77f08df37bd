"""Rules of the 2.2.1 text that a field's type and cardinality cannot say: written in the prose of
an object table ("When `uid` is set, `type` SHALL also be set"). Gathered here once.

Each rule belongs to one class and holds wherever that class appears (PublishTokenType inside a
Location, Hours inside a Location, a CdrDimension inside a CDR's charging periods); the
validator checks it on everything a target sends and on what the party receives, strategies
repair drawn objects so that valid means valid by every rule, and no shipped valid fixture may
break one. Only the mandatory rules are here (SHALL/MUST, or "needs to", "may only", "is
required", "can only"); rules the harness checks as cases of their own are left to those cases
(LOC-CPO-013: a parent's last_updated is not older than its children's).
"""

from __future__ import annotations

from ocpi_conformance.spec.rulebook import Body, Rule, drop, present, renumber_ci, unique_ci
from ocpi_conformance.spec.v2_2_1.documents import CDR, CMD, LOC, TAR

# --- Locations -----------------------------------------------------------------------------------

_LOCATION = f"{LOC}#mod_locations_location_object"
_EVSE = f"{LOC}#mod_locations_evse_object"
_HOURS = f"{LOC}#mod_locations_hours_class"
_PUBLISH = f"{LOC}#mod_locations_publish_token_class"
_REGULAR = f"{LOC}#mod_locations_regularhours_class"


def _hours_need_regular(body: Body) -> None:
    body["regular_hours"] = [{"weekday": 1, "period_begin": "08:00", "period_end": "18:00"}]


def _publish_token_named(body: Body) -> None:
    body["group_id"] = "OCC-GROUP"


def _period_ordered(body: Body) -> None:
    body["period_begin"], body["period_end"] = "08:00", "18:00"


# --- CDRs and commands ---------------------------------------------------------------------------

_CDR = f"{CDR}#mod_cdrs_cdr_object"
_CREDIT = f"{CDR}#mod_cdrs_credit_cdrs"
_DIMENSIONS = f"{CDR}#mod_cdrs_cdrdimensiontype_enum"
SESSION_ONLY_DIMENSIONS = frozenset(
    {"CURRENT", "ENERGY_EXPORT", "ENERGY_IMPORT", "POWER", "STATE_OF_CHARGE"}
)


def _negative_total(body: Body) -> bool:
    total = body.get("total_cost") or {}
    return all(v is None or v <= 0 for v in (total.get("excl_vat"), total.get("incl_vat")))


def _no_credit(body: Body) -> None:
    body["credit"] = False
    body.pop("credit_reference_id", None)


def _cdr_dimensions(body: Body) -> list[Body]:
    return [
        dimension
        for period in body.get("charging_periods") or []
        for dimension in period.get("dimensions") or []
    ]


def _cdr_dimensions_repaired(body: Body) -> None:
    for period in body.get("charging_periods") or []:
        kept = [
            d for d in period.get("dimensions") or [] if d["type"] not in SESSION_ONLY_DIMENSIONS
        ]
        period["dimensions"] = kept or [{"type": "ENERGY", "volume": 1}]


def _soc_in_range(body: Body) -> None:
    body["volume"] = min(max(body["volume"], 0), 100)


def _reservation_prices(body: Body) -> None:
    for component in body.get("price_components") or []:
        if component.get("type") not in ("FLAT", "TIME"):
            component["type"] = "TIME"


RULES: tuple[Rule, ...] = (
    Rule(
        "Location",
        _LOCATION,
        "publish_allowed_to: This field may only be used when the publish field is set to false.",
        lambda b: b.get("publish") is not True or not b.get("publish_allowed_to"),
        drop("publish_allowed_to"),
    ),
    Rule(
        "Location",
        _EVSE,
        "EVSE uid: Uniquely identifies the EVSE within the CPOs platform (two EVSEs of one "
        "Location share no uid).",
        lambda b: unique_ci([e.get("uid") for e in b.get("evses") or []]),
        lambda b: renumber_ci(b.get("evses") or [], "uid"),
    ),
    Rule(
        "EVSE",
        f"{LOC}#mod_locations_connector_object",
        "Connector id: Two Connectors may have the same id as long as they do not belong to the "
        "same EVSE object.",
        lambda b: unique_ci([c.get("id") for c in b.get("connectors") or []]),
        lambda b: renumber_ci(b.get("connectors") or [], "id"),
    ),
    Rule(
        "Hours",
        _HOURS,
        "regular_hours: Only to be used if twentyfourseven=false.",
        lambda b: not (b.get("twentyfourseven") and b.get("regular_hours")),
        drop("regular_hours"),
    ),
    Rule(
        "Hours",
        _HOURS,
        "regular_hours: if twentyfourseven=false, then this field needs to contain at least one "
        "RegularHours object.",
        lambda b: bool(b.get("twentyfourseven")) or bool(b.get("regular_hours")),
        _hours_need_regular,
    ),
    Rule(
        "PublishTokenType",
        _PUBLISH,
        "At least one of the following fields SHALL be set: uid, visual_number, or group_id.",
        lambda b: present(b, "uid") or present(b, "visual_number") or present(b, "group_id"),
        _publish_token_named,
    ),
    Rule(
        "PublishTokenType",
        _PUBLISH,
        "When uid is set, type SHALL also be set.",
        lambda b: not present(b, "uid") or present(b, "type"),
        lambda b: b.update(type="RFID"),
    ),
    Rule(
        "PublishTokenType",
        _PUBLISH,
        "When visual_number is set, issuer SHALL also be set.",
        lambda b: not present(b, "visual_number") or present(b, "issuer"),
        lambda b: b.update(issuer="OCC issuer"),
    ),
    Rule(
        "RegularHours",
        _REGULAR,
        "period_end: Must be later than period_begin.",
        lambda b: str(b.get("period_end")) > str(b.get("period_begin")),
        _period_ordered,
    ),
    Rule(
        "CDR",
        _CDR,
        "credit: When set to true, this is a Credit CDR, and the field credit_reference_id needs "
        "to be set as well.",
        lambda b: not b.get("credit") or present(b, "credit_reference_id"),
        _no_credit,
    ),
    Rule(
        "CDR",
        _CDR,
        "id: Normal (non-credit) CDRs SHALL only have an ID with a maximum length of 36.",
        lambda b: bool(b.get("credit")) or len(str(b.get("id", ""))) <= 36,
        lambda b: b.update(id=str(b["id"])[:36]),
    ),
    Rule(
        "CDR",
        _CREDIT,
        "This credit CDR SHALL have a different CDR.id (than the credit_reference_id).",
        lambda b: (
            not b.get("credit")
            or str(b.get("id")).upper() != str(b.get("credit_reference_id")).upper()
        ),
        _no_credit,
    ),
    Rule(
        "CDR",
        _CREDIT,
        "Only the values in the total_cost field SHALL contain the negative amounts of the "
        "original CDR.",
        lambda b: not b.get("credit") or _negative_total(b),
        _no_credit,
    ),
    Rule(
        "CDR",
        _DIMENSIONS,
        "CURRENT, ENERGY_EXPORT, ENERGY_IMPORT, POWER and STATE_OF_CHARGE are not useful for "
        "CDRs, and SHALL therefor only be used in Sessions.",
        lambda b: all(d.get("type") not in SESSION_ONLY_DIMENSIONS for d in _cdr_dimensions(b)),
        _cdr_dimensions_repaired,
    ),
    Rule(
        "CdrDimension",
        _DIMENSIONS,
        "STATE_OF_CHARGE: Current state of charge of the EV, in percentage, values allowed: 0 to "
        "100.",
        lambda b: b.get("type") != "STATE_OF_CHARGE" or 0 <= (b.get("volume") or 0) <= 100,
        _soc_in_range,
    ),
    Rule(
        "TariffElement",
        f"{TAR}#mod_tariffs_tariffrestrictions_class",
        "reservation: A reservation can only have: FLAT and TIME TariffDimensions.",
        lambda b: (
            not (b.get("restrictions") or {}).get("reservation")
            or all(p.get("type") in ("FLAT", "TIME") for p in b.get("price_components") or [])
        ),
        _reservation_prices,
    ),
    Rule(
        "StartSession",
        f"{CMD}#mod_commands_startsession_object",
        "evse_uid: Required when connector_id is set.",
        lambda b: not present(b, "connector_id") or present(b, "evse_uid"),
        drop("connector_id"),
    ),
)

BY_CLASS: dict[str, tuple[Rule, ...]] = {}
for _rule in RULES:
    BY_CLASS[_rule.obj] = (*BY_CLASS.get(_rule.obj, ()), _rule)
