"""TOK-CPO: the Tokens RECEIVER interface of a CPO (mod_tokens.asciidoc, mod_tokens_cpo_interface;
mod_tokens.md#21-cpo-interface).

The harness plays the eMSP pushing its own Tokens: the PushReceiver contract, with every URL
naming the Token whole. In 2.2.1 that is {country_code}/{party_id}/{uid}?type={type}: a Token is
identified by its uid *combined with* its type (mod_tokens_token_object), so one uid with two
types is two Tokens, and a URL without ?type names the RFID one
(mod_tokens_cpo_get_request_parameters). The 2.1.1 CPO interface has no ?type: its URL names a
Token by uid alone, and TOK-CPO-011/012 do not apply. Tokens cannot be deleted; the eMSP
invalidates one with valid=false (mod_tokens_push_model), and that is how the harness leaves
every Token it pushed: blocked, by PATCH.
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import quote

from hypothesis import strategies as st

from ocpi_conformance.ids import new_id
from ocpi_conformance.resources import fixture
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.ledger import Written
from ocpi_conformance.spec.v2_2_1.documents import TOK
from ocpi_conformance.transport.client import OcpiClient, Reply, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, Suite
from ocpi_conformance.verdicts.failures import blocked_by

from ..contracts.push_receiver import (
    OPEN_ENUM,
    PushReceiver,
    assert_accepted,
    assert_same,
    now,
    object_of,
    push,
    stored_data,
)

SUITE = Suite("tokens", "RECEIVER", versions=("2.2.1", "2.1.1", "2.3.0"))
SINCE_22 = ("2.2.1", "2.3.0")  # ?type on the CPO interface
# "When the eMSP invalidates a Token (deleting is not possible), the eMSP will send the updated
# Token (with the field: valid set to false, by calling, either the PUT or the PATCH"
INVALIDATE = f"{TOK}#mod_tokens_push_model"
IDENTIFIED = f"{TOK}#mod_tokens_token_object"
DEFAULT_TYPE = f"{TOK}#mod_tokens_cpo_get_request_parameters"
# The two types the extra cases give one uid: the default and another.
OTHER_TYPE = "APP_USER"


def _url(owner: str, uid: str, kind: str | None) -> str:
    url = object_url(owner, uid)
    return url if kind is None else f"{url}?type={quote(str(kind), safe='')}"


class TestTokenReceiver(PushReceiver, suite=SUITE):
    numbers: ClassVar[dict[str, int]] = {
        **PushReceiver.numbers,
        "refusals_http_200": 14,  # 011 to 013 are this module's own
        "answers_valid": 15,
        "refusals_not_http_errors": 16,
        "undocumented_field_accepted": 17,
    }
    words: ClassVar[dict[str, str]] = {"undo_spec": INVALIDATE}

    @staticmethod
    def typed(suite: Suite) -> bool:
        """Whether the version's Token URL carries ?type (its PUT's query parameter)."""
        return any(q.name == "type" for q in suite.operation("put_token").query)

    @classmethod
    def url_of(cls, owner: str, body: dict[str, Any], suite: Suite) -> str:
        """Every URL carries ?type where the version has it: the uid alone does not name a
        2.2.1 Token."""
        return _url(owner, body["uid"], body["type"] if cls.typed(suite) else None)

    @classmethod
    def naming_fields(cls, suite: Suite) -> tuple[str, ...]:
        """The owner, uid and (where the URL carries it) type: all name a Token in its URL, so
        no invalid variant breaks one."""
        return ("country_code", "party_id", "uid", *(("type",) if cls.typed(suite) else ()))

    @classmethod
    def drawn(cls, harness: Harness, suite: Suite) -> st.SearchStrategy[dict[str, Any]]:
        """The contract's drawn Tokens, but never one of type EMAID: "The eMSP is RECOMMENDED
        to not push Tokens with type EMAID at all" (mod_tokens_tokentype_enum, 2.3.0), and the
        harness plays the eMSP (no other version has EMAID: nothing is left out there)."""
        return super().drawn(harness, suite).filter(lambda body: body.get("type") != "EMAID")

    def patch_of(self, before: dict[str, Any]) -> dict[str, Any]:
        """The whitelist, to one that asks more of the CPO (never less safe than before)."""
        return {"whitelist": "ALLOWED" if before.get("whitelist") == "NEVER" else "NEVER"}

    def undo(self, client: OcpiClient, written: Written) -> Reply | None:
        """A Token cannot be deleted: each of ours is invalidated (valid=false)."""
        body = {"valid": False, "last_updated": now(client.version)}
        return client.request("PATCH", written.url, module=SUITE.module, json_body=body)

    def _found(self, client: OcpiClient, url: str) -> dict[str, Any]:
        """The Token a GET finds at `url`. Not found is this case's finding; found but not
        served as one object is the round trip's (it judges the GET's shape)."""
        reply = client.get(url, module=SUITE.module)
        if reply.status == 200 and reply.status_code == 1000 and not isinstance(reply.data, dict):
            with blocked_by(self.case_id("round_trip")):
                object_of(reply)
        return object_of(reply)

    def _one_uid_two_types(
        self, harness: Harness, client: OcpiClient, owner: str
    ) -> dict[str, dict[str, Any]]:
        """Two Tokens with one fresh uid, an OTHER_TYPE one pushed before the RFID one, with
        different contract_ids so that GET shows which one it found."""
        uid = new_id("TWO-TYPES")
        tokens = {}
        for kind in (OTHER_TYPE, "RFID"):
            body = self.owned(harness, fixture(SUITE.module, "Token.minimal"), SUITE)
            body.update(uid=uid, type=kind, contract_id=f"OCC-C-{kind}", last_updated=now())
            url = self.url_of(owner, body, SUITE)
            reply = push(harness, client, "PUT", url, SUITE.module, body)
            assert_accepted(reply, f"PUT of a valid {kind} Token")
            tokens[kind] = {"body": body, "url": url}
        return tokens

    # Reading: the text has no keyword here, but uid is the ID "by which this Token, combined
    # with the Token type, can be identified", and the PUT's type parameter names "the Token of
    # the (new) Token object (to replace)": a CPO that merges the two has lost one of them.
    @SUITE.case("TOK-CPO-011", MANDATORY, IDENTIFIED, versions=SINCE_22)
    def test_one_uid_with_two_types_is_two_tokens(
        self, harness: Harness, client: OcpiClient, owner: str
    ) -> None:
        """Two Tokens with one uid and different types are two Tokens: GET by ?type returns each"""
        for kind, pushed in self._one_uid_two_types(harness, client, owner).items():
            got = self._found(client, pushed["url"])
            assert_same("Token", pushed["body"], got, f"the {kind} Token of a uid with two types")

    @SUITE.case("TOK-CPO-012", MANDATORY, DEFAULT_TYPE, versions=SINCE_22)
    def test_no_type_means_rfid(self, harness: Harness, client: OcpiClient, owner: str) -> None:
        """A GET without ?type returns the RFID Token (type: "Default if omitted: RFID")"""
        rfid = self._one_uid_two_types(harness, client, owner)["RFID"]
        got = self._found(client, _url(owner, rfid["body"]["uid"], None))
        assert_same("Token", rfid["body"], got, "GET of the Token's uid without ?type")

    # Reading (2.3.0): TokenType, WhitelistType and the Token's other OpenEnums are any string
    # ("leave room for them to use other values", types_openenum_type): a Token of a type no
    # table lists is valid, and a Receiver takes a valid Token (the round trip's reading).
    @SUITE.case("TOK-CPO-018", MANDATORY, OPEN_ENUM, versions=("2.3.0",))
    def test_unlisted_open_enum_values_are_accepted(
        self, harness: Harness, client: OcpiClient, owner: str, suite: Suite
    ) -> None:
        """A Token PUT whose OpenEnum fields hold values no table lists is accepted and stored"""
        self.put_unlisted(harness, client, owner, suite)

    @SUITE.case("TOK-CPO-013", MANDATORY, INVALIDATE)
    def test_patch_valid_false_invalidates(
        self, harness: Harness, client: OcpiClient, stored: dict[str, Any]
    ) -> None:
        """A PATCH with valid=false invalidates the Token: GET then returns it with valid false"""
        patch = {"valid": False, "last_updated": now(client.version)}
        reply = push(harness, client, "PATCH", stored["url"], SUITE.module, patch)
        assert_accepted(reply, "PATCH valid=false (the example 'invalidate a Token')")
        with blocked_by(self.case_id("round_trip")):  # the GET itself is judged there
            got = stored_data(client, SUITE.module, stored["url"])
        assert got.get("valid") is False, (
            f"after PATCH valid=false the Token is served with valid={got.get('valid')!r}: "
            "the eMSP invalidates a Token this way, and it cannot be deleted"
        )
