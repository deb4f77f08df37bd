"""The hub suites' shared fixtures, registered once here so that a session-scoped fixture runs
once per run (imported into each test module, pytest would hold one per module and the
broadcast Tokens would be pushed twice)."""

from .seating import broadcast_tokens, direct, hub, seats

__all__ = ["broadcast_tokens", "direct", "hub", "seats"]
