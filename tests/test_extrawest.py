"""The harness against a real third-party implementation: extrawest-ocpi, in both roles, in each
OCPI version it serves (2.2.1 and 2.1.1, side by side in one glue app).

Each version's findings must match its golden file exactly (`tests/targets/extrawest/golden.toml`
for 2.2.1, `golden-2.1.1.toml` for 2.1.1): a new failure, or a finding that went away, fails
here until the golden file is updated (and reviewed) on purpose. The checks are shared with every
real target (tests/targets/golden.py). A version's runs are skipped while its golden file lists
no finding (a file prepared before its version's suites could run).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

import pytest

from tests.harness_runs import Run
from tests.targets import extrawest
from tests.targets.golden import (
    ROLES,
    SECTIONS,
    Golden,
    assert_clause_of,
    assert_exit_code,
    assert_findings_match,
    assert_no_finding_twice,
    assert_no_harness_error,
    assert_no_token_leak,
    assert_well_formed,
    run_target,
)

GOLDEN = Golden(extrawest.HERE / "golden.toml")
GOLDEN_211 = Golden(extrawest.HERE / "golden-2.1.1.toml", version="2.1.1")
TOKEN_A = "extrawest-token-a-7c41"
# A 2.1.1 token travels raw, and py_ocpi's versions endpoint Base64-decodes every token whatever
# the version (py_ocpi/core/authentication/verifier.py, VersionsAuthorizationVerifier(None)):
# TOKEN_A is no Base64 and gets HTTP 200 with status 3000 there, so a 2.1.1 run with it reads
# the versions list leniently and fails VER-ANY-001
# (test_a_token_a_that_is_no_base64_is_read_leniently_and_failed_in_2_1_1). This one, hex digits
# and hyphens, decodes to bytes that are no UTF-8, so py_ocpi falls back to it as it is.
TOKEN_A_211 = "e57a7e57-0211-4a7c-9c41-00000000a211"
NOT_PINNED_211 = pytest.mark.skipif(not GOLDEN_211.pinned, reason="2.1.1 golden not pinned yet")


def trigger(versions_url: str) -> list[str]:
    """The --trigger that makes the target push: the glue's POST /glue/push, which sends one
    object of each module through py_ocpi's own push router (tests/targets/extrawest/app.py)."""
    url = versions_url.removesuffix("/ocpi/versions") + "/glue/push"
    call = f"import urllib.request as u; u.urlopen(u.Request('{url}', method='POST'), timeout=60)"
    return ["--trigger", f'{sys.executable} -c "{call}"']


def in_211(versions_url: str) -> list[str]:
    return [*trigger(versions_url), "--ocpi-version", "2.1.1"]


# version -> its golden file, the token A its runs register with, the options they add. 2.2.1 is
# asked for by no option: the run picks the highest version both sides support.
PINNED: dict[str, tuple[Golden, str, Callable[[str], Sequence[str]]]] = {
    "2.2.1": (GOLDEN, TOKEN_A, trigger),
    "2.1.1": (GOLDEN_211, TOKEN_A_211, in_211),
}
RUNS = [
    *(pytest.param(("2.2.1", role), id=role) for role in ROLES),
    *(pytest.param(("2.1.1", r), id=f"2.1.1-{r}", marks=NOT_PINNED_211) for r in ROLES),
]


