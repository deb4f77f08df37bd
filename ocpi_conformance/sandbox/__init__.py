"""The built-in conformant target: the shared party server, standalone, with a registration token
and optional faults, so implementers have a correct counterpart and the suites a known answer."""

from __future__ import annotations

from ocpi_conformance.party import (
    FAULTS,
    Identity,
    PartyState,
    RunningServer,
    build_app,
    pusher,
    serve,
)
from ocpi_conformance.party.choices import CHOICES

NAMES = {
    "CPO": "ocpi-conformance sandbox CPO",
    "EMSP": "ocpi-conformance sandbox eMSP",
    "PTP": "ocpi-conformance sandbox PTP",
}
PARTY_IDS = {"CPO": "CPO", "PTP": "PTP"}  # the party_id each role's sandbox takes; else MSP


def start(
    role: str,
    token_a: str,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    faults: tuple[str, ...] = (),
    choices: tuple[str, ...] = (),
    country_code: str = "NL",
    party_id: str | None = None,
) -> tuple[PartyState, RunningServer]:
    unknown = [f for f in faults if f not in FAULTS]
    if unknown:
        raise ValueError(f"unknown fault(s): {', '.join(unknown)} (see --list-faults)")
    strange = [c for c in choices if c not in CHOICES]
    if strange:
        raise ValueError(f"unknown choice(s): {', '.join(strange)} (see --list-choices)")
    role = role.upper()
    state = PartyState(
        Identity(role, country_code, party_id or PARTY_IDS.get(role, "MSP"), NAMES[role])
    )
    state.faults.update(faults)
    state.choices.update(choices)
    state.add_token_a(token_a)
    pusher.enable(state)  # a sandbox pushes after registration and on its trigger
    server = serve(build_app(state), host=host, port=port)
    state.set_base_url(server.url)
    return state, server
