"""Example budgets per run profile, as hypothesis settings profiles (quick, ci, certification).

The seed is the run's (printed in the summary): the same seed and profile draw the same
examples, so a failing example can be reproduced by anyone with the report.
"""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, settings
from hypothesis.internal.conjecture import engine

BUDGETS = {"quick": 5, "ci": 25, "certification": 200}
# Seconds a case may spend shrinking a failure against the target (strategies.budget).
SHRINK_SECONDS = {"quick": 0.0, "ci": 0.2, "certification": 30.0}
_loaded = ["ci"]
# Shrinking a failure against a live target costs many requests: quick skips it, the others
# shrink, so a ci or certification run shows the smallest failing example.
PHASES = {
    "quick": (Phase.explicit, Phase.reuse, Phase.generate),
    "ci": tuple(Phase),
    "certification": tuple(Phase),
}


def register() -> None:
    # Built on hypothesis's own defaults, never on the profile it picked for the machine: under
    # a CI variable it loads one with derandomize=True, which would ignore the run's seed and
    # draw other examples in CI than on a laptop.
    base = settings.get_profile("default")
    for name, examples in BUDGETS.items():
        settings.register_profile(
            f"ocpi-{name}",
            parent=base,
            max_examples=examples,
            derandomize=False,  # the run's seed decides the examples
            phases=PHASES[name],
            deadline=None,  # the target's latency is not the property under test
            database=None,  # no example database: runs must not depend on earlier runs
            # Health checks speak to the author of a test about its strategies; a partner's
            # run has no use for them (a slow target is not a slow strategy).
            suppress_health_check=list(HealthCheck),
            print_blob=False,  # no "@reproduce_failure" advice: the seed reproduces a run
            # One failing example per case, the smallest: a partner reads one reason, and
            # shrinking several distinct bugs against a live target multiplies its requests.
            report_multiple_bugs=False,
        )


def load(profile: str) -> None:
    register()
    settings.load_profile(f"ocpi-{profile}")
    _loaded[0] = profile
    # Hypothesis bounds its shrinking by wall time (five minutes) and offers no setting for it;
    # the budget's wrapper stops the requests, this stops the drawing of candidates that would
    # no longer be sent. tests/test_strategies.py fails if a hypothesis upgrade drops the name.
    engine.MAX_SHRINKING_SECONDS = max(0.1, SHRINK_SECONDS[profile])  # type: ignore[assignment]


def shrink_seconds() -> float:
    return SHRINK_SECONDS[_loaded[0]]


def at_most(examples: int) -> settings:
    """The run's profile with at most `examples` per property case: for objects a target can
    never delete (CDRs), so a run leaves few of them on a partner's system. Built when the
    case runs, on the profile loaded then."""
    return settings(max_examples=min(settings.default.max_examples, examples))