@pytest.fixture(scope="module", params=RUNS)
def pinned(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(version, role) of one run."""
    return request.param


@pytest.fixture(scope="module")
def golden(pinned: tuple[str, str]) -> Golden:
    return PINNED[pinned[0]][0]


@pytest.fixture(scope="module")
def token_a(pinned: tuple[str, str]) -> str:
    return PINNED[pinned[0]][1]


@pytest.fixture(scope="module")
def run(pinned: tuple[str, str], token_a: str, tmp_path_factory: pytest.TempPathFactory) -> Run:
    number, role = pinned
    output = tmp_path_factory.mktemp(f"extrawest-{number}-{role}")
    return run_target(extrawest.LIBRARY, role, token_a, output, PINNED[number][2])


def test_the_run_tests_the_pinned_version(run: Run, golden: Golden) -> None:
    """The target offers 2.1.1 and 2.2.1: a run asking for none tests 2.2.1, the highest both
    sides support (the harness's default, spec/version.py highest_common), one asking for 2.1.1
    tests 2.1.1."""
    assert run.results["ocpi_version"] == golden.version


def test_the_run_completes_and_the_gate_fails(run: Run, golden: Golden) -> None:
    """Exit 1 (golden exit_code): the suites ran to the end and found mandatory failures (2 or
    3 would mean the harness could not test the target at all)."""
    assert_exit_code(run, golden)


def test_no_case_ends_in_a_harness_error(run: Run) -> None:
    assert_no_harness_error(run)


def test_findings_match_the_golden_file(run: Run, golden: Golden) -> None:
    assert_findings_match(run, golden, "extrawest-ocpi")


def test_no_token_reaches_the_output(run: Run, token_a: str) -> None:
    assert_no_token_leak(run, token_a)


def test_a_token_a_that_is_no_base64_is_read_leniently_and_failed_in_2_1_1(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """py_ocpi Base64-decodes the token on its versions endpoint in every version: a raw 2.1.1
    token that is no Base64 (TOKEN_A) gets HTTP 200 with status 3000 and no versions
    (transport_and_format.md#request-format: 2.1.1 sends the token as it is). Discovery reads
    the list from the answer to the token Base64-encoded, says so, and the run goes on; the
    answer to the token as 2.1.1 sends it fails VER-ANY-001 (it lists no version)."""
    output = tmp_path_factory.mktemp("extrawest-2.1.1-no-base64")
    asked = ["--ocpi-version", "2.1.1"]
    run = run_target(extrawest.LIBRARY, "cpo", TOKEN_A, output, lambda _: asked)
    assert run.code != 3, f"exit {run.code}: {run.stderr.strip()[-500:]}"
    assert run.results["ocpi_version"] == "2.1.1" and run.results["discovery"] == "lenient"
    assert any(
        "answered only the token encoded base64" in n for n in run.results["discovery_notes"]
    )
    assert "status_code 3000 is not a success" in run.failed().get("VER-ANY-001", "")


GOLDENS = [
    *(pytest.param(GOLDEN, s, id=s) for s in SECTIONS),
    *(pytest.param(GOLDEN_211, s, id=f"2.1.1-{s}") for s in SECTIONS),
]


@pytest.mark.parametrize(("golden", "section"), GOLDENS)
def test_each_golden_finding_is_a_known_case_with_a_reason_and_a_clause(
    golden: Golden, section: str
) -> None:
    assert_well_formed(golden, section)


@pytest.mark.parametrize("golden", [GOLDEN, GOLDEN_211], ids=["2.2.1", "2.1.1"])
def test_the_golden_file_lists_no_finding_in_both_any_and_a_role(golden: Golden) -> None:
    assert_no_finding_twice(golden)


@pytest.mark.parametrize(
    ("number", "clause", "right"),
    [
        ("2.1.1", "transport_and_format.md#request-format", True),
        ("2.1.1", "transport_and_format.md#transport_and_format_authorization_header", False),
        ("2.1.1", "transport_and_format.asciidoc#transport_and_format_authorization_header", False),
        ("2.2.1", "transport_and_format.asciidoc#transport_and_format_authorization_header", True),
        ("2.2.1", "transport_and_format.md#request-format", False),
        ("2.2.1", "transport_and_format.asciidoc", False),
    ],
)
def test_a_golden_clause_is_read_against_its_versions_text(
    number: str, clause: str, right: bool
) -> None:
    """A 2.1.1 golden file cites `file.md#anchor` headings of the 2.1.1 text, a 2.2.1 one
    `file.asciidoc#anchor`: a clause of the other version, or a heading the text has not, is
    refused."""
    if right:
        assert_clause_of(number, clause, "CASE")
    else:
        with pytest.raises(AssertionError):
            assert_clause_of(number, clause, "CASE")
