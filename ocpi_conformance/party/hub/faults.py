"""Faults of the sandbox hub: deviations from the 2.2.1 routing rules it commits on purpose, each
registered beside the code that commits it, naming the clause it breaks.

A registry of its own beside the party's `FAULTS`: a party fault names the CPO/eMSP cases that
catch it and runs under `--role cpo|emsp`; a hub fault names the hub cases (`HUB-…`,
`HCI-HUB-…`) that catch it in a `--role hub` run (`tests/test_faults_caught.py -k hub`).
`tests/party/hub/` shows each fault taking effect over real HTTP.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ocpi_conformance.party.faults import FAULTS
from ocpi_conformance.spec.v2_2_1.hub import CLAUSES


@dataclass(frozen=True)
class HubFault:
    name: str
    description: str
    clause: str  # file#anchor of the rule it breaks (the 2.2.1 text)
    caught_by: frozenset[str] = frozenset()  # the HUB-… cases that fail against it


HUB_FAULTS: dict[str, HubFault] = {}


def hub_fault(name: str, description: str, rule: str, *, caught_by: Iterable[str] = ()) -> str:
    """Register a hub fault breaking the rule `spec.v2_2_1.hub.CLAUSES[rule]` (or a clause
    written out, `file#anchor`); returns its name, for `if NAME in hub.faults`."""
    if name in HUB_FAULTS or name in FAULTS:
        raise ValueError(f"fault {name!r} registered twice")
    clause = CLAUSES[rule][0] if rule in CLAUSES else rule
    HUB_FAULTS[name] = HubFault(name, description, clause, frozenset(caught_by))
    return name
