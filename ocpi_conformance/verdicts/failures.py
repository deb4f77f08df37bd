"""Findings about the target, as types: a failure's kind decides how reports group it.

Every finding is an `AssertionError` (pytest and Allure count it as failed, not broken); checks
raise the subclass that says what went wrong, and a plain `assert` in a suite is a protocol
finding. The Allure categories are generated from this hierarchy (`categories`), matched on the
exception's qualified name, never on the wording of a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest


class OcpiFailure(AssertionError):  # noqa: N818 - a finding about the target, not our error
    """A rule of the OCPI text the target broke.

    `root` names the defect in words that do not depend on the request ("HTTP 403 where 401
    is due"): every case failing with the same root is one problem of the target, counted once
    (results.json `root`, the terminal's problems). None: the case's own problem."""

    category = "Protocol semantics (registration, round trips, pagination)"

    def __init__(self, message: str, *, root: str | None = None) -> None:
        super().__init__(message)
        self.root = root


class NoAnswer(OcpiFailure):
    """No complete answer: timeout, refused or broken connection, body over the size limit."""

    category = "Timeouts and connection failures"


class TransportViolation(OcpiFailure):
    """HTTP status, status_code, headers or content type not as the transport rules want."""

    category = "Transport and status-code errors"


class SchemaViolation(OcpiFailure):
    """A body that breaks the schema of its object or response."""

    category = "Schema violations"


BLOCKED = "blocked by "  # how a skipped case names the case whose failure kept it from running


@contextmanager
def blocked_by(case_id: str) -> Iterator[None]:
    """A precondition: a finding inside the block does not fail the case that needed it; the
    case is skipped as blocked by `case_id`, the case that judges that finding itself (one
    defect, one finding)."""
    try:
        yield
    except AssertionError as exc:
        reason = (str(exc).split("\nassert ")[0].strip() or "assertion failed").splitlines()[0]
        pytest.skip(f"{BLOCKED}{case_id}: {reason}")


KINDS: tuple[type[OcpiFailure], ...] = (NoAnswer, SchemaViolation, TransportViolation)
HARNESS_ERRORS = "Harness errors"


def _name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def categories() -> list[dict[str, Any]]:
    """Allure categories: one per failure kind, then every other finding, then the harness's own
    errors (broken tests)."""
    rules = [
        {
            "name": kind.category,
            "matchedStatuses": ["failed"],
            "messageRegex": re.escape(_name(kind)) + r": [\s\S]*",
        }
        for kind in KINDS
    ]
    rules.append(
        {"name": OcpiFailure.category, "matchedStatuses": ["failed"], "messageRegex": r"[\s\S]*"}
    )
    rules.append(
        {"name": HARNESS_ERRORS, "matchedStatuses": ["broken"], "messageRegex": r"[\s\S]*"}
    )
    return rules
