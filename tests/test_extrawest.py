"""The harness against a real third-party implementation: extrawest-ocpi, in both roles.

Its findings must match `tests/targets/extrawest/golden.toml` exactly: a new failure, or a
finding that went away, fails here until the golden file is updated (and reviewed) on purpose.
The checks are shared with every real target (tests/targets/golden.py).
"""

from __future__ import annotations

import sys

import pytest

from tests.harness_runs import Run
from tests.targets import extrawest
from tests.targets.golden import (
    ROLES,
    SECTIONS,
    Golden,
    assert_exit_code,
    assert_findings_match,
    assert_no_finding_twice,
    assert_no_harness_error,
    assert_no_token_leak,
    assert_well_formed,
    run_target,
)

GOLDEN = Golden(extrawest.HERE / "golden.toml")
TOKEN_A = "extrawest-token-a-7c41"


def trigger(versions_url: str) -> list[str]:
    """The --trigger that makes the target push: the glue's POST /glue/push, which sends one
    object of each module through py_ocpi's own push router (tests/targets/extrawest/app.py)."""
    url = versions_url.removesuffix("/ocpi/versions") + "/glue/push"
    call = f"import urllib.request as u; u.urlopen(u.Request('{url}', method='POST'), timeout=60)"
    return ["--trigger", f'{sys.executable} -c "{call}"']


@pytest.fixture(scope="module", params=ROLES)
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Run:
    role = request.param
    output = tmp_path_factory.mktemp(f"extrawest-{role}")
    return run_target(extrawest.LIBRARY, role, TOKEN_A, output, trigger)


def test_the_run_completes_and_the_gate_fails(run: Run) -> None:
    """Exit 1 (golden exit_code): the suites ran to the end and found mandatory failures (2 or
    3 would mean the harness could not test the target at all)."""
    assert_exit_code(run, GOLDEN)


def test_no_case_ends_in_a_harness_error(run: Run) -> None:
    assert_no_harness_error(run)


def test_findings_match_the_golden_file(run: Run) -> None:
    assert_findings_match(run, GOLDEN, "extrawest-ocpi")


def test_no_token_reaches_the_output(run: Run) -> None:
    assert_no_token_leak(run, TOKEN_A)


@pytest.mark.parametrize("section", SECTIONS)
def test_each_golden_finding_is_a_known_case_with_a_reason_and_a_clause(section: str) -> None:
    assert_well_formed(GOLDEN, section)


def test_the_golden_file_lists_no_finding_in_both_any_and_a_role() -> None:
    assert_no_finding_twice(GOLDEN)
