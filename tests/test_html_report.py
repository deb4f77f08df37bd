"""The HTML report a partner receives: a front page (report/index.html) and Allure 3's single
file (report/allure.html) with every case under role, module and interface, failures with their
one-line reason and clause, nothing loaded from the network, no token inside, and clear one-line
errors when Allure 3 is missing.

These tests run the real harness and the real Allure 3 from the checkout's node_modules. They
fail (never skip) when Allure 3 is not installed: CI runs `npm ci` before pytest.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from ocpi_conformance import cli
from ocpi_conformance.outputs import html as report_html
from ocpi_conformance.party import PartyState

from .conftest import Demo
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
def allure_installed() -> list[str]:
    """The Allure 3 binary; a missing one fails the module with the install line."""
    try:
        return report_html.find_allure()
    except report_html.ReportError as exc:
        problem = str(exc)
    pytest.fail(f"{problem} (CI: `npm ci` must run before pytest)", pytrace=False)


@pytest.fixture(scope="module")
def demo(
    demo_run: Demo, allure_installed: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A copy of the demonstration run's 2.2.1 folder (built-in sandbox as CPO and eMSP), after
    `report DIR/2.2.1/cpo` (a copy: the demo is shared by every xdist worker)."""
    done = demo_run.done
    assert done.returncode == 0, done.stdout + done.stderr
    root = tmp_path_factory.mktemp("demo-report") / "2.2.1"
    shutil.copytree(demo_run.output / "2.2.1", root)
    built = _cli("report", str(root / "cpo"))
    page = root / "cpo" / "report" / "index.html"
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stdout.splitlines() == [f"report: {page}", f"details: {page.parent}/allure.html"]
    return root


@pytest.fixture(scope="module")
def failing(
    tmp_path_factory: pytest.TempPathFactory, allure_installed: list[str]
) -> tuple[Run, PartyState]:
    """`run --report` against a sandbox that does not echo X-Request-ID (TRN-ANY-005 fails)."""
    output = tmp_path_factory.mktemp("failing")
    with sandbox("cpo", "no_request_id_echo") as state:
        result = run(state, output, "--report")
    return result, state


def test_the_report_is_a_front_page_and_one_allure_file(demo: Path) -> None:
    files = [p for p in (demo / "cpo" / "report").rglob("*") if p.is_file()]
    assert sorted(p.name for p in files) == ["allure.html", "index.html"]
    assert not (demo / "cpo" / "allure-results" / "allurerc.json").exists()
    assert not (demo / "emsp" / "report").exists()  # only the folder asked for


def test_the_report_names_role_and_target_and_shows_every_case(demo: Path) -> None:
    page = demo / "cpo" / "report" / "allure.html"
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
    html = (demo / "cpo" / "report" / "allure.html").read_text(encoding="utf-8")
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


@pytest.mark.parametrize("name", ["index.html", "allure.html"])
def test_the_report_loads_nothing_from_the_network(demo: Path, name: str) -> None:
    html = (demo / "cpo" / "report" / name).read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//", html, re.IGNORECASE)
    assert report_html.external_references(html) == []
    for marker in ("googletagmanager", "gtag(", "G-LNDJ3J7WT0"):
        assert marker not in html


def test_no_demo_token_anywhere_in_the_output(demo: Path) -> None:
    assert "ZGVtby10b2tlbi1h" in _base64_forms(DEMO_TOKEN_PREFIX)
    assert not _leaks(demo, {DEMO_TOKEN_PREFIX})


