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

from ocpi_conformance.spec.v2_3_0 import ENUMS, OBJECTS, Response
from ocpi_conformance.spec.v2_3_0.documents import (
    ADDITIONS,
    BOOKINGS,
    CORE,
    PAYMENTS,
    additions_to,
    source_of,
)

SPEC_TABLES = Path(__file__).parent / "spec_tables"
TAGS = json.loads((SPEC_TABLES / "2.3.0.json").read_text())["tags"]
MODELS: dict[str, type] = {**OBJECTS, **ENUMS, "Response": Response}
EXTENSIONS = (PAYMENTS, BOOKINGS)


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
    modeled = {m.spec_anchor for m in MODELS.values()}
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
