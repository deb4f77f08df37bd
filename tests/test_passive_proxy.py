"""The proxy between the sandbox CPO and the sandbox eMSP: it forwards their traffic both ways,
sends nothing of its own (both sandboxes' logs count every request), judges what passed and
writes no token anywhere."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ocpi_conformance.passive.proxy import Proxy, ProxySettings
from ocpi_conformance.sandbox import start

from .passive_captures import CPO_TOKEN_A, Proxied, proxied


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Proxied:
    return proxied(tmp_path_factory.mktemp("proxied"))


def test_the_proxy_sends_nothing_of_its_own(session: Proxied) -> None:
    in_front_of_emsp, in_front_of_cpo = 0, 1
    # every request that came in went out, once, and nothing else did
    assert session.proxy_sent == session.proxy_received
    # what each sandbox received is what the proxy in front of it sent (the CPO also got the
    # test's own /sandbox/register trigger, sent to it directly)
    assert session.received["emsp"] == session.proxy_sent[in_front_of_emsp]
    assert session.received["cpo"] == session.proxy_sent[in_front_of_cpo] + 1
    # what each sandbox sent is what the proxy in front of the other one received
    assert session.sent["cpo"] == session.proxy_received[in_front_of_emsp]
    assert session.sent["emsp"] == session.proxy_received[in_front_of_cpo]
    assert min(session.proxy_received) >= 5, session.proxy_received  # both ways, for real


def test_the_proxy_judges_both_partners(session: Proxied) -> None:
    doc = json.loads((session.folder / "results.json").read_text(encoding="utf-8"))
    assert doc["mode"] == "passive"
    assert doc["verdict"] == "pass", doc["verdict_reason"]
    keys = {p["key"]: p["role"] for p in doc["parties"]}
    assert keys == {"NL/CPO": "CPO", "NL/MSP": "EMSP"}
    outcome = {c["id"]: c for c in doc["cases"]}
    for case in ("CRD-ANY-101", "CRD-ANY-002", "CRD-ANY-003", "CRD-ANY-103", "LOC-CPO-101",
                 "SES-CPO-102", "TOK-EMSP-101", "CMD-CPO-002", "CMD-EMSP-102", "TRN-ANY-005",
                 "TRN-ANY-102", "VER-ANY-004"):  # fmt: skip
        assert outcome[case]["outcome"] == "passed", (case, outcome[case]["message"])
    # each rule says whom it judged: the CPO's pushes, the eMSP's answers
    assert set(outcome["LOC-CPO-101"]["parties"]) == {"NL/CPO"}
    assert set(outcome["TOK-EMSP-101"]["parties"]) == {"NL/MSP"}
    assert set(outcome["TRN-ANY-005"]["parties"]) == {"NL/CPO", "NL/MSP"}
    lines = (session.folder / "exchanges.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(session.proxy_received)


def test_no_token_reaches_an_output(session: Proxied) -> None:
    tokens = {t for t in session.tokens if len(t) >= 8}
    forms = tokens | {base64.b64encode(t.encode()).decode() for t in tokens}
    assert len(tokens) >= 4  # tokens A, B and C were exchanged
    written = [p for p in session.folder.rglob("*") if p.is_file()]
    assert any(p.name == "exchanges.jsonl" for p in written)
    for path in written:
        text = path.read_text(encoding="utf-8", errors="replace")
        leaked = [t for t in forms if t in text]
        assert not leaked, f"{path.name} holds a token"
    text = (session.folder / "exchanges.jsonl").read_text(encoding="utf-8")
    assert "«token A of NL/MSP, base64»" in text  # masked by role, not just blanked


def test_the_guards_hold_on_both_sides(tmp_path: Path) -> None:
    """A request body over the limit is refused and not forwarded; an upstream that answers
    nothing is a 502 the proxy records, never a hang or a crash."""
    state, server = start("cpo", CPO_TOKEN_A)
    settings = ProxySettings(listen=["127.0.0.1:0", "127.0.0.1:0"],
                             upstream=[server.url, "http://127.0.0.2:9"],
                             timeout=3, max_body_bytes=1000)  # fmt: skip
    proxy = Proxy(settings, tmp_path, [])
    try:
        before = len(state.log)
        big = urllib.request.Request(f"{proxy.urls[0]}/ocpi/2.2.1/credentials",
                                     data=b"{" + b" " * 5000 + b"}", method="POST")  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(big, timeout=10)
        assert refused.value.code == 413
        assert len(state.log) == before  # never forwarded
        with pytest.raises(urllib.error.HTTPError) as down:
            urllib.request.urlopen(f"{proxy.urls[1]}/ocpi/versions", timeout=10)
        assert down.value.code == 502
    finally:
        proxy.stop()
        server.stop()
    records = [json.loads(line) for line in (tmp_path / "exchanges.jsonl").open()]
    errors = sorted(r["error"] for r in records)
    assert len(errors) == 2 and "not forwarded" in errors[0] + errors[1]
    assert any("could not be reached" in (e or "") for e in errors)


def test_the_command_writes_its_outputs_on_sigterm(tmp_path: Path) -> None:
    _state, server = start("cpo", CPO_TOKEN_A)
    command = [
        sys.executable,
        "-m",
        "ocpi_conformance.cli",
        "proxy",
        "--listen",
        "127.0.0.1:0",
        "--upstream",
        server.url,
        "--output",
        str(tmp_path / "out"),
    ]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        url = re.search(r"(http://127\.0\.0\.1:\d+) ->", first)
        assert url, first
        token = base64.b64encode(CPO_TOKEN_A.encode()).decode()
        for _ in range(3):
            request = urllib.request.Request(
                f"{url.group(1)}/ocpi/versions", headers={"Authorization": f"Token {token}"}
            )
            with urllib.request.urlopen(request, timeout=10) as answer:
                assert answer.status == 200
        time.sleep(3)  # a rolling summary line is printed every 2 s when something changed
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        server.stop()
    assert "Traceback" not in err, err
    assert "proxy: 3 exchanges" in out, out
    assert proc.returncode in (0, 1)
    doc = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert doc["mode"] == "passive" and doc["exchanges_judged"] == 3
    assert doc["verdict"] == ("pass" if proc.returncode == 0 else "fail")
    assert CPO_TOKEN_A not in (tmp_path / "out" / "exchanges.jsonl").read_text()
