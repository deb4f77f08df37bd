"""The harness against a real third-party implementation: extrawest-ocpi, in both roles.

Its findings must match `tests/targets/extrawest/golden.toml` exactly: a new failure, or a
finding that went away, fails here until the golden file is updated (and reviewed) on purpose.
The runs use the quick profile (no shrinking): the set of failing cases is the same, and the
two runs stay within seconds instead of a minute of shrinking against a live target.
"""

from __future__ import annotations

import base64
import sys
import tomllib
from typing import Any

import pytest

from ocpi_conformance.catalog import catalogue
from tests.harness_runs import Run, run_cli
from tests.targets import extrawest

GOLDEN = extrawest.HERE / "golden.toml"
TOKEN_A = "extrawest-token-a-7c41"
ROLES = ("cpo", "emsp")


def golden() -> dict[str, dict[str, Any]]:
    return tomllib.loads(GOLDEN.read_text(encoding="utf-8"))


def expected(role: str) -> dict[str, dict[str, str]]:
    entries = golden()
    return {**entries.get("any", {}), **entries.get(role, {})}


def trigger(versions_url: str) -> str:
    """The --trigger that makes the target push: the glue's POST /glue/push, which sends one
    object of each module through py_ocpi's own push router (tests/targets/extrawest/app.py)."""
    url = versions_url.removesuffix("/ocpi/versions") + "/glue/push"
    call = f"import urllib.request as u; u.urlopen(u.Request('{url}', method='POST'), timeout=60)"
    return f'{sys.executable} -c "{call}"'


@pytest.fixture(scope="module", params=ROLES)
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Run:
    role = request.param
    output = tmp_path_factory.mktemp(f"extrawest-{role}")
    with extrawest.start(role, TOKEN_A) as target:
        return run_cli(
            output,
            "--trigger",
            trigger(target.versions_url),
            "--versions-url",
            target.versions_url,
            "--role",
            role,
            "--token-a",
            TOKEN_A,
            "--profile",
            "quick",
            "--timeout",
            "5",
        )


def test_the_run_completes_and_the_gate_fails(run: Run) -> None:
    """Exit 1: the suites ran to the end and found mandatory failures (2 or 3 would mean the
    harness could not test the target at all)."""
    assert run.code == 1, f"exit {run.code}: {run.stderr.strip()[-500:]}"


def test_no_case_ends_in_a_harness_error(run: Run) -> None:
    errors = {c["id"]: c["message"] for c in run.results["cases"] if c["outcome"] == "error"}
    assert not errors, f"the harness itself broke on a real target: {errors}"


def test_findings_match_the_golden_file(run: Run) -> None:
    role = run.results["role"]
    found, wanted = run.failed(), expected(role)
    new = {case: message for case, message in found.items() if case not in wanted}
    gone = {case: entry["reason"] for case, entry in wanted.items() if case not in found}
    assert not new and not gone, (
        f"findings on extrawest-ocpi ({role}) changed; review each against the spec, then update "
        f"{GOLDEN.name}.\n new: {new}\n gone: {gone}"
    )


def test_no_token_reaches_the_output(run: Run) -> None:
    encoded = base64.b64encode(TOKEN_A.encode()).decode()
    leaks = [
        str(path.relative_to(run.output))
        for path in run.output.rglob("*")
        if path.is_file() and any(t in path.read_text(errors="replace") for t in (TOKEN_A, encoded))
    ]
    assert not leaks and TOKEN_A not in run.stdout + run.stderr, f"token A found in {leaks}"


@pytest.mark.parametrize("section", ["any", *ROLES])
def test_each_golden_finding_is_a_known_case_with_a_reason_and_a_clause(section: str) -> None:
    for case_id, entry in golden().get(section, {}).items():
        assert case_id in catalogue(), f"{section}.{case_id}: no such case"
        assert set(entry) == {"reason", "clause"}, f"{section}.{case_id}: {sorted(entry)}"
        assert entry["reason"].strip() and "\n" not in entry["reason"], f"{case_id}: one line"
        file, _, anchor = entry["clause"].partition("#")
        assert file.endswith(".asciidoc") and anchor, f"{case_id}: clause {entry['clause']!r}"
        role = catalogue()[case_id].role
        assert section == "any" or role in ("ANY", section.upper()), f"{case_id} in [{section}]"


def test_the_golden_file_lists_no_finding_in_both_any_and_a_role() -> None:
    entries = golden()
    shared = set(entries.get("any", {}))
    twice = {role: shared & set(entries.get(role, {})) for role in ROLES}
    assert not any(twice.values()), twice
