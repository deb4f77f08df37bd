"""A reader that closes the pipe early (`ocpi-conformance cases | head -1`) ends the command
quietly: no BrokenPipeError traceback, whatever the command was writing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .test_diff import NEW, OLD, _case, _results

COMMAND = [sys.executable, "-m", "ocpi_conformance.cli"]


def _with_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run with stdout a pipe whose reading end is already closed: the first write fails."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        return subprocess.run(
            [*COMMAND, *args], stdout=writing, stderr=subprocess.PIPE, timeout=60, check=False
        )
    finally:
        os.close(writing)


@pytest.fixture(scope="module")
def diff_args(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("diff")
    return [str(_results(folder / "old", *OLD)), str(_results(folder / "new", *NEW))]


@pytest.mark.parametrize(
    "args",
    [
        ["cases"],
        ["cases", "--format", "json"],
        ["sandbox", "--list-faults"],
        ["diff", "OLD", "NEW"],
        ["diff", "OLD", "NEW", "--format", "json"],
    ],
)
def test_a_closed_pipe_ends_the_command_quietly(args: list[str], diff_args: list[str]) -> None:
    args = [{"OLD": diff_args[0], "NEW": diff_args[1]}.get(a, a) for a in args]
    done = _with_closed_pipe(*args)
    assert done.stderr == b""
    assert done.returncode == 1  # Python's own exit code on EPIPE: the output did not all go


def test_head_reads_one_line_and_the_rest_goes_nowhere(tmp_path: Path) -> None:
    """As in a shell: `ocpi-conformance diff OLD NEW --format json | head -1`, with far more
    output than a pipe holds, so the command is still writing when head has gone."""
    many = [_case(f"LOC-CPO-{n:04d}", "failed", message="x" * 200) for n in range(4000)]
    old, new = _results(tmp_path / "old"), _results(tmp_path / "new", *many)
    head = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert head.stdin is not None and head.stdout is not None
    try:
        done = subprocess.run(
            [*COMMAND, "diff", str(old), str(new), "--format", "json"],
            stdout=head.stdin,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        head.stdin.close()
    first = head.stdout.read()
    assert head.wait(timeout=10) == 0 and first == b"{\n"
    assert done.stderr == b"" and done.returncode == 1


def test_unbroken_output_keeps_its_exit_code() -> None:
    done = subprocess.run([*COMMAND, "cases"], capture_output=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.count(b"\n") > 100


def test_a_run_whose_terminal_is_closed_still_judges_and_writes(tmp_path: Path) -> None:
    """`run ... | head -1`: the terminal goes quiet, the run goes on to its verdict."""
    from .harness_runs import TOKEN_A, sandbox

    with sandbox("cpo") as state:
        target = ("--versions-url", state.versions_url, "--role", "cpo", "--token-a", TOKEN_A)
        picked = ("--profile", "quick", "--modules", "versions,transport")
        done = _with_closed_pipe("run", *target, *picked, "--output", str(tmp_path))
    assert b"Traceback" not in done.stderr and b"INTERNALERROR" not in done.stderr
    results = (tmp_path / "results.json").read_text(encoding="utf-8")
    assert '"verdict": "pass"' in results and done.returncode == 0, done.stderr[-500:]
