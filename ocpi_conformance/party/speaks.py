"""The OCPI versions this party speaks: its own list, not `spec.version.KNOWN`.

`KNOWN` names the versions the harness *tests* (a run's --ocpi-version); the lead adds a number
there once the suites and the party both speak it. The party may speak a version before a run
can test it: it serves every version of `spec.version.SPEC` whose modules and data it has, so
that the suites of that version have a conformant counterpart to be written against. 2.3.0 is
its core (Edition 2: the nine modules of 2.2.1); its Payments, Bookings and Invoice
Reconciliation modules are in the registry but not served yet (no `Service` names them).
"""

from __future__ import annotations

from ocpi_conformance.spec.version import SPEC

# oldest first, as spec.version.KNOWN
SPOKEN: tuple[str, ...] = ("2.1.1", "2.2.1", "2.3.0")

if not set(SPOKEN) <= set(SPEC):
    raise ValueError(f"the party speaks versions the spec package lacks: {SPOKEN}")


def after(number: str) -> str | None:
    """The next newer version the party speaks ("2.1.1" -> "2.2.1"); None for the newest."""
    index = SPOKEN.index(number)
    return SPOKEN[index + 1] if index + 1 < len(SPOKEN) else None
