"""TOK-EMSP: the Tokens SENDER interface of an eMSP (mod_tokens.asciidoc): its paginated list,
judged as every Sender list is (`contracts/sender_list.py`), and real-time authorization
(POST {token_uid}/authorize) of a Token it lists and of one it cannot know."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

import pytest

from ocpi_conformance.spec.v2_2_1.documents import TOK
from ocpi_conformance.transport.client import OcpiClient, Reply, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, Suite
from ocpi_conformance.verdicts.checks.envelope import (
    assert_answered,
    assert_http,
    assert_status_code,
    assert_success,
)

from ..contracts.sender_list import SenderList

SUITE = Suite("tokens", "SENDER")

# Where the harness, as a CPO, asks the Token to be used (a LocationReferences object).
WHERE = {"location_id": "OCC-LOC-AUTHORIZE"}


class TestTokenList(SenderList, suite=SUITE):
    """TOK-EMSP-001 to 008 and 012 to 016: the Token list, as every Sender list is judged."""

    numbers: ClassVar[dict[str, int]] = {
        **SenderList.numbers,
        "limit": 12,
        "limit_capped": 13,
        "datetime_forms": 14,
        "date_from_after_newest": 15,
        "unusable_paging": 16,
    }


def _authorize(client: OcpiClient, endpoint: str, uid: str, kind: str | None) -> Reply:
    return client.request(
        "POST",
        object_url(endpoint, uid, "authorize"),
        module=SUITE.module,
        params={"type": kind} if kind else None,
        json_body=WHERE,
    )


@SUITE.case("TOK-EMSP-009", MANDATORY, f"{TOK}#mod_tokens_post_response_data", needs=("writes",))
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


@SUITE.case("TOK-EMSP-010", MANDATORY, f"{TOK}#mod_tokens_post_method", needs=("writes",))
def test_an_unknown_token_gets_404(unknown: Reply) -> None:
    """Real-time authorization of an unknown Token gets HTTP 404"""
    assert_answered(unknown)
    assert_http(unknown, 404, "an unknown Token")


@SUITE.case("TOK-EMSP-011", MANDATORY, f"{TOK}#mod_tokens_post_response_data", needs=("writes",))
def test_an_unknown_token_gets_2004_and_no_data(unknown: Reply) -> None:
    """Real-time authorization of an unknown Token answers status_code 2004 and no data"""
    assert_answered(unknown)
    assert_status_code(unknown, 2004, "an unknown Token", "Unknown Token")
    assert unknown.data is None, f"an unknown Token: {unknown.describe()} carries data"
