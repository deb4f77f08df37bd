"""The module registry is internally consistent and names only objects the models define."""

from __future__ import annotations

import re

import pytest

from ocpi_conformance.spec.registry import Method
from ocpi_conformance.spec.v2_2_1 import ENUMS, OBJECTS
from ocpi_conformance.spec.v2_2_1.enums import ModuleID
from ocpi_conformance.spec.v2_2_1.modules import MODULES

OPERATIONS = [
    (module, interface, op)
    for module in MODULES.values()
    for interface in module.interfaces
    for op in interface.operations
]
IDS = [f"{m.id}.{i.role or 'ANY'}.{op.name}" for m, i, op in OPERATIONS]


def test_every_module_id_of_the_spec_is_registered() -> None:
    assert {m.value for m in ModuleID} | {"versions"} == set(MODULES)


def test_operation_names_are_unique_per_interface() -> None:
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize(("module", "interface", "op"), OPERATIONS, ids=IDS)
def test_operation_is_well_formed(module, interface, op) -> None:
    assert re.fullmatch(r"[a-z_]+\.asciidoc#[A-Za-z0-9_-]+", op.spec), op.spec
    assert set(re.findall(r"{(\w+)}", op.path)) == {p.name for p in op.path_params}
    for body in (op.request, op.response):
        if body is not None and body.obj is not None:
            assert body.obj in OBJECTS or body.obj in ENUMS
    if op.method is Method.PATCH:
        assert op.patch_requires == ("last_updated",)
    if op.paginated:
        assert op.method is Method.GET and op.response is not None and op.response.card.is_list
        assert {"offset", "limit", "date_from", "date_to"} <= {q.name for q in op.query}
    assert op.target in {"endpoint", "version_url", "location_header", "response_url"}


def test_module_objects_exist() -> None:
    for module in MODULES.values():
        for name in module.objects:
            assert name in OBJECTS or name in ENUMS, (module.id, name)


def test_sender_and_receiver_roles_of_the_main_modules() -> None:
    # mod_*_interfaces_and_endpoints: who typically implements which side.
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
        assert party in MODULES[module].interface(role).implemented_by
