"""Faults: deviations a party commits on purpose, each registered beside the code that commits it.

The peer commits one to see whether a target notices; the sandbox commits one to prove that the
suites notice a deviating target. Every fault names the cases that must fail against a sandbox
committing it (`caught_by`), and one test runs each fault and checks exactly that, so a fault
without a catching case, or a case that stops catching, cannot go unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Fault:
    name: str
    description: str
    caught_by: frozenset[str]  # case ids that fail when the sandbox commits it
    untestable: bool = False  # the target cannot be discovered at all: the run exits 3
    target_registers: bool = False  # shows when the target starts the registration

    @property
    def roles(self) -> tuple[str, ...]:
        """The sandbox roles that show it: those its catching cases test ("ANY": a CPO)."""
        found = {case_id.split("-")[1].lower() for case_id in self.caught_by}
        return tuple(sorted({"cpo" if role == "any" else role for role in found} or {"cpo"}))


FAULTS: dict[str, Fault] = {}


def fault(
    name: str,
    description: str,
    *,
    caught_by: Iterable[str] = (),
    untestable: bool = False,
    target_registers: bool = False,
) -> str:
    """Register a fault; returns its name, for `if NAME in state.faults`."""
    if name in FAULTS:
        raise ValueError(f"fault {name!r} registered twice")
    caught = frozenset(caught_by)
    if not caught and not untestable:
        raise ValueError(f"fault {name!r} names no case that catches it")
    FAULTS[name] = Fault(name, description, caught, untestable, target_registers)
    return name
