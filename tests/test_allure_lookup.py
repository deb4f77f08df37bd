"""Where the harness finds Allure 3: `$OCPI_CONFORMANCE_ALLURE`, then node_modules/.bin of the
current folder or a parent (where the user ran `npm ci`), then `allure` on PATH, then
`npx --no-install allure` (installed ones only), then an editable install's own checkout.

The lookup order is shown with small executable scripts that answer `--version` the way Allure
does (and say which one they are); the real Allure from the checkout's node_modules builds the
report in tests/test_html_report.py, also from a wheel installed outside the checkout.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from ocpi_conformance.outputs import html as report_html


def _script(path: Path, version: str, *, log: Path | None = None) -> Path:
    """An executable that prints `version` for `--version` (and logs its arguments)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    record = f'echo "$0 $*" >> {log}\n' if log else ""
    path.write_text(f'#!/bin/sh\n{record}echo "{version}"\n', encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@pytest.fixture
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with no node_modules anywhere above it, a PATH of one empty folder (plus the
    shell the scripts need), no explicit choice, and no checkout of an editable install."""
    work = tmp_path / "work" / "deep" / "down"
    work.mkdir(parents=True)
    (tmp_path / "bin").mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/bin")
    monkeypatch.delenv(report_html.ALLURE_ENV, raising=False)
    monkeypatch.setattr(report_html, "_package_checkout", lambda: None)
    assert not any((p / "node_modules").exists() for p in (work, *work.parents))
    return tmp_path


def test_node_modules_in_the_current_folder_or_a_parent_comes_first(bare: Path) -> None:
    parent = _script(bare / "work" / "node_modules" / ".bin" / "allure", "3.0.1")
    _script(bare / "bin" / "allure", "3.0.2")  # on PATH, but later in the order
    assert report_html.find_allure() == [str(parent)]
    nearest = _script(bare / "work" / "deep" / "node_modules" / ".bin" / "allure", "3.0.3")
    assert report_html.find_allure() == [str(nearest)]


def test_allure_on_path_when_no_node_modules_has_it(bare: Path) -> None:
    on_path = _script(bare / "bin" / "allure", "3.18.0")
    assert report_html.find_allure() == [str(on_path)]


def test_npx_only_without_installing(bare: Path) -> None:
    log = bare / "npx.log"
    npx = _script(bare / "bin" / "npx", "3.18.0", log=log)
    assert report_html.find_allure() == [str(npx), "--no-install", "allure"]
    assert log.read_text(encoding="utf-8").split()[1:] == ["--no-install", "allure", "--version"]


def test_an_editable_installs_checkout_comes_last(
    bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkout = bare / "checkout"
    binary = _script(checkout / "node_modules" / ".bin" / "allure", "3.18.0")
    monkeypatch.setattr(report_html, "_package_checkout", lambda: checkout)
    assert report_html.find_allure() == [str(binary)]
    on_path = _script(bare / "bin" / "allure", "3.18.0")
    assert report_html.find_allure() == [str(on_path)]


def test_an_allure_2_is_passed_over_for_the_next_place(bare: Path) -> None:
    _script(bare / "work" / "node_modules" / ".bin" / "allure", "2.29.0")
    on_path = _script(bare / "bin" / "allure", "3.18.0")
    assert report_html.find_allure() == [str(on_path)]


def test_the_explicit_choice_wins_and_is_not_second_guessed(
    bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _script(bare / "work" / "node_modules" / ".bin" / "allure", "3.0.1")
    chosen = _script(bare / "chosen" / "allure", "3.5.0")
    monkeypatch.setenv(report_html.ALLURE_ENV, str(chosen))
    assert report_html.find_allure() == [str(chosen)]
    wrong = _script(bare / "chosen" / "allure2", "2.29.0")
    monkeypatch.setenv(report_html.ALLURE_ENV, str(wrong))
    with pytest.raises(
        report_html.ReportError, match=re.escape("is not Allure 3 (it says '2.29.0')")
    ):
        report_html.find_allure()


def test_nothing_found_names_every_place_looked(bare: Path) -> None:
    with pytest.raises(report_html.ReportError) as raised:
        report_html.find_allure()
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("Allure 3 is not installed: looked in ")
    for place in (
        f"{report_html.ALLURE_ENV} (not set)",
        f"node_modules/.bin/allure in {Path.cwd()} and its parents",
        "`allure` on PATH",
        "`npx --no-install allure`",
    ):
        assert place in message
    assert "npm ci" in message and f"allure@{report_html.ALLURE_VERSION}" in message


def test_what_was_found_but_refused_is_named(bare: Path) -> None:
    old = _script(bare / "bin" / "allure", "2.29.0")
    with pytest.raises(report_html.ReportError) as raised:
        report_html.find_allure()
    assert f"(found: {old} is not Allure 3 (it says '2.29.0'))" in str(raised.value)


@pytest.mark.skipif(not os.path.exists("/usr/bin/npx"), reason="no npx on this machine")
def test_the_real_npx_fetches_nothing_where_allure_is_not_installed(
    bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """npm's own npx, offline and --no-install, in a folder without Allure: refused, not fetched."""
    monkeypatch.setenv("PATH", f"{bare / 'bin'}:/usr/bin:/bin")
    monkeypatch.setenv("npm_config_prefix", str(bare / "npm-prefix"))  # no global Allure
    monkeypatch.setenv("npm_config_cache", str(bare / "npm-cache"))
    with pytest.raises(report_html.ReportError, match=r"^Allure 3 is not installed: "):
        report_html.find_allure()
    assert not (bare / "npm-cache" / "_npx").exists()  # npx keeps what it fetches there


def test_a_relative_explicit_choice_is_made_absolute(
    bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Allure runs in a temporary folder: a path relative to where the user stood must not
    be looked up there (docs/ci.md names it relative to the job's folder)."""
    chosen = _script(bare / "work" / "deep" / "down" / "tools" / "allure", "3.18.0")
    monkeypatch.setenv(report_html.ALLURE_ENV, "tools/allure")
    assert report_html.find_allure() == [str(chosen)]