def test_a_failure_shows_message_clause_and_category(failing: tuple[Run, PartyState]) -> None:
    result, _ = failing
    page = result.output / "report" / "allure.html"
    assert result.code == 1, result.stdout + result.stderr
    assert f"report: {page.with_name('index.html')}\ndetails: {page}\n" in result.stdout
    [case] = [r for r in _test_results(page) if r["name"].startswith("TRN-ANY-005 ")]
    assert case["status"] == "failed"
    # what a partner reads is the case's one-line reason, as results.json and the terminal say it
    assert case["error"]["message"] == result.failed()["TRN-ANY-005"]
    assert case["error"]["message"].startswith("X-Request-ID sent ")
    assert "TransportViolation" not in case["error"]["message"]
    assert "trace" not in case["error"]
    assert any(
        link["url"].endswith(
            "transport_and_format.asciidoc#transport_and_format_unique_messageg_ids"
        )
        for link in case["links"]
    )
    assert case["categories"][0]["name"] == "Transport and status-code errors"
    anchors = report_html.case_anchors(page.read_text(encoding="utf-8"))
    assert anchors["TRN-ANY-005"] == f"#{case['id']}"


def test_pytests_account_of_a_failure_is_for_developers(failing: tuple[Run, PartyState]) -> None:
    result, _ = failing
    results = result.output / "allure-results"
    [case] = [
        doc
        for path in results.glob("*-result.json")
        if (doc := json.loads(path.read_text(encoding="utf-8")))["name"].startswith("TRN-ANY-005 ")
    ]
    [source] = [a["source"] for a in case["attachments"] if a["name"].startswith("for developers")]
    developers = (results / source).read_text(encoding="utf-8")
    assert developers.startswith(
        "ocpi_conformance.verdicts.failures.TransportViolation: X-Request-ID sent"
    )
    assert "test_transport.py" in developers  # the traceback


