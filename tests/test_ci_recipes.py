"""The CI recipes in docs/ci.md run as written: each YAML block marked `<!-- recipe: NAME -->` is
parsed, its shell steps run (bash, stopping at the first failing command, as both CI systems
do) in a workspace that holds this checkout as `ocpi-conformance/`, against the built-in
sandbox on loopback with a fault, so the gate must fail; then the exit code, results.json and
every artifact path the recipe keeps are checked. A recipe that drifts from the CLI (a renamed
flag or variable, a report that moved) fails here.

What the test does not run as written, and why:
- the steps that install over the network (`actions/checkout` of ocpi-conformance, `pip
  install`, `npm ci`, `apt-get`, `git clone`) and the setup actions: this checkout has the
  harness and Allure 3 installed already;
- the target's variables (versions URL, token, the peer's host, port and URL) take the sandbox's
  values on 127.0.0.1, in the environment where the recipe sets them; a line of the recipe that
  sets one of them is replaced by the test's value.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from .harness_runs import TOKEN_A, sandbox

ROOT = Path(__file__).resolve().parents[1]
CI_MD = ROOT / "docs" / "ci.md"
NETWORK = re.compile(r"\b(pip install|npm ci|npm install|apt-get|git clone)\b")
TARGET_VARIABLES = (
    "OCPI_VERSIONS_URL",
    "OCPI_TOKEN_A",
    "OCPI_PEER_HOST",
    "OCPI_PEER_PORT",
    "OCPI_PEER_URL",
)
SETUP_ACTIONS = ("actions/setup-python@", "actions/setup-node@")


def recipe(name: str) -> dict[str, Any]:
    """The YAML block that follows `<!-- recipe: name -->` in docs/ci.md, parsed."""
    text = CI_MD.read_text(encoding="utf-8")
    found = re.search(rf"<!-- recipe: {re.escape(name)} -->\n```yaml\n(.*?)\n```", text, re.DOTALL)
    assert found, f"docs/ci.md has no ```yaml block marked <!-- recipe: {name} -->"
    return yaml.safe_load(found.group(1))


@dataclass
class Script:
    """The shell a recipe runs, what the test left out and why, and the recipe's variables."""

    lines: list[str] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        assignment = re.match(r"\s*export\s+(\w+)=", line)
        if assignment and assignment.group(1) in TARGET_VARIABLES:
            self.left_out.append(f"the test sets {assignment.group(1)}: {line}")
        elif NETWORK.search(line):
            self.left_out.append(f"installs over the network: {line}")
        else:
            self.lines.append(line)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(variables: dict[str, Any], versions_url: str) -> dict[str, str]:
    """The recipe's variables with the target's taken from the sandbox on loopback."""
    port = _free_port()
    target = {
        "OCPI_VERSIONS_URL": versions_url,
        "OCPI_TOKEN_A": TOKEN_A,
        "OCPI_PEER_HOST": "127.0.0.1",
        "OCPI_PEER_PORT": str(port),
        "OCPI_PEER_URL": f"http://127.0.0.1:{port}",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCPI_")}
    for name, value in variables.items():
        text = str(value)
        if "${{" in text and name not in target:
            pytest.fail(f"{name}: the test cannot provide the expression {text}")
        env[name] = text
    env.update(target)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def _workspace(tmp_path: Path) -> Path:
    """The job's folder, with this checkout where the recipe checks ocpi-conformance out."""
    work = tmp_path / "job"
    work.mkdir()
    (work / "ocpi-conformance").symlink_to(ROOT, target_is_directory=True)
    return work


def _bash(lines: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    script = "set -eo pipefail\n" + "\n".join(lines) + "\n"
    return subprocess.run(
        ["bash", "-c", script], env=env, cwd=cwd, capture_output=True, text=True, timeout=600
    )


def _check_outputs(work: Path, output: str, role: str, versions_url: str, kept: list[str]) -> None:
    results = json.loads((work / output / "results.json").read_text(encoding="utf-8"))
    assert (results["role"], results["target"], results["verdict"]) == (role, versions_url, "fail")
    assert "TRN-ANY-005" in [c["id"] for c in results["cases"] if c["outcome"] == "failed"]
    for path in kept:
        assert (work / path).exists(), f"the recipe keeps {path}, which the run did not write"
    report = work / output / "report"
    assert (report / "index.html").is_file() and (report / "allure.html").is_file()


def test_the_github_actions_recipe_runs_as_written(tmp_path: Path) -> None:
    job = recipe("github-actions")["jobs"]["conformance"]
    script, harness_env, uploads = Script(), None, []
    for step in job["steps"]:
        uses = str(step.get("uses", ""))
        if uses.startswith("actions/checkout@"):
            assert step["with"]["path"] == "ocpi-conformance"  # the workspace holds the checkout
            script.left_out.append(f"checks ocpi-conformance out over the network: {uses}")
        elif uses.startswith(SETUP_ACTIONS):
            script.left_out.append(f"sets up the tools the test runs with: {uses}")
        elif uses.startswith("actions/upload-artifact@"):
            assert step.get("if") == "always()", "the reports of a failing run must be kept too"
            uploads += [p for p in step["with"]["path"].splitlines() if p.strip()]
        elif "run" in step:
            for line in str(step["run"]).splitlines():
                script.add(line)
            if "env" in step:
                assert harness_env is None, "one step with the target's environment"
                harness_env = step["env"]
        else:
            pytest.fail(f"a step the test does not know how to run: {step}")
    assert harness_env is not None and "OCPI_TOKEN_A" in harness_env
    assert script.lines == ["ocpi-conformance run --report"], script.lines
    assert set(TARGET_VARIABLES) <= set(harness_env)
    assert len(script.left_out) == 5, script.left_out  # checkout, 2 setups, pip, npm
    work = _workspace(tmp_path)
    with sandbox(harness_env["OCPI_ROLE"], "no_request_id_echo") as state:
        env = _environment(harness_env, state.versions_url)
        done = _bash(script.lines, env, work)
    assert done.returncode == 1, done.stdout + done.stderr  # the gate fails the job
    assert "verdict: FAIL" in done.stdout
    _check_outputs(
        work, harness_env["OCPI_OUTPUT"], harness_env["OCPI_ROLE"], state.versions_url, uploads
    )


def test_the_gitlab_ci_recipe_runs_as_written(tmp_path: Path) -> None:
    job = recipe("gitlab-ci")["conformance"]
    script = Script(variables=dict(job["variables"]))
    for line in job["script"]:
        script.add(str(line))
    assert not any("--token" in line for line in script.lines), "tokens by environment only"
    assert any(line.startswith("ocpi-conformance run") for line in script.lines)
    assert set(TARGET_VARIABLES) - {"OCPI_TOKEN_A", "OCPI_PEER_URL"} <= set(script.variables)
    assert any("OCPI_PEER_URL" in entry for entry in script.left_out)
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always", "the reports of a failing run must be kept too"
    kept = [*artifacts["paths"], artifacts["reports"]["junit"]]
    work = _workspace(tmp_path)
    role = script.variables["OCPI_ROLE"]
    with sandbox(role, "no_request_id_echo") as state:
        env = _environment(script.variables, state.versions_url)
        done = _bash(script.lines, env, work)
    assert done.returncode == 1, done.stdout + done.stderr  # the gate fails the job
    assert "verdict: FAIL" in done.stdout
    _check_outputs(work, script.variables["OCPI_OUTPUT"], role, state.versions_url, kept)
