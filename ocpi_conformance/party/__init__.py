"""One implementation of the OCPI 2.2.1 server side for the configuration modules (versions,
version details, credentials) and the functional modules built so far (locations, and commands
as a CPO that sends its results to `response_url`), used twice:
as the harness's embedded peer (the party the harness plays for a target, which the target calls
back during registration and pushes to) and as the built-in conformant sandbox target. One
implementation keeps both honest: a fault switched on in `PartyState.faults` is the only way
either deviates from the spec.

- `PartyState`, `Identity`, `Registration`: what a party knows; `FAULTS`: what it may get
  wrong on purpose, each fault registered beside the code that commits it (`faults.fault`);
- `build_app(state)`: the Starlette app; `offered_endpoints(state)`: its published endpoints;
- `serve(app, host, port) -> RunningServer`: uvicorn in a thread, on loopback by default;
- `register(client, versions_url, token_a, our_credentials) -> Registered`: the initiating side;
- `service.Service`: how a functional module plugs in (`app.SERVICES`); `locations.store(state)`:
  the Locations a party serves (CPO, seeded) or was pushed (eMSP); `commands.log(state)`: the
  commands a CPO party received and the results it sent.
"""

from ocpi_conformance.party.app import build_app, offered_endpoints
from ocpi_conformance.party.faults import FAULTS, Fault
from ocpi_conformance.party.register import Registered, register
from ocpi_conformance.party.server import RunningServer, serve
from ocpi_conformance.party.state import PENDING, Identity, PartyState, Registration

__all__ = [
    "FAULTS",
    "PENDING",
    "Fault",
    "Identity",
    "PartyState",
    "Registered",
    "Registration",
    "RunningServer",
    "build_app",
    "offered_endpoints",
    "register",
    "serve",
]
