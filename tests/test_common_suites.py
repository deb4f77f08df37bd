"""The common suites against the sandbox: a conformant target fails nothing, and each deviation
fails the case that names it. Real HTTP, the real CLI, the real registration handshake."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    # CDRs cannot be deleted in OCPI (mod_cdrs_credit_cdrs): they, and only they, stay, each
    # one of ours (an OCC- id) and listed; everything else the clean-up undid
    left = doc["left_on_target"]
    assert all(e["module"] == "cdrs" for e in left), "the clean-up left objects of ours"
    assert all("/OCC-" in e["url"] for e in left), left
    assert bool(left) == (role == "emsp"), left
    # the handshake runs inside the first case that needs a token C, but each of its steps is
    # reported with the case that judges it: the registration POST and its two callbacks with
    # CRD-ANY-001, each probe with its own case, nothing of it with the case that needed it
    cases = {c["id"]: c for c in doc["cases"]}
    assert cases["CRD-ANY-001"]["exchanges"] == 3 and cases["CRD-ANY-001"]["level"] == "mandatory"
    assert cases["CRD-ANY-001"]["spec"] == "credentials.asciidoc#credentials_post_method"
    assert cases["CRD-ANY-013"]["exchanges"] == 1  # refused without a callback
    assert cases["CRD-ANY-009"]["exchanges"] >= 2  # the POST and its refused callback
    first = min((c for c in doc["cases"] if c["module"] not in ("versions", "credentials")),
                key=lambda c: c["id"])  # fmt: skip
    assert first["exchanges"] < 6, first
    assert (tmp_path / "junit.xml").is_file() and (tmp_path / "allure-results").is_dir()


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
        listed = [
            e.request_headers
            for e in state.log.all()
            if e.direction == "inbound" and "/sender/locations" in e.url
        ]
    assert done.code == 0, done.stdout + done.stderr
    # the target's own Credentials, read with the token C, name it in our routing headers
    assert listed and all(h.get("ocpi-to-party-id") == state.identity.party_id for h in listed)
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


def test_the_211_twin_alone_still_gets_its_probe(tmp_path: Path) -> None:
    """`--case CRD-ANY-018` in 2.1.1: the not-credentials probe is sent for that case alone
    (handshake.PROBE_CASES), so it is judged, not skipped as a probe never sent."""
    with sandbox("cpo") as state:
        result = run(state, tmp_path, "--case", "CRD-ANY-018", version="2.1.1")
    judged = {c["id"]: c for c in result.results["cases"]}
    assert judged["CRD-ANY-018"]["outcome"] == "passed", judged["CRD-ANY-018"]
