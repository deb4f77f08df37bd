"""A shrinking budget for property cases that run against a live target.

Once a case has found a failing example, hypothesis shrinks it: it sends smaller variants until
none fails any more. Against a real backend every variant is a request, and a broken target
makes shrinking the longest part of a run. `shrink_budget` bounds it: after the profile's budget
(seconds) since the first failure, new variants are not sent at all (they count as passing, so
the shrinker stops improving), and an example that failed before fails again without a request.
Hypothesis then reports the smallest failing example found within the budget, and a run takes
about as long whether the target passes or fails.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

from ocpi_conformance.strategies import profiles

T = TypeVar("T")


def _key(example: Any) -> str:
    return json.dumps(example, sort_keys=True, default=repr)


def shrink_budget(test: Callable[[T], None]) -> Callable[[T], None]:
    """Wrap the inner function of a `@given` case (apply it below `@given`)."""
    failures: dict[str, AssertionError] = {}
    first_failure: list[float] = []

    def bounded(example: T) -> None:
        key = _key(example)
        if key in failures:
            raise failures[key]
        if first_failure and time.monotonic() - first_failure[0] > profiles.shrink_seconds():
            return  # the budget is spent: explore no further
        try:
            test(example)
        except AssertionError as exc:
            failures[key] = exc
            if not first_failure:
                first_failure.append(time.monotonic())
            raise

    bounded.__name__ = getattr(test, "__name__", "bounded")
    return bounded
