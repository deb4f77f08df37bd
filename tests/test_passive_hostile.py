"""A capture is hostile input too: each broken record is a note of the capture or a finding,
each file that is no capture one line and exit 2; never a traceback, memory bounded."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .passive_captures import Proxied, lines, proxied

CLI = [sys.executable, "-m", "ocpi_conformance.cli", "judge"]


def judge(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, check=False)


def results(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "results.json").read_text(encoding="utf-8"))


def notes(folder: Path) -> dict[str, dict[str, Any]]:
    return {n["kind"]: n for n in results(folder)["capture_notes"]}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Proxied:
    return proxied(tmp_path_factory.mktemp("clean"))


@pytest.fixture(scope="module")
def good(clean: Proxied) -> list[str]:
    """The clean capture's lines."""
    return clean.capture.read_text(encoding="utf-8").splitlines(keepends=True)


def _unread(folder: Path) -> list[str]:
    return notes(folder)["records that could not be read"]["examples"]


def test_broken_records_are_notes_and_the_rest_is_judged(good: list[str], tmp_path: Path) -> None:
    capture = tmp_path / "broken.jsonl"
    with capture.open("wb") as out:
        out.write("".join(good).encode())
        out.write(b'{"method": "GET"}\n')  # no url
        out.write(b'{"hello": "world"}\n')  # no exchange at all
        out.write(b'{"method": "GET", "url": "http://x/\xff\xfe"}\n')  # not UTF-8
        out.write(good[0][: len(good[0]) // 2].encode())  # truncated, the file's last line
    done = judge(str(capture), "--output", str(tmp_path / "out"))
    assert "Traceback" not in done.stderr + done.stdout
    assert done.returncode == 0, done.stdout[-2000:]  # the readable records still pass
    unread = _unread(tmp_path / "out")
    said = " | ".join(unread)
    assert "lacks url" in said and "no exchange record" in said
    assert "not valid UTF-8" in said and "not JSON" in said
    assert notes(tmp_path / "out")["records that could not be read"]["count"] == 4
    assert results(tmp_path / "out")["exchanges_judged"] == len(good)


def test_a_body_nested_100000_deep_is_a_note_or_a_finding(good: list[str], tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    record = json.loads(good[0])
    line = json.dumps(record)
    # as a JSON value inside the record: the record cannot be read within the guard
    nested = line.replace('"body": null', f'"body": {deep}', 1)
    # as a HAR entry's text: the record is read, the body is no JSON to judge (a finding)
    har = {"log": {"version": "1.2", "entries": [{
        "startedDateTime": record["started_at"], "time": 1,
        "request": {"method": "GET", "url": record["url"], "headers": []},
        "response": {"status": 200, "headers": [{"name": "Content-Type",
                                                  "value": "application/json"}],
                     "content": {"text": deep, "mimeType": "application/json"}}}]}}  # fmt: skip
    (tmp_path / "deep.jsonl").write_text(nested + "\n" + "".join(good[1:]))
    (tmp_path / "deep.har").write_text(json.dumps(har))
    first = judge(str(tmp_path / "deep.jsonl"), "--output", str(tmp_path / "a"))
    second = judge(str(tmp_path / "deep.har"), "--output", str(tmp_path / "b"))
    assert "Traceback" not in first.stderr + second.stderr
    assert "nests deeper" in " ".join(_unread(tmp_path / "a"))
    cases = {c["id"]: c for c in results(tmp_path / "b")["cases"]}
    assert cases["VER-ANY-001"]["outcome"] == "failed"
    assert "not JSON within the guard" in cases["VER-ANY-001"]["message"]


def test_files_that_are_no_capture_are_one_line_and_exit_2(tmp_path: Path) -> None:
    no_entries = tmp_path / "empty.har"
    no_entries.write_text(json.dumps({"log": {"version": "1.2", "creator": {"name": "x"}}}))
    text = tmp_path / "notes.txt"
    text.write_text("hello, this is not a capture\n")
    for path, said in ((no_entries, "without log.entries"), (text, "not a capture"),
                       (tmp_path / "missing.jsonl", "no such file")):  # fmt: skip
        done = judge(str(path), "--output", str(tmp_path / "out"))
        assert done.returncode == 2, (path, done.stdout, done.stderr)
        [line] = done.stderr.strip().splitlines()
        assert line.startswith("ocpi-conformance: error:") and said in line


def test_an_empty_capture_is_no_pass(tmp_path: Path) -> None:
    har = tmp_path / "none.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": []}}))
    done = judge(str(har), "--output", str(tmp_path / "out"))
    assert done.returncode == 1
    doc = results(tmp_path / "out")
    assert doc["verdict"] == "fail" and "nothing was observed" in doc["verdict_reason"]
    assert {c["outcome"] for c in doc["cases"]} == {"skipped"}
    assert "the capture holds no exchange" in notes(tmp_path / "out")


def test_exchanges_out_of_order_are_noted_and_fail_nothing(clean: Proxied, tmp_path: Path) -> None:
    capture = tmp_path / "reversed.jsonl"
    capture.write_text("".join(json.dumps(r) + "\n" for r in reversed(lines(clean.capture))))
    done = judge(str(capture), "--output", str(tmp_path / "out"))
    assert done.returncode == 0, done.stdout[-2000:]
    kinds = " ".join(notes(tmp_path / "out"))
    assert "out of order" in kinds
    doc = results(tmp_path / "out")
    assert not [c["id"] for c in doc["cases"] if c["outcome"] == "failed"]
    assert sum(c["outcome"] == "passed" for c in doc["cases"]) >= 30


def test_a_line_of_several_gigabytes_is_skipped_in_bounded_memory(
    good: list[str], tmp_path: Path
) -> None:
    """A 3 GiB line (sparse on disk) between two good records: read past, never held."""
    capture = tmp_path / "huge.jsonl"
    with capture.open("wb") as out:
        out.write(good[0].encode())
        out.write(b'{"method": "GET", "url": "http://x/", "padding": "')
        out.seek(3 * 2**30, 1)  # a hole: 3 GiB of NUL bytes without a newline
        out.write(b'"}\n')
        out.write(good[1].encode())
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = judge(str(capture), "--output", str(tmp_path / "out"), "--workers", "1")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1)
    unread = _unread(tmp_path / "out")
    assert any("longer than 32 MiB" in u for u in unread), unread
    assert results(tmp_path / "out")["exchanges_judged"] == 2
    # a bound far above what the judge needs (~150 MiB), far below the line (3 GiB)
    assert max(peak_kib, before) < 600 * 1024, peak_kib
