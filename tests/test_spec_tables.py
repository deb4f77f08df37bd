"""Every object, class and enum table of each version's text against its models: the same rows, no
more and no fewer. The row names were read from the spec's own tables into
tests/spec_tables/<version>.json (2.2.1 from the AsciiDoc tables of tag 2.2.1; 2.1.1 from the
Markdown of tag 2.1.1 by tests/spec_tables/read_markdown.py); a model that lost a row (as
ConnectorType lost PANTOGRAPH_TOP_DOWN, whose row has no space before its "|") fails here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ocpi_conformance.spec.schema_export import object_schema
from ocpi_conformance.spec.schema_nodes import non_null, resolve
from ocpi_conformance.spec.version import version as spec_version

# The versions whose text is one tagged text (2.3.0 is three, core and two extensions, each with
# its own tables: tests/test_spec_tables_2_3_0.py).
VERSIONS = ("2.1.1", "2.2.1")

HERE = Path(__file__).parent / "spec_tables"
DOCUMENTS = {v: json.loads((HERE / f"{v}.json").read_text()) for v in VERSIONS}
# Fewest tables each text has: a reading that silently drops tables fails.
AT_LEAST = {"2.2.1": 80, "2.1.1": 60}


def _models(version: str) -> dict[str, type]:
    spec = spec_version(version).package
    return {**spec.OBJECTS, **spec.ENUMS}


def _names(model: type) -> set[str]:
    if hasattr(model, "model_fields"):
        return {info.alias or name for name, info in model.model_fields.items()}
    return {member.value for member in model}  # type: ignore[attr-defined]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_model_has_its_table(version: str) -> None:
    tables = DOCUMENTS[version]["tables"]
    models = _models(version)
    untabled = [n for n, m in models.items() if m.spec_anchor not in tables]
    assert not untabled, f"models whose anchor names no table: {untabled}"
    assert len(tables) >= AT_LEAST[version]


MODELS = [(v, name) for v in VERSIONS for name in sorted(_models(v))]


@pytest.mark.parametrize(("version", "name"), MODELS, ids=[f"{v}-{n}" for v, n in MODELS])
def test_model_rows_equal_the_spec_table(version: str, name: str) -> None:
    _assert_rows(name, _models(version)[name], DOCUMENTS[version]["tables"])


def test_211_envelope_rows_equal_the_spec_table() -> None:
    # 2.2.1.json did not read the response format table; 2.1.1.json did.
    _assert_rows("Response", spec_version("2.1.1").package.Response, DOCUMENTS["2.1.1"]["tables"])


def _assert_rows(name: str, model: type, tables: dict[str, list[str]]) -> None:
    rows = tables[model.spec_anchor]  # type: ignore[attr-defined]
    assert len(rows) == len(set(rows)), f"{name}: a row twice in the table?"
    assert _names(model) == set(rows), (
        f"{name}: only in the spec {sorted(set(rows) - _names(model))}, "
        f"only in the model {sorted(_names(model) - set(rows))}"
    )


def _cited(version: str) -> set[str]:
    """Every `file#anchor` the version's package writes: models, enums, registry, rules, codes,
    transport facts."""
    found = {m.spec_anchor for m in _models(version).values()} | {
        spec_version(version).package.Response.spec_anchor
    }
    for module in spec_version(version).part("modules").MODULES.values():
        found |= {module.spec} | {i.spec for i in module.interfaces}
        found |= {op.spec for i in module.interfaces for op in i.operations}
    found |= {rule.spec for rule in spec_version(version).part("rules").RULES}
    found |= {
        code.spec for code in spec_version(version).part("status_codes").STATUS_CODES.values()
    }
    found |= {clause for clause, _ in spec_version(version).part("transport").CLAUSES.values()}
    return found


def test_every_clause_the_211_package_cites_is_a_heading_of_the_text() -> None:
    anchors = DOCUMENTS["2.1.1"]["anchors"]
    cited = _cited("2.1.1")
    missing = sorted(c for c in cited if c.split("#")[1] not in anchors.get(c.split("#")[0], []))
    assert not missing, f"no such heading in the 2.1.1 text: {missing}"
    assert len(cited) > 60


def test_the_anchor_reading_is_githubs() -> None:
    # Headings whose anchors the 2.1.1 text itself links (types.md#15-string-type,
    # mod_locations.md#211-get-method, credentials.md#credentials-endpoint, ...).
    from .spec_tables.read_markdown import slug

    assert slug("1.5 string *type*") == "15-string-type"
    assert slug("#### 2.1.1 __GET__ Method".lstrip("# ")) == "211-get-method"
    assert slug("3.1 _Location_ Object") == "31-location-object"
    assert slug("JSON / HTTP implementation guide") == "json--http-implementation-guide"
    assert slug("Example: Change Tariff to 2,50") == "example-change-tariff-to-250"
    assert re.fullmatch(r"[a-z0-9_-]+", slug("4.2 LocationReferences *class* "))


def _label(node: dict, root: dict) -> str:
    """How the spec would name the type of a schema node: string(39), DateTime, Location, int."""
    node = resolve(node, root)
    if "x-ocpi-type" in node:
        return node["x-ocpi-type"]
    if node.get("type") == "integer":
        return "int"
    return node.get("title") or node.get("type", "")


def _declared(model: type, version: str) -> dict[str, tuple[str, str]]:
    """Each field of a model as (spec type, cardinality), read from its exported schema."""
    root = object_schema(model.__name__, version)
    required = set(root.get("required", []))
    fields = {}
    for name, prop in root["properties"].items():
        value, _nullable = non_null(prop)
        if value.get("type") == "array":
            card = "+" if value.get("minItems") == 1 else "*"
            fields[name] = (_label(value["items"], root), card)
        else:
            fields[name] = (_label(value, root), "1" if name in required else "?")
    return fields


def _table_type(text: str) -> str:
    return "int" if text.startswith("int(") else text  # int(5): the range is the model's


@pytest.mark.parametrize("name", sorted(spec_version("2.1.1").package.OBJECTS))
def test_211_field_types_and_cardinalities_equal_the_spec_table(name: str) -> None:
    # tests/spec_tables/2.1.1.json also holds each row's Type and Card. (read_markdown.py): the
    # lengths (string(39) where 2.2.1 has CiString(36)) and cardinalities of 2.1.1 are checked
    # here, not only the row names. A row of a 'Choice' is optional in the model (rules.py).
    model = spec_version("2.1.1").package.OBJECTS[name]
    table_types = DOCUMENTS["2.1.1"]["types"][model.spec_anchor]
    table_cards = DOCUMENTS["2.1.1"]["cards"][model.spec_anchor]
    declared = _declared(model, "2.1.1")
    for field, (kind, card) in declared.items():
        expected_card = table_cards[field]
        if expected_card.startswith("choice "):
            expected_card = "*" if expected_card.endswith("*") else "?"
        assert (kind, card) == (_table_type(table_types[field]), expected_card), field
