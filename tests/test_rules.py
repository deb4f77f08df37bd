"""The prose rules of the object tables (spec.v2_2_1.rules, spec.v2_1_1.rules): each one catches
the object that breaks it, wherever its class appears, and its repair keeps what strategies draw
valid."""

from __future__ import annotations

import copy
import json

import pytest

from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.schema_nodes import classes_in
from ocpi_conformance.spec.v2_1_1.rules import BY_CLASS as BY_CLASS_211
from ocpi_conformance.spec.validation import validate_object, validator
from ocpi_conformance.spec.version import KNOWN as VERSIONS
from ocpi_conformance.spec.version import version as spec_version


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


@pytest.mark.parametrize("version", VERSIONS)
def test_every_rule_names_a_class_a_clause_and_its_words(version: str) -> None:
    suffix = {"2.3.0": ".asciidoc", "2.2.1": ".asciidoc", "2.1.1": ".md"}[version]
    for rule in spec_version(version).part("rules").RULES:
        assert rule.obj in spec_version(version).package.OBJECTS, rule.obj
        assert rule.spec.split("#")[0].endswith(suffix) and rule.text.strip()


@pytest.mark.parametrize(("body", "obj", "path"), BROKEN)
def test_repairs_make_each_broken_object_valid(body: dict, obj: str, path: str) -> None:
    from ocpi_conformance.strategies import schema_of
    from ocpi_conformance.strategies.graphs import keep_rules

    repaired = keep_rules(schema_of(obj), json.loads(json.dumps(body)))
    assert validate_object(obj, repaired) == []


# --- 2.1.1 (spec.v2_1_1.rules) -------------------------------------------------------------------

V211 = "2.1.1"


def _f(module: str, name: str) -> dict:
    return copy.deepcopy(fixture(module, name, V211))


def _location_211(**changes: object) -> dict:
    return {**_f("locations", "Location.minimal"), **changes}


def _with_evses(module: str, obj: str, evses: list[dict]) -> dict:
    body = _f(module, f"{obj}.minimal")
    body["location"]["evses"] = evses
    return body


_EVSE = fixture("locations", "EVSE.minimal", V211)
_CONNECTOR = fixture("locations", "Connector.minimal", V211)
_DC = fixture("locations", "Connector.dc", V211)
_HOURS = [{"weekday": 1, "period_begin": "08:00", "period_end": "18:00"}]

# One object per rule and way of breaking it, and where the violation is reported.
BROKEN_211 = [
    (_location_211(opening_times={"exceptional_openings": []}), "Location", "$.opening_times"),
    (_location_211(opening_times={"regular_hours": []}), "Location", "$.opening_times"),
    (
        _location_211(opening_times={"twentyfourseven": True, "regular_hours": _HOURS}),
        "Location",
        "$.opening_times",
    ),
    (_location_211(evses=[_EVSE, _EVSE]), "Location", "$"),
    (
        _location_211(evses=[{**_EVSE, "connectors": [_CONNECTOR, _CONNECTOR]}]),
        "Location",
        "$.evses[0]",
    ),
    ({"weekday": 1, "period_begin": "18:00", "period_end": "08:00"}, "RegularHours", "$"),
    (_with_evses("sessions", "Session", []), "Session", "$"),
    (_with_evses("sessions", "Session", [_EVSE, {**_EVSE, "uid": "OCC-EVSE-2"}]), "Session", "$"),
    (_with_evses("cdrs", "CDR", [{**_EVSE, "connectors": [_CONNECTOR, _DC]}]), "CDR", "$"),
]


@pytest.mark.parametrize(("body", "obj", "path"), BROKEN_211)
def test_a_broken_211_rule_is_one_violation_where_it_is_broken(body: dict, obj: str, path: str):
    found = validate_object(obj, body, V211)
    assert [(v.path, v.constraint) for v in found] == [(path, "rule")], [str(v) for v in found]
    assert all(v.spec.split("#")[0].endswith(".md") for v in found)


def test_211_hours_may_give_twentyfourseven_false_beside_regular_hours() -> None:
    # The text's own example (mod_locations.md#4191-example) sends both: the choice is read as
    # "one of the two is given and they do not contradict" (v2_1_1.rules).
    for hours in ({"regular_hours": _HOURS, "twentyfourseven": False}, {"regular_hours": _HOURS}):
        assert validate_object("Location", _location_211(opening_times=hours), V211) == []


def test_211_ids_are_case_sensitive_so_case_is_no_duplicate() -> None:
    # EVSE.uid and Connector.id are `string`, case sensitive (types.md#15-string-type).
    evses = [_EVSE, {**_EVSE, "uid": _EVSE["uid"].lower()}]
    assert validate_object("Location", _location_211(evses=evses), V211) == []


def test_221_location_rules_are_not_211_rules() -> None:
    # publish / publish_allowed_to do not exist in 2.1.1: no rule about them holds there.
    body = _location_211(publish=True, publish_allowed_to=[{"group_id": "G"}])
    assert validate_object("Location", body, V211) == []


def _repaired_211(obj: str, body: dict) -> dict:
    """What strategies do with a drawn object: repair every broken rule of its classes."""
    schema = validator(obj, V211).schema
    for _ in range(3):
        for name, value, _path in classes_in(schema, body):
            for rule in BY_CLASS_211.get(name, ()):
                if rule.repair is not None and not rule.holds(value):
                    rule.repair(value)
    return body


@pytest.mark.parametrize(("body", "obj", "path"), BROKEN_211)
def test_211_repairs_make_each_broken_object_valid(body: dict, obj: str, path: str) -> None:
    repaired = _repaired_211(obj, json.loads(json.dumps(body)))
    assert validate_object(obj, repaired, V211) == []
