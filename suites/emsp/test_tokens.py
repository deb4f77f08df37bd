"""TOK-EMSP: the Tokens SENDER interface of an eMSP (mod_tokens.asciidoc, mod_tokens.md): its
paginated list, judged as every Sender list is (`contracts/sender_list.py`), and real-time
authorization (POST {token_uid}/authorize) of a Token it lists and of one it cannot know.

The versions differ on authorization: 2.2.1's AuthorizationInfo names the Token and an unknown
Token gets 404 and 2004 (SHALL); 2.1.1's AuthorizationInfo names no Token, nothing says what an
unknown Token gets, and a request with too little information (no LocationReferences) SHOULD get
2002. Real-time authorization is for the Tokens not whitelisted ALWAYS ("realtime authorization
is not possible/allowed"): the 2.1.1 cases ask it of such a Token only."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

import pytest

from ocpi_conformance.spec.v2_2_1.documents import TOK
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import OcpiClient, Reply, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import (
    assert_answered,
    assert_http,
    assert_status_code,
    assert_success,
)

from ..contracts.sender_list import SenderList

SUITE = Suite("tokens", "SENDER", versions=("2.2.1", "2.1.1", "2.3.0"))
SINCE_22 = ("2.2.1", "2.3.0")  # AuthorizationInfo names the Token; 404, 2004
TOK_211 = spec_version("2.1.1").documents.TOK

# Where the harness, as a CPO, asks the Token to be used (a LocationReferences object).
WHERE = {"location_id": "OCC-LOC-AUTHORIZE"}


class TestTokenList(SenderList, suite=SUITE):
    """TOK-EMSP-001 to 008 and 012 to 017: the Token list, as every Sender list is judged."""

    numbers: ClassVar[dict[str, int]] = {
        **SenderList.numbers,
        "limit": 12,
        "limit_capped": 13,
        "datetime_forms": 14,
        "date_from_after_newest": 15,
        "unusable_paging": 16,
        "date_from_after": 17,
    }


def _authorize(
    client: OcpiClient, endpoint: str, uid: str, kind: str | None, where: Any = WHERE
) -> Reply:
    return client.request(
        "POST",
        object_url(endpoint, uid, "authorize"),
        module=SUITE.module,
        params={"type": kind} if kind else None,
        json_body=where,
    )


@pytest.fixture(scope="module")
def authorizable(listed: list[dict[str, Any]]) -> dict[str, Any]:
    """A listed Token real-time authorization is for: one not whitelisted ALWAYS."""
    for token in listed:
        if token.get("whitelist") != "ALWAYS":
            return token
    pytest.skip(
        "every listed Token is whitelisted ALWAYS: real-time authorization is not possible "
        "for them, and the eMSP need not implement it"
    )


@SUITE.case(
    "TOK-EMSP-009",
    MANDATORY,
    f"{TOK}#mod_tokens_post_response_data",
    needs=("writes",),
    versions=SINCE_22,
)
def test_a_listed_token_is_authorized(
    client: OcpiClient, endpoint: str, listed: list[dict[str, Any]]
) -> None:
    """Real-time authorization of a listed Token answers a valid AuthorizationInfo for it"""
    token = listed[0]
    reply = _authorize(client, endpoint, token["uid"], token.get("type"))
    assert_success(reply, SUITE.operation("post_authorize"))
    about = (reply.data.get("token") or {}).get("uid")
    assert str(about).upper() == str(token["uid"]).upper(), (
        f"{reply.describe()}: the AuthorizationInfo is about Token {about!r}, not {token['uid']!r}"
    )


@pytest.fixture(scope="module")
def unknown(client: OcpiClient, endpoint: str) -> Reply:
    return _authorize(client, endpoint, f"OCC-NO-SUCH-{uuid.uuid4()}"[:36], "RFID")


@SUITE.case(
    "TOK-EMSP-010", MANDATORY, f"{TOK}#mod_tokens_post_method", needs=("writes",), versions=SINCE_22
)
def test_an_unknown_token_gets_404(unknown: Reply) -> None:
    """Real-time authorization of an unknown Token gets HTTP 404"""
    assert_answered(unknown)
    assert_http(unknown, 404, "an unknown Token")


@SUITE.case(
    "TOK-EMSP-011",
    MANDATORY,
    f"{TOK}#mod_tokens_post_response_data",
    needs=("writes",),
    versions=SINCE_22,
)
def test_an_unknown_token_gets_2004_and_no_data(unknown: Reply) -> None:
    """Real-time authorization of an unknown Token answers status_code 2004 and no data"""
    assert_answered(unknown)
    assert_status_code(unknown, 2004, "an unknown Token", "Unknown Token")
    assert unknown.data is None, f"an unknown Token: {unknown.describe()} carries data"


# 2.1.1: "The endpoint response contains a AuthorizationInfo object" (allowed, location, info:
# nothing names the Token, so only its validity is judged).
@SUITE.case(
    "TOK-EMSP-018",
    MANDATORY,
    f"{TOK_211}#response-data-2",
    needs=("writes",),
    versions=("2.1.1",),
)
def test_a_listed_token_gets_an_authorization_info(
    client: OcpiClient, endpoint: str, authorizable: dict[str, Any], suite: Suite
) -> None:
    """Real-time authorization of a listed Token answers a valid AuthorizationInfo"""
    token = authorizable
    reply = _authorize(client, endpoint, token["uid"], token.get("type"))
    assert_success(reply, suite.operation("post_authorize"))


# 2.1.1: "When the eMSP receives a 'real-time' authorization request from a CPO that contains too
# little information (no LocationReferences provided) to determine if the Token might be used,
# the eMSP SHOULD respond with the OCPI status: 2002". Whether the Token alone is too little is
# the eMSP's to know: an AuthorizationInfo passes too, any other answer does not.
@SUITE.case(
    "TOK-EMSP-019",
    RECOMMENDED,
    f"{TOK_211}#222-post-method",
    needs=("writes",),
    versions=("2.1.1",),
)
def test_too_little_information_gets_2002(
    client: OcpiClient, endpoint: str, authorizable: dict[str, Any], suite: Suite
) -> None:
    """Real-time authorization without LocationReferences is answered with an AuthorizationInfo
    or, where that is too little information, status_code 2002"""
    token = authorizable
    reply = _authorize(client, endpoint, token["uid"], token.get("type"), where=None)
    assert_answered(reply)
    if reply.status_code == 2002:
        return
    if reply.status_code is None or not 1000 <= reply.status_code <= 1999:
        raise AssertionError(
            f"authorization without LocationReferences: {reply.describe()}, expected an "
            "AuthorizationInfo, or status_code 2002 (Not enough information) where the Token "
            "alone does not tell"
        )
    assert_success(reply, suite.operation("post_authorize"))
