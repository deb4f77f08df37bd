"""A conformant backend makes choices the sandbox's defaults do not (party/choices.py): the
harness must not fail a mandatory case for any of them. The sandbox makes every choice at once,
in both roles, and the run must pass the gate; each choice is also shown to take effect."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import httpx
import pytest

from ocpi_conformance.party.choices import CHOICES
from ocpi_conformance.transport.redaction import encode_token

from .harness_runs import TOKEN_A, run, sandbox


@pytest.mark.parametrize("role", ["cpo", "emsp"])
def test_every_conformant_choice_at_once_passes_the_gate(tmp_path: Path, role: str) -> None:
    made = tuple(name for name, found in CHOICES.items() if role in found.roles)
    with sandbox(role, choices=made) as state:
        result = run(state, tmp_path, "--profile", "quick", role=role)
    mandatory = {
        c["id"]: c["message"]
        for c in result.results["cases"]
        if c["outcome"] in ("failed", "error") and c["level"] == "mandatory"
    }
    assert not mandatory, f"choices {made} made mandatory cases fail: {mandatory}"
    assert result.code == 0, result.stdout[-2000:]
    details = next(c for c in result.results["cases"] if c["id"] == "VER-ANY-004")
    assert details["outcome"] == "passed"
    assert details["message"] == "custom module(s) listed, not judged: x-occ-extension"
    assert "VER-ANY-004: custom module(s) listed" in result.stdout


def _get(state, path: str, **headers: str) -> httpx.Response:
    auth = {"Authorization": f"Token {encode_token(TOKEN_A)}"}
    return httpx.get(f"{state.base_url}/ocpi/{path}", headers={**auth, **headers}, timeout=5)


def test_each_choice_takes_effect() -> None:
    everything = tuple(CHOICES)
    with sandbox("cpo", choices=everything) as state:
        versions = _get(state, "versions").json()
        details = _get(state, "2.2.1").json()
        zipped = _get(state, "versions", **{"Accept-Encoding": "gzip"})
        raw = httpx.get(
            f"{state.base_url}/ocpi/versions",
            headers={"Authorization": f"Token {encode_token(TOKEN_A)}",
                     "Accept-Encoding": "gzip"},
        ).headers  # fmt: skip
    offered = {v["version"] for v in versions["data"]}
    assert {"2.2.1", "2.3.0", "3.0"} <= offered  # offers_later_versions
    endpoints = {(e["identifier"], e["role"]) for e in details["data"]["endpoints"]}
    assert ("x-occ-extension", "SENDER") in endpoints  # custom_module
    assert ("credentials", "SENDER") in endpoints  # credentials_as_sender
    assert versions["timestamp"].endswith(".123")  # fractional_timestamps
    assert raw.get("content-encoding") == "gzip"  # gzip_answers
    assert json.loads(gzip.decompress(zipped.content) if zipped.content[:2] == b"\x1f\x8b"
                      else zipped.content)["data"]  # fmt: skip
    from ocpi_conformance.party.locations import store

    first = store(state).all()[0]
    assert len(first["address"]) == 200 and len(first["state"]) == 40  # erratum_lengths


def test_every_choice_names_the_clause_that_allows_it() -> None:
    for found in CHOICES.values():
        clause = found.allowed_by.split(":")[0].split(" ")[0]
        assert clause.split("#")[0].endswith(".asciidoc") and "#" in clause, found.name
        assert found.description.strip() and set(found.roles) <= {"cpo", "emsp"}
