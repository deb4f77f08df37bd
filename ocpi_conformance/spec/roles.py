"""The roles a backend under test can have, and which of them the harness tests.

One list for the CLI, the config, the sandbox and the demo: a role the harness learns to test
(a hub, a Payment Terminal Provider) is added here once, with the versions whose text gives it.
"""

from __future__ import annotations

# Role (lower case, as the CLI and TOML spell it) -> the OCPI versions whose text has it.
# 2.1.1 knows CPO and eMSP only; its hub is not a role of the text. 2.3.0 drops HUB from its
# Role enum (types_role_enum): the hub is 2.2.1's alone (a 2.3.0 hub is left for later).
ROLE_VERSIONS: dict[str, tuple[str, ...]] = {
    "cpo": ("2.1.1", "2.2.1", "2.3.0"),
    "emsp": ("2.1.1", "2.2.1", "2.3.0"),
    "hub": ("2.2.1",),
    # Payment Terminal Provider: the data owner of 2.3.0's Payments module (mod_payments.asciidoc
    # of tag v2.3.0-ed2-payments, "Data owner: PTP"); no earlier text has it.
    "ptp": ("2.3.0",),
}

SANDBOX_ROLES: tuple[str, ...] = tuple(ROLE_VERSIONS)  # the roles `sandbox --role` plays
# The roles `--role`, `cases --role` and the demo accept (the hub: suites/hub).
TESTED_ROLES: tuple[str, ...] = tuple(ROLE_VERSIONS)


def role_in(role: str, number: str) -> bool:
    """Whether the text of OCPI `number` gives a backend this role."""
    return number in ROLE_VERSIONS.get(role, ())


def shown(role: str) -> str:
    """A role as the text writes it (CPO, eMSP, Hub, PTP), for what a user reads."""
    return {"emsp": "eMSP", "hub": "Hub"}.get(role, role.upper())
