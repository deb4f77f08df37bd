"""`run --rerun-failed DIR`: run again only the cases that failed (outcome failed or error) in
DIR/results.json, against the same target, with the same draws.

What it takes from DIR: the failed case ids, and the role, versions URL, profile and seed of that
run when no flag, environment variable or TOML key gives them (a flag still wins: the same cases
against a fixed staging host). Tokens are never in results.json: give them as for any run.
`--case`, `--modules` and `--skip-case` narrow the selection further. An empty selection is a
usage error (exit 2), never a run of everything nor a green run of nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ocpi_conformance.outputs.results import ResultsError, read
from ocpi_conformance.verdicts.outcome import FAILING

# what a rerun takes from the recorded run where not given: its OCPI version too (a rerun of a
# 2.1.1 run tests 2.1.1, not the highest both sides speak)
FROM_RESULTS = {
    "role": "role",
    "versions_url": "target",
    "profile": "profile",
    "seed": "seed",
    "ocpi_version": "ocpi_version",
}


class NothingToRerun(ValueError):  # noqa: N818 - a condition the CLI reports in one line
    """DIR cannot be rerun: no results.json, not one, or no failed case the run would select."""


def apply(values: dict[str, Any]) -> dict[str, Any]:
    """The merged settings with `rerun_failed` turned into a case selection (and the recorded
    run's role, target, profile, seed and OCPI version where none was given)."""
    given = values.get("rerun_failed")
    if given is None:
        return values
    where = f"--rerun-failed {given}"
    try:
        recorded = read(Path(given))
    except ResultsError as exc:
        raise NothingToRerun(f"{where}: {exc}") from None
    failed = [case_id for case_id, case in recorded.cases.items() if case.outcome in FAILING]
    if not failed:
        raise NothingToRerun(f"{where}: no case failed in {recorded.path}: nothing to rerun")
    from ocpi_conformance.verdicts.catalog import catalogue

    known = catalogue()
    failed = [case_id for case_id in failed if case_id in known]
    if not failed:
        raise NothingToRerun(f"{where}: the cases that failed there are unknown to this version")
    asked = _ids(values.get("case"))
    if asked:
        failed = [case_id for case_id in failed if case_id in asked]
        if not failed:
            raise NothingToRerun(f"{where}: none of the --case ids failed there: nothing to rerun")
    settings = {**values, "case": tuple(failed)}
    for name, key in FROM_RESULTS.items():
        if settings.get(name) is None and key in recorded.meta:
            settings[name] = recorded.meta[key]
    return settings


def _ids(value: Any) -> set[str]:
    if isinstance(value, str):
        value = value.split(",")
    return {str(v).strip().upper() for v in value or () if str(v).strip()}
