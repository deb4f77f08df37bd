"""Real-time authorization on an eMSP's Tokens Sender interface (mod_tokens_post_method):
POST {tokens}/{token_uid}/authorize[?type=], against the Tokens the party lists.

Readings taken: a Token is found by uid and type (RFID when `type` is left out); a valid Token
is ALLOWED, an invalid one NOT_ALLOWED; the LocationReferences sent, if any, come back as the
Location it may be used at; no body at all is allowed (the body is `?`), so 2002 ("too little
information") is not used, since the party has no rule that needs a Location.
"""

from __future__ import annotations

import uuid
from typing import Any

from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.lists import served
from ocpi_conformance.party.service import Answer, Call, Handler, Outcome, describe, envelope
from ocpi_conformance.spec.validation import validate_object

TOKENS_UNKNOWN_IS_200 = fault(
    "tokens_unknown_is_200",
    "authorizing an unknown Token gets HTTP 200 (with 2004), not 404",
    caught_by=["TOK-EMSP-010"],
)

TOKENS_AUTHORIZE_WITHOUT_TOKEN = fault(
    "tokens_authorize_without_token",
    "a real-time authorization answers without its token",
    caught_by=["TOK-EMSP-009"],
)


def _body(call: Call) -> dict[str, Any] | None:
    if not call.raw.strip():
        return None
    body = call.json()
    violations = validate_object("LocationReferences", body)
    if violations:
        raise Answer(200, 2001, f"not a valid LocationReferences: {describe(violations)}")
    return body


def authorize(call: Call) -> Outcome:
    uid, kind = call.params["token_uid"], call.arg("type") or "RFID"
    references = _body(call)
    faults = call.state.faults
    token = next(
        (
            t
            for t in served(call.state, "tokens")
            if str(t.get("uid")).upper() == uid.upper() and t.get("type") == kind
        ),
        None,
    )
    if token is None:
        status = 200 if TOKENS_UNKNOWN_IS_200 in faults else 404
        raise Answer(status, 2004, f"unknown Token {uid} of type {kind}")
    info: dict[str, Any] = {
        "allowed": "ALLOWED" if token.get("valid") else "NOT_ALLOWED",
        "token": token,
        "authorization_reference": f"OCC-AUTH-{uuid.uuid4()}"[:36],
    }
    if references is not None:
        info["location"] = references
    if TOKENS_AUTHORIZE_WITHOUT_TOKEN in faults:
        del info["token"]
    return Outcome(200, envelope(1000, info))


HANDLERS: dict[str, Handler] = {"post_authorize": authorize}
