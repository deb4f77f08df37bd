"""The target as a client, end to end through the CLI: the sandbox pushes after our registration
and on --trigger, the harness hears it and judges it (initiator "target"); the trigger learns
where to push but never a token; silence is a skip, never a failure; our own requests name the
target in the routing headers once registration told us who it is."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ocpi_conformance.party import PartyState, pusher
from ocpi_conformance.verdicts.catalog import catalogue

from .harness_runs import TOKEN_A, Run, run, run_cli, sandbox

TARGETED = {case.id for case in catalogue().values() if case.initiator == "target"}
QUICK = ("--profile", "quick", "--modules", "transport,locations,sessions,cdrs,tariffs,tokens")


def _judged(result_doc: dict, role: str) -> dict[str, str]:
    return {
        c["id"]: c["outcome"]
        for c in result_doc["cases"]
        if c["initiator"] == "target" and c["role"] in (role, "any")
    }


def test_pushes_after_registration_are_heard_and_pass(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        result = run(state, tmp_path, *QUICK)
    judged = _judged(result.results, "cpo")
    assert judged and set(judged) <= TARGETED
    assert set(judged.values()) == {"passed"}, result.failed()


def test_the_trigger_gets_where_to_push_and_no_token(tmp_path: Path) -> None:
    seen = tmp_path / "env.json"
    dump = (
        "import json, os; json.dump({k: v for k, v in os.environ.items() "
        f"if k.startswith('OCPI_CONFORMANCE_')}}, open(r'{seen}', 'w'))"
    )
    trigger = f'{sys.executable} -c "{dump}"'
    with sandbox("emsp") as state:
        pusher.enable(state, on=False)  # only the trigger could make it push: it does not
        result = run(
            state, tmp_path / "out", *QUICK, "--trigger", trigger, "--listen", "1", role="emsp"
        )
    env = json.loads(seen.read_text(encoding="utf-8"))
    assert env["OCPI_CONFORMANCE_PARTY"] == "ZZ/OCC" and env["OCPI_CONFORMANCE_ROLE"] == "CPO"
    assert env["OCPI_CONFORMANCE_VERSIONS_URL"].endswith("/ocpi/versions")
    assert env["OCPI_CONFORMANCE_OUTPUT"] == str(tmp_path / "out")
    assert TOKEN_A not in json.dumps(env)
    outcomes = {c["id"]: c for c in result.results["cases"] if c["initiator"] == "target"}
    silent = outcomes["TOK-EMSP-101"]
    assert silent["outcome"] == "skipped"
    assert silent["message"].startswith("nothing received within")
    assert "after --trigger" in silent["message"]
    assert (tmp_path / "out" / "trigger.log").is_file()


def test_our_requests_name_the_target_once_registered(tmp_path: Path) -> None:
    with sandbox("cpo") as state:
        run(state, tmp_path, *QUICK)
        listed = [
            e.request_headers
            for e in state.log.all()
            if e.direction == "inbound" and "/sender/locations" in e.url and e.status == 200
        ]
    assert listed
    assert all(h.get("ocpi-to-party-id") == state.identity.party_id for h in listed)
    assert all(h.get("ocpi-from-party-id") == "OCC" for h in listed)


def _registered_by_target(tmp_path: Path, state: PartyState, token: Path, *extra: str) -> Run:
    """A run in which the harness waits for the CPO sandbox to register with it."""
    target = ("--versions-url", state.versions_url, "--role", "cpo")
    return run_cli(tmp_path / "out", *target, "--peer-token-a-file", str(token), *extra)


def test_a_registration_the_target_starts_is_judged_and_the_run_goes_on(tmp_path: Path) -> None:
    token_file = tmp_path / "peer-token-a.txt"
    token_file.write_text("peer-token-a-for-the-sandbox-3f1e\n", encoding="utf-8")
    with sandbox("cpo") as state:
        base = state.base_url
        trigger = f"{sys.executable} -m ocpi_conformance.sandbox.trigger {base}"
        trigger += f" --register {token_file}"
        modules = (*QUICK[:-1], QUICK[-1] + ",credentials")
        flags = ("--trigger", trigger, "--listen", "5", *modules)
        result = _registered_by_target(tmp_path, state, token_file, *flags)
    assert result.code == 0, result.stdout[-2000:] + result.stderr
    outcomes = {c["id"]: c["outcome"] for c in result.results["cases"]}
    assert {outcomes[c] for c in ("CRD-ANY-101", "CRD-ANY-102", "CRD-ANY-103")} == {"passed"}
    assert outcomes["CRD-ANY-001"] == "skipped"  # the harness registers with no token A
    assert outcomes["LOC-CPO-001"] == "passed"  # the run uses the token the target gave
    assert outcomes["LOC-CPO-101"] == "passed"  # and hears what it pushed after registering
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    everything = "".join(p.read_text(errors="replace") for p in written)
    assert "peer-token-a-for-the-sandbox-3f1e" not in everything + result.stdout + result.stderr


def test_a_target_that_never_registers_is_one_line_and_exit_3(tmp_path: Path) -> None:
    token_file = tmp_path / "peer-token-a.txt"
    token_file.write_text("peer-token-a-never-used-77c2\n", encoding="utf-8")
    with sandbox("cpo") as state:
        result = _registered_by_target(tmp_path, state, token_file, "--listen", "0.5")
    assert result.code == 3
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("ocpi-conformance: target not testable: the target did not register")
    assert "error" in result.results
