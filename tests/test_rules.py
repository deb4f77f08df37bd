"""The prose rules of the 2.2.1 object tables (spec.v2_2_1.rules): each one catches the object
that breaks it, wherever its class appears, and its repair keeps what strategies draw valid."""

from __future__ import annotations

import copy
import json

import pytest

from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_2_1 import OBJECTS
from ocpi_conformance.spec.v2_2_1.rules import RULES
from ocpi_conformance.validation import validate_object


def _location(**changes: object) -> dict:
    return {**fixture("locations", "Location.minimal"), **changes}


def _credit_cdr(**changes: object) -> dict:
    return {**fixture("cdrs", "CDR.credit"), **changes}


# One object per rule, breaking it and nothing else, and where the violation is reported.
BROKEN = [
    (_location(publish=True, publish_allowed_to=[{"group_id": "G"}]), "Location", "$"),
    (
        _location(evses=[fixture("locations", "EVSE.minimal")] * 2),
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
    (
        {"weekday": 1, "period_begin": "18:00", "period_end": "08:00"},
        "RegularHours",
        "$",
    ),
    (_credit_cdr(credit_reference_id=None), "CDR", "$"),
    ({**fixture("cdrs", "CDR.minimal"), "id": "OCC-" + "0" * 33}, "CDR", "$"),
    (_credit_cdr(id=fixture("cdrs", "CDR.credit")["credit_reference_id"]), "CDR", "$"),
    (_credit_cdr(total_cost={"excl_vat": 1.0}), "CDR", "$"),
]


@pytest.mark.parametrize(("body", "obj", "path"), BROKEN)
def test_a_broken_rule_is_one_violation_where_it_is_broken(body: dict, obj: str, path: str):
    found = validate_object(obj, body)
    assert [(v.path, v.constraint) for v in found] == [(path, "rule")], [str(v) for v in found]


def test_cdrs_use_no_session_only_dimension() -> None:
    cdr = copy.deepcopy(fixture("cdrs", "CDR.minimal"))
    cdr["charging_periods"][0]["dimensions"].append({"type": "POWER", "volume": 11})
    assert [v.constraint for v in validate_object("CDR", cdr)] == ["rule"]
    session = copy.deepcopy(fixture("sessions", "Session.full"))
    assert validate_object("Session", session) == []  # Sessions may carry them


def test_every_rule_names_a_class_a_clause_and_its_words() -> None:
    for rule in RULES:
        assert rule.obj in OBJECTS, rule.obj
        assert rule.spec.split("#")[0].endswith(".asciidoc") and rule.text.strip()


@pytest.mark.parametrize(("body", "obj", "path"), BROKEN)
def test_repairs_make_each_broken_object_valid(body: dict, obj: str, path: str) -> None:
    from ocpi_conformance.strategies import schema_of
    from ocpi_conformance.strategies.graphs import keep_rules

    repaired = keep_rules(schema_of(obj), json.loads(json.dumps(body)))
    assert validate_object(obj, repaired) == []
