"""The built-in conformant target: the shared party server, standalone, with a registration token
and optional faults, so implementers have a correct counterpart and the suites a known answer.
As a hub (`start_hub`, `start("hub", ...)`) it routes between the parties that register with
it (party/hub/, docs/hub-sandbox.md)."""

from __future__ import annotations

from collections.abc import Iterable

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
from ocpi_conformance.party.hub import HUB_FAULTS, Hub, HubOptions, build_hub_app

NAMES = {
    "CPO": "ocpi-conformance sandbox CPO",
    "EMSP": "ocpi-conformance sandbox eMSP",
    "HUB": "ocpi-conformance sandbox Hub",
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
    if role.upper() == "HUB":
        if choices:
            raise ValueError("the hub makes no choices yet (see --list-choices)")
        hub, server = start_hub(
            [token_a],
            host=host,
            port=port,
            faults=faults,
            country_code=country_code,
            party_id=party_id or "HUB",
        )
        return hub.state, server
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


def start_hub(
    tokens_a: Iterable[str],
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    faults: Iterable[str] = (),
    forward_timeout_s: float = HubOptions.forward_s,
    alive_interval_s: float = HubOptions.alive_interval_s,
    country_code: str = "NL",
    party_id: str = "HUB",
) -> tuple[Hub, RunningServer]:
    """A hub on loopback accepting a registration with each token A (more: `hub.add_token_a`),
    its still-alive check running until its server stops."""
    faults = tuple(faults)
    unknown = [f for f in faults if f not in HUB_FAULTS]
    if unknown:
        raise ValueError(f"unknown hub fault(s): {', '.join(unknown)} (see --list-faults)")
    options = HubOptions(forward_s=forward_timeout_s, alive_interval_s=alive_interval_s)
    hub = Hub(Identity("HUB", country_code, party_id, NAMES["HUB"]), options)
    hub.faults.update(faults)
    for token in tokens_a:
        hub.add_token_a(token)
    server = serve(build_hub_app(hub), host=host, port=port)
    hub.state.set_base_url(server.url)
    hub.start(lambda: server.running)
    return hub, server
