"""Every object, class and enum table of the 2.2.1 text against the models: the same rows, no
more and no fewer. The row names were read from the AsciiDoc tables (tag 2.2.1) into
tests/spec_tables/2.2.1.json; a model that lost a row (as ConnectorType lost
PANTOGRAPH_TOP_DOWN, whose row has no space before its "|") fails here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocpi_conformance.spec.v2_2_1 import ENUMS, OBJECTS

TABLES = json.loads((Path(__file__).parent / "spec_tables" / "2.2.1.json").read_text())["tables"]
MODELS = {**OBJECTS, **ENUMS}


def _names(model: type) -> set[str]:
    if hasattr(model, "model_fields"):
        return {info.alias or name for name, info in model.model_fields.items()}
    return {member.value for member in model}  # type: ignore[attr-defined]


def test_every_model_has_its_table() -> None:
    untabled = [n for n, m in MODELS.items() if m.spec_anchor not in TABLES]
    assert not untabled, f"models whose anchor names no table: {untabled}"
    assert len(TABLES) >= 80


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_rows_equal_the_spec_table(name: str) -> None:
    model = MODELS[name]
    rows = TABLES[model.spec_anchor]
    assert len(rows) == len(set(rows)), f"{name}: a row twice in the table?"
    assert _names(model) == set(rows), (
        f"{name}: only in the spec {sorted(set(rows) - _names(model))}, "
        f"only in the model {sorted(_names(model) - set(rows))}"
    )
