"""The HTML report a CPO or eMSP hands to a roaming partner, in `DIR/report/`: `index.html`,
the front page (front_page.py: verdict, matrix, failed cases with their exchange), and
`allure.html`, ONE self-contained file built by Allure 3 from `DIR/allure-results` with every
case step by step, which the front page links to.

Why it looks like this:

- One file each, because a partner gets them by mail or as a CI artifact and opens them from
  disk; the Allure 3 `awesome` plugin embeds scripts, styles and every result into its page
  when `singleFile` is on.
- Allure 3 is a Node program, pinned in the checkout's `package.json` (`npm ci` installs it), so
  the Python package neither downloads nor bundles it; we find the binary and say in one line how
  to install it when it is missing.
- The tree is grouped the way the harness labels cases (allure.py): epic = role under test,
  feature = module, story = interface.
- The file must load nothing from the network: a conformance report can hold a partner's URLs
  and findings, and it must open offline. Allure's `awesome` template always adds a Google
  Analytics tag (its `ALLURE_NO_ANALYTICS` switch only reaches the older `allure2` plugin), so we
  strip it and refuse to write a report that still references an external script or stylesheet.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ocpi_conformance.outputs import front_page
from ocpi_conformance.outputs.run_folder import (
    CATEGORY_LABEL,
    RunFolderError,
    load_results,
    without_userinfo,
)

ALLURE_VERSION = "3.18.0"  # keep equal to the exact version pinned in package.json
ALLURE_ENV = "OCPI_CONFORMANCE_ALLURE"
TIMEOUT_S = 120.0
REPORT_FOLDER = "report"
FRONT_PAGE = "index.html"  # what a partner opens first: verdict, matrix, failures
ALLURE_PAGE = "allure.html"  # every case step by step, linked from the front page
INSTALL_HINT = (
    "run `npm ci` in the ocpi-conformance checkout (Node 20+), "
    f"or `npm install -g allure@{ALLURE_VERSION}`"
)
# What the tree groups by, outermost first: role, module, interface (see reporting/allure.py).
GROUP_BY = ["epic", "feature", "story"]
# Strings that betray a tracking script; none may survive in the written report.
ANALYTICS_MARKERS = ("googletagmanager", "google-analytics", "gtag(", "dataLayer")

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_EXTERNAL_REF = re.compile(
    r"<(?:script|link|img|iframe|source|audio|video|embed|object)\b[^>]*?"
    r"\b(?:src|href|data)\s*=\s*[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)
_EMBEDDED = re.compile(r'\bd\("((?:[^"\\]|\\.)*)","([A-Za-z0-9+/=]*)"\)')


class ReportError(Exception):
    """The report could not be built; the message is one line a user can act on (exit 2)."""


def find_allure() -> list[str]:
    """The command that runs Allure 3 (a binary, or `npx --no-install allure`), checked to be 3.x.

    Looked for in this order, the first Allure 3 wins:
    1. `$OCPI_CONFORMANCE_ALLURE`: an explicit choice; when it is wrong, nothing else is tried.
    2. `node_modules/.bin/allure` in the current directory or any parent: where the user ran
       `npm ci` (the checkout), whether the package was installed from it with `pip install .`,
       editable or not; site-packages knows nothing of the checkout.
    3. `allure` on PATH (a global install).
    4. `npx --no-install allure`, offline: npm's own lookup (its global prefix), never a download.
    5. `node_modules/.bin/allure` of the checkout this package runs from (an editable install
       used from another directory).
    A candidate that is not Allure 3 (Allure 2, or no Node to run it) is passed over for the next;
    when none serves, one line says where it looked and what each found said.
    """
    explicit = os.environ.get(ALLURE_ENV)
    if explicit:
        if not (os.path.isfile(explicit) and os.access(explicit, os.X_OK)):
            raise ReportError(
                f"Allure 3 is not installed: {ALLURE_ENV}={explicit} is not an executable file; "
                + INSTALL_HINT
            )
        return _checked([os.path.abspath(explicit)])  # Allure runs in a temporary folder
    looked: list[str] = []
    problems: list[str] = []
    for command in _candidates(Path.cwd(), looked):
        try:
            return _checked(command)
        except ReportError as exc:
            if command[1:2] != ["--no-install"]:  # npx failing means: none installed
                problems.append(str(exc).removesuffix(f"; {INSTALL_HINT}"))
    places = "; ".join(looked)
    found = f" (found: {'; '.join(problems)})" if problems else ""
    raise ReportError(f"Allure 3 is not installed: looked in {places}{found}; {INSTALL_HINT}")


def _candidates(cwd: Path, looked: list[str]) -> Iterator[list[str]]:
    """Each command find_allure tries, in order; every place tried is noted in `looked`, found
    or not, so the error can name them all."""
    looked.append(f"{ALLURE_ENV} (not set)")
    looked.append(f"node_modules/.bin/allure in {cwd} and its parents")
    for folder in (cwd, *cwd.parents):
        binary = folder / "node_modules" / ".bin" / "allure"
        if binary.is_file():
            yield [str(binary)]
    looked.append("`allure` on PATH")
    on_path = shutil.which("allure")
    if on_path is not None:
        yield [on_path]
    looked.append("`npx --no-install allure`")
    npx = shutil.which("npx")
    if npx is not None:
        yield [npx, "--no-install", "allure"]
    checkout = _package_checkout()
    if checkout is not None and checkout not in (cwd, *cwd.parents):
        binary = checkout / "node_modules" / ".bin" / "allure"
        looked.append(str(binary))
        if binary.is_file():
            yield [str(binary)]


def _package_checkout() -> Path | None:
    """The checkout this package runs from (an editable install: package.json beside it)."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "package.json").is_file() else None


