"""Rules of the 2.3.0 text that a field's type and cardinality cannot say: written in the prose of
an object table ("The value of this field MUST be unique among all Parking objects in the same
Location object"). Gathered here once, as spec/v2_2_1/rules.py does for 2.2.1.

Each rule belongs to one class and holds wherever that class appears. Only the mandatory rules are
here (SHALL/MUST, or "needs to", "may only", "is required", "can only", "is mandatory", or a
definition of what a field refers to). The 2.2.1 rules hold in 2.3.0 with the same words, but for
the credit CDR's negative amounts, which now are a Price's `before_taxes` and `taxes[].amount`.
New in 2.3.0: unique Parking ids and EVSEParking references in a Location, one role per
role/party_id/country_code in Credentials, a BookingLocation with bookable parking options or an
EVSE.
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.spec.rulebook import Body, Rule, drop, present, renumber_ci, unique_ci, upper
from ocpi_conformance.spec.v2_3_0.documents import BKG, CDR, CMD, CRD, LOC, TAR

# --- Locations -----------------------------------------------------------------------------------

_LOCATION = f"{LOC}#mod_locations_location_object"
_EVSE = f"{LOC}#mod_locations_evse_object"
_HOURS = f"{LOC}#mod_locations_hours_class"
_PUBLISH = f"{LOC}#mod_locations_publish_token_class"
_REGULAR = f"{LOC}#mod_locations_regularhours_class"
_PARKING = f"{LOC}#mod_locations_parking_object"
_EVSE_PARKING = f"{LOC}#mod_locations_evseparking_class"


def _hours_need_regular(body: Body) -> None:
    body["regular_hours"] = [{"weekday": 1, "period_begin": "08:00", "period_end": "18:00"}]


def _publish_token_named(body: Body) -> None:
    body["group_id"] = "OCC-GROUP"


def _period_ordered(body: Body) -> None:
    body["period_begin"], body["period_end"] = "08:00", "18:00"


def _parking_ids(body: Body) -> list[str]:
    return upper([p.get("id") for p in body.get("parking_places") or []])


def _parking_references(body: Body) -> list[str]:
    return upper(
        [
            link.get("parking_id")
            for evse in body.get("evses") or []
            for link in evse.get("parking") or []
        ]
    )


def _references_resolved(body: Body) -> None:
    """Keep only the EVSEParking links that name a Parking of this Location."""
    known = set(_parking_ids(body))
    for evse in body.get("evses") or []:
        if evse.get("parking"):
            evse["parking"] = [
                link for link in evse["parking"] if str(link.get("parking_id")).upper() in known
            ]


# --- CDRs and commands ---------------------------------------------------------------------------

_CDR = f"{CDR}#mod_cdrs_cdr_object"
_CREDIT = f"{CDR}#mod_cdrs_credit_cdrs"
_DIMENSIONS = f"{CDR}#mod_cdrs_cdrdimensiontype_enum"
SESSION_ONLY_DIMENSIONS = frozenset(
    {"CURRENT", "ENERGY_EXPORT", "ENERGY_IMPORT", "POWER", "STATE_OF_CHARGE"}
)


def _price_amounts(price: Body) -> list[Any]:
    """The amounts of a 2.3.0 Price: before_taxes and every tax's amount (a percentage is none)."""
    taxes = price.get("taxes") or []
    return [price.get("before_taxes"), *(tax.get("amount") for tax in taxes)]


def _negative_total(body: Body) -> bool:
    return all(v is None or v <= 0 for v in _price_amounts(body.get("total_cost") or {}))


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


# --- Credentials and Bookings --------------------------------------------------------------------


def _role_keys(body: Body) -> list[str]:
    return [
        "/".join(upper([r.get("role"), r.get("party_id"), r.get("country_code")]))
        for r in body.get("roles") or []
    ]


def _roles_unique(body: Body) -> None:
    seen: set[str] = set()
    kept = []
    for role, key in zip(body.get("roles") or [], _role_keys(body), strict=True):
        if key not in seen:
            kept.append(role)
            seen.add(key)
    body["roles"] = kept


def _bookable_somewhere(body: Body) -> None:
    body["evse_uid"] = "#NA"  # "Allowed to be set to: #NA when no EVSE yet assigned"


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
        "EVSE uid: Uniquely identifies the EVSE within the CPOs platform (and suboperator "
        "platforms) (two EVSEs of one Location share no uid).",
        lambda b: unique_ci([e.get("uid") for e in b.get("evses") or []]),
        lambda b: renumber_ci(b.get("evses") or [], "uid"),
    ),
    Rule(
        "Location",
        _PARKING,
        "Parking id: The value of this field MUST be unique among all Parking objects in the same "
        "Location object.",
        lambda b: unique_ci(_parking_ids(b)),
        lambda b: renumber_ci(b.get("parking_places") or [], "id"),
    ),
    Rule(
        "Location",
        _EVSE_PARKING,
        "EVSEParking parking_id: The string in this field refers to a Parking object from the "
        "containing Location's parking_places field by its id field.",
        lambda b: set(_parking_references(b)) <= set(_parking_ids(b)),
        _references_resolved,
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
        "original CDR (before_taxes and every taxes amount).",
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
    Rule(
        "Credentials",
        f"{CRD}#credentials_credentials_object",
        "Every role needs a unique combination of: role, party_id and country_code.",
        lambda b: len(set(_role_keys(b))) == len(_role_keys(b)),
        _roles_unique,
    ),
    Rule(
        "BookingLocation",
        f"{BKG}#mod_bookings_bookinglocation_object",
        "Each bookingLocation should include either the bookable_parking_option or the evse_uid. "
        "One of them is mandatory.",
        lambda b: bool(b.get("bookable_parking_options")) or present(b, "evse_uid"),
        _bookable_somewhere,
        on_patch=False,
    ),
)

BY_CLASS: dict[str, tuple[Rule, ...]] = {}
for _rule in RULES:
    BY_CLASS[_rule.obj] = (*BY_CLASS.get(_rule.obj, ()), _rule)
