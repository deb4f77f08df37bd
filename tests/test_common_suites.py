"""The common suites against the sandbox: a conformant target fails nothing, and each deviation
fails the case that names it. Real HTTP, the real CLI, the real registration handshake."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocpi_conformance.catalog import CASES
from ocpi_conformance.party import Registration

from .harness_runs import TOKEN_A, run, run_cli, sandbox
from .misbehaving_server import misbehaving_server


@pytest.mark.parametrize("role", ["cpo", "emsp"])
def test_conformant_sandbox_fails_no_case(tmp_path: Path, role: str) -> None:
    with sandbox(role) as state:
        result = run(state, tmp_path, role=role)
    assert result.code == 0, result.stdout + result.stderr
    doc = result.results
    assert doc["summary"]["failed"] == 0 and doc["summary"]["error"] == 0, result.failed()
    assert doc["summary"]["passed"] >= 25
    assert doc["role"] == role and doc["target"] == state.versions_url
    assert doc["tool"] == "ocpi-conformance" and doc["ocpi_version"] == "2.2.1"
    # the handshake runs inside the first case that needs it: probes, POSTs and callbacks
    case = next(c for c in doc["cases"] if c["id"] == "CRD-ANY-001")
    assert case["exchanges"] >= 6 and case["level"] == "mandatory"
    assert case["spec"] == "credentials.asciidoc#credentials_post_method"
    assert (tmp_path / "junit.xml").is_file() and (tmp_path / "allure-results").is_dir()


# Each fault of the sandbox, and the cases that must catch it.
CAUGHT_BY = {
    "answer_403_for_401": {"TRN-ANY-001", "TRN-ANY-002", "TRN-ANY-003", "VER-ANY-008"},
    "skip_callback": {"CRD-ANY-002", "CRD-ANY-003", "CRD-ANY-009"},
    "keep_token_a": {"CRD-ANY-005"},
    "no_request_id_echo": {"TRN-ANY-005"},
    "no_correlation_id_echo": {"TRN-ANY-006"},
    "no_envelope_on_401": {"TRN-ANY-004"},
    "content_type_text": {"TRN-ANY-008"},
    "timestamp_with_offset": {"TRN-ANY-007", "VER-ANY-001", "VER-ANY-004"},
    "malformed_json_200": {"TRN-ANY-009"},
    "relative_urls": {"VER-ANY-007"},
    "duplicate_endpoints": {"VER-ANY-006"},
}


@pytest.mark.parametrize("fault", sorted(CAUGHT_BY))
def test_fault_fails_the_case_that_names_it(tmp_path: Path, fault: str) -> None:
    with sandbox("cpo", fault) as state:
        result = run(state, tmp_path)
    failed = result.failed()
    assert CAUGHT_BY[fault] <= set(failed), f"{fault}: failed {sorted(failed)}"
    mandatory = any(CASES[c].level == "mandatory" for c in failed)
    assert result.code == (1 if mandatory else 0)  # exit 1 only for a mandatory failure
    for case_id in CAUGHT_BY[fault]:
        assert failed[case_id], f"{case_id} failed without a message"


@pytest.mark.parametrize("fault", ["refuse_all", "drop_2_2_1"])
def test_untestable_target_exits_3_in_one_line(tmp_path: Path, fault: str) -> None:
    with sandbox("cpo", fault) as state:
        result = run(state, tmp_path)
    assert result.code == 3
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("ocpi-conformance: target not testable:")
    assert "Traceback" not in result.stdout + result.stderr


def test_unreachable_target_exits_3(tmp_path: Path) -> None:
    done = run_cli(
        tmp_path,
        "--versions-url",
        "http://127.0.0.1:9/ocpi/versions",
        "--role",
        "cpo",
        "--token-c",
        "whatever-token",
        "--timeout",
        "2",
    )
    assert done.code == 3
    assert "cannot reach the versions URL" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_token_c_only_skips_what_needs_a_registration(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        state.register(TOKEN_A, Registration(token="given-token-c-9a8b7c6d"))
        done = run_cli(
            tmp_path,
            "--versions-url",
            state.versions_url,
            "--role",
            "cpo",
            "--token-c",
            "given-token-c-9a8b7c6d",
            "--timeout",
            "5",
        )
    assert done.code == 0, done.stdout + done.stderr
    outcome = {c["id"]: (c["outcome"], c["message"]) for c in done.results["cases"]}
    assert outcome["CRD-ANY-001"][0] == "skipped" and "--token-a" in outcome["CRD-ANY-001"][1]
    assert outcome["CRD-ANY-006"][0] == "passed"
    assert outcome["TRN-ANY-005"][0] == "passed"


def test_garbage_answering_target_exits_3(tmp_path: Path) -> None:
    with misbehaving_server() as server:
        done = run_cli(
            tmp_path,
            "--versions-url",
            f"http://127.0.0.1:{server.server_port}/html",
            "--role",
            "emsp",
            "--token-c",
            "whatever-token",
            "--timeout",
            "2",
        )
    assert done.code == 3
    assert "did not answer with an OCPI version list (HTTP 502" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_failure_messages_name_the_clause(tmp_path: Path) -> None:
    with sandbox("cpo", "no_request_id_echo") as state:
        result = run(state, tmp_path)
    message = result.failed()["TRN-ANY-005"]
    assert message.endswith(
        "[transport_and_format.asciidoc#transport_and_format_unique_messageg_ids]"
    )
    assert "X-Request-ID sent" in message
