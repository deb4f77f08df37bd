"""The catalogue in OCPI 2.3.0 (issue #24): every case that runs in 2.3.0 cites a section of the
text it was read from (core `v2.3.0-ed2`, or an extension's tag), each 2.2.1 clause the cases
cite translates to a section of Edition 2, and each change of 2.3.0 the issue lists has a case of
its own that runs in 2.3.0 only. The 2.2.1 and 2.1.1 runs keep their cases: a case written for a
2.3.0 rule never runs there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocpi_conformance import cli
from ocpi_conformance.spec.v2_3_0 import documents
from ocpi_conformance.spec.v2_3_0.clauses import FROM_2_2_1
from ocpi_conformance.spec.version import KNOWN
from ocpi_conformance.verdicts.catalog import catalogue, select

TABLES = Path(__file__).resolve().parent / "spec_tables" / "2.3.0.json"
TAGS: dict[str, dict] = json.loads(TABLES.read_text(encoding="utf-8"))["tags"]
V230 = "2.3.0"

# The 2.3.0 changes judged by a case of their own (the rest: the 2.3.0 schemas and rules behind
# the cases every version shares, e.g. the Price shape and tax_included in xxx-CPO-002/101).
CHANGES = {
    "unknown fields accepted (every Receiver)": {
        "LOC-EMSP-022", "SES-EMSP-016", "CDR-EMSP-014", "TAR-EMSP-015", "HCI-EMSP-010",
        "TOK-CPO-017", "CMD-CPO-035", "CHP-CPO-015", "HCI-CPO-010", "CRD-ANY-019",
    },
    "OpenEnum values no table lists": {"LOC-EMSP-023", "TOK-CPO-018", "CMD-CPO-036"},
    "SignedValue.plain_data 5000 (ed2)": {"CDR-EMSP-015"},
    "min_price/max_price are PriceLimits": {"TAR-CPO-015"},
    "price components follow tax_included": {"CDR-CPO-015"},
    "hub_party_id": {"CRD-ANY-020"},
    "a raw token: the NOTE that lets a server parse leniently": {"TRN-ANY-019"},
}  # fmt: skip


def _anchors(clause: str) -> list[str]:
    file = clause.partition("#")[0]
    tag = documents.source_of(clause).tag
    return TAGS[tag]["anchors"].get(file, [])


def _exists(clause: str) -> bool:
    return clause.partition("#")[2] in _anchors(clause)


def test_230_is_a_version_a_run_tests() -> None:
    assert V230 in KNOWN and KNOWN[-1] == V230  # the highest: a run's default where offered


def test_every_230_case_cites_a_section_of_its_text() -> None:
    cases = [c for c in catalogue().values() if V230 in c.versions]
    assert len(cases) > 250
    cited = {c.id: c.clause_in(V230) for c in cases}
    missing = sorted(f"{key}: {clause}" for key, clause in cited.items() if not _exists(clause))
    assert not missing, f"no such section in the 2.3.0 text: {missing}"


def test_every_translation_names_a_section_of_edition_2() -> None:
    assert None not in FROM_2_2_1.values()
    missing = sorted(c for c in FROM_2_2_1.values() if not _exists(c))
    assert not missing, f"no such section in v2.3.0-ed2: {missing}"


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_each_change_has_cases_of_230_alone(change: str) -> None:
    cases = catalogue()
    for case_id in CHANGES[change]:
        assert case_id in cases, f"{change}: no case {case_id}"
        assert cases[case_id].versions == (V230,), (case_id, cases[case_id].versions)


def test_the_older_versions_keep_their_cases() -> None:
    """A case of a 2.3.0 rule runs in no older version, and 2.2.1's raw-token case stays 2.2.1's
    (the 2.3.0 text lets a server parse leniently: TRN-ANY-019, optional)."""
    cases = catalogue()
    new = set().union(*CHANGES.values())
    assert not [c for c in new if set(cases[c].versions) & {"2.1.1", "2.2.1"}]
    assert cases["TRN-ANY-003"].versions == ("2.2.1",)
    assert (cases["TRN-ANY-019"].level, cases["TRN-ANY-003"].level) == ("optional", "mandatory")


def test_cases_of_230_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["cases", "--version", V230]) == 0
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert listed == {c.id for c in select(None, None, V230)}
    assert set().union(*CHANGES.values()) <= listed
    assert "TRN-ANY-003" not in listed and "LOC-EMSP-018" not in listed  # 2.2.1's, 2.1.1's
