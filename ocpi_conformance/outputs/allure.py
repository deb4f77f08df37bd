"""What the Allure report shows of a case: where it sits (role, module, interface), how much it
matters, which clause it checks, and every HTTP exchange it made, ready to replay with curl.

Exchanges are attached from the run's log, which holds them redacted already.
"""

from __future__ import annotations

import ast
import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import allure
import pytest

from ocpi_conformance.outputs.run_folder import CATEGORY_LABEL, allure_case_id
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.cases import Case
from ocpi_conformance.verdicts.failures import categories

SEVERITY = {
    "mandatory": allure.severity_level.CRITICAL,
    "recommended": allure.severity_level.NORMAL,
    "optional": allure.severity_level.MINOR,
}
# pytest's own account of a failure (its message with assertion rewriting, the traceback)
DEVELOPERS = "for developers: traceback"


def name(item: pytest.Function, case: Case) -> None:
    """Title and description, set where allure-pytest reads them when it names a test (a
    dynamic title set earlier would be overwritten)."""
    item.function.__allure_display_name__ = f"{case.id} {case.title}"
    text = f"{case.title}\n\nLevel: {case.level}. Clause: {case.spec}"
    item.add_marker(pytest.mark.allure_description(text))


def label(case: Case, role: str, number: str) -> None:
    """Labels for the running test: epic role, feature module, story interface; the link to
    the clause in the text of the run's OCPI version `number`."""
    allure.dynamic.epic(role)
    allure.dynamic.feature(case.module)
    allure.dynamic.story(case.interface)
    allure.dynamic.id(case.id)
    allure.dynamic.tag(case.id)
    allure.dynamic.tag(case.level)
    allure.dynamic.severity(SEVERITY[case.level])
    clause = case.clause_in(number)
    allure.dynamic.link(spec_version(number).clause_url(clause), name=clause)


def attach_exchanges(exchanges: list[Exchange]) -> None:
    for exchange in exchanges:
        arrow = "->" if exchange.direction == "outbound" else "<- (the target called us)"
        outcome = exchange.error or f"HTTP {exchange.status}"
        with allure.step(f"{exchange.method} {exchange.url} {arrow} {outcome}"):
            record = exchange.to_dict()
            allure.attach(
                json.dumps(record["request"], indent=2, ensure_ascii=False),
                name="request",
                attachment_type=allure.attachment_type.JSON,
            )
            allure.attach(
                json.dumps(record["response"], indent=2, ensure_ascii=False),
                name="response",
                attachment_type=allure.attachment_type.JSON,
            )
            allure.attach(exchange.curl(), name="curl", attachment_type=allure.attachment_type.TEXT)


def attach_example(example: str, seed: int) -> None:
    """The failing example of a property case, and how to draw it again. Hypothesis notes it as
    a Python call (`round_trip(example={...})`); where the arguments are plain data it is
    attached as JSON, the form a partner's OCPI objects take, else as the text hypothesis wrote."""
    reproduce = f"Reproduce: ocpi-conformance run ... --seed {seed} (same profile)"
    for note in _notes(example):
        data = example_as_json(note)
        if data is None:
            allure.attach(
                f"{note}\n\n{reproduce}",
                name="failing example",
                attachment_type=allure.attachment_type.TEXT,
            )
        else:
            allure.attach(data, name="failing example", attachment_type=allure.attachment_type.JSON)
            allure.attach(
                reproduce,
                name="failing example: how to draw it again",
                attachment_type=allure.attachment_type.TEXT,
            )


_EXAMPLE_HEADS = ("Falsifying example", "Failing test case")


def _notes(text: str) -> list[str]:
    """The separate examples in what `falsifying_example` joined (one per failure found)."""
    notes: list[str] = []
    for line in text.splitlines():
        if line.startswith(_EXAMPLE_HEADS) or not notes:
            notes.append(line)
        else:
            notes[-1] += "\n" + line
    return notes


