"""One implementation of the OCPI server side, used twice: as the harness's embedded peer (the
party the harness plays for the target) and as the built-in conformant sandbox target."""

from .app import build_app, offered_endpoints
from .server import RunningServer, serve
from .state import FAULTS, Identity, PartyState, Registration

__all__ = [
    "FAULTS",
    "Identity",
    "PartyState",
    "Registration",
    "RunningServer",
    "build_app",
    "offered_endpoints",
    "serve",
]
