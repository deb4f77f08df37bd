"""The single-file HTML report (Allure 3) a partner receives: one file, every case under role,
module and interface, failures with their message and clause, nothing loaded from the network,
no token inside, and clear one-line errors when Allure 3 is missing.

These tests run the real harness and the real Allure 3 from the checkout's node_modules. They
fail (never skip) when Allure 3 is not installed: CI runs `npm ci` before pytest.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ocpi_conformance import cli
from ocpi_conformance.party import PartyState
from ocpi_conformance.reporting import html as report_html

from .harness_runs import Run, run, sandbox

ROOT = Path(__file__).resolve().parents[1]
DEMO_TOKEN_PREFIX = "demo-token-a"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ocpi_conformance.cli", *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=180, check=False, env=env
    )


def _base64_forms(secret: str) -> set[str]:
    """Every Base64 rendering of `secret` whatever bytes precede it: the characters that encode
    only the secret's own bytes, for each of the three alignments."""
    forms = set()
    for pad in ("", "x", "xx"):
        encoded = base64.b64encode((pad + secret).encode()).decode()
        first = -(-len(pad) // 3) * 3  # first 3-byte group lying wholly inside the secret
        last = (len(pad) + len(secret)) // 3 * 3
        forms.add(encoded[first // 3 * 4 : last // 3 * 4])
    return {form for form in forms if len(form) >= 8}


def _readable_texts(folder: Path) -> dict[str, str]:
    """Every file under `folder` as text, plus what each HTML report embeds, decoded."""
    texts: dict[str, str] = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        texts[str(path)] = text
        if path.suffix == ".html":
            for name, data in report_html.embedded_files(text).items():
                texts[f"{path}::{name}"] = data.decode("utf-8", errors="replace")
    return texts


def _leaks(folder: Path, secrets: set[str]) -> list[tuple[str, str]]:
    forms = set(secrets).union(*(_base64_forms(s) for s in secrets))
    return [
        (where, form)
        for where, text in _readable_texts(folder).items()
        for form in forms
        if form in text
    ]


def _test_results(page: Path) -> list[dict[str, Any]]:
    files = report_html.embedded_files(page.read_text(encoding="utf-8"))
    return [
        json.loads(data) for name, data in files.items() if name.startswith("data/test-results/")
    ]


@pytest.fixture(scope="module")
def allure_installed() -> str:
    """The Allure 3 binary; a missing one fails the module with the install line."""
    try:
        return report_html.find_allure()
    except report_html.ReportError as exc:
        problem = str(exc)
    pytest.fail(f"{problem} (CI: `npm ci` must run before pytest)", pytrace=False)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, allure_installed: str) -> Path:
    """The demonstration run (built-in sandbox as CPO and eMSP), then `report DIR/cpo`."""
    root = tmp_path_factory.mktemp("demo")
    done = _cli("run", "--output", str(root), "--timeout", "5")
    assert done.returncode == 0, done.stdout + done.stderr
    built = _cli("report", str(root / "cpo"))
    page = root / "cpo" / "report" / "index.html"
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stdout.strip() == f"report: {page}"
    return root


@pytest.fixture(scope="module")
def failing(
    tmp_path_factory: pytest.TempPathFactory, allure_installed: str
) -> tuple[Run, PartyState]:
    """`run --report` against a sandbox that does not echo X-Request-ID (TRN-ANY-005 fails)."""
    output = tmp_path_factory.mktemp("failing")
    with sandbox("cpo", "no_request_id_echo") as state:
        result = run(state, output, "--report")
    return result, state


def test_the_report_is_one_file(demo: Path) -> None:
    files = [p for p in (demo / "cpo" / "report").rglob("*") if p.is_file()]
    assert [p.name for p in files] == ["index.html"]
    assert not (demo / "cpo" / "allure-results" / "allurerc.json").exists()
    assert not (demo / "emsp" / "report").exists()  # only the folder asked for


def test_the_report_names_role_and_target_and_shows_every_case(demo: Path) -> None:
    page = demo / "cpo" / "report" / "index.html"
    doc = json.loads((demo / "cpo" / "results.json").read_text(encoding="utf-8"))
    html = page.read_text(encoding="utf-8")
    mandatory = [c for c in doc["cases"] if c["level"] == "mandatory" and c["outcome"] != "skipped"]
    verdict = f"PASS: {len(mandatory)} of {len(mandatory)} applicable mandatory cases passed"
    assert f"<title> OCPI conformance: CPO {doc['target']} - {verdict} </title>" in html
    shown = {r["name"] for r in _test_results(page)}
    expected = {f"{case['id']} {case['title']}" for case in doc["cases"]}
    assert "VER-ANY-001" in {case["id"] for case in doc["cases"]}
    assert shown == expected


def test_the_tree_groups_by_role_module_and_interface(demo: Path) -> None:
    html = (demo / "cpo" / "report" / "index.html").read_text(encoding="utf-8")
    tree = json.loads(report_html.embedded_files(html)["widgets/tree.json"])
    groups = tree["groupsById"]
    [role] = [groups[g] for g in tree["root"]["groups"]]
    assert role["name"] == "CPO" and not tree["root"]["leaves"]
    modules = {groups[g]["name"]: groups[g] for g in role["groups"]}
    interfaces = {name: [groups[g]["name"] for g in m["groups"]] for name, m in modules.items()}
    assert interfaces == {
        "cdrs": ["SENDER"],
        "chargingprofiles": ["RECEIVER"],
        "commands": ["RECEIVER"],
        "credentials": ["ANY"],
        "hubclientinfo": ["RECEIVER"],
        "locations": ["SENDER"],
        "sessions": ["SENDER"],
        "tariffs": ["SENDER"],
        "tokens": ["RECEIVER"],
        "transport": ["ANY"],
        "versions": ["ANY"],
    }
    for module in modules.values():
        assert groups[module["groups"][0]]["leaves"]


def test_the_report_loads_nothing_from_the_network(demo: Path) -> None:
    html = (demo / "cpo" / "report" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//", html, re.IGNORECASE)
    assert report_html.external_references(html) == []
    for marker in ("googletagmanager", "gtag(", "G-LNDJ3J7WT0"):
        assert marker not in html


def test_no_demo_token_anywhere_in_the_output(demo: Path) -> None:
    assert "ZGVtby10b2tlbi1h" in _base64_forms(DEMO_TOKEN_PREFIX)
    assert not _leaks(demo, {DEMO_TOKEN_PREFIX})


def test_a_failure_shows_message_clause_and_category(failing: tuple[Run, PartyState]) -> None:
    result, _ = failing
    page = result.output / "report" / "index.html"
    assert result.code == 1, result.stdout + result.stderr
    assert f"report: {page}" in result.stdout
    [case] = [r for r in _test_results(page) if r["name"].startswith("TRN-ANY-005 ")]
    assert case["status"] == "failed"
    assert "X-Request-ID sent" in case["error"]["message"]
    assert any(
        link["url"].endswith(
            "transport_and_format.asciidoc#transport_and_format_unique_messageg_ids"
        )
        for link in case["links"]
    )
    assert case["categories"][0]["name"] == "Transport and status-code errors"
    anchors = report_html.case_anchors(page.read_text(encoding="utf-8"))
    assert anchors["TRN-ANY-005"] == f"#{case['id']}"


def test_no_token_of_the_failing_run_in_its_report(failing: tuple[Run, PartyState]) -> None:
    result, state = failing
    tokens = state.every_token()
    assert len(tokens) >= 3
    assert not _leaks(result.output, tokens)


def test_missing_allure_is_exit_2_with_one_line(tmp_path: Path) -> None:
    env = {**os.environ, report_html.ALLURE_ENV: str(tmp_path / "no-such-allure")}
    (tmp_path / "allure-results").mkdir()
    (tmp_path / "allure-results" / "x-result.json").write_text("{}", encoding="utf-8")
    done = _cli("report", str(tmp_path), env=env)
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("ocpi-conformance: error: Allure 3 is not installed: ")
    assert "npm ci" in line and f"allure@{report_html.ALLURE_VERSION}" in line
    # run --report checks before it runs anything: no output folder appears
    output = tmp_path / "never"
    done = _cli("run", "--output", str(output), "--report", env=env)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert not output.exists()


def test_a_folder_without_results_is_exit_2_with_one_line(tmp_path: Path) -> None:
    done = _cli("report", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"ocpi-conformance: error: no Allure results in {tmp_path}/allure-results: "
        f"run `ocpi-conformance run --output {tmp_path}` first"
    )


def test_open_hands_the_file_to_the_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "report" / "index.html"
    opened: list[str] = []
    monkeypatch.setattr(report_html, "build_report", lambda folder: page)
    monkeypatch.setattr("webbrowser.open", opened.append)
    assert cli.main(["report", str(tmp_path), "--open"]) == 0
    assert opened == [page.resolve().as_uri()]


def test_run_report_builds_one_report_per_demo_role(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, allure_installed: str
) -> None:
    built: list[Path] = []

    def fake_demo(config: Any) -> int:
        for role in ("cpo", "emsp"):
            (config.output_dir() / role / "allure-results").mkdir(parents=True)
        return 1

    def fake_build(folder: Path) -> Path:
        built.append(folder)
        return folder / "report" / "index.html"

    monkeypatch.setattr("ocpi_conformance.runner.run_demo", fake_demo)
    monkeypatch.setattr(report_html, "build_report", fake_build)
    assert cli.main(["run", "--output", str(tmp_path), "--report"]) == 1  # the run's code wins
    assert built == [tmp_path / "cpo", tmp_path / "emsp"]


def test_analytics_are_stripped_and_other_external_loads_refused() -> None:
    page = (
        "<html><head><script>window.a = 1</script></head><body>"
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>'
        "<script>window.dataLayer = []; function gtag(){dataLayer.push(arguments);}</script>"
        '<script src="data:text/javascript;base64,AAAA"></script>'
        '<a href="https://allurereport.org">Allure</a></body></html>'
    )
    cleaned = report_html.clean_html(page)
    assert "googletagmanager" not in cleaned and "gtag" not in cleaned
    assert "window.a = 1" in cleaned and "data:text/javascript" in cleaned
    assert '<a href="https://allurereport.org">' in cleaned  # a link to click, not a load
    with pytest.raises(report_html.ReportError, match="from the network"):
        report_html.clean_html('<link rel="stylesheet" href="https://cdn.example/x.css">')


def test_package_json_pins_the_allure_version_the_code_names() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["private"] is True
    assert package["dependencies"] == {"allure": report_html.ALLURE_VERSION}
    assert "scripts" not in package
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/allure"]["version"] == report_html.ALLURE_VERSION