def _checked(command: list[str]) -> list[str]:
    """Run `allure --version` so a missing Node or a wrong major version fails early and clearly.
    npx runs offline: it may only find an installed Allure, never fetch one."""
    shown = " ".join(command)
    env = {**os.environ, "npm_config_offline": "true", "npm_config_update_notifier": "false"}
    try:
        result = subprocess.run(
            [*command, "--version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        raise ReportError(f"`{shown} --version` did not answer within 30 s") from None
    except OSError as exc:
        raise ReportError(f"cannot run {shown}: {exc.strerror}; {INSTALL_HINT}") from None
    version = result.stdout.strip().splitlines()[-1:] or [""]
    node_missing = result.returncode == 127 or (
        result.returncode != 0 and "node" in result.stderr.lower() and not result.stdout
    )
    if node_missing:
        raise ReportError(f"Node.js 20+ is needed to run Allure 3 ({shown}): install Node first")
    if result.returncode != 0 or not version[0].startswith("3."):
        found = version[0] or f"exit {result.returncode}"
        raise ReportError(f"{shown} is not Allure 3 (it says {found!r}); {INSTALL_HINT}")
    return command


def report_name(output_dir: Path) -> str:
    """The report's title, `OCPI conformance: <ROLE> <target>` from results.json beside
    allure-results, so a partner sees at once whose backend and which role it is about."""
    try:
        doc = json.loads((output_dir / "results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "OCPI conformance"
    if not isinstance(doc, dict):
        return "OCPI conformance"
    role = str(doc.get("role") or "").upper()
    target = without_userinfo(str(doc.get("target") or ""))
    title = " ".join(["OCPI conformance:", role, target]).strip().rstrip(":")
    return f"{title} - {_verdict(doc)}" if doc.get("verdict") else title


def _verdict(doc: dict[str, Any]) -> str:
    """The gate first: PASS or FAIL, and how many applicable mandatory cases passed."""
    cases = [c for c in doc.get("cases") or [] if isinstance(c, dict)]
    mandatory = [
        c for c in cases if c.get("level") == "mandatory" and c.get("outcome") != "skipped"
    ]
    passed = sum(c.get("outcome") == "passed" for c in mandatory)
    word = "PASS" if doc.get("verdict") == "pass" else "FAIL"
    return f"{word}: {passed} of {len(mandatory)} applicable mandatory cases passed"


def failure_categories(results: Path) -> list[dict[str, Any]]:
    """The harness's failure categories (allure-results/categories.json, an Allure 2 file that
    Allure 3 no longer reads from the results) as Allure 3 `categories` rules. A result matches
    a category by the label allure.tidy gave it (its message is then the case's reason, which no
    longer names the failure's type) or, for results from before that, by its message as the
    Allure 2 rule says. An unreadable file means Allure's default categories."""
    try:
        rules = json.loads((results / "categories.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(rules, list):
        return []
    out = []
    for rule in rules:
        if not isinstance(rule, dict) or not isinstance(rule.get("name"), str) or len(rule) < 2:
            continue
        statuses = {"statuses": rule["matchedStatuses"]} if "matchedStatuses" in rule else {}
        labelled = {**statuses, "labels": {CATEGORY_LABEL: f"^{re.escape(rule['name'])}$"}}
        compatible = dict(statuses)
        if "messageRegex" in rule:
            compatible["message"] = rule["messageRegex"]
        if "traceRegex" in rule:
            compatible["trace"] = rule["traceRegex"]
        out.append({"name": rule["name"], "matchers": [labelled, compatible]})
    return out


def allure_config(name: str, categories: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The allurerc.json: only the awesome plugin, one file, grouped by role/module/interface.

    Listing `agent` as disabled stops Allure from adding its AI-agent plugin on its own.
    """
    config: dict[str, Any] = {
        "name": name,
        "plugins": {
            "awesome": {
                "options": {
                    "reportName": name,
                    "singleFile": True,
                    "groupBy": GROUP_BY,
                    "reportLanguage": "en",
                    "defaultSortBy": "name,asc",
                    "stepTreeExpansion": "expand_failed_only",
                }
            },
            "agent": {"enabled": False},
        },
    }
    if categories:
        config["categories"] = {"rules": categories}
    return config


def build_report(output_dir: Path, *, timeout: float = TIMEOUT_S) -> Path:
    """Build the report of a run folder and return the front page's path:
    `report/index.html`, the front page a partner opens first (front_page.py), and
    `report/allure.html`, Allure's single file with every case, which the front page links to.

    Allure runs in a temporary folder (config and its extra files stay out of the user's folder
    and out of allure-results); only the cleaned page is copied out. Raises ReportError.
    """
    output_dir = Path(output_dir)
    results = output_dir / "allure-results"
    if not results.is_dir() or not any(results.glob("*-result.json")):
        raise ReportError(
            f"no Allure results in {results}: "
            f"run `ocpi-conformance run --output {output_dir}` first"
        )
    allure = find_allure()
    try:
        load_results(output_dir)  # before Allure's seconds: the front page needs it
    except RunFolderError as exc:
        raise ReportError(str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="ocpi-allure-") as tmp:
        work = Path(tmp)
        config = work / "allurerc.json"
        settings = allure_config(report_name(output_dir), failure_categories(results))
        config.write_text(json.dumps(settings), encoding="utf-8")
        generated = work / "out"
        command = [
            *allure,
            "generate",
            "--config",
            str(config),
            "--output",
            str(generated),
            str(results.resolve()),
        ]
        _generate(command, cwd=work, timeout=timeout)
        page = generated / "index.html"
        if not page.is_file():
            raise ReportError(f"Allure wrote no index.html (looked in {generated})")
        html = clean_html(page.read_text(encoding="utf-8"))
    target = output_dir / REPORT_FOLDER / ALLURE_PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".html.partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(target)
    try:
        return front_page.write(output_dir, ALLURE_PAGE, case_anchors(html))
    except RunFolderError as exc:
        raise ReportError(str(exc)) from None


def _generate(command: list[str], *, cwd: Path, timeout: float) -> None:
    """Run `allure generate`, bounded in time, and turn any failure into one line."""
    env = {**os.environ, "ALLURE_NO_ANALYTICS": "true", "NO_COLOR": "1", "FORCE_COLOR": "0"}
    try:
        result = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise ReportError(f"Allure did not finish the report within {timeout:g} s") from None
    except OSError as exc:
        raise ReportError(f"cannot run {command[0]}: {exc.strerror}; {INSTALL_HINT}") from None
    if result.returncode != 0:
        said = [line.strip() for line in (result.stderr + result.stdout).splitlines()]
        last = next((line for line in reversed(said) if line), f"exit {result.returncode}")
        raise ReportError(f"Allure failed to build the report: {last}")


def clean_html(html: str) -> str:
    """Drop the analytics scripts and make sure nothing else would load from the network.

    Removed: every `<script>` with an http(s) `src` and every inline script that talks to Google
    Analytics. Raises ReportError when an external reference survives (a new Allure version
    adding one must fail loudly, not phone home from a partner's browser).
    """

    def keep(match: re.Match[str]) -> str:
        attributes, body = match.group(1), match.group(2)
        if re.search(r"\bsrc\s*=\s*[\"']?\s*(?:https?:)?//", attributes, re.IGNORECASE):
            return ""
        if any(marker in body for marker in ANALYTICS_MARKERS):
            return ""
        return match.group(0)

    cleaned = _SCRIPT.sub(keep, html)
    leftover = external_references(cleaned)
    if leftover:
        raise ReportError(f"the generated report still loads {leftover[0]!r} from the network")
    markers = [marker for marker in ANALYTICS_MARKERS if marker in cleaned]
    if markers:
        raise ReportError(f"the generated report still carries analytics ({markers[0]})")
    return cleaned


def external_references(html: str) -> list[str]:
    """Tags in the page that would fetch from another host (script, stylesheet, image, frame).

    Links a reader may click (`<a href>`) are not loads and are not listed; data: URIs are fine.
    """
    return [match.group(0)[:120] for match in _EXTERNAL_REF.finditer(html)]


def embedded_files(html: str) -> dict[str, bytes]:
    """The report data Allure embeds in the single file (base64 inside `d("name","...")` calls),
    decoded: what a reader of the file can see, for checks such as "no token in the report"."""
    files: dict[str, bytes] = {}
    for match in _EMBEDDED.finditer(html):
        name = json.loads(f'"{match.group(1)}"')
        files[name] = base64.b64decode(match.group(2))
    return files


def case_anchors(html: str) -> dict[str, str]:
    """Case id -> the URL fragment (`#<test result id>`) that opens that case in the report."""
    anchors: dict[str, str] = {}
    for name, data in embedded_files(html).items():
        if not name.startswith("data/test-results/"):
            continue
        try:
            result = json.loads(data)
        except ValueError:
            continue
        case_id = str(result.get("name", "")).split(" ", 1)[0]
        if case_id and "id" in result:
            anchors[case_id] = f"#{result['id']}"
    return anchors
