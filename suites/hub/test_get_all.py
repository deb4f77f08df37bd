"""HUB-018 to 020: GET All via the hub (transport_and_format_get_all_via_hubs): our CPO GETs the
Tokens Sender list with OCPI-to-* the hub, and the hub combines the Tokens of the connected
parties, our two eMSPs among them.

Each eMSP of ours first broadcasts two Tokens of its own and lists them itself, so the list is
the same whichever way a hub gathers it (from what was pushed through it, ocpi/ocpi#508, or by
asking each Sender): every one of those Tokens is listed, under its own owner. The walk uses a
page of two, so that the list spans pages; a Link to the next page may name any URL of the hub's
origin (the text does not say whether a hub rewrites a receiver's Link: a Link elsewhere cannot
be followed with the hub's token).
"""

from __future__ import annotations

from typing import Any

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.seats import Seats
from ocpi_conformance.spec.v2_2_1.documents import TAF
from ocpi_conformance.transport.client import PartyId, Walk
from ocpi_conformance.verdicts.cases import MANDATORY, OPTIONAL, Suite
from ocpi_conformance.verdicts.checks import pagination
from ocpi_conformance.verdicts.failures import blocked_by

from .seating import (
    first,
    hub_url,
    need,
    shown,
)

SUITE = Suite("hub", "ANY", role="HUB")
GET_ALL = f"{TAF}#transport_and_format_get_all_via_hubs"
PAGING = f"{TAF}#transport_and_format_paginated_request"
PAGE = 2


def key(item: Any) -> tuple[str, str, str]:
    """A Token's identity in a list of several owners: owner and uid (CiStrings)."""
    return tuple(str(item.get(f, "")).upper() for f in ("country_code", "party_id", "uid"))  # type: ignore[return-value]


@pytest.fixture(scope="session")
def get_all(
    harness: Harness, seats: Seats, hub: PartyId, broadcast_tokens: dict[int, list[dict]]
) -> Walk:
    """Our CPO's GET All of Tokens through the hub, walked in pages of two."""
    need(seats, cpo=1, emsp=2)
    url = hub_url(harness, "tokens", "SENDER")
    client = seats.client(first(seats, "CPO"), to=hub)
    return client.walk(url, module="tokens", params={"limit": PAGE})


def whole(walk: Walk) -> list[dict]:
    """The walk's objects, or the case is blocked by the pagination case when it did not end."""
    if walk.stopped is not None:
        with blocked_by("HUB-020"):
            raise AssertionError(f"the GET All walk did not end: {walk.stopped}")
    return [item for item in walk.items if isinstance(item, dict)]


@SUITE.case("HUB-018", OPTIONAL, GET_ALL)
def test_get_all_combines_every_party(
    seats: Seats, get_all: Walk, broadcast_tokens: dict[int, list[dict]]
) -> None:
    """A GET All through the hub lists the objects of every connected party"""
    listed = {key(item) for item in whole(get_all)}
    missing = []
    for number, tokens in broadcast_tokens.items():
        absent = [t["uid"] for t in tokens if key(t) not in listed]
        if absent:
            missing.append(f"{seats.seats[number - 1].label}: {', '.join(absent)}")
    assert not missing, (
        f"the hub's GET All of Tokens ({len(listed)} listed) lacks Tokens our eMSPs pushed "
        f"through it and list themselves: {'; '.join(missing)}"
    )


@SUITE.case("HUB-019", MANDATORY, GET_ALL)
def test_get_all_objects_name_their_owner(
    seats: Seats, get_all: Walk, broadcast_tokens: dict[int, list[dict]]
) -> None:
    """Each object of a GET All through the hub names its own owner in country_code/party_id"""
    ours = {t["uid"].upper(): t for tokens in broadcast_tokens.values() for t in tokens}
    found = [item for item in whole(get_all) if str(item.get("uid", "")).upper() in ours]
    if not found:
        with blocked_by("HUB-018"):
            raise AssertionError("the GET All lists none of the Tokens our eMSPs pushed")
    wrong = []
    for item in found:
        token = ours[str(item["uid"]).upper()]
        owner = PartyId(token["country_code"], token["party_id"])
        named = PartyId(str(item.get("country_code")), str(item.get("party_id")))
        if (named.country_code.upper(), named.party_id.upper()) != (
            owner.country_code,
            owner.party_id,
        ):
            wrong.append(f"{item['uid']} of {shown(owner)} listed as {shown(named)}")
    assert not wrong, f"the GET All names another owner than the Token's own: {wrong}"


@SUITE.case("HUB-020", MANDATORY, PAGING)
def test_get_all_pages_through_every_party(get_all: Walk) -> None:
    """A GET All through the hub pages through the combined list: each object once, no page
    over the limit"""
    assert get_all.stopped is None, f"the walk of the GET All did not end: {get_all.stopped}"
    items = [item for item in get_all.items if isinstance(item, dict)]
    pages = [page for page in get_all.pages if isinstance(page.data, list)]
    total = pagination.int_header(pages[-1], "X-Total-Count") if pages else None
    if len(items) <= PAGE:
        pytest.skip(f"the GET All lists {len(items)} Token(s): one page of {PAGE} holds them all")
    over = [f"page {n} holds {len(p.data)}" for n, p in enumerate(pages, 1) if len(p.data) > PAGE]
    assert not over, f"limit={PAGE} asked: {', '.join(over)}"
    assert len(pages) > 1, f"{len(items)} Tokens came on one page with limit={PAGE}"
    seen: dict[tuple[str, str, str], int] = {}
    for item in items:
        seen[key(item)] = seen.get(key(item), 0) + 1
    twice = sorted("/".join(k) for k, n in seen.items() if n > 1)
    assert not twice, f"the pages list {len(twice)} Token(s) more than once: {twice[:3]}"
    assert total is None or total <= len(items), (
        f"X-Total-Count says {total}, the Link led to {len(items)}: pages are missing"
    )
