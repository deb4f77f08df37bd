"""The module registry of every version is internally consistent and names only objects the
version's models define."""

from __future__ import annotations

import re

import pytest

from ocpi_conformance.spec.registry import Method
from ocpi_conformance.spec.version import KNOWN as VERSIONS
from ocpi_conformance.spec.version import version as spec_version

SUFFIX = {"2.3.0": "asciidoc", "2.2.1": "asciidoc", "2.1.1": "md"}
OPERATIONS = [
    (version, module, interface, op)
    for version in VERSIONS
    for module in spec_version(version).part("modules").MODULES.values()
    for interface in module.interfaces
    for op in interface.operations
]
IDS = [f"{v}-{m.id}.{i.role or 'ANY'}.{op.name}" for v, m, i, op in OPERATIONS]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_module_id_of_the_spec_is_registered(version: str) -> None:
    module_ids = {m.value for m in spec_version(version).part("enums").ModuleID}
    assert module_ids | {"versions"} == set(spec_version(version).part("modules").MODULES)


def test_operation_names_are_unique_per_interface() -> None:
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize(("version", "module", "interface", "op"), OPERATIONS, ids=IDS)
def test_operation_is_well_formed(version, module, interface, op) -> None:
    spec = spec_version(version).package
    assert re.fullmatch(rf"[a-z_]+\.{SUFFIX[version]}#[A-Za-z0-9_-]+", op.spec), op.spec
    assert set(re.findall(r"{(\w+)}", op.path)) == {p.name for p in op.path_params}
    for body in (op.request, op.response):
        if body is not None and body.obj is not None:
            assert body.obj in spec.OBJECTS or body.obj in spec.ENUMS
    if op.method is Method.PATCH:
        # the text states last_updated of the PATCHes of Locations, Sessions, Tokens (and
        # Bookings); 2.3.0's Payments' PATCH Terminal asks nothing (its section, ed2-payments)
        free = (version, module.id) == ("2.3.0", "payments")
        required = () if free else spec_version(version).part("transport").PATCH_REQUIRES
        assert op.patch_requires == required
    if op.paginated:
        assert op.method is Method.GET and op.response is not None and op.response.card.is_list
        assert {"offset", "limit", "date_from", "date_to"} <= {q.name for q in op.query}
    assert op.target in {"endpoint", "version_url", "location_header", "response_url"}


@pytest.mark.parametrize("version", VERSIONS)
def test_module_objects_exist(version: str) -> None:
    spec = spec_version(version).package
    for module in spec_version(version).part("modules").MODULES.values():
        for name in module.objects:
            assert name in spec.OBJECTS or name in spec.ENUMS, (module.id, name)


@pytest.mark.parametrize("version", VERSIONS)
def test_sender_and_receiver_roles_of_the_main_modules(version: str) -> None:
    # Interfaces and endpoints of every module: who typically implements which side.
    modules = spec_version(version).part("modules").MODULES
    expected = {
        ("locations", "SENDER"): "CPO",
        ("locations", "RECEIVER"): "EMSP",
        ("sessions", "SENDER"): "CPO",
        ("cdrs", "SENDER"): "CPO",
        ("cdrs", "RECEIVER"): "EMSP",
        ("tariffs", "SENDER"): "CPO",
        ("tokens", "SENDER"): "EMSP",
        ("tokens", "RECEIVER"): "CPO",
        ("commands", "RECEIVER"): "CPO",
        ("commands", "SENDER"): "EMSP",
    }
    for (module, role), party in expected.items():
        assert party in modules[module].interface(role).implemented_by


