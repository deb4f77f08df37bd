"""The prose rules of the 2.3.0 tables (spec.v2_3_0.rules): each one catches the object that breaks
it, wherever its class appears, and its repair makes that object valid again."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from ocpi_conformance.resources import fixture as fixture_2_2_1
from ocpi_conformance.spec.schema_nodes import classes_in
from ocpi_conformance.spec.v2_3_0 import OBJECTS
from ocpi_conformance.spec.v2_3_0.rules import BY_CLASS, RULES

from .validation_2_3_0 import schema_of, validate_object, validate_patch


def fixture(module: str, name: str) -> dict[str, Any]:
    return fixture_2_2_1(module, name, version="2.3.0")


def _location(**changes: object) -> dict:
    return {**fixture("locations", "Location.minimal"), **changes}


def _credit_cdr(**changes: object) -> dict:
    return {**fixture("cdrs", "CDR.credit"), **changes}


def _parking(parking_id: str) -> dict:
    return {
        "id": parking_id,
        "vehicle_types": ["PERSONAL_VEHICLE"],
        "restricted_to_type": False,
        "reservation_required": False,
    }


def _evse_parking(*ids: str) -> dict:
    return {**fixture("locations", "EVSE.minimal"), "parking": [{"parking_id": i} for i in ids]}


def _credentials_twice() -> dict:
    body = fixture("credentials", "Credentials.minimal")
    return {**body, "roles": body["roles"] * 2}


# One object per rule, breaking it and nothing else, and where the violation is reported.
BROKEN = [
    (_location(publish=True, publish_allowed_to=[{"group_id": "G"}]), "Location", "$"),
    (_location(evses=[fixture("locations", "EVSE.minimal")] * 2), "Location", "$"),
    (_location(parking_places=[_parking("P1"), _parking("p1")]), "Location", "$"),
    (
        _location(parking_places=[_parking("P1")], evses=[_evse_parking("P1", "P2")]),
        "Location",
        "$",
    ),
    (
        {
            **fixture("locations", "EVSE.minimal"),
            "connectors": [fixture("locations", "Connector.minimal")] * 2,
        },
        "EVSE",
        "$",
    ),
    (
        _location(
            opening_times={
                "twentyfourseven": True,
                "regular_hours": [{"weekday": 1, "period_begin": "08:00", "period_end": "18:00"}],
            }
        ),
        "Location",
        "$.opening_times",
    ),
    (_location(opening_times={"twentyfourseven": False}), "Location", "$.opening_times"),
    (
        _location(publish=False, publish_allowed_to=[{"issuer": "I"}]),
        "Location",
        "$.publish_allowed_to[0]",
    ),
    (
        _location(publish=False, publish_allowed_to=[{"uid": "U"}]),
        "Location",
        "$.publish_allowed_to[0]",
    ),
    (
        _location(publish=False, publish_allowed_to=[{"visual_number": "V"}]),
        "Location",
        "$.publish_allowed_to[0]",
    ),
    ({"weekday": 1, "period_begin": "18:00", "period_end": "08:00"}, "RegularHours", "$"),
    (_credit_cdr(credit_reference_id=None), "CDR", "$"),
    ({**fixture("cdrs", "CDR.minimal"), "id": "OCC-" + "0" * 33}, "CDR", "$"),
    (_credit_cdr(id=fixture("cdrs", "CDR.credit")["credit_reference_id"]), "CDR", "$"),
    (_credit_cdr(total_cost={"before_taxes": 1.0}), "CDR", "$"),
    (
        _credit_cdr(total_cost={"before_taxes": -1.0, "taxes": [{"name": "VAT", "amount": 0.21}]}),
        "CDR",
        "$",
    ),
    (
        {
            **fixture("cdrs", "CDR.minimal"),
            "charging_periods": [
                {
                    "start_date_time": "2024-01-05T12:00:00Z",
                    "dimensions": [{"type": "POWER", "volume": 11}],
                }
            ],
        },
        "CDR",
        "$",
    ),
    ({"type": "STATE_OF_CHARGE", "volume": 101}, "CdrDimension", "$"),
    (
        {
            "price_components": [{"type": "ENERGY", "price": 0.3, "step_size": 1}],
            "restrictions": {"reservation": "RESERVATION"},
        },
        "TariffElement",
        "$",
    ),
    (
        {**fixture("commands", "StartSession.minimal"), "connector_id": "1"},
        "StartSession",
        "$",
    ),
    (_credentials_twice(), "Credentials", "$"),
    (
        {
            k: v
            for k, v in fixture("bookings", "BookingLocation.minimal").items()
            if k != "evse_uid"
        },
        "BookingLocation",
        "$",
    ),
]


def test_every_rule_is_broken_once_above() -> None:
    for rule in RULES:
        assert any(_breaks(rule, body, obj) for body, obj, _ in BROKEN), rule


def _breaks(rule: Any, body: dict, obj: str) -> bool:
    """Whether `body` (an `obj`) holds an instance of the rule's class that breaks it."""
    return any(
        name == rule.obj and not rule.holds(value)
        for name, value, _ in classes_in(schema_of(obj), body)
    )


@pytest.mark.parametrize(("body", "obj", "path"), BROKEN)
def test_a_broken_rule_is_one_violation_where_it_is_broken(body: dict, obj: str, path: str):
    found = validate_object(obj, body)
    assert [(v.path, v.constraint) for v in found] == [(path, "rule")], [str(v) for v in found]


def _keep_rules(obj: str, body: dict) -> dict:
    """strategies.graphs.keep_rules with the 2.3.0 rules."""
    for _ in range(3):
        repaired = False
        for name, value, _path in classes_in(schema_of(obj), body):
            for rule in BY_CLASS.get(name, ()):
                if rule.repair is not None and not rule.holds(value):
                    rule.repair(value)
                    repaired = True
        if not repaired:
            break
    return body


@pytest.mark.parametrize(("body", "obj", "path"), BROKEN)
def test_repairs_make_each_broken_object_valid(body: dict, obj: str, path: str) -> None:
    repaired = _keep_rules(obj, json.loads(json.dumps(body)))
    assert validate_object(obj, repaired) == []


def test_every_rule_names_a_class_a_clause_and_its_words() -> None:
    for rule in RULES:
        assert rule.obj in OBJECTS, rule.obj
        assert rule.spec.split("#")[0].endswith(".asciidoc") and rule.text.strip()


def test_a_credit_cdr_with_negative_amounts_keeps_the_rule() -> None:
    credit = copy.deepcopy(fixture("cdrs", "CDR.credit"))
    assert credit["total_cost"]["before_taxes"] < 0
    assert all(t["amount"] < 0 for t in credit["total_cost"]["taxes"])
    assert validate_object("CDR", credit) == []


def test_a_patch_need_not_name_what_a_booking_location_books() -> None:
    # A PATCH carries only what changes; the rule still holds for a whole BookingLocation.
    assert validate_patch("BookingLocation", {"last_updated": "2024-03-01T08:00:00Z"}) == []
    whole = fixture("bookings", "BookingLocation.minimal")
    del whole["evse_uid"]
    assert [v.constraint for v in validate_object("BookingLocation", whole)] == ["rule"]


def test_a_location_without_parking_places_may_not_link_one() -> None:
    location = _location(evses=[_evse_parking("P1")])
    assert [v.constraint for v in validate_object("Location", location)] == ["rule"]
    # An EVSE alone cannot tell: its Location is not in the body.
    assert validate_object("EVSE", _evse_parking("P1")) == []
