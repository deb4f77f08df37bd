"""What the Allure report shows of a case: where it sits (role, module, interface), how much it
matters, which clause it checks, and every HTTP exchange it made, ready to replay with curl.

Exchanges are attached from the run's log, which holds them redacted already.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import allure
import pytest

from ..cases import Case
from ..exchanges import Exchange
from ..failures import categories
from ..harness import Harness

SEVERITY = {
    "mandatory": allure.severity_level.CRITICAL,
    "recommended": allure.severity_level.NORMAL,
    "optional": allure.severity_level.MINOR,
}
SPEC_REPOSITORY = "https://github.com/ocpi/ocpi/blob/2.2.1/"


def name(item: pytest.Function, case: Case) -> None:
    """Title and description, set where allure-pytest reads them when it names a test (a
    dynamic title set earlier would be overwritten)."""
    item.function.__allure_display_name__ = f"{case.id} {case.title}"
    text = f"{case.title}\n\nLevel: {case.level}. Clause: {case.spec}"
    item.add_marker(pytest.mark.allure_description(text))


def label(case: Case, role: str) -> None:
    """Labels for the running test: epic role, feature module, story interface."""
    allure.dynamic.epic(role)
    allure.dynamic.feature(case.module)
    allure.dynamic.story(case.interface)
    allure.dynamic.id(case.id)
    allure.dynamic.tag(case.id)
    allure.dynamic.tag(case.level)
    allure.dynamic.severity(SEVERITY[case.level])
    allure.dynamic.link(SPEC_REPOSITORY + case.spec, name=case.spec)


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
    """The failing example of a property case, and how to draw it again."""
    text = f"{example}\n\nReproduce: ocpi-conformance run ... --seed {seed} (same profile)"
    allure.attach(text, name="failing example", attachment_type=allure.attachment_type.TEXT)


def write_environment(results_dir: Path, harness: Harness) -> None:
    """environment.properties and categories.json beside the results."""
    from .. import __version__
    from ..spec.v2_2_1 import VERSION

    results_dir.mkdir(parents=True, exist_ok=True)
    config = harness.config
    properties = {
        "target": config.versions_url or "",
        "role": (config.role or "").upper(),
        "ocpi_version": VERSION,
        "profile": config.profile,
        "seed": str(harness.seed),
        "tool_version": f"ocpi-conformance {__version__}",
    }
    text = "".join(f"{key}={value}\n" for key, value in properties.items())
    (results_dir / "environment.properties").write_text(text, encoding="utf-8")
    (results_dir / "categories.json").write_text(
        json.dumps(categories(), indent=2), encoding="utf-8"
    )


def tidy(results_dir: Path) -> None:
    """Make the results a partner's report: no fixture set-up and tear-down steps (allure's
    `*-container.json` files hold nothing else), and each failure's Python traceback moved out
    of the message into a "for developers" attachment."""
    if not results_dir.is_dir():
        return
    for container in results_dir.glob("*-container.json"):
        container.unlink()
    for path in results_dir.glob("*-result.json"):
        try:
            result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        details = result.get("statusDetails") or {}
        trace = details.pop("trace", None)
        if not trace:
            continue
        source = f"{uuid.uuid4()}-attachment.txt"
        (results_dir / source).write_text(trace, encoding="utf-8")
        attachment = {"name": "for developers: traceback", "source": source, "type": "text/plain"}
        result.setdefault("attachments", []).append(attachment)
        path.write_text(json.dumps(result), encoding="utf-8")
