"""Faults: deviations a party commits on purpose, each registered beside the code that commits it.

The peer commits one to see whether a target notices; the sandbox commits one to prove that the
suites notice a deviating target. Every fault names the cases that must fail against a sandbox
committing it (`caught_by`), and one test runs each fault and checks exactly that, so a fault
without a catching case, or a case that stops catching, cannot go unnoticed. A fault shows in
the OCPI versions it names (`versions`): a run of one of them catches it. A version the party
speaks before a run can test it (`party.speaks.SPOKEN`, not yet in `spec.version.KNOWN`) may
have faults whose catching cases are still to be written with that version's suites: the test
of the catalogue names them, and demands them once the version is in KNOWN.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ocpi_conformance.party.speaks import SPOKEN


@dataclass(frozen=True)
class Fault:
    name: str
    description: str
    caught_by: frozenset[str]  # case ids that fail when the sandbox commits it
    untestable: bool = False  # the target cannot be discovered at all: the run exits 3
    target_registers: bool = False  # shows when the target starts the registration
    versions: tuple[str, ...] = ("2.2.1",)  # the OCPI versions whose runs catch it

    @property
    def roles(self) -> tuple[str, ...]:
        """The sandbox roles that show it: those its catching cases test ("ANY": a CPO)."""
        found = {_role_of(case_id).lower() for case_id in self.caught_by}
        return tuple(sorted({"cpo" if role == "any" else role for role in found} or {"cpo"}))


def _role_of(case_id: str) -> str:
    """The target role a case id names (HUB-001: HUB, LOC-CPO-001: CPO)."""
    parts = case_id.split("-")
    return parts[0] if len(parts) == 2 else parts[1]


FAULTS: dict[str, Fault] = {}


def fault(
    name: str,
    description: str,
    *,
    caught_by: Iterable[str] = (),
    untestable: bool = False,
    target_registers: bool = False,
    versions: Iterable[str] = ("2.2.1",),
) -> str:
    """Register a fault; returns its name, for `if NAME in state.faults`. `versions`: the OCPI
    versions whose runs show it (a difference of 2.1.1 shows in a 2.1.1 run only); one test
    runs it in each."""
    if name in FAULTS:
        raise ValueError(f"fault {name!r} registered twice")
    caught = frozenset(caught_by)
    shown_in = tuple(versions)
    unknown = [v for v in shown_in if v not in SPOKEN]
    if unknown:
        raise ValueError(f"fault {name!r} names unknown OCPI versions {unknown}")
    if not caught and not untestable:
        raise ValueError(f"fault {name!r} names no case that catches it")
    FAULTS[name] = Fault(name, description, caught, untestable, target_registers, shown_in)
    return name


def commits(faults: set[str], name: str, version: str | None) -> bool:
    """Whether a party switched to `faults` commits fault `name` in an exchange of `version`
    (None: one no version owns, the versions list): only in the versions the fault names, so a
    2.3.0 deviation leaves the party's 2.1.1 and 2.2.1 answers as they were."""
    return name in faults and version in FAULTS[name].versions
