"""Real-time authorization on an eMSP's Tokens Sender interface (mod_tokens_post_method):
POST {tokens}/{token_uid}/authorize[?type=], against the Tokens the party lists.

Readings taken: a Token is found by uid and type (RFID when `type` is left out); a valid Token
is ALLOWED, an invalid one NOT_ALLOWED; the LocationReferences sent, if any, come back as the
Location it may be used at; no body at all is allowed (the body is `?`), so 2002 ("too little
information") is not used, since the party has no rule that needs a Location. The
AuthorizationInfo is the request's version's: 2.2.1 adds the Token and an
authorization_reference, 2.1.1 has neither. An unknown Token gets HTTP 404 with 2004 "Unknown
Token" where the version has that code (2.2.1); 2.1.1 has none and says nothing of it: 2000.
"""

from __future__ import annotations

import uuid
from typing import Any

from ocpi_conformance.party import intake
from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.lists import served
from ocpi_conformance.party.service import Answer, Call, Handler, Outcome, describe, envelope, fold

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
    violations = intake.check(call.state, "LocationReferences", body, call.number)
    if violations:
        raise Answer(200, 2001, f"not a valid LocationReferences: {describe(violations)}")
    return body


def authorize(call: Call) -> Outcome:
    uid, kind = call.params["token_uid"], call.arg("type") or "RFID"
    references = _body(call)
    faults = call.state.faults
    same = fold(call.version, "Token", "uid")
    token = next(
        (
            t
            for t in served(call.state, "tokens", call.number)
            if same(str(t.get("uid"))) == same(uid) and t.get("type") == kind
        ),
        None,
    )
    if token is None:
        status = 200 if TOKENS_UNKNOWN_IS_200 in faults else 404
        code = UNKNOWN_TOKEN if call.version.part("status_codes").is_known(UNKNOWN_TOKEN) else 2000
        raise Answer(status, code, f"unknown Token {uid} of type {kind}")
    values: dict[str, Any] = {
        "allowed": "ALLOWED" if token.get("valid") else "NOT_ALLOWED",
        "token": token,
        "authorization_reference": f"OCC-AUTH-{uuid.uuid4()}"[:36],
        "location": references,
    }
    fields = call.version.objects["AuthorizationInfo"].model_fields
    info = {k: v for k, v in values.items() if k in fields and v is not None}
    if TOKENS_AUTHORIZE_WITHOUT_TOKEN in faults:
        info.pop("token", None)
    return Outcome(200, envelope(1000, info))


UNKNOWN_TOKEN = 2004  # status_codes 2xxx: "Unknown Token" (2.2.1)

HANDLERS: dict[str, Handler] = {"post_authorize": authorize}
