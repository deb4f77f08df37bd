"""TOK-EMSP: the Tokens SENDER interface of an eMSP (mod_tokens.asciidoc): its paginated list,
judged as every Sender list is (`common/sender_lists.py`), and real-time authorization
(POST {token_uid}/authorize) of a Token it lists and of one it cannot know."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from ocpi_conformance.catalog import case
from ocpi_conformance.checks.envelope import assert_answered, assert_success
from ocpi_conformance.client import OcpiClient, Reply, object_url

from ..common import sender_lists

MODULE = "tokens"
# Where the harness, as a CPO, asks the Token to be used (a LocationReferences object).
WHERE = {"location_id": "OCC-LOC-AUTHORIZE"}

sender_lists.define(globals(), module=MODULE, prefix="TOK-EMSP")


def _authorize(client: OcpiClient, endpoint: str, uid: str, kind: str | None) -> Reply:
    return client.request(
        "POST",
        object_url(endpoint, uid, "authorize"),
        module=MODULE,
        params={"type": kind} if kind else None,
        json_body=WHERE,
    )


@case("TOK-EMSP-009")
def test_a_listed_token_is_authorized(
    client: OcpiClient, endpoint: str, listed: list[dict[str, Any]]
) -> None:
    token = listed[0]
    reply = _authorize(client, endpoint, token["uid"], token.get("type"))
    assert_success(reply, MODULE, "SENDER", "post_authorize")
    about = (reply.data.get("token") or {}).get("uid")
    assert str(about).upper() == str(token["uid"]).upper(), (
        f"{reply.describe()}: the AuthorizationInfo is about Token {about!r}, not {token['uid']!r}"
    )


@pytest.fixture(scope="module")
def unknown(client: OcpiClient, endpoint: str) -> Reply:
    return _authorize(client, endpoint, f"OCC-NO-SUCH-{uuid.uuid4()}"[:36], "RFID")


@case("TOK-EMSP-010")
def test_an_unknown_token_gets_404(unknown: Reply) -> None:
    assert_answered(unknown)
    assert unknown.status == 404, f"an unknown Token: {unknown.describe()}, expected HTTP 404"


@case("TOK-EMSP-011")
def test_an_unknown_token_gets_2004_and_no_data(unknown: Reply) -> None:
    assert_answered(unknown)
    assert unknown.status_code == 2004, (
        f"an unknown Token: {unknown.describe()}, expected status_code 2004 (Unknown Token)"
    )
    assert unknown.data is None, f"an unknown Token: {unknown.describe()} carries data"
