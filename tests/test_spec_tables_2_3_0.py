"""Every object, class and enum table of the 2.3.0 texts against the 2.3.0 models: the same rows,
no more and no fewer. The rows were read from the AsciiDoc tables of the tags v2.3.0-ed2,
v2.3.0-ed2-payments and v2.3.0-bookings into tests/spec_tables/2.3.0.json
(tests/spec_tables/extract.py). A model's rows are those of its table in the text its file comes
from (documents.source_of), plus the rows another text adds (documents.ADDITIONS), and nothing
an extension's text adds to a core table may go undeclared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocpi_conformance.spec.v2_3_0 import (
    ENUMS,
    OBJECTS,
    OPEN_ENUMS,
    Response,
    modules,
    rules,
    transport,
)
from ocpi_conformance.spec.v2_3_0.documents import (
    ADDITIONS,
    BOOKINGS,
    CORE,
    PAYMENTS,
    additions_to,
    source_of,
)
from ocpi_conformance.spec.v2_3_0.status_codes import CUSTOM_RANGES, HTTP_RULES, STATUS_CODES
from ocpi_conformance.spec.v2_3_0.types import OpenEnum

from .spec_tables.extract import tables_of

SPEC_TABLES = Path(__file__).parent / "spec_tables"
TAGS = json.loads((SPEC_TABLES / "2.3.0.json").read_text())["tags"]
MODELS: dict[str, type] = {**OBJECTS, **ENUMS, "Response": Response}
EXTENSIONS = (PAYMENTS, BOOKINGS)


_STATUS_TABLES = [a for a in TAGS[CORE.tag]["tables"] if a.startswith("status_codes.asciidoc#")]


def _tables(source: object) -> dict[str, list[str]]:
    return TAGS[source.tag]["tables"]  # type: ignore[attr-defined]


def _names(model: type) -> set[str]:
    if hasattr(model, "model_fields"):
        return {info.alias or name for name, info in model.model_fields.items()}
    return {member.value for member in model}  # type: ignore[attr-defined]


def _expected(anchor: str) -> set[str]:
    return set(_tables(source_of(anchor))[anchor]) | {a.row for a in additions_to(anchor)}


def test_the_json_names_the_commits_documents_cites() -> None:
    for source in (CORE, *EXTENSIONS):
        assert TAGS[source.tag]["commit"] == source.commit


def test_every_model_has_its_table() -> None:
    untabled = [
        n for n, m in MODELS.items() if m.spec_anchor not in _tables(source_of(m.spec_anchor))
    ]
    assert not untabled, f"models whose anchor names no table of their text: {untabled}"
    assert len(MODELS) >= 120


def test_every_table_has_its_model() -> None:
    modeled = {m.spec_anchor for m in MODELS.values()} | set(_STATUS_TABLES)
    texts = [(CORE, lambda f: source_of(f) == CORE)] + [
        (s, lambda f, s=s: source_of(f) == s) for s in EXTENSIONS
    ]
    unmodeled = [
        anchor
        for source, ours in texts
        for anchor in _tables(source)
        if ours(anchor) and anchor not in modeled
    ]
    assert not unmodeled, f"tables without a model: {unmodeled}"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_rows_equal_the_spec_table(name: str) -> None:
    model = MODELS[name]
    rows = _tables(source_of(model.spec_anchor))[model.spec_anchor]
    assert len(rows) == len(set(rows)), f"{name}: a row twice in the table?"
    expected = _expected(model.spec_anchor)
    assert _names(model) == expected, (
        f"{name}: only in the spec {sorted(expected - _names(model))}, "
        f"only in the model {sorted(_names(model) - expected)}"
    )


@pytest.mark.parametrize("source", EXTENSIONS, ids=lambda s: s.tag)
def test_every_row_an_extension_adds_to_a_core_table_is_declared(source: object) -> None:
    core, extension = _tables(CORE), _tables(source)
    added = {
        (anchor, row)
        for anchor, rows in extension.items()
        if anchor in core and source_of(anchor) == CORE
        for row in rows
        if row not in core[anchor]
    }
    # ModuleIDs come from module headings, not from a row of the ModuleID table
    declared = {
        (a.table, a.row)
        for a in ADDITIONS
        if a.source == source and not a.table.endswith("_moduleid_enum")
    }
    assert added == declared


def test_each_addition_is_in_its_text_and_not_in_the_core_table() -> None:
    identifiers = {
        (s.tag, file): name
        for s in (CORE, *EXTENSIONS)
        for file, name in TAGS[s.tag]["module_identifiers"].items()
    }
    for addition in ADDITIONS:
        assert addition.row not in _tables(CORE)[addition.table], addition
        file = addition.spec.split("#")[0]
        if addition.table.endswith("_moduleid_enum"):
            assert identifiers[(addition.source.tag, file)] == addition.row, addition
        else:
            assert addition.row in _tables(addition.source)[addition.table], addition


def test_every_module_heading_names_a_module_id() -> None:
    module_ids = {member.value for member in ENUMS["ModuleID"]}
    for source in (CORE, *EXTENSIONS):
        for file, name in TAGS[source.tag]["module_identifiers"].items():
            if source_of(file) == source:
                assert name in module_ids, (source.tag, file, name)


def test_status_code_tables_equal_the_codes() -> None:
    # status_codes.py takes the 2.2.1 codes: the 2.3.0 tables list the same ones.
    listed = {row for anchor in _STATUS_TABLES for row in _tables(CORE)[anchor]}
    custom = {f"{r.start // 100}xx" for r in CUSTOM_RANGES}
    assert listed == {str(code) for code in STATUS_CODES} | custom
    for code in STATUS_CODES.values():
        assert str(code.code) in _tables(CORE)[code.spec]


def _cited() -> set[str]:
    """Every `file#anchor` the 2.3.0 package writes (additions are checked in their own text)."""
    found = {m.spec_anchor for m in MODELS.values()}
    found |= {getattr(e, "opened_by", "") for e in ENUMS.values()} - {""}
    for module in modules.MODULES.values():
        found |= {module.spec} | {i.spec for i in module.interfaces}
        found |= {op.spec for i in module.interfaces for op in i.operations}
    found |= {rule.spec for rule in rules.RULES}
    found |= {code.spec for code in STATUS_CODES.values()} | {r.spec for r in HTTP_RULES}
    found |= {clause for clause, _ in transport.CLAUSES.values()}
    return found


def test_every_clause_the_package_cites_is_an_anchor_of_its_text() -> None:
    cited = _cited()
    missing = sorted(
        clause
        for clause in cited
        if clause.split("#")[1]
        not in TAGS[source_of(clause).tag]["anchors"].get(clause.split("#")[0], [])
    )
    assert not missing, f"no such anchor in the text the clause is read from: {missing}"
    assert len(cited) > 200
    for addition in ADDITIONS:
        file, anchor = addition.spec.split("#")
        assert anchor in TAGS[addition.source.tag]["anchors"][file], addition


EXCERPT = """
[[mod_x_thing_object]]
==== _Thing_ Object

