"""The harness against a second real third-party implementation: python-ocpi (NOWUM pyocpi,
Flask-RESTX), in both roles.

Its findings must match `tests/targets/nowum/golden.toml` exactly, with the checks every real
target shares (tests/targets/golden.py). The library speaks OCPI 2.2 and answers its versions
list in a shape no version of OCPI has: discovery reads both leniently and the run goes on to the
registration, which the library makes impossible by spending token A on the first POST.
"""

from __future__ import annotations

import pytest

from tests.harness_runs import Run
from tests.targets import nowum
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

GOLDEN = Golden(nowum.HERE / "golden.toml")
TOKEN_A = "nowum-token-a-2e93"


@pytest.fixture(scope="module", params=ROLES)
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Run:
    role = request.param
    return run_target(nowum.LIBRARY, role, TOKEN_A, tmp_path_factory.mktemp(f"nowum-{role}"))


def test_the_run_exits_as_the_golden_file_says(run: Run) -> None:
    """Exit 1 (golden exit_code): discovery went on leniently, and the run says so."""
    assert_exit_code(run, GOLDEN)
    assert run.results["discovery"] == "lenient"
    assert "discovery went on leniently" in run.stdout


def test_no_case_ends_in_a_harness_error(run: Run) -> None:
    assert_no_harness_error(run)


def test_findings_match_the_golden_file(run: Run) -> None:
    assert_findings_match(run, GOLDEN, "python-ocpi")


def test_no_token_reaches_the_output(run: Run) -> None:
    assert_no_token_leak(run, TOKEN_A)


@pytest.mark.parametrize("section", SECTIONS)
def test_each_golden_finding_is_a_known_case_with_a_reason_and_a_clause(section: str) -> None:
    assert_well_formed(GOLDEN, section)


def test_the_golden_file_lists_no_finding_in_both_any_and_a_role() -> None:
    assert_no_finding_twice(GOLDEN)
