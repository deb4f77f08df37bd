"""The HubClientInfo Receiver of a party in both roles (party/hubclientinfo.py): ClientInfo
named by its party alone, GET and PUT only, and what each fault changes."""

from __future__ import annotations

from typing import Any

import pytest

from ocpi_conformance.party.service import functional_url
from ocpi_conformance.resources import fixture
from ocpi_conformance.transport.client import Reply, object_url

from .conftest import RunningParty, Start
from .locations_support import answered

TOKEN_C = "party-test-token-c-hubclientinfo"


def party_of(start: Start, *faults: str, role: str = "EMSP") -> RunningParty:
    party = start(role, faults=faults, token_a=None)
    party.state.accept_token(TOKEN_C, label="token C")
    return party


def _info(**changes: Any) -> dict[str, Any]:
    return {**fixture("hubclientinfo", "ClientInfo.minimal"), "country_code": "ZZ",
            "party_id": "OCC", **changes}  # fmt: skip


def _url(party: RunningParty, info: dict[str, Any]) -> str:
    base = functional_url(party.state, "hubclientinfo", "RECEIVER")
    return object_url(base, info["country_code"], info["party_id"])


def call(party: RunningParty, method: str, url: str, body: Any = None) -> Reply:
    return party.client(TOKEN_C).request(method, url, module="hubclientinfo", json_body=body)


@pytest.mark.parametrize("role", ["CPO", "EMSP"])
def test_put_and_get_in_both_roles(start: Start, role: str) -> None:
    party, info = party_of(start, role=role), _info()
    url = _url(party, info)
    answered(call(party, "GET", url), 404, 2000)
    answered(call(party, "PUT", url, info), 201, 1000)
    offline = {**info, "status": "OFFLINE", "last_updated": "2024-03-04T09:00:00Z"}
    answered(call(party, "PUT", url, offline), 200, 1000)
    assert call(party, "GET", url).data == offline


def test_invalid_or_mismatched_client_info_is_refused(start: Start) -> None:
    party, info = party_of(start), _info()
    answered(call(party, "PUT", _url(party, info), {**info, "status": "online"}), 200, 2001)
    answered(call(party, "PUT", _url(party, {**info, "party_id": "OTH"}), info), 200, 2001)
    answered(call(party, "GET", _url(party, info)), 404, 2000)


def test_no_patch_no_delete(start: Start) -> None:
    party, info = party_of(start), _info()
    call(party, "PUT", _url(party, info), info)
    answered(call(party, "PATCH", _url(party, info), {"status": "OFFLINE"}), 405, 2000)
    answered(call(party, "DELETE", _url(party, info)), 405, 2000)


def test_fault_hubclientinfo_put_always_200(start: Start) -> None:
    party, info = party_of(start, "hubclientinfo_put_always_200"), _info()
    answered(call(party, "PUT", _url(party, info), info), 200, 1000)


def test_fault_hubclientinfo_update_ignored(start: Start) -> None:
    party, info = party_of(start, "hubclientinfo_update_ignored"), _info()
    call(party, "PUT", _url(party, info), info)
    answered(call(party, "PUT", _url(party, info), {**info, "status": "OFFLINE"}), 200, 1000)
    assert call(party, "GET", _url(party, info)).data == info


def test_fault_hubclientinfo_restamps(start: Start) -> None:
    party, info = party_of(start, "hubclientinfo_restamps"), _info()
    call(party, "PUT", _url(party, info), info)
    assert call(party, "GET", _url(party, info)).data["last_updated"] != info["last_updated"]


def test_fault_hubclientinfo_accepts_invalid(start: Start) -> None:
    party, info = party_of(start, "hubclientinfo_accepts_invalid"), _info(status="online")
    answered(call(party, "PUT", _url(party, info), info), 201, 1000)


def test_fault_hubclientinfo_unknown_is_200(start: Start) -> None:
    party, info = party_of(start, "hubclientinfo_unknown_is_200"), _info()
    reply = call(party, "GET", _url(party, info))
    answered(reply, 200, 1000)
    assert reply.data is None