def _front_text(page: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_front_page_opens_with_the_verdict(failing: tuple[Run, PartyState]) -> None:
    result, _ = failing
    doc = result.results
    page = (result.output / "report" / "index.html").read_text(encoding="utf-8")
    mandatory = [c for c in doc["cases"] if c["level"] == "mandatory" and c["outcome"] != "skipped"]
    passed = sum(c["outcome"] == "passed" for c in mandatory)
    assert doc["verdict"] == "fail" and passed == len(mandatory) - 1
    text = _front_text(page)
    verdict = f"FAIL {passed} of {len(mandatory)} applicable mandatory cases passed"
    assert verdict in text
    # the verdict comes before the matrix, the matrix before the failed cases
    assert text.index(verdict) < text.index("By module and interface") < text.index("Failed cases")
    rows = dict(re.findall(r'<th scope="row"><span class="dot"></span>(\w+)</th>(.*?)</tr>', page))
    for module, row in rows.items():
        mine = [c for c in doc["cases"] if c["module"] == module]
        shown = [int(n) for n in re.findall(r'<td class="n \w+(?: zero)?">(\d+)</td>', row)]
        outcomes = ("passed", "failed", "blocked", "skipped", "error")
        assert shown == [sum(c["outcome"] == o for c in mine) for o in outcomes], module
    assert set(rows) == {c["module"] for c in doc["cases"]}


def test_the_front_page_shows_the_failed_case_and_its_exchange(
    failing: tuple[Run, PartyState],
) -> None:
    result, _ = failing
    page = (result.output / "report" / "index.html").read_text(encoding="utf-8")
    [case] = [c for c in result.results["cases"] if c["outcome"] == "failed"]
    assert case["id"] == "TRN-ANY-005"
    card = re.search(r'<article class="case" id="TRN-ANY-005">(.*?)</article>', page, re.DOTALL)
    assert card
    text = _front_text(card.group(1))
    assert f"TRN-ANY-005 mandatory fails the gate {case['title']}" in text
    reason = case["message"].removesuffix(f" [{case['spec']}]")
    assert reason in text
    sent = re.search(r"X-Request-ID sent '([0-9a-f-]+)'", reason)
    assert sent
    assert f"https://github.com/ocpi/ocpi/blob/2.2.1/{case['spec']}" in card.group(1)
    # the exchange that shows it: the request carried the id, the response has none
    line = re.search(r"(GET http://127\.0\.0\.1:\d+/ocpi/2\.2\.1/\S+) HTTP 200", text)
    assert line, text
    request, _, response = text.partition("Response")
    assert f"x-request-id: {sent.group(1)}" in request
    assert "x-request-id" not in response.lower()
    anchors = report_html.case_anchors(
        (result.output / "report" / "allure.html").read_text(encoding="utf-8")
    )
    assert f'href="allure.html{anchors["TRN-ANY-005"]}"' in card.group(1)
    assert 'href="allure.html">' in page  # the whole Allure report, from the verdict


def test_a_property_cases_failing_example_is_attached_as_json(
    tmp_path: Path, allure_installed: list[str]
) -> None:
    with sandbox("emsp", "locations_drops_field") as state:
        done = run(state, tmp_path, "--modules", "locations", "--profile", "quick", role="emsp")
    assert done.code == 1, done.stdout + done.stderr
    assert "LOC-EMSP-001" in done.failed()
    results = tmp_path / "allure-results"
    [case] = [
        doc
        for path in results.glob("*-result.json")
        if (doc := json.loads(path.read_text(encoding="utf-8")))["name"].startswith("LOC-EMSP-001")
    ]
    [example] = [a for a in case["attachments"] if a["name"] == "failing example"]
    assert example["type"] == "application/json"
    location = json.loads((results / example["source"]).read_text(encoding="utf-8"))
    assert location["party_id"] == "OCC" and "coordinates" in location
    assert case["statusDetails"]["message"] == done.failed()["LOC-EMSP-001"]


def test_the_report_builds_from_a_wheel_installed_outside_the_checkout(
    tmp_path: Path, demo: Path
) -> None:
    """`pip install .` (not editable), then `npm ci` in the checkout: `report` run from the
    checkout, or a folder in it, finds the checkout's Allure through the current directory."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("ocpi_conformance-*.whl")
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), wheel],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if k != report_html.ALLURE_ENV}
    env["PYTHONPATH"] = str(site)
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not (Path(p) / "allure").exists()
    )
    where = subprocess.run(
        [sys.executable, "-c", "import ocpi_conformance; print(ocpi_conformance.__file__)"],
        cwd=ROOT / "tests",  # `python -c` and `-m` put the current folder first on sys.path
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip() == str(site / "ocpi_conformance" / "__init__.py")
    folder = tmp_path / "run"
    shutil.copytree(demo / "cpo", folder, ignore=shutil.ignore_patterns("report"))
    command = [sys.executable, "-m", "ocpi_conformance.cli", "report", str(folder)]
    built = subprocess.run(
        command, cwd=ROOT / "tests", env=env, capture_output=True, text=True, timeout=180
    )
    assert built.returncode == 0, built.stderr
    assert (folder / "report" / "index.html").is_file()
    assert (folder / "report" / "allure.html").is_file()
    elsewhere = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180
    )
    if shutil.which("allure", path=env["PATH"]) is None and not _npx_finds_allure(tmp_path, env):
        assert elsewhere.returncode == 2
        assert f"node_modules/.bin/allure in {tmp_path} and its parents" in elsewhere.stderr


def _npx_finds_allure(cwd: Path, env: dict[str, str]) -> bool:
    npx = shutil.which("npx", path=env["PATH"])
    if npx is None:
        return False
    found = subprocess.run(
        [npx, "--no-install", "allure", "--version"],
        cwd=cwd,
        env={**env, "npm_config_offline": "true"},
        capture_output=True,
        timeout=60,
    )
    return found.returncode == 0


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
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, allure_installed: list[str]
) -> None:
    built: list[Path] = []

    def fake_demo(config: Any) -> int:
        for number in ("2.1.1", "2.2.1"):
            for role in ("cpo", "emsp"):
                (config.output_dir() / number / role / "allure-results").mkdir(parents=True)
        return 1

    def fake_build(folder: Path) -> Path:
        built.append(folder)
        return folder / "report" / "index.html"

    monkeypatch.setattr("ocpi_conformance.runner.run_demo", fake_demo)
    monkeypatch.setattr(report_html, "build_report", fake_build)
    assert cli.main(["run", "--output", str(tmp_path), "--report"]) == 1  # the run's code wins
    folders = [tmp_path / n / r for n in ("2.1.1", "2.2.1") for r in ("cpo", "emsp")]
    assert built == folders


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
