"""The Bookings module of 2.3.0 (mod_bookings.asciidoc, tag v2.3.0-bookings; data owner CPO).

The Sender is the CPO's: its BookingLocations (each with its Calendars) and its Bookings as
paginated lists, one BookingLocation or Calendar by id, and the POST of an eMSP's BookingRequest,
answered with the Booking it makes. The Receiver is the eMSP's: BookingLocations, Calendars and
Bookings a CPO PUTs and PATCHes below its own {country_code}/{party_id}.

Readings: a BookingRequest names a Location (location_id, "Location.id of the Location object of
this CPO"), so the sandbox looks for a BookingLocation of that Location whose Calendars offer a
timeslot holding the requested period; found, the Booking is RESERVED at once ("The Booking goes
to PENDING but can also go directly to RESERVED, REJECTED, FAILED"), else it is REJECTED ("if
the requested timeslot or booking option isn't available"). A request carrying `canceled` for a
request_id already booked ("To set when requesting to cancel the booking"; "The same request ID
SHALL be used for all edits on booking") cancels that Booking. A PATCH of a Calendar sets the new
last_updated on its BookingLocation too (mod_bookings_booking_location_patch_method: SHALL).
The sandbox's Calendars offer slots from tomorrow on, so a booking request can be meaningful.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from ocpi_conformance.party import intake
from ocpi_conformance.party.faults import commits, fault
from ocpi_conformance.party.pagination import paginate
from ocpi_conformance.party.receiver import (
    OWNER_PARAMS,
    Deviations,
    Named,
    ObjectStore,
    handlers,
    path_named,
)
from ocpi_conformance.party.seeded import JSON, Kept, seed, stamp
from ocpi_conformance.party.service import (
    Answer,
    Call,
    Outcome,
    Service,
    describe,
    envelope,
    functional_url,
    now,
)
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.spec.v2_2_1.types import parse_datetime
from ocpi_conformance.spec.v2_3_0.modules import BOOKING_LOCATIONS

MODULE = "Booking"  # its Module Identifier, as written (spec.v2_3_0.modules.AMBIGUITIES)
FOLDER = "bookings"  # fixtures/2.3.0/bookings
V230 = ("2.3.0",)

BOOKINGS_IDS_AS_NUMBERS = fault(
    "bookings_ids_as_numbers",
    "the CPO's BookingLocations give location_id as a JSON number, as the Bookings examples "
    "do, not a CiString",
    caught_by=["BKG-CPO-002"],
    versions=V230,
)
BOOKINGS_LOCATION_UNBOOKABLE = fault(
    "bookings_location_unbookable",
    "the CPO lists a BookingLocation with neither bookable_parking_options nor an evse_uid",
    caught_by=["BKG-CPO-044"],
    versions=V230,
)
BOOKINGS_CLOSED_SLOT_RESERVED = fault(
    "bookings_closed_slot_reserved",
    "a BookingRequest for a period no Calendar offers is RESERVED, not REJECTED",
    caught_by=["BKG-CPO-042"],
    versions=V230,
)
BOOKINGS_CANCEL_IGNORED = fault(
    "bookings_cancel_ignored",
    "a BookingRequest with `canceled` for a booked request_id leaves the Booking RESERVED",
    caught_by=["BKG-CPO-043"],
    versions=V230,
)
BOOKINGS_CALENDAR_PATCH_PARENT_STALE = fault(
    "bookings_calendar_patch_parent_stale",
    "the eMSP's PATCH of a Calendar leaves its BookingLocation's last_updated as it was",
    caught_by=["BKG-EMSP-041"],
    versions=V230,
)
BOOKINGS_RECEIVER_PUT_ALWAYS_200 = fault(
    "bookings_receiver_put_always_200",
    "the eMSP answers the PUT of a new BookingLocation with HTTP 200, not 201",
    caught_by=["BKG-EMSP-002"],
    versions=V230,
)


def _tomorrow() -> datetime:
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return today + timedelta(days=1)


def _calendar(calendar_id: str) -> JSON:
    """A Calendar offering two slots tomorrow (12:00-13:00 and 15:00-18:00)."""
    day = _tomorrow()
    return {
        "id": calendar_id,
        "begin_from": stamp(day),
        "end_before": stamp(day + timedelta(days=1)),
        "step_size": 15,
        "available_timeslots": [
            {"start_from": stamp(day + timedelta(hours=12)),
             "end_before": stamp(day + timedelta(hours=13))},
            {"start_from": stamp(day + timedelta(hours=15)),
             "end_before": stamp(day + timedelta(hours=18))},
        ],
        "last_updated": stamp(day - timedelta(days=1)),
    }  # fmt: skip


def _booking_locations(state: PartyState) -> Kept:
    def made(s: PartyState) -> Kept:
        items = seed(FOLDER, "BookingLocation", s.identity, prefix="OCC-BL",
                     variants=("full", "minimal", "parking-options"))  # fmt: skip
        for n, item in enumerate(items):
            if n % 3 == 0:  # the full ones: Calendars with slots from tomorrow
                item["calendars"] = [_calendar(f"OCC-CAL-{n + 1:03d}")]
        return Kept.of("id", items)

    return state.store("bookings-locations", made, "2.3.0")


def _bookings(state: PartyState) -> Kept:
    return state.store(
        "bookings-bookings",
        lambda s: Kept.of("id", seed(FOLDER, "Booking", s.identity, prefix="OCC-BKG")),
        "2.3.0",
    )


def _location_shown(state: PartyState, item: JSON) -> JSON:
    if commits(state.faults, BOOKINGS_IDS_AS_NUMBERS, "2.3.0"):
        item = {**item, "location_id": 1234}
    if commits(state.faults, BOOKINGS_LOCATION_UNBOOKABLE, "2.3.0"):
        item = {k: v for k, v in item.items() if k not in ("evse_uid", "bookable_parking_options")}
    return item


def _url(call: Call, below: str = "") -> str:
    return functional_url(call.state, MODULE, "SENDER", call.number).rstrip("/") + below


def get_booking_locations(call: Call) -> Outcome:
    items = [_location_shown(call.state, i) for i in _booking_locations(call.state).items()]
    return paginate(call, items, _url(call, BOOKING_LOCATIONS))


def get_booking_location(call: Call) -> Outcome:
    found = _booking_locations(call.state).get(
        call.params["booking_location_id"], "BookingLocation"
    )
    return Outcome(200, envelope(1000, _location_shown(call.state, found)))


def get_calendar(call: Call) -> Outcome:
    found = _booking_locations(call.state).get(
        call.params["booking_location_id"], "BookingLocation"
    )
    wanted = call.params["calendar_id"].upper()
    for calendar in found.get("calendars") or []:
        if str(calendar.get("id", "")).upper() == wanted:
            return Outcome(200, envelope(1000, calendar))
    raise Answer(404, 2000, f"unknown Calendar {call.params['calendar_id']}")


def get_bookings(call: Call) -> Outcome:
    return paginate(call, _bookings(call.state).items(), _url(call))


def _within(period: JSON, slot: JSON) -> bool:
    start, end = parse_datetime(period.get("start_from")), parse_datetime(period.get("end_before"))
    opens, closes = parse_datetime(slot.get("start_from")), parse_datetime(slot.get("end_before"))
    if None in (start, end, opens, closes):
        return False
    return opens <= start < end <= closes  # type: ignore[operator]


def _open_slot(state: PartyState, request: JSON) -> JSON | None:
    """The BookingLocation whose Calendars offer a slot holding the requested period."""
    for place in _booking_locations(state).items():
        if str(place.get("location_id", "")).upper() != str(request["location_id"]).upper():
            continue
        for calendar in place.get("calendars") or []:
            if any(_within(request["period"], s) for s in calendar["available_timeslots"]):
                return place
    return None


def _booked(state: PartyState, request_id: str) -> JSON | None:
    wanted = request_id.upper()
    return next(
        (b for b in _bookings(state).items() if str(b["request_id"]).upper() == wanted), None
    )


DEFAULT_TERMS = {"supported_access_methods": ["OPEN"], "change_until_minutes": 60,
                 "cancel_until_minutes": 60}  # fmt: skip


def post_booking(call: Call) -> Outcome:
    request = call.json()
    if not isinstance(request, dict):
        raise Answer(200, 2001, "not a BookingRequest object")
    violations = intake.check(call.state, "BookingRequest", request, call.number)
    if violations:
        raise Answer(200, 2001, f"not a valid BookingRequest: {describe(violations)}")
    state, stamp_now = call.state, now()
    earlier = _booked(state, request["request_id"])
    if earlier is not None and request.get("canceled"):
        if not commits(state.faults, BOOKINGS_CANCEL_IGNORED, call.number):
            earlier["reservation_status"] = "CANCELED"
            earlier["canceled"] = request["canceled"]
        earlier["booking_requests"].append(
            {"request_status": "ACCEPTED", "booking_request": request,
             "request_received": stamp_now}
        )  # fmt: skip
        earlier["last_updated"] = stamp_now
        return Outcome(200, envelope(1000, earlier))
    place = _open_slot(state, request)
    reserved = place is not None or commits(
        state.faults, BOOKINGS_CLOSED_SLOT_RESERVED, call.number
    )
    kept = _bookings(state)
    terms = ((place or {}).get("booking_terms") or [DEFAULT_TERMS])[0]
    booking = {
        "id": f"OCC-BKG-NEW-{len(kept.objects) + 1:03d}",
        "country_code": state.identity.country_code,
        "party_id": state.identity.party_id,
        "request_id": request["request_id"],
        "location_id": request["location_id"],
        "period": request["period"],
        "reservation_status": "RESERVED" if reserved else "REJECTED",
        "authorization_reference": request["authorization_reference"],
        "booking_terms": copy.deepcopy(terms),
        "booking_requests": [
            {"request_status": "ACCEPTED" if reserved else "DECLINED",
             "booking_request": request, "request_received": stamp_now}
        ],
        "last_updated": stamp_now,
    }  # fmt: skip
    for name in ("evse_uid", "connector_id", "bookable_parking_option"):
        if request.get(name) is not None:
            booking[name] = request[name]
    if request.get("tokens"):
        booking["booking_tokens"] = request["tokens"]
    kept.put(booking)
    return Outcome(200, envelope(1000, booking))


SENDER = Service(
    MODULE,
    "SENDER",
    {
        "get_booking_locations": get_booking_locations,
        "get_booking_location": get_booking_location,
        "get_calendar": get_calendar,
        "get_list": get_bookings,
        "post_booking": post_booking,
    },
    versions=V230,
)


# --- the eMSP's Receiver ---------------------------------------------------------------------

_LOCATION_OPS = ("get_booking_location", "put_booking_location", "patch_booking_location")
_BOOKING_OPS = ("get_booking", "put_booking", "patch_booking")


def _deviations(state: PartyState) -> Deviations:
    return Deviations(put_always_200=commits(state.faults, BOOKINGS_RECEIVER_PUT_ALWAYS_200,
                                             "2.3.0"))  # fmt: skip


def _no_deviations(_state: PartyState) -> Deviations:
    return Deviations()


_LOCATION_NAMED = path_named("BookingLocation", *OWNER_PARAMS, "booking_location_id")


def _parent_key(call: Call) -> tuple[str, ...]:
    return tuple(n.key() for n in _LOCATION_NAMED(call))


def _received_locations(call: Call) -> ObjectStore:
    return call.state.store(f"{MODULE}-BookingLocation-received", lambda _s: ObjectStore(), "2.3.0")


def _parent(call: Call) -> JSON:
    found = _received_locations(call).objects.get(_parent_key(call))
    if found is None:
        raise Answer(404, 2000, "unknown BookingLocation")
    return found


def _calendar_of(parent: JSON, calendar_id: str) -> JSON | None:
    wanted = calendar_id.upper()
    return next(
        (c for c in parent.get("calendars") or [] if str(c.get("id", "")).upper() == wanted), None
    )


def _received_get_calendar(call: Call) -> Outcome:
    found = _calendar_of(_parent(call), call.params["calendar_id"])
    if found is None:
        raise Answer(404, 2000, "unknown Calendar")
    return Outcome(200, envelope(1000, found))


def _received_calendar(call: Call, *, patch: bool) -> Outcome:
    parent, body = _parent(call), call.json()
    if not isinstance(body, dict):
        raise Answer(200, 2001, "not a Calendar object")
    violations = intake.check(call.state, "Calendar", body, call.number, patch=patch)
    if patch:
        violations = [v for v in violations if (v.path, v.constraint) != ("$", "required")]
        if body.get("last_updated") is None:
            raise Answer(200, 2001, "a PATCH SHALL contain last_updated")
    if violations:
        raise Answer(200, 2001, f"not a valid Calendar: {describe(violations)}")
    if (
        str(body.get("id", call.params["calendar_id"])).upper()
        != call.params["calendar_id"].upper()
    ):
        raise Answer(200, 2001, "the Calendar's id differs from the URL's")
    calendars = list(parent.get("calendars") or [])
    found = _calendar_of(parent, call.params["calendar_id"])
    if patch and found is None:
        raise Answer(404, 2000, "unknown Calendar: PUT it whole first")
    kept = {**(found or {}), **body} if patch else body
    kept = {k: v for k, v in kept.items() if v is not None}
    calendars = [c for c in calendars if c is not found] + [kept]
    parent["calendars"] = calendars
    stale = commits(call.state.faults, BOOKINGS_CALENDAR_PATCH_PARENT_STALE, call.number)
    if patch and not stale:
        parent["last_updated"] = body["last_updated"]
    return Outcome(201 if found is None else 200, envelope(1000))


def _calendar_handlers() -> dict[str, Any]:
    return {
        "get_calendar": _received_get_calendar,
        "put_calendar": lambda call: _received_calendar(call, patch=False),
        "patch_calendar": lambda call: _received_calendar(call, patch=True),
    }


def _named_location(call: Call) -> list[Named]:
    return _LOCATION_NAMED(call)


RECEIVER = Service(
    MODULE,
    "RECEIVER",
    {
        **handlers(
            MODULE,
            "BookingLocation",
            _named_location,
            _deviations,
            versions=V230,
            only=_LOCATION_OPS,
        ),
        **handlers(
            MODULE, "Booking", "booking_id", _no_deviations, versions=V230, only=_BOOKING_OPS
        ),
        **_calendar_handlers(),
    },
    versions=V230,
)

SERVICES = (SENDER, RECEIVER)
