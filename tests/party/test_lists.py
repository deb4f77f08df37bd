"""The seeded Sender lists of a party: Sessions, CDRs and Tariffs of a CPO, Tokens of an eMSP."""

from __future__ import annotations

import pytest

from ocpi_conformance.party.lists import OBJECTS, SEEDED, seed
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.spec.v2_2_1 import identity_field
from ocpi_conformance.spec.validation import validate_object, validate_response

from .conftest import IDENTITIES, RunningParty, Start
from .locations_support import answered

TOKEN_C = "party-test-token-c-lists"
ROLE_OF = {"sessions": "CPO", "cdrs": "CPO", "tariffs": "CPO", "tokens": "EMSP"}


def serving(start: Start, module: str, *faults: str) -> tuple[RunningParty, str]:
    party = start(ROLE_OF[module], faults=faults, token_a=None)
    party.state.accept_token(TOKEN_C, label="token C")
    return party, functional_url(party.state, module, "SENDER")


@pytest.mark.parametrize("module", sorted(OBJECTS))
def test_seeds_are_valid_distinct_owned_and_a_day_apart(module: str) -> None:
    identity = IDENTITIES[ROLE_OF[module]]
    items = seed(module, identity)
    obj = OBJECTS[module]
    assert len({i[identity_field(obj)] for i in items}) == SEEDED
    assert all(not validate_object(obj, i) for i in items)
    assert {(i["country_code"], i["party_id"]) for i in items} == {
        (identity.country_code, identity.party_id)
    }
    assert [i["last_updated"] for i in items] == sorted(i["last_updated"] for i in items)


@pytest.mark.parametrize("module", sorted(OBJECTS))
def test_the_list_pages_with_headers_and_a_link(start: Start, module: str) -> None:
    party, url = serving(start, module)
    client = party.client(TOKEN_C)
    first = client.get(url, module=module, params={"limit": 4})
    answered(first, 200, 1000)
    assert not validate_response(module, "SENDER", "get_list", first.json)
    assert len(first.data) == 4 and first.header("X-Total-Count") == str(SEEDED)
    walk = client.walk(url, module=module, params={"limit": 4})
    key = identity_field(OBJECTS[module])
    assert [i[key] for i in walk.items] == [i[key] for i in seed(module, party.state.identity)]


def test_only_the_implementing_role_serves_a_list(start: Start) -> None:
    emsp = start("EMSP", token_a=None)
    emsp.state.accept_token(TOKEN_C, label="token C")
    reply = emsp.client(TOKEN_C).get(functional_url(emsp.state, "sessions", "SENDER"))
    answered(reply, 404, 2000)


def test_fault_lists_link_wrong(start: Start) -> None:
    party, url = serving(start, "cdrs", "lists_link_wrong")
    first = party.client(TOKEN_C).get(url, module="cdrs", params={"limit": 3})
    assert "offset=0" in (first.next_link() or "")


def test_fault_lists_invalid_object(start: Start) -> None:
    party, url = serving(start, "tokens", "lists_invalid_object")
    items = party.client(TOKEN_C).get(url, module="tokens").data
    assert "country_code" not in items[0] and all("country_code" in i for i in items[1:])
    assert validate_object("Token", items[0]) and not validate_object("Token", items[1])


def test_unusable_paging_gets_200_with_2001(start: Start) -> None:
    party, url = serving(start, "tariffs")
    for name, value in (("offset", "-1"), ("limit", "-1"), ("offset", "x"), ("limit", "0")):
        reply = party.client(TOKEN_C).get(url, module="tariffs", params={name: value})
        answered(reply, 200, 2001)


def test_fault_lists_limit_ignored(start: Start) -> None:
    party, url = serving(start, "sessions", "lists_limit_ignored")
    reply = party.client(TOKEN_C).get(url, module="sessions", params={"limit": 1, "offset": 2})
    assert len(reply.data) == SEEDED - 2 and reply.next_link() is None


def test_fault_lists_offset_ignored(start: Start) -> None:
    party, url = serving(start, "cdrs", "lists_offset_ignored")
    reply = party.client(TOKEN_C).get(url, module="cdrs", params={"offset": 3, "limit": 1})
    assert [i["id"] for i in reply.data] == ["OCC-CDR-001"]


def test_fault_lists_date_from_ignored(start: Start) -> None:
    party, url = serving(start, "tokens", "lists_date_from_ignored")
    later = {"date_from": "2099-01-01T00:00:00Z"}
    reply = party.client(TOKEN_C).get(url, module="tokens", params=later)
    assert len(reply.data) == SEEDED
    early = {"date_to": "2000-01-01T00:00:00Z"}  # date_to still applies
    assert party.client(TOKEN_C).get(url, module="tokens", params=early).data == []


def test_fault_lists_unusable_paging_422(start: Start) -> None:
    party, url = serving(start, "tariffs", "lists_unusable_paging_422")
    reply = party.client(TOKEN_C).get(url, module="tariffs", params={"limit": "all"})
    assert reply.status == 422 and reply.status_code is None and "detail" in reply.json
