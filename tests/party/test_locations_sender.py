"""The Locations Sender interface of a CPO party: the seeded list, its pages and single objects."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from ocpi_conformance.party.locations import LocationStore, seed_locations, store
from ocpi_conformance.spec.v2_2_1.types import parse_datetime
from ocpi_conformance.spec.validation import validate_object, validate_response

from .conftest import Start
from .locations_support import CPO, SEED, answered, ids, serve_locations


def test_seed_is_valid_owned_and_spread_over_time() -> None:
    assert len(SEED) == 12 and len(set(ids(SEED))) == 12
    stamps = [parse_datetime(location["last_updated"]) for location in SEED]
    assert stamps == sorted(stamps) and len(set(stamps)) == 12
    assert {len(location["evses"]) for location in SEED} == {1, 2, 3}
    connectors = {len(e["connectors"]) for location in SEED for e in location["evses"]}
    assert connectors == {1, 2}
    for location in SEED:
        assert not validate_object("Location", location), location["id"]
        assert (location["country_code"], location["party_id"]) == ("NL", "CPO")
        newest = max(parse_datetime(e["last_updated"]) for e in location["evses"])
        assert newest == parse_datetime(location["last_updated"])
        for evse in location["evses"]:
            assert max(parse_datetime(c["last_updated"]) for c in evse["connectors"]) == (
                parse_datetime(evse["last_updated"])
            )
    assert seed_locations(CPO) == SEED  # deterministic


def test_full_walk_with_a_small_limit_gets_every_location_once(start: Start) -> None:
    sender = serve_locations(start, "CPO")
    walk = sender.client.walk(sender.url, module="locations", params={"limit": 5})
    assert walk.stopped is None
    assert ids(walk.items) == ids(SEED)  # each once, oldest first
    assert walk.items == SEED
    assert [len(page.data) for page in walk.pages] == [5, 5, 2]
    for page in walk.pages:
        answered(page, 200, 1000)
        assert not validate_response("locations", "SENDER", "get_list", page.json)
        assert (page.header("X-Total-Count"), page.header("X-Limit")) == ("12", "5")
    links = [page.next_link() for page in walk.pages]
    assert links[2] is None and page.header("Link") is None
    assert [parse_qs(urlparse(link).query) for link in links[:2]] == [
        {"offset": ["5"], "limit": ["5"]},
        {"offset": ["10"], "limit": ["5"]},
    ]
    assert all(link.startswith(sender.url + "?") for link in links[:2])


def test_server_maximum_caps_the_limit(start: Start) -> None:
    sender = serve_locations(start, "CPO")
    sender.state.store("locations", lambda s: LocationStore(seed_locations(s.identity, 60)))
    everything = sender.get()
    assert len(everything.data) == 50 and everything.header("X-Limit") == "50"
    assert everything.header("X-Total-Count") == "60"
    asked_more = sender.get(limit=1000)
    assert asked_more.data == everything.data and asked_more.header("X-Limit") == "50"
    assert parse_qs(urlparse(asked_more.next_link()).query) == {
        "offset": ["50"],
        "limit": ["50"],
    }
    last = sender.get(offset=50, limit=1000)
    assert len(last.data) == 10 and last.next_link() is None
    assert last.header("X-Limit") == "50"


def test_date_window_is_inclusive_then_exclusive_and_links_carry_it(start: Start) -> None:
    sender = serve_locations(start, "CPO")
    window = {"date_from": SEED[3]["last_updated"], "date_to": SEED[7]["last_updated"]}
    first = sender.get(limit=3, **window)
    assert ids(first.data) == ids(SEED[3:6])
    assert first.header("X-Total-Count") == "4"
    assert parse_qs(urlparse(first.next_link()).query) == {
        **{k: [v] for k, v in window.items()},
        "offset": ["3"],
        "limit": ["3"],
    }
    second = sender.client.get(first.next_link(), module="locations")
    assert ids(second.data) == [SEED[6]["id"]]
    assert second.next_link() is None and second.header("X-Total-Count") == "4"
    unbounded = sender.get(date_from=SEED[10]["last_updated"])
    assert ids(unbounded.data) == ids(SEED[10:])
    assert ids(sender.get(date_to=SEED[1]["last_updated"]).data) == [SEED[0]["id"]]


def test_single_objects_agree_with_the_list(start: Start) -> None:
    sender = serve_locations(start, "CPO")
    location = SEED[2]
    evse = location["evses"][2]
    connector = evse["connectors"][1]
    path = f"/{location['id']}"
    got = sender.get(path)
    answered(got, 200, 1000)
    assert got.data == location
    assert not validate_response("locations", "SENDER", "get_location", got.json)
    got = sender.get(f"{path}/{evse['uid']}")
    assert got.data == evse
    assert not validate_response("locations", "SENDER", "get_evse", got.json)
    got = sender.get(f"{path}/{evse['uid']}/{connector['id']}")
    assert got.data == connector
    assert not validate_response("locations", "SENDER", "get_connector", got.json)
    assert sender.get(path.lower()).data == location  # CiString


def test_unknown_objects_get_404(start: Start) -> None:
    sender = serve_locations(start, "CPO")
    location = SEED[0]
    evse = location["evses"][0]["uid"]
    answered(sender.get("/NO-SUCH-LOCATION"), 404, 2003)
    answered(sender.get(f"/{location['id']}/NO-SUCH-EVSE"), 404, 2000)
    answered(sender.get(f"/{location['id']}/{evse}/99"), 404, 2000)
    answered(sender.get(f"/{location['id']}/{evse}/1/extra"), 404, 2000)


def test_bad_list_parameters_get_2001(start: Start) -> None:
    sender = serve_locations(start, "CPO")
    for params in ({"date_from": "yesterday"}, {"date_to": "2024-01-01T00:00:00+01:00"}):
        answered(sender.get(**params), 200, 2001)
    for params in ({"offset": "-1"}, {"limit": "0"}, {"limit": "ten"}):
        answered(sender.get(**params), 200, 2001)


def test_only_get_is_offered_and_the_store_is_the_harness_s(start: Start) -> None:
    sender = serve_locations(start, "CPO")
    answered(sender.put(f"/{SEED[0]['id']}", SEED[0]), 405, 2000)
    answered(sender.client.request("POST", sender.url, json_body=SEED[0]), 405, 2000)
    moved = {**SEED[0], "name": "Renamed by the harness", "last_updated": "2025-01-01T00:00:00Z"}
    store(sender.state).put(moved)
    assert sender.get(f"/{SEED[0]['id']}").data == moved
    assert ids(sender.get(date_from="2025-01-01T00:00:00Z").data) == [SEED[0]["id"]]
