"""One implementation of the OCPI server side, in 2.1.1 and 2.2.1 at once (`spec.version.KNOWN`):
the configuration modules (versions, each version's details and credentials) and the functional
modules (locations, sessions, cdrs, tariffs, tokens, commands in both; chargingprofiles and
hubclientinfo in 2.2.1), used twice: as the harness's embedded peer (the party the harness plays
for a target, which the target calls back during registration and pushes to) and as the built-in
conformant sandbox target. One implementation keeps both honest: a fault switched on in
`PartyState.faults` is the only way either deviates from the spec.

Every version's particulars come from `spec.version.Version`: its URLs are /ocpi/<version>/...,
its token encoding, its objects and their validation, its registry. A registration is made in
one version (`Registration.version`) and every later call to that party speaks it.

- `PartyState`, `Identity`, `Registration`: what a party knows; `FAULTS`: what it may get
  wrong on purpose, each fault registered beside the code that commits it (`faults.fault`,
  with the versions it shows in);
- `build_app(state)`: the Starlette app; `offered_endpoints(state, version)`: its published
  endpoints of one version;
- `serve(app, host, port) -> RunningServer`: uvicorn in a thread, on loopback by default;
- `register(client, versions_url, token_a, our_credentials, version) -> Registered`: the
  initiating side;
- `service.Service`: how a functional module plugs in (`app.SERVICES`); `locations.store(state,
  version)`: the Locations a party serves (CPO, seeded) or was pushed (eMSP);
  `commands.log(state, version)`: the commands a CPO party received and the results it sent.
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
