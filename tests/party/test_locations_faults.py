"""Each `locations_*` fault changes the one behaviour it names, and only while it is switched on.

`test_faults.test_every_fault_has_a_test` finds the tests here by their names.
"""

from __future__ import annotations

import copy
from urllib.parse import parse_qs, urlparse

from ocpi_conformance.party.locations.receiver import OPTIONAL
from ocpi_conformance.spec.validation import validate_object

from .conftest import Start
from .locations_support import (
    LOCATION,
    NEW,
    PATH,
    SEED,
    Locations,
    answered,
    ids,
    pushed,
    serve_locations,
)

EVSE_PATH = f"{PATH}/{LOCATION['evses'][0]['uid']}"


def _next_offset(reply: object) -> str:
    return parse_qs(urlparse(reply.next_link()).query)["offset"][0]  # type: ignore[attr-defined]


def _toggle(party: Locations, fault: str, on: bool) -> None:
    (party.state.faults.add if on else party.state.faults.discard)(fault)


# --- Sender ---------------------------------------------------------------------------------------


def test_fault_locations_link_wrong(start: Start) -> None:
    sender = serve_locations(start, "CPO", ("locations_link_wrong",))
    page = sender.get(offset=5, limit=5)
    assert _next_offset(page) == "5" and ids(page.data) == ids(SEED[5:10])
    assert page.header("X-Total-Count") == "12"
    _toggle(sender, "locations_link_wrong", False)
    assert _next_offset(sender.get(offset=5, limit=5)) == "10"


def test_fault_locations_date_to_inclusive(start: Start) -> None:
    sender = serve_locations(start, "CPO", ("locations_date_to_inclusive",))
    window = {"date_from": SEED[3]["last_updated"], "date_to": SEED[7]["last_updated"]}
    page = sender.get(**window)
    assert ids(page.data) == ids(SEED[3:8]) and page.header("X-Total-Count") == "5"
    _toggle(sender, "locations_date_to_inclusive", False)
    assert ids(sender.get(**window).data) == ids(SEED[3:7])


def test_fault_locations_offset_ignored(start: Start) -> None:
    sender = serve_locations(start, "CPO", ("locations_offset_ignored",))
    page = sender.get(offset=5, limit=5)
    assert ids(page.data) == ids(SEED[:5]) and _next_offset(page) == "10"
    _toggle(sender, "locations_offset_ignored", False)
    assert ids(sender.get(offset=5, limit=5).data) == ids(SEED[5:10])


def test_fault_locations_no_total_count(start: Start) -> None:
    sender = serve_locations(start, "CPO", ("locations_no_total_count",))
    page = sender.get(limit=5)
    assert page.header("X-Total-Count") is None
    assert page.header("X-Limit") == "5" and _next_offset(page) == "5"
    _toggle(sender, "locations_no_total_count", False)
    assert sender.get(limit=5).header("X-Total-Count") == "12"


def test_fault_locations_invalid_object(start: Start) -> None:
    sender = serve_locations(start, "CPO", ("locations_invalid_object",))
    items = sender.client.walk(sender.url, module="locations", params={"limit": 5}).items
    broken = {item["id"]: validate_object("Location", item) for item in items}
    broken = {k: v for k, v in broken.items() if v}
    assert list(broken) == [SEED[2]["id"]]
    assert [v.path for v in broken[SEED[2]["id"]]] == ["$.coordinates.latitude"]
    assert validate_object("Location", sender.get(f"/{SEED[2]['id']}").data)
    _toggle(sender, "locations_invalid_object", False)
    assert sender.get(f"/{SEED[2]['id']}").data == SEED[2]


def test_fault_locations_unknown_is_200(start: Start) -> None:
    sender = serve_locations(start, "CPO", ("locations_unknown_is_200",))
    for path in ("/NO-SUCH-LOCATION", f"/{SEED[0]['id']}/NO-SUCH-EVSE"):
        reply = sender.get(path)
        answered(reply, 200, 1000)
        assert "data" in reply.json and reply.data is None
    assert sender.get(f"/{SEED[0]['id']}").data == SEED[0]
    receiver = serve_locations(start, "EMSP", ("locations_unknown_is_200",))
    answered(receiver.get("/NL/CPO/NO-SUCH-LOCATION"), 200, 1000)
    _toggle(sender, "locations_unknown_is_200", False)
    answered(sender.get("/NO-SUCH-LOCATION"), 404, 2003)


