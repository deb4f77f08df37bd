"""What every real-target test checks: a run of the real CLI against a library's glue app, its
findings against the library's `golden.toml`, and the golden file's own shape.

A golden file holds `exit_code` (what the run must exit with: 1 when the suites ran and found
mandatory failures, 3 when the target could not be tested at all) and, per section `any`, `cpo`
and `emsp`, the failing case ids, each with a one-line `reason` and the `clause` it breaks. A
golden file pins one OCPI version's run; its clauses are that version's text (2.2.1:
`file.asciidoc#anchor`, 2.1.1: `file.md#anchor`, the GitHub heading anchor).
"""

from __future__ import annotations

import base64
import json
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocpi_conformance.spec.version import DEFAULT, version
from ocpi_conformance.verdicts.catalog import catalogue
from tests.harness_runs import Run, run_cli
from tests.targets.library import Library

ROLES = ("cpo", "emsp")
SECTIONS = ("any", *ROLES)
SPEC_TABLES = Path(__file__).resolve().parents[1] / "spec_tables"


@dataclass(frozen=True)
class Golden:
    path: Path
    version: str = DEFAULT  # the OCPI version of the run it pins

    def load(self) -> dict[str, Any]:
        return tomllib.loads(self.path.read_text(encoding="utf-8"))

    @property
    def pinned(self) -> bool:
        """Whether it lists any finding yet (a file prepared before its run can be read lists
        none)."""
        entries = self.load()
        return any(entries.get(section) for section in SECTIONS)

    @property
    def exit_code(self) -> int:
        return int(self.load()["exit_code"])

    def expected(self, role: str) -> dict[str, dict[str, str]]:
        entries = self.load()
        return {**entries.get("any", {}), **entries.get(role, {})}


def run_target(
    library: Library,
    role: str,
    token_a: str,
    output: Path,
    extra: Callable[[str], Sequence[str]] | None = None,
) -> Run:
    """`ocpi-conformance run` against a fresh target in the quick profile (no shrinking: the set
    of failing cases is the same, and a run stays within seconds against a live target).
    `extra` gives further options from the target's versions URL (a --trigger needs it)."""
    with library.start(role, token_a) as target:
        return run_cli(
            output,
            *(extra(target.versions_url) if extra else ()),
            "--versions-url",
            target.versions_url,
            "--role",
            role,
            "--token-a",
            token_a,
            "--profile",
            "quick",
            "--timeout",
            "5",
        )


def assert_exit_code(run: Run, golden: Golden) -> None:
    assert run.code == golden.exit_code, f"exit {run.code}: {run.stderr.strip()[-500:]}"


def assert_no_harness_error(run: Run) -> None:
    errors = {c["id"]: c["message"] for c in run.results["cases"] if c["outcome"] == "error"}
    assert not errors, f"the harness itself broke on a real target: {errors}"


def assert_findings_match(run: Run, golden: Golden, label: str) -> None:
    role = run.results["role"]
    found, wanted = run.failed(), golden.expected(role)
    new = {case: message for case, message in found.items() if case not in wanted}
    gone = {case: entry["reason"] for case, entry in wanted.items() if case not in found}
    assert not new and not gone, (
        f"findings on {label} ({role}) changed; review each against the spec, then update "
        f"{golden.path.name}.\n new: {new}\n gone: {gone}"
    )


def assert_no_token_leak(run: Run, token_a: str) -> None:
    encoded = base64.b64encode(token_a.encode()).decode()
    leaks = [
        str(path.relative_to(run.output))
        for path in run.output.rglob("*")
        if path.is_file() and any(t in path.read_text(errors="replace") for t in (token_a, encoded))
    ]
    assert not leaks and token_a not in run.stdout + run.stderr, f"token A found in {leaks}"


def assert_well_formed(golden: Golden, section: str) -> None:
    """Each entry is a known case of its section's role that runs in the golden file's version,
    with a one-line reason and a clause of that version's text."""
    entries = golden.load()
    assert entries.get("exit_code") in (1, 3), f"exit_code {entries.get('exit_code')!r}"
    for case_id, entry in entries.get(section, {}).items():
        assert case_id in catalogue(), f"{section}.{case_id}: no such case"
        case = catalogue()[case_id]
        assert case.applies_to(golden.version), f"{case_id} does not run in {golden.version}"
        assert set(entry) == {"reason", "clause"}, f"{section}.{case_id}: {sorted(entry)}"
        assert entry["reason"].strip() and "\n" not in entry["reason"], f"{case_id}: one line"
        assert_clause_of(golden.version, entry["clause"], case_id)
        in_role = section == "any" or case.role in ("ANY", section.upper())
        assert in_role, f"{case_id} in [{section}]"


def assert_clause_of(number: str, clause: str, case_id: str) -> None:
    """`clause` is `file#anchor` of version `number`'s text: a file of the kind its documents
    are (documents.py: .asciidoc for 2.2.1, .md for 2.1.1) and, where tests/spec_tables holds
    the anchors of that file, one of them."""
    file, _, anchor = clause.partition("#")
    kinds = {Path(name).suffix for name in _document_names(number)}
    assert Path(file).suffix in kinds and anchor, f"{case_id}: clause {clause!r} is no {number} one"
    known = _anchors(number).get(file)
    assert known is None or anchor in known, f"{case_id}: no heading {anchor!r} in {number} {file}"


def _document_names(number: str) -> set[str]:
    documents = version(number).documents
    return {v for k, v in vars(documents).items() if k.isupper() and isinstance(v, str)}


def _anchors(number: str) -> dict[str, list[str]]:
    """{file: its anchors} as tests/spec_tables read them off the version's text, or {}."""
    tables = SPEC_TABLES / f"{number}.json"
    if not tables.is_file():
        return {}
    return json.loads(tables.read_text(encoding="utf-8")).get("anchors", {})


def assert_no_finding_twice(golden: Golden) -> None:
    """A finding is in [any] or in a role's section, never in both."""
    entries = golden.load()
    shared = set(entries.get("any", {}))
    twice = {role: shared & set(entries.get(role, {})) for role in ROLES}
    assert not any(twice.values()), twice
