"""Bookings module objects (mod_bookings.asciidoc, tag v2.3.0-bookings).

Classes are named by their table headings where the Type columns spell them otherwise:
BookableParkingOptions (also written BookableParkingOption), AccessMethod (AccessMethods),
Timeslot (TimeSlot), BookingToken (BookingTokens). Cancellation.who_canceled is typed `Role` but
links the InterfaceRole table: read as Role, the name it shows and the one that can say who
(a CPO or an MSP) canceled. `String` without a length is a string.
"""

from ocpi_conformance.spec.v2_3_0.documents import BKG
from ocpi_conformance.spec.v2_3_0.enums import (
    CanceledReason,
    ConnectorFormat,
    EVSEPosition,
    LocationAccess,
    ReservationRequestStatus,
    ReservationStatus,
    TokenType,
    VehicleType,
)
from ocpi_conformance.spec.v2_3_0.types import (
    URL,
    CiString,
    DateTime,
    Int,
    Number,
    OneOrMore,
    Role,
    SpecModel,
    String,
    anchor,
)


class Timeslot(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_timeslot_class")

    start_from: DateTime
    end_before: DateTime
    min_power: Number | None = None
    max_power: Number | None = None
    green_energy_support: bool | None = None


class Calendar(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_calendar_object")

    id: CiString(36)
    begin_from: DateTime
    end_before: DateTime
    step_size: Int | None = None
    available_timeslots: OneOrMore(Timeslot)
    last_updated: DateTime


class BookableParkingOptions(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_bookable_parking_option_class")

    evse_position: EVSEPosition | None = None
    vehicle_types: OneOrMore(VehicleType)
    format: ConnectorFormat
    max_vehicle_weight: Number | None = None
    max_vehicle_height: Number | None = None
    max_vehicle_length: Number | None = None
    max_vehicle_width: Number | None = None
    parking_space_length: Number | None = None
    parking_space_width: Number | None = None
    dangerous_goods_allowed: bool | None = None
    drive_through: bool | None = None
    restricted_to_type: bool
    refrigeration_outlet: bool | None = None


class Bookable(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_bookable_object")

    reservation_required: bool
    ad_hoc: Number | None = None


class BookingTerms(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_booking_terms_class")

    RFID_auth_required: bool | None = None
    token_groups_supported: bool | None = None
    remote_auth_supported: bool | None = None
    supported_access_methods: OneOrMore(LocationAccess)
    change_until_minutes: Number
    cancel_until_minutes: Number
    change_not_allowed: bool | None = None
    early_start_allowed: bool | None = None
    early_start_time: Number | None = None
    noshow_timeout: Number | None = None
    noshow_fee: bool | None = None
    late_stop_allowed: bool | None = None
    late_stop_time: Number | None = None
    overlapping_bookings_allowed: bool | None = None
    booking_terms: URL | None = None


class BookingLocation(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_bookinglocation_object")

    country_code: CiString(2)
    party_id: CiString(3)
    id: CiString(36)
    location_id: CiString(36)
    evse_uid: CiString(36) | None = None
    connector_id: CiString(36) | None = None
    bookable_parking_options: list[BookableParkingOptions] | None = None
    bookable: Bookable | None = None
    tariff_id: list[CiString(36)] | None = None
    booking_terms: list[BookingTerms] | None = None
    calendars: list[Calendar] | None = None
    last_updated: DateTime


class BookingToken(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_booking_token_object")

    country_code: CiString(2)
    party_id: CiString(3)
    uid: CiString(36)
    type: TokenType
    contract_id: CiString(36)


class Cancellation(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_cancellation_class")

    cancellation_reason: CanceledReason
    who_canceled: Role


class AccessMethod(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_access_methods_class")

    location_access: LocationAccess
    value: String() | None = None


class BookingRequest(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_request_class")

    country_code: CiString(2)
    party_id: CiString(3)
    request_id: CiString(36)
    bookable_parking_option: BookableParkingOptions | None = None
    location_id: CiString(36)
    evse_uid: CiString(36) | None = None
    connector_id: CiString(36) | None = None
    tokens: list[BookingToken] | None = None
    period: Timeslot
    authorization_reference: CiString(36)
    power_required: Int | None = None
    canceled: Cancellation | None = None


class BookingRequestStatus(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_request_status_class")

    request_status: ReservationRequestStatus
    booking_request: BookingRequest
    request_received: DateTime


class Booking(SpecModel):
    spec_anchor = anchor(BKG, "mod_bookings_booking_object")

    id: CiString(36)
    country_code: CiString(2)
    party_id: CiString(3)
    request_id: CiString(36)
    bookable_parking_option: BookableParkingOptions | None = None
    parking_id: CiString(36) | None = None
    location_id: CiString(36)
    evse_uid: CiString(36) | None = None
    connector_id: CiString(36) | None = None
    booking_tokens: list[BookingToken] | None = None
    tariff_id: list[CiString(36)] | None = None
    period: Timeslot
    reservation_status: ReservationStatus
    canceled: Cancellation | None = None
    access_methods: list[AccessMethod] | None = None
    authorization_reference: CiString(36)
    booking_terms: BookingTerms
    booking_requests: OneOrMore(BookingRequestStatus)
    last_updated: DateTime