def example_as_json(note: str) -> str | None:
    """`Falsifying example: test(arg=value, ...)` as pretty JSON: the one argument's value, or an
    object of the arguments by name. None when it is not a call of plain Python literals (a
    repr of an object, say), which stays text. Parsed with ast.literal_eval: nothing runs."""
    head, _, call = note.partition(": ")
    if not head.startswith(_EXAMPLE_HEADS) or not call:
        return None
    try:
        tree = ast.parse(call.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None
    if not isinstance(tree, ast.Call) or tree.args or not tree.keywords:
        return None
    values: dict[str, Any] = {}
    for keyword in tree.keywords:
        if keyword.arg is None:
            return None
        try:
            values[keyword.arg] = ast.literal_eval(keyword.value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
    data = next(iter(values.values())) if len(values) == 1 else values
    try:
        text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
        text.encode("utf-8")  # a lone surrogate cannot be written as UTF-8
    except (TypeError, ValueError, RecursionError, UnicodeEncodeError):
        try:
            return json.dumps(data, indent=2, ensure_ascii=True, allow_nan=False)
        except (TypeError, ValueError, RecursionError):
            return None  # a tuple key, bytes, NaN, a set: not JSON
    return text


def write_environment(results_dir: Path, run: dict[str, str]) -> None:
    """environment.properties (the run's target, role, version, profile, seed: `run`) and
    categories.json beside the results."""
    from ocpi_conformance import __version__

    results_dir.mkdir(parents=True, exist_ok=True)
    properties = {**run, "tool_version": f"ocpi-conformance {__version__}"}
    text = "".join(f"{key}={value}\n" for key, value in properties.items())
    (results_dir / "environment.properties").write_text(text, encoding="utf-8")
    (results_dir / "categories.json").write_text(
        json.dumps(categories(), indent=2), encoding="utf-8"
    )


def redact_all(results_dir: Path, redact: Callable[[str], str | None]) -> None:
    """Every file allure-pytest and we wrote, passed through the run's redaction: a traceback
    it records may show the locals of a failing case, and a local may hold a token."""
    for path in results_dir.iterdir():
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        masked = redact(text) or ""
        if masked != text:
            path.write_text(masked, encoding="utf-8")


def tidy(results_dir: Path, messages: dict[str, str] | None = None) -> None:
    """Make the results a partner's report: no fixture set-up and tear-down steps (allure's
    `*-container.json` files hold nothing else), and each case's message the one-line reason
    results.json gives (`messages`, by case id) instead of pytest's: the exception's text with
    its assertion rewriting (`assert ... + where ... = Walk(...)`) and the traceback move to a
    "for developers" attachment."""
    if not results_dir.is_dir():
        return
    messages = messages or {}
    rules = categories()
    for container in results_dir.glob("*-container.json"):
        container.unlink()
    for path in results_dir.glob("*-result.json"):
        try:
            result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        details = result.get("statusDetails") or {}
        reason = messages.get(allure_case_id(result) or "")
        original = details.get("message")
        trace = details.pop("trace", None)
        if reason and result.get("status") in ("failed", "broken"):
            category = _category(rules, result["status"], original or "")
            if category is not None:
                result.setdefault("labels", []).append({"name": CATEGORY_LABEL, "value": category})
            details["message"] = reason
            result["statusDetails"] = details
        else:
            original = None  # the message stays where it is; only the trace moves
        if not trace and not original:
            continue
        text = "\n\n".join(part for part in (original, trace) if part)
        source = f"{uuid.uuid4()}-attachment.txt"
        (results_dir / source).write_text(text, encoding="utf-8")
        attachment = {"name": DEVELOPERS, "source": source, "type": "text/plain"}
        result.setdefault("attachments", []).append(attachment)
        path.write_text(json.dumps(result), encoding="utf-8")


def _category(rules: list[dict[str, Any]], status: str, message: str) -> str | None:
    """The first category whose rule takes this status and message, as Allure would match it
    (a regex search, like JavaScript's RegExp.test)."""
    for rule in rules:
        if status in rule.get("matchedStatuses", [status]) and re.search(
            rule.get("messageRegex", ""), message
        ):
            return str(rule["name"])
    return None
