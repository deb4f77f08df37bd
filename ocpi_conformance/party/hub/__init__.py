"""A conformant OCPI 2.2.1 Roaming Hub, built from the party's own pieces (its state, server,
credentials module, transport client): parties register with it through the normal credentials
handshake, and it routes functional module requests between them (transport_and_format
_message_routing): direct, Broadcast Push, open routing and GET All, with a new X-Request-ID and
the same X-Correlation-ID on every forwarded leg, the hub errors 4001/4002/4003, and the
HubClientInfo module as its Sender (list, pushes, still-alive check).

- `Hub`, `HubOptions`: what a hub knows and how long it waits; `hub_of(state)`;
- `build_hub_app(hub)`: its Starlette app (serve it with `party.serve`);
- `HUB_FAULTS`: what it may get wrong on purpose, each naming the clause it breaks.

docs/hub-sandbox.md says how to start one and register with it.
"""

from ocpi_conformance.party.hub.app import build_hub_app, offered_endpoints
from ocpi_conformance.party.hub.faults import HUB_FAULTS, HubFault
from ocpi_conformance.party.hub.state import Hub, HubOptions, hub_of

__all__ = [
    "HUB_FAULTS",
    "Hub",
    "HubFault",
    "HubOptions",
    "build_hub_app",
    "hub_of",
    "offered_endpoints",
]
