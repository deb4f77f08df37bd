"""Real-time authorization on an eMSP party's Tokens Sender interface."""

from __future__ import annotations

from ocpi_conformance.party.lists import seed
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.spec.validation import validate_response

from .conftest import IDENTITIES, RunningParty, Start
from .locations_support import answered

TOKEN_C = "party-test-token-c-tokens"
TOKENS = seed("tokens", IDENTITIES["EMSP"])
WHERE = {"location_id": "LOC-1", "evse_uids": ["EVSE-1"]}


def emsp(start: Start, *faults: str) -> RunningParty:
    party = start("EMSP", faults=faults, token_a=None)
    party.state.accept_token(TOKEN_C, label="token C")
    return party


def authorize(party: RunningParty, uid: str, kind: str | None = None, body: object = WHERE):
    url = f"{functional_url(party.state, 'tokens', 'SENDER')}/{uid}/authorize"
    params = {"type": kind} if kind else None
    return party.client(TOKEN_C).request(
        "POST", url, module="tokens", params=params, json_body=body
    )


def test_a_known_token_is_authorized_for_the_location_asked(start: Start) -> None:
    token = TOKENS[0]
    reply = authorize(emsp(start), token["uid"].lower(), token["type"])
    answered(reply, 200, 1000)
    assert not validate_response("tokens", "SENDER", "post_authorize", reply.json)
    assert reply.data["token"] == token and reply.data["location"] == WHERE
    assert reply.data["allowed"] == ("ALLOWED" if token["valid"] else "NOT_ALLOWED")


def test_an_unknown_uid_or_type_gets_404_and_2004_without_data(start: Start) -> None:
    party = emsp(start)
    for uid, kind in (("NO-SUCH-TOKEN", None), (TOKENS[0]["uid"], "AD_HOC_USER")):
        reply = authorize(party, uid, kind)
        answered(reply, 404, 2004)
        assert "data" not in reply.json


def test_an_invalid_location_references_gets_2001(start: Start) -> None:
    answered(authorize(emsp(start), TOKENS[0]["uid"], body={"evse_uids": []}), 200, 2001)


def test_fault_tokens_unknown_is_200(start: Start) -> None:
    answered(authorize(emsp(start, "tokens_unknown_is_200"), "NO-SUCH-TOKEN"), 200, 2004)


def test_fault_tokens_authorize_without_token(start: Start) -> None:
    reply = authorize(emsp(start, "tokens_authorize_without_token"), TOKENS[0]["uid"])
    answered(reply, 200, 1000)
    assert "token" not in reply.data
    assert validate_response("tokens", "SENDER", "post_authorize", reply.json)