# --- Receiver -------------------------------------------------------------------------------------


def test_fault_locations_drops_field(start: Start) -> None:
    receiver = pushed(start, ("locations_drops_field",))
    dropped = next(name for name in OPTIONAL if name in LOCATION)
    assert receiver.get(PATH).data == {k: v for k, v in LOCATION.items() if k != dropped}
    _toggle(receiver, "locations_drops_field", False)
    answered(receiver.put(PATH, LOCATION), 200, 1000)
    assert receiver.get(PATH).data == LOCATION


def test_fault_locations_ignores_patch(start: Start) -> None:
    receiver = pushed(start, ("locations_ignores_patch",))
    answered(receiver.patch(EVSE_PATH, {"status": "CHARGING", "last_updated": NEW}), 200, 1000)
    assert receiver.get(PATH).data == LOCATION
    answered(receiver.patch(EVSE_PATH, {"status": "CHARGING"}), 200, 2001)  # still checked
    _toggle(receiver, "locations_ignores_patch", False)
    answered(receiver.patch(EVSE_PATH, {"status": "CHARGING", "last_updated": NEW}), 200, 1000)
    assert receiver.get(EVSE_PATH).data["status"] == "CHARGING"


def test_fault_locations_keeps_parent_last_updated(start: Start) -> None:
    receiver = pushed(start, ("locations_keeps_parent_last_updated",))
    answered(receiver.patch(EVSE_PATH, {"status": "CHARGING", "last_updated": NEW}), 200, 1000)
    location = receiver.get(PATH).data
    assert location["evses"][0]["last_updated"] == NEW and location["evses"][0]["status"] == (
        "CHARGING"
    )
    assert location["last_updated"] == LOCATION["last_updated"]
    connector = {**LOCATION["evses"][0]["connectors"][0], "last_updated": NEW}
    answered(receiver.put(f"{EVSE_PATH}/{connector['id']}", connector), 200, 1000)
    assert receiver.get(PATH).data["last_updated"] == LOCATION["last_updated"]
    _toggle(receiver, "locations_keeps_parent_last_updated", False)
    answered(receiver.put(f"{EVSE_PATH}/{connector['id']}", connector), 200, 1000)
    assert receiver.get(PATH).data["last_updated"] == NEW


def test_fault_locations_patch_without_last_updated_ok(start: Start) -> None:
    receiver = pushed(start, ("locations_patch_without_last_updated_ok",))
    answered(receiver.patch(EVSE_PATH, {"status": "CHARGING"}), 200, 1000)
    assert receiver.get(EVSE_PATH).data == {**LOCATION["evses"][0], "status": "CHARGING"}
    answered(receiver.patch(EVSE_PATH, {"status": "BROKEN"}), 200, 2001)  # still validated
    _toggle(receiver, "locations_patch_without_last_updated_ok", False)
    answered(receiver.patch(EVSE_PATH, {"status": "BLOCKED"}), 200, 2001)


def test_fault_locations_accepts_invalid(start: Start) -> None:
    receiver = serve_locations(start, "EMSP", ("locations_accepts_invalid",))
    broken = copy.deepcopy(LOCATION)
    broken["coordinates"]["latitude"] = "52.3789"
    answered(receiver.put(PATH, broken), 201, 1000)
    assert receiver.get(PATH).data == broken
    answered(receiver.put("/NL/CPO/OTHER", LOCATION), 200, 2001)  # identifiers still checked
    _toggle(receiver, "locations_accepts_invalid", False)
    answered(receiver.put(PATH, broken), 200, 2001)


def test_fault_locations_put_always_200(start: Start) -> None:
    receiver = serve_locations(start, "EMSP", ("locations_put_always_200",))
    answered(receiver.put(PATH, LOCATION), 200, 1000)
    assert receiver.get(PATH).data == LOCATION
    evse = {**LOCATION["evses"][0], "uid": "NEW-EVSE", "last_updated": NEW}
    answered(receiver.put(f"{PATH}/NEW-EVSE", evse), 200, 1000)
    _toggle(receiver, "locations_put_always_200", False)
    answered(receiver.put("/NL/CPO/OTHER", {**LOCATION, "id": "OTHER"}), 201, 1000)
