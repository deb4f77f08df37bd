"""Which of a rule's cases runs in a version, asked of the cases themselves.

Where the versions state one rule differently (2.2.1 makes the parent's last_updated move with an
EVSE PUT, 2.1.1 only takes the EVSE), each statement is a case of its own, and a fixture shared
by both says a refusal is blocked by whichever of them runs: the one whose declared versions
hold the run's (never `if version == ...`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ocpi_conformance.verdicts.cases import case_of


def judged_in(number: str, *tests: Callable[..., Any]) -> str:
    """The id of the case, among those `tests` declare, that runs in OCPI `number`."""
    for test in tests:
        found = case_of(test)
        if found is not None and found.applies_to(number):
            return found.id
    declared = [c.id for t in tests if (c := case_of(t)) is not None]
    raise LookupError(f"none of {declared} runs in OCPI {number}")
