"""Every catalogued case has exactly one test in the shipped suites, and every suite test has a
case: a case id without a test would be a promise the report cannot keep."""

from __future__ import annotations

import importlib
import re
from collections import Counter

from ocpi_conformance.catalog import CASES
from ocpi_conformance.resources import suites_dir

ID = re.compile(r"^(VER|CRD|TRN|LOC|SES|CDR|TAR|TOK|CMD|CHP|HCI)-(CPO|EMSP|ANY)-\d{3}$")


def _suite_tests() -> list[tuple[str, str | None]]:
    found = []
    for path in sorted(suites_dir().rglob("test_*.py")):
        relative = path.relative_to(suites_dir().parent).with_suffix("")
        module = importlib.import_module(".".join(relative.parts))
        for name, function in vars(module).items():
            if name.startswith("test_") and callable(function):
                marks = [m for m in getattr(function, "pytestmark", []) if m.name == "ocpi_case"]
                found.append((f"{relative}::{name}", marks[0].args[0] if marks else None))
    return found


def test_case_ids_follow_the_contract() -> None:
    for case in CASES.values():
        assert ID.match(case.id), case.id
        assert case.level in ("mandatory", "recommended", "optional")
        assert re.fullmatch(r"[a-z_]+\.asciidoc#[A-Za-z0-9_-]+", case.spec), case.spec


def test_every_suite_test_has_a_case_and_every_case_one_test() -> None:
    tests = _suite_tests()
    untagged = [name for name, case_id in tests if case_id is None]
    assert not untagged, f"suite tests without a catalogued case: {untagged}"
    counts = Counter(case_id for _, case_id in tests)
    assert not [c for c, n in counts.items() if n > 1], "a case with more than one test"
    assert set(counts) == set(CASES), f"cases without a test: {sorted(set(CASES) - set(counts))}"
