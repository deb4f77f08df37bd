"""The target as a client, end to end through the CLI: the sandbox pushes after our registration
and on --trigger, the harness hears it and judges it (initiator "target"); the trigger learns
where to push but never a token; silence is a skip, never a failure; our own requests name the
target in the routing headers once registration told us who it is."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ocpi_conformance.catalog import catalogue
from ocpi_conformance.party import pusher

from .harness_runs import TOKEN_A, run, sandbox

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