[[mod_x_note]]
A paragraph anchor names no table.

[cols="3,2,1,10",options="header"]
|===
|Property |Type |Card. |Description
|id |CiString(36) |1 |The id,
continued on a second line.
|[[mod_x_thing_field]] extra |string |? |A row with its own anchor.
|===

[[mod_x_kind_enum]]
==== Kind _OpenEnum_

[cols="3,10",options="header"]
|===
| Value | Description
| LEFT a| Styled cell.
|PLAIN|No space before the bar.
|===

==== Unanchored

[cols="2,12",options="header"]
|===
|Method |Description
|GET |not an object table
|===
"""


def test_the_reading_of_a_table() -> None:
    assert tables_of(EXCERPT, "mod_x.asciidoc") == {
        "mod_x.asciidoc#mod_x_thing_object": ["id", "extra"],
        "mod_x.asciidoc#mod_x_kind_enum": ["LEFT", "PLAIN"],
    }


@pytest.mark.parametrize("name", sorted(ENUMS))
def test_an_enum_is_open_exactly_when_its_heading_says_openenum(name: str) -> None:
    enum = ENUMS[name]
    kind = TAGS[source_of(enum.spec_anchor).tag]["kinds"][enum.spec_anchor]
    assert kind in ("enum", "OpenEnum")
    assert issubclass(enum, OpenEnum) == (kind == "OpenEnum"), (name, kind)
    if issubclass(enum, OpenEnum):
        assert enum.opened_by == "types.asciidoc#types_openenum_type"  # type: ignore[attr-defined]
    assert (name in OPEN_ENUMS) == issubclass(enum, OpenEnum)


def test_objects_are_the_class_and_object_tables() -> None:
    for name, model in OBJECTS.items():
        kind = TAGS[source_of(model.spec_anchor).tag]["kinds"].get(model.spec_anchor)
        # the version details data table has no heading of its own type
        assert kind in ("class", "object") or name == "VersionDetails", (name, kind)
