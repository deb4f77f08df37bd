"""The Tokens Receiver of a CPO (mod_tokens_cpo_interface): Tokens an eMSP pushes, kept by
/{country_code}/{party_id}/{token_uid}?type={type} (2.2.1) or /{country_code}/{party_id}/
{token_uid} (2.1.1, which has no ?type), with GET, PUT and PATCH on the shared Receiver
(`receiver.py`).

Readings taken: where the version's URL has a ?type, a Token is named by its owner, uid *and*
type (mod_tokens_token_object: uid "combined with the Token type"), so the key of the store holds
the type; a request without ?type names the RFID Token ("Default if omitted: RFID"), and a PUT
whose ?type differs from its body's type is refused like any URL/body mismatch (2001). Without
one (2.1.1) the URL names owner and uid, and that is the key. There is no DELETE: a Token is
invalidated with valid=false.
"""

from __future__ import annotations

from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.receiver import (
    JSON,
    Deviations,
    Merge,
    Named,
    handlers,
    merge_fields,
    path_named,
)
from ocpi_conformance.party.service import Call, Service
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.party.state import PartyState

MODULE = "tokens"
DEFAULT_TYPE = "RFID"
_NAMED_BY_PATH = path_named("Token", "country_code", "party_id", "token_uid")

TOKENS_IGNORES_TYPE = fault(
    "tokens_ignores_type",
    "Tokens are kept by uid alone: a PUT of one uid with another type overwrites the first",
    caught_by=["TOK-CPO-011"],
)
TOKENS_UNTYPED_NOT_RFID = fault(
    "tokens_untyped_not_rfid",
    "a request without ?type finds no Token, instead of the RFID one",
    caught_by=["TOK-CPO-012"],
)
TOKENS_PATCH_IGNORES_VALID = fault(
    "tokens_patch_ignores_valid",
    "a PATCH valid=false is answered 1000 but the Token stays valid",
    caught_by=["TOK-CPO-013"],
)
TOKENS_ACCEPTS_INVALID = fault(
    "tokens_accepts_invalid",
    "PUT stores Tokens that break the schema, answering 1000",
    caught_by=["TOK-CPO-007"],
)
TOKENS_PUT_ALWAYS_200 = fault(
    "tokens_put_always_200",
    "PUT of a new Token gets HTTP 200, not 201",
    caught_by=["TOK-CPO-002"],
)


def _named(call: Call) -> list[Named]:
    """The Token a request names: owner, uid and, where the version's URL has one, ?type (RFID
    when left out)."""
    named = _NAMED_BY_PATH(call)
    if not any(q.name == "type" for q in call.operation.query):
        return named
    default = "" if TOKENS_UNTYPED_NOT_RFID in call.state.faults else DEFAULT_TYPE
    kind = call.arg("type") or default
    return [*named, Named("type", kind, folds=True)]


def _keeping_valid(stored: JSON, received: JSON) -> JSON:
    return merge_fields(stored, {k: v for k, v in received.items() if k != "valid"})


def _on_patch(call: Call) -> Merge:
    return _keeping_valid if TOKENS_PATCH_IGNORES_VALID in call.state.faults else merge_fields


def _deviations(state: PartyState) -> Deviations:
    faults = state.faults
    return Deviations(
        put_always_200=TOKENS_PUT_ALWAYS_200 in faults,
        accepts_invalid=TOKENS_ACCEPTS_INVALID in faults,
        unqualified=TOKENS_IGNORES_TYPE in faults,
    )


SERVICES = (
    Service(
        MODULE,
        "RECEIVER",
        handlers(MODULE, "Token", _named, _deviations, versions=SPOKEN, on_patch=_on_patch),
        versions=SPOKEN,
    ),
)