def test_211_names_each_interface_as_its_text_does() -> None:
    # 2.1.1 has "CPO Interface" and "eMSP Interface"; SENDER/RECEIVER are the harness's names.
    modules = spec_version("2.1.1").part("modules")
    named = {
        (m.id, i.role): i
        for m in modules.MODULES.values()
        for i in m.interfaces
        if i.role  # credentials and versions are symmetric
    }
    assert set(named) == set(modules.INTERFACE_NAMES)
    for key, title in modules.INTERFACE_NAMES.items():
        party, anchor = {
            "CPO Interface": (("CPO",), "-cpo-interface"),
            "eMSP Interface": (("EMSP",), "-emsp-interface"),
        }[title]
        assert named[key].implemented_by == party, key
        assert named[key].spec.endswith(anchor), key


def test_211_has_no_smart_charging_and_no_hub() -> None:
    assert set(spec_version("2.1.1").part("modules").MODULES) == {
        "versions",
        "credentials",
        "locations",
        "sessions",
        "cdrs",
        "tariffs",
        "tokens",
        "commands",
    }


def test_client_owned_objects_of_each_version() -> None:
    # 2.2.1: PUT or POST whole, owner in the object; 2.1.1: PUT at {country-code}/{party-id}/{id}.
    owned = {
        v: {
            o
            for o in spec_version(v).package.OBJECTS
            if spec_version(v).part("modules").client_owned(o)
        }
        for v in VERSIONS
    }
    assert owned["2.1.1"] == {"Location", "Session", "Tariff", "Token"}
    assert owned["2.2.1"] == {"Location", "Session", "CDR", "Tariff", "Token"}


@pytest.mark.parametrize("version", VERSIONS)
def test_transport_facts_answer_the_same_questions(version: str) -> None:
    facts = spec_version(version).part("transport")
    names = set(facts.CLAUSES)
    # every question 2.2.1's facts answer (what Version asks); a later text may add its own
    # (2.3.0: unspecified data, hub_party_id)
    assert names >= set(spec_version("2.2.1").part("transport").CLAUSES)
    for name in names:
        assert hasattr(facts, name), name
        clause, sentence = facts.CLAUSES[name]
        assert re.fullmatch(rf"[a-z_]+\.{SUFFIX[version]}#[A-Za-z0-9_-]+", clause)
        assert sentence.strip()


def test_transport_facts_of_211_and_221() -> None:
    t211, t221 = spec_version("2.1.1").part("transport"), spec_version("2.2.1").part("transport")
    assert (t211.TOKEN_ENCODING, t221.TOKEN_ENCODING) == ("raw", "base64")
    assert (t211.ROUTING_HEADERS, t221.ROUTING_HEADERS) == (False, True)
    assert (t211.REQUEST_IDS, t221.REQUEST_IDS) == ("undefined", "required")
    assert (t211.CREDENTIALS_SHAPE, t221.CREDENTIALS_SHAPE) == ("flat", "roles")
    assert (t211.ENDPOINT_ROLES, t221.ENDPOINT_ROLES) == (False, True)
    assert (t211.OWNER_IN_OBJECTS, t221.OWNER_IN_OBJECTS) == (False, True)
    assert (t211.DATE_FROM_INCLUSIVE, t221.DATE_FROM_INCLUSIVE) == (None, True)
    assert (t211.UNAUTHORIZED_STATUS, t221.UNAUTHORIZED_STATUS) == (None, 401)
    # The facts agree with the models they describe.
    assert ("roles" in spec_version("2.2.1").package.OBJECTS["Credentials"].model_fields) is True
    assert "roles" not in spec_version("2.1.1").package.OBJECTS["Credentials"].model_fields
    assert "role" not in spec_version("2.1.1").package.OBJECTS["Endpoint"].model_fields
    assert "country_code" not in spec_version("2.1.1").package.OBJECTS["Location"].model_fields


def test_211_status_codes() -> None:
    codes = spec_version("2.1.1").part("status_codes")
    assert set(codes.STATUS_CODES) == {1000, 2000, 2001, 2002, 2003, 3000, 3001, 3002, 3003}
    assert not codes.is_known(2004) and not codes.is_known(4001) and not codes.is_known(2901)
    assert (
        spec_version("2.2.1").part("status_codes").is_known(2901)
    )  # 2.2.1 reserves 29xx for custom codes
