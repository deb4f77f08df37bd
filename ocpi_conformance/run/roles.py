"""The role the target really has, read from what discovery found: the interfaces its version
details offer (each implemented by some roles, per the module registry) and, when a token C was
given, the roles its own Credentials object names.

A CPO tested as an eMSP would skip most cases and pass the gate on the rest; a clear mismatch
stops the run (exit 3) naming the role the target shows. A platform that shows several roles is
tested as asked, and the run says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ocpi_conformance.spec.v2_2_1.modules import MODULES

if TYPE_CHECKING:
    from ocpi_conformance.run.harness import Harness

TESTABLE = ("CPO", "EMSP", "HUB")  # the roles a run can be asked to test


def implementers(module: str, interface: str) -> tuple[str, ...]:
    """The roles the registry says implement one interface (none for an unknown module)."""
    spec_module = MODULES.get(module)
    if spec_module is None:
        return ()
    try:
        return spec_module.interface(interface).implemented_by
    except KeyError:
        return ()


def shown_roles(endpoints: list[tuple[str, str]]) -> dict[str, list[str]]:
    """For each testable role, the offered interfaces that only it (of the testable roles)
    implements: what the details say about who the target is."""
    shown: dict[str, list[str]] = {role: [] for role in TESTABLE}
    for module, interface in endpoints:
        roles = [r for r in implementers(module, interface) if r in TESTABLE]
        if len(roles) == 1:
            shown[roles[0]].append(f"{module} {interface}")
    return shown


def role_mismatch(harness: Harness) -> str | None:
    """Why the target is clearly not the role asked (a one-line reason for exit 3), or None.
    Sets `harness.role_note` when the target shows the asked role among others."""
    asked = harness.role
    assert harness.discovery is not None
    shown = shown_roles(sorted(harness.discovery.endpoints))
    others = {role: found for role, found in shown.items() if role != asked and found}
    credentials = {str(r.get("role")) for r in harness.given_roles()}
    flag = {"CPO": "cpo", "EMSP": "emsp", "HUB": "hub"}
    if credentials and asked not in credentials and credentials & set(TESTABLE):
        named = sorted(credentials & set(TESTABLE))
        return (
            f"the target is not a {asked}: its Credentials name the role(s) "
            f"{', '.join(sorted(credentials))}; run with --role {flag[named[0]]}"
        )
    if asked == "HUB":
        return None  # a hub offers the interfaces of every role it routes between
    if not shown.get(asked) and others:
        role, found = next(iter(others.items()))
        return (
            f"the target is not a {asked}: its version details offer {', '.join(found)} "
            f"(interfaces a {role} implements) and none a {asked} implements; run with "
            f"--role {flag[role]}"
        )
    if others or len(credentials & set(TESTABLE)) > 1:
        also = sorted(set(others) | (credentials & set(TESTABLE)) - {asked})
        harness.role_note = (
            f"the target also shows the role(s) {', '.join(also)}: tested as a {asked}, as asked"
        )
    return None
