"""The asynchronous half of a request a party took: the result POSTed, a moment after the
response went out, to the `response_url` the requesting party gave, with the token that party
registered, in the OCPI version of the request (its token encoding, its headers): Commands and
ChargingProfiles both work this way.

The ways a result POST can go wrong on purpose (no token, a raw token, no message ids) are
arguments here; each module registers its own faults and says which it commits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ocpi_conformance.party.service import Call


@dataclass(frozen=True)
class Deviation:
    """How one result POST departs from the book (all False: it does not)."""

    unauthenticated: bool = False  # no Authorization header at all
    raw_token: bool = False  # the token not Base64-encoded (whatever the version says)
    without_ids: bool = False  # no X-Request-ID / X-Correlation-ID


def post_later(
    call: Call,
    url: str,
    body: dict[str, Any],
    *,
    module: str,
    delay: float,
    deviation: Deviation = Deviation(),
    done: Callable[[int | None], None] = lambda _status: None,
) -> None:
    """POST `body` to `url` after `delay` seconds, calling the requesting party with the token
    it has registered by then, as the request's version carries it; `done` gets the HTTP
    status (None when nothing could be sent)."""
    auth = "raw" if deviation.raw_token else None
    headers = {"X-Request-ID": "", "X-Correlation-ID": ""} if deviation.without_ids else None
    state = call.state

    def send() -> None:
        # the token as it is when the result goes out: the party may have rotated its
        # credentials (PUT) since it sent the request
        token = None if deviation.unauthenticated else call.caller.their_token
        status = None
        if token is not None or deviation.unauthenticated:
            with state.client(token, version=call.number) as client:
                reply = client.request(
                    "POST", url, module=module, json_body=body, auth=auth, headers=headers
                )
                status = reply.status
        done(status)

    timer = threading.Timer(delay, send)
    timer.daemon = True
    timer.start()
