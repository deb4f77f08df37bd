"""BKG-CPO: the Bookings Sender of a CPO (mod_bookings.asciidoc, tag v2.3.0-bookings; "Data
owner: CPO"), its Booking interface.

BKG-CPO-021 to 034: its paginated Booking list ('{bookings_endpoint_url}', GET Bookings), judged
as every Sender list is (`contracts/sender_list.py`). Its BookingLocations list and the POST of a
booking request are test_booking_locations.py's.
"""

from __future__ import annotations

from typing import ClassVar

from ocpi_conformance.verdicts.cases import Suite

from ..contracts.sender_list import SenderList

SUITE = Suite("Booking", "SENDER", versions=("2.3.0",))


class TestBookingList(SenderList, suite=SUITE):
    """BKG-CPO-021 to 034."""

    numbers: ClassVar[dict[str, int]] = {k: n + 20 for k, n in SenderList.numbers.items()}
