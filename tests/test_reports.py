"""What a run leaves behind: no token anywhere, Allure results a partner can read, a summary,
and a gate that honours levels and known deviations (with their expiry)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from ocpi_conformance.party import PartyState

from .harness_runs import Run, run, sandbox


def _token_forms(token: str) -> set[str]:
    return {token, base64.b64encode(token.encode()).decode()}


@pytest.fixture(scope="module")
def failing_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, PartyState]:
    """One run against a sandbox that fails mandatory and recommended cases."""
    output = tmp_path_factory.mktemp("failing")
    with sandbox("cpo", "no_request_id_echo", "keep_token_a", "no_envelope_on_401") as state:
        result = run(state, output)
    return result, state


def test_no_token_anywhere_in_the_output_or_on_the_terminal(
    failing_run: tuple[Run, PartyState],
) -> None:
    result, state = failing_run
    tokens = state.every_token()
    assert len(tokens) >= 5  # token A, the token Bs of every POST and PUT, the token Cs issued
    forms = set().union(*(_token_forms(t) for t in tokens))
    texts = {"stdout": result.stdout, "stderr": result.stderr}
    for path in result.output.rglob("*"):
        if path.is_file():
            texts[str(path)] = path.read_text(encoding="utf-8", errors="replace")
    leaks = [(where, form) for where, text in texts.items() for form in forms if form in text]
    assert not leaks, leaks[:3]


def test_allure_results_carry_labels_clause_and_exchanges(
    failing_run: tuple[Run, PartyState],
) -> None:
    result, _ = failing_run
    folder = result.output / "allure-results"
    records = [json.loads(p.read_text()) for p in folder.glob("*-result.json")]
    by_id = {
        next(label["value"] for label in r["labels"] if label["name"] == "as_id"): r
        for r in records
    }
    record = by_id["TRN-ANY-005"]
    labels = {(label["name"], label["value"]) for label in record["labels"]}
    assert {("epic", "CPO"), ("feature", "transport"), ("story", "ANY")} <= labels
    assert {("severity", "critical"), ("tag", "TRN-ANY-005")} <= labels
    assert record["name"].startswith("TRN-ANY-005 X-Request-ID is echoed")
    assert record["status"] == "failed"
    assert "X-Request-ID sent" in record["statusDetails"]["message"]
    assert record["links"][0]["url"].endswith(
        "transport_and_format.asciidoc#transport_and_format_unique_messageg_ids"
    )
    [step] = record["steps"]
    assert step["name"].startswith("GET http://127.0.0.1:")
    names = {a["name"] for a in step["attachments"]}
    assert names == {"request", "response", "curl"}
    properties = (folder / "environment.properties").read_text()
    assert "role=CPO" in properties and "seed=221" in properties
    categories = json.loads((folder / "categories.json").read_text())
    assert "Schema violations" in {c["name"] for c in categories}


def test_summary_shows_matrix_failures_and_seed(failing_run: tuple[Run, PartyState]) -> None:
    result, _ = failing_run
    out = result.stdout
    assert "module            interface     passed   failed  blocked  skipped    error" in out
    assert "transport         ANY" in out
    assert (
        "TRN-ANY-005 [mandatory] X-Request-ID is echoed in the response: X-Request-ID sent" in out
    )
    assert "TRN-ANY-004 [recommended]" in out and "(does not fail the gate)" in out
    assert "credentials: " in out and "applicable mandatory cases passed" in out
    assert "seed: 221" in out
    assert result.code == 1


def _deviations(tmp_path: Path, expires: str) -> Path:
    path = tmp_path / "known.toml"
    path.write_text(
        f'[[deviation]]\nid = "TRN-ANY-005"\nreason = "echo ships in 4.2"\nexpires = {expires}\n',
        encoding="utf-8",
    )
    return path


def test_known_deviation_passes_the_gate_but_stays_failed(tmp_path: Path) -> None:
    with sandbox("cpo", "no_request_id_echo") as state:
        result = run(
            state, tmp_path / "out", "--known-deviations", str(_deviations(tmp_path, "2999-12-31"))
        )
    assert result.code == 0, result.stdout
    case = next(c for c in result.results["cases"] if c["id"] == "TRN-ANY-005")
    assert case["outcome"] == "failed"
    assert case["known_deviation"] == "known deviation (until 2999-12-31: echo ships in 4.2)"


def test_expired_known_deviation_fails_the_gate_again(tmp_path: Path) -> None:
    with sandbox("cpo", "no_request_id_echo") as state:
        result = run(
            state, tmp_path / "out", "--known-deviations", str(_deviations(tmp_path, "2020-01-01"))
        )
    assert result.code == 1
    case = next(c for c in result.results["cases"] if c["id"] == "TRN-ANY-005")
    assert case["known_deviation"].startswith("EXPIRED known deviation")


def test_fail_on_recommended_gates_recommended_failures(tmp_path: Path) -> None:
    with sandbox("cpo", "no_envelope_on_401") as state:
        lenient = run(state, tmp_path / "lenient")
    with sandbox("cpo", "no_envelope_on_401") as state:
        strict = run(state, tmp_path / "strict", "--fail-on", "recommended")
    assert lenient.code == 0 and strict.code == 1
    assert "TRN-ANY-004" in strict.failed()


def test_bad_known_deviations_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "known.toml"
    path.write_text('[[deviation]]\nid = "NOPE-ANY-001"\nreason = "x"\nexpires = 2030-01-01\n')
    with sandbox("cpo") as state:
        result = run(state, tmp_path / "out", "--known-deviations", str(path))
    assert result.code == 2
    assert result.stderr.strip().endswith("unknown case id 'NOPE-ANY-001'")
