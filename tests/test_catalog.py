"""The catalogue is read off the suites: every suite test declares exactly one case, ids follow
the contract, and the catalogue keeps every case it had when its declarations moved to the tests
(ids never change meaning once released)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from ocpi_conformance import cli
from ocpi_conformance.verdicts.cases import case_of
from ocpi_conformance.verdicts.catalog import catalogue, markdown, suite_modules, suite_tests

ID = re.compile(
    r"^((VER|CRD|TRN|LOC|SES|CDR|TAR|TOK|CMD|CHP|HCI|PAY|BKG|INV)-(CPO|EMSP|HUB|PTP|ANY)|HUB)-\d{3}$"
)
DOCS = Path(__file__).resolve().parent.parent / "docs" / "cases.md"


def test_case_ids_follow_the_contract() -> None:
    cases = catalogue()
    assert len(cases) >= 101
    for case in cases.values():
        assert ID.match(case.id), case.id
        assert case.level in ("mandatory", "recommended", "optional")
        # spec: the 2.2.1 clause where the case runs in 2.2.1, else its first version's own
        # (2.1.1: Markdown; 2.3.0: AsciiDoc)
        first = "2.2.1" if case.applies_to("2.2.1") else case.versions[0]
        text = "md" if first == "2.1.1" else "asciidoc"
        assert re.fullmatch(rf"[a-z_0-9]+\.{text}#[A-Za-z0-9_-]+", case.spec), case.spec
        assert case.title and "{" not in case.title, case.id


def test_every_suite_test_declares_a_case() -> None:
    untagged = [
        f"{module.__name__}::{name}"
        for module in suite_modules()
        for name, function in suite_tests(module)
        if case_of(function) is None
    ]
    assert not untagged, f"suite tests without a case: {untagged}"


def test_a_contract_adopted_twice_gives_two_cases() -> None:
    cases = catalogue()
    assert cases["SES-CPO-001"].title == "Every page of the Session list is a valid response"
    assert cases["TOK-EMSP-002"].spec == "mod_tokens.asciidoc#mod_tokens_token_object"
    assert cases["LOC-CPO-001"].module == "locations" and cases["CDR-CPO-001"].module == "cdrs"


def test_cases_json_lists_every_case(capsys) -> None:
    assert cli.main(["cases", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in listed] == list(catalogue())
    keys = {"id", "title", "module", "interface", "role", "level", "spec"}
    assert all(keys <= set(c) for c in listed)


def test_cases_filters_by_role_and_module(capsys) -> None:
    assert cli.main(["cases", "--role", "emsp", "--module", "locations"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("LOC-EMSP-") for line in lines)


def test_docs_cases_md_is_current() -> None:
    fresh = markdown(list(catalogue().values()))
    assert DOCS.read_text(encoding="utf-8") == fresh, (
        "docs/cases.md is stale: ocpi-conformance cases --format markdown > docs/cases.md"
    )


def test_declaring_every_case_builds_no_versions_models() -> None:
    """Every run reads the whole catalogue (every version's cases); the models of a version are
    built only where it is tested (spec.classes.lazy_tables), so knowing one adds no start-up.
    (2.2.1's are built in every run: the default version, which code outside spec/ still
    imports by name.)"""
    code = (
        "import sys\n"
        "from ocpi_conformance.verdicts.catalog import catalogue\n"
        "catalogue()\n"
        "print(sorted(m for m in sys.modules if m.endswith('.tables')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['ocpi_conformance.spec.v2_2_1.tables']"
