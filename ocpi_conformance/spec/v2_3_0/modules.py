"""OCPI 2.3.0 module registry data: every module, its interfaces, who implements them, each call.

The shapes live in `ocpi_conformance.spec.registry`; this file holds only what the 2.3.0 AsciiDoc
says ("Interfaces and endpoints" of every module: tag v2.3.0-ed2 for the core modules and
Invoice Reconciliation, v2.3.0-ed2-payments for Payments, v2.3.0-bookings for Bookings). The
nine modules of 2.2.1 have the same interfaces, calls and clauses in the 2.3.0 text (Edition 2
rewords them, and changes example URLs): the seven functional ones are the 2.2.1 registry's own
objects, versions, credentials and hubclientinfo the 2.2.1 ones with the implementers 2.3.0 names
(Role lost HUB; tests/test_registry_2_3_0.py holds the calls equal and every clause an anchor of
the 2.3.0 text). Where the spec is unclear, the reading taken is listed in `AMBIGUITIES`.

`implemented_by` names market roles. Most are Role values; two are not: "HUB" (2.3.0 has no Role
HUB: a Hub is "Functionality in an OCPI platform to route OCPI requests and responses",
terminology_terms) and "PTP" (the Payments text's Payment Terminal Provider, a market role of
terminology_roles that the Role table does not list).
"""

from __future__ import annotations

from dataclasses import replace

from ocpi_conformance.spec.registry import (
    Body,
    Cardinality,
    Interface,
    Method,
    Module,
    Operation,
    PathParam,
    QueryParam,
)
from ocpi_conformance.spec.v2_2_1 import modules as _v2_2_1
from ocpi_conformance.spec.v2_2_1.modules import (
    CDRS,
    CHARGINGPROFILES,
    COMMANDS,
    GET_PUSHED_NOTE,
    LAST_UPDATED,
    LIST_NOTE,
    LOCATIONS,
    NO_DATA,
    OWNER,
    OWNER_PATH,
    PAGINATION_QUERY,
    PARENT_LAST_UPDATED,
    PUSH_NOTE,
    SESSIONS,
    TARIFFS,
    TOKENS,
)
from ocpi_conformance.spec.v2_3_0.documents import BKG, INV, PAY

ONE = Cardinality.ONE
MANY = Cardinality.MANY

ALL_ROLES: tuple[str, ...] = ("CPO", "EMSP", "NAP", "NSP", "OTHER", "SCSP")  # types_role_enum
HUB = "HUB"  # a platform's Hub functionality (terminology_terms), not a Role value in 2.3.0
PTP = "PTP"  # Payment Terminal Provider (terminology_roles, Payments text), not a Role value
EVERY_PLATFORM: tuple[str, ...] = (*ALL_ROLES, HUB, PTP)


def _implemented_by(module: Module, **roles: tuple[str, ...]) -> Module:
    """A 2.2.1 module with the implementers 2.3.0 names for its interfaces (by role, "ANY" for the
    interface of versions and credentials)."""
    interfaces = tuple(
        replace(i, implemented_by=roles.get(i.role or "ANY", i.implemented_by))
        for i in module.interfaces
    )
    return replace(module, interfaces=interfaces)


# credentials_credentials_endpoint: "it has to be implemented by all OCPI implementations";
# mod_hub_client_info_client_interface: "all parties connecting to a Hub";
# mod_hub_client_info_hub_interface: "the Hub".
VERSIONS = _implemented_by(_v2_2_1.VERSIONS, ANY=EVERY_PLATFORM)
CREDENTIALS = _implemented_by(_v2_2_1.CREDENTIALS, ANY=EVERY_PLATFORM)
HUBCLIENTINFO = _implemented_by(_v2_2_1.HUBCLIENTINFO, RECEIVER=(*ALL_ROLES, PTP), SENDER=(HUB,))


# --- invoice reconciliation (Edition 2) -------------------------------------------------------

_RECORD_PATH = OWNER_PATH + "/{id}"
RECORD_ID = PathParam("id", "CiString(36)")

INVOICERECONCILIATION = Module(
    id="invoicereconciliation",
    title="Invoice Reconciliation",
    spec=f"{INV}#mod_invoice_reconciliation_module",
    objects=("InvoiceReconciliationRecord",),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=("CPO", "EMSP"),
            spec=f"{INV}#mod_invoice_reconciliation_sender_interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{INV}#mod_invoice_reconciliation_sender_get_method",
                    query=PAGINATION_QUERY,
                    response=Body("InvoiceReconciliationRecord", MANY),
                    paginated=True,
                    note="CPO with direct billing, eMSP with reverse billing; " + LIST_NOTE,
                ),
            ),
        ),
        Interface(
            role="RECEIVER",
            implemented_by=("EMSP", "CPO"),
            spec=f"{INV}#mod_invoice_reconciliation_receiver_interface",
            operations=(
                Operation(
                    name="get_record",
                    method=Method.GET,
                    path=_RECORD_PATH,
                    spec=f"{INV}#mod_invoice_reconciliation_receiver_get_method",
                    path_params=(*OWNER, RECORD_ID),
                    response=Body("InvoiceReconciliationRecord", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="post_record",
                    method=Method.POST,
                    path="",
                    spec=f"{INV}#mod_invoice_reconciliation_receiver_post_method",
                    request=Body("InvoiceReconciliationRecord", ONE, "new record"),
                    response=NO_DATA,
                    note="POST of a Client Owned Object on the endpoint URL itself (push model)",
                ),
                Operation(
                    name="put_record",
                    method=Method.PUT,
                    path=_RECORD_PATH,
                    spec=f"{INV}#mod_invoice_reconciliation_receiver_put_method",
                    path_params=(*OWNER, RECORD_ID),
                    request=Body("InvoiceReconciliationRecord", ONE, "updated record"),
                    response=NO_DATA,
                    note="updates an existing record",
                ),
                Operation(
                    name="delete_record",
                    method=Method.DELETE,
                    path=_RECORD_PATH,
                    spec=f"{INV}#mod_invoice_reconciliation_receiver_delete_method",
                    path_params=(*OWNER, RECORD_ID),
                    response=NO_DATA,
                    note="deleting a record says the record itself was an error",
                ),
            ),
        ),
    ),
)


# --- payments (tag v2.3.0-ed2-payments) ---------------------------------------------------------

TERMINALS = "/terminals"
FINANCIAL_ADVICE = "/financial-advice-confirmations"
TERMINAL_ID = PathParam("terminal_id", "CiString(36)")
FAC_ID = PathParam("financial_advice_confirmation_id", "CiString(36)")
_TERMINAL_PATH = TERMINALS + "/{terminal_id}"
_FAC_PATH = FINANCIAL_ADVICE + "/{financial_advice_confirmation_id}"

PAYMENTS = Module(
    id="payments",
    title="Payments",
    spec=f"{PAY}#mod_payments_payments_module",
    objects=("Terminal", "FinancialAdviceConfirmation"),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=(PTP,),
            spec=f"{PAY}#mod_payments_ptp_interface",
            operations=(
                Operation(
                    name="get_terminals",
                    method=Method.GET,
                    path=TERMINALS,
                    spec=f"{PAY}#mod_payments_ptp_get_terminals_method",
                    query=PAGINATION_QUERY,
                    response=Body("Terminal", MANY),
                    paginated=True,
                    note="Terminals interface; " + LIST_NOTE,
                ),
                Operation(
                    name="get_terminal",
                    method=Method.GET,
                    path=_TERMINAL_PATH,
                    spec=f"{PAY}#mod_payments_ptp_get_terminal_method",
                    path_params=(TERMINAL_ID,),
                    response=Body("Terminal", ONE),
                ),
                Operation(
                    name="post_activate_terminal",
                    method=Method.POST,
                    path=TERMINALS + "/activate",
                    spec=f"{PAY}#mod_payments_ptp_terminal_post_activate_method",
                    request=Body("Terminal", ONE, "terminal_id optional here: the PTP sets it"),
                    response=NO_DATA,
                    note=(
                        "sent by the CPO; the PTP then creates the Terminal on the CPO's Receiver"
                        " (POST Terminal)"
                    ),
                ),
                Operation(
                    name="post_deactivate_terminal",
                    method=Method.POST,
                    path=_TERMINAL_PATH + "/deactivate",
                    spec=f"{PAY}#mod_payments_ptp_terminal_post_deactivate_method",
                    path_params=(TERMINAL_ID,),
                    response=NO_DATA,
                    note="sent by the CPO; no request body defined",
                ),
                Operation(
                    name="put_terminal",
                    method=Method.PUT,
                    path=_TERMINAL_PATH,
                    spec=f"{PAY}#mod_payments_ptp_terminal_put_method",
                    path_params=(TERMINAL_ID,),
                    request=Body("Terminal", ONE, "Terminal object to update"),
                    response=NO_DATA,
                    note="sent by the CPO to update a terminal's data",
                ),
                Operation(
                    name="patch_terminal",
                    method=Method.PATCH,
                    path=_TERMINAL_PATH,
                    spec=f"{PAY}#mod_payments_ptp_patch_terminal_method",
                    path_params=(TERMINAL_ID,),
                    request=Body("Terminal", ONE, "partial: location_ids and/or evse_uids"),
                    response=NO_DATA,
                    note="sent by the CPO to assign Locations and/or EVSEs to the terminal",
                ),
                Operation(
                    name="get_financial_advice_confirmations",
                    method=Method.GET,
                    path=FINANCIAL_ADVICE,
                    spec=f"{PAY}#mod_payments_ptp_get_financial_advice_confirmations_method",
                    query=PAGINATION_QUERY,
                    response=Body("FinancialAdviceConfirmation", MANY),
                    paginated=True,
                    note="Financial Advice Confirmation interface; " + LIST_NOTE,
                ),
                Operation(
                    name="get_financial_advice_confirmation",
                    method=Method.GET,
                    path=_FAC_PATH,
                    spec=f"{PAY}#mod_payments_ptp_get_financial_advice_confirmation_method",
                    path_params=(FAC_ID,),
                    response=Body("FinancialAdviceConfirmation", ONE),
                ),
            ),
        ),
        Interface(
            role="RECEIVER",
            implemented_by=("CPO",),
            spec=f"{PAY}#mod_payments_cpo_interface",
            operations=(
                Operation(
                    name="get_terminal",
                    method=Method.GET,
                    path=_TERMINAL_PATH,
                    spec=f"{PAY}#mod_payments_cpo_terminal_get_method",
                    path_params=(TERMINAL_ID,),
                    response=Body("Terminal", ONE),
                ),
                Operation(
                    name="post_terminal",
                    method=Method.POST,
                    path=TERMINALS,
                    spec=f"{PAY}#mod_payments_cpo_terminal_post_method",
                    request=Body("Terminal", ONE, "new Terminal"),
                    response=NO_DATA,
                    note="sent by the PTP for a newly shipped or activated terminal",
                ),
                Operation(
                    name="get_financial_advice_confirmation",
                    method=Method.GET,
                    path=_FAC_PATH,
                    spec=f"{PAY}#mod_payments_cpo_financial_advice_confirmation_get_method",
                    path_params=(FAC_ID,),
                    response=Body("FinancialAdviceConfirmation", ONE),
                ),
                Operation(
                    name="post_financial_advice_confirmation",
                    method=Method.POST,
                    path=FINANCIAL_ADVICE,
                    spec=f"{PAY}#mod_payments_cpo_financial_advice_confirmation_post_method",
                    request=Body("FinancialAdviceConfirmation", ONE, "new confirmation"),
                    response=NO_DATA,
                    note=(
                        "sent by the PTP after the capture; its authorization_reference is the"
                        " one of the StartSession"
                    ),
                ),
            ),
        ),
    ),
)


# --- bookings (tag v2.3.0-bookings) -------------------------------------------------------------

BOOKING_LOCATIONS = "/booking_locations"
BOOKING_LOCATION_ID = PathParam("booking_location_id", "CiString(36)")
CALENDAR_ID = PathParam("calendar_id", "CiString(36)")
BOOKING_ID = PathParam("booking_id", "CiString(36)")
_BOOKING_LOCATION_PATH = BOOKING_LOCATIONS + "/{booking_location_id}"
_CALENDAR_PATH = _BOOKING_LOCATION_PATH + "/{calendar_id}"
_RECEIVER_BOOKING_LOCATION = OWNER_PATH + _BOOKING_LOCATION_PATH
_RECEIVER_CALENDAR = OWNER_PATH + _CALENDAR_PATH
_RECEIVER_BOOKING = OWNER_PATH + "/{booking_id}"
_BKG_RECEIVER_GET = f"{BKG}#mod_bookings_msp_booking_location_get_method"
_BKG_RECEIVER_PUT = f"{BKG}#mod_bookings_put_booking_location_method"
_BKG_RECEIVER_PATCH = f"{BKG}#mod_bookings_booking_location_patch_method"

BOOKINGS = Module(
    id="Booking",
    title="Bookings",
    spec=f"{BKG}#mod_bookings_booking_module",
    objects=("BookingLocation", "Calendar", "Booking", "BookingRequest"),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=("CPO",),
            spec=f"{BKG}#mod_bookings_cpo_interface",
            operations=(
                Operation(
                    name="get_booking_locations",
                    method=Method.GET,
                    path=BOOKING_LOCATIONS,
                    spec=f"{BKG}#mod_bookings_get_booking_locations_request_parameters",
                    query=(
                        *PAGINATION_QUERY,
                        QueryParam("timeslot_from", "DateTime"),
                        QueryParam("timeslot_to", "DateTime"),
                    ),
                    response=Body("BookingLocation", MANY),
                    paginated=True,
                    note="BookingLocation and Calendar interface; " + LIST_NOTE,
                ),
                Operation(
                    name="get_booking_location",
                    method=Method.GET,
                    path=_BOOKING_LOCATION_PATH,
                    spec=f"{BKG}#mod_bookings_get_booking_location_calendar",
                    path_params=(BOOKING_LOCATION_ID,),
                    response=Body("BookingLocation", ONE),
                ),
                Operation(
                    name="get_calendar",
                    method=Method.GET,
                    path=_CALENDAR_PATH,
                    spec=f"{BKG}#mod_bookings_get_booking_location_calendar",
                    path_params=(BOOKING_LOCATION_ID, CALENDAR_ID),
                    response=Body("Calendar", ONE),
                ),
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{BKG}#mod_bookings_get_bookings_request_parameters",
                    query=PAGINATION_QUERY,
                    response=Body("Booking", MANY),
                    paginated=True,
                    note="Booking interface: the Bookings list; " + LIST_NOTE,
                ),
                Operation(
                    name="post_booking",
                    method=Method.POST,
                    path="",
                    spec=f"{BKG}#mod_bookings_cpo_post_booking_method",
                    request=Body("BookingRequest", ONE, "a booking request for a BookingLocation"),
                    response=Body("Booking", ONE, "PENDING, or already RESERVED/REJECTED/FAILED"),
                    note=(
                        "sent by the eMSP; a PENDING Booking's outcome follows as PUT/PATCH on the"
                        " eMSP's Receiver"
                    ),
                ),
            ),
        ),
        Interface(
            role="RECEIVER",
            implemented_by=("EMSP",),
            spec=f"{BKG}#mod_bookings_emsp_interface",
            operations=(
                Operation(
                    name="get_booking_location",
                    method=Method.GET,
                    path=_RECEIVER_BOOKING_LOCATION,
                    spec=_BKG_RECEIVER_GET,
                    path_params=(*OWNER, BOOKING_LOCATION_ID),
                    response=Body("BookingLocation", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="get_calendar",
                    method=Method.GET,
                    path=_RECEIVER_CALENDAR,
                    spec=_BKG_RECEIVER_GET,
                    path_params=(*OWNER, BOOKING_LOCATION_ID, CALENDAR_ID),
                    response=Body("Calendar", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_booking_location",
                    method=Method.PUT,
                    path=_RECEIVER_BOOKING_LOCATION,
                    spec=_BKG_RECEIVER_PUT,
                    path_params=(*OWNER, BOOKING_LOCATION_ID),
                    request=Body("BookingLocation", ONE, "new or updated BookingLocation"),
                    response=NO_DATA,
                    note=PUSH_NOTE,
                ),
                Operation(
                    name="put_calendar",
                    method=Method.PUT,
                    path=_RECEIVER_CALENDAR,
                    spec=_BKG_RECEIVER_PUT,
                    path_params=(*OWNER, BOOKING_LOCATION_ID, CALENDAR_ID),
                    request=Body("Calendar", ONE, "new or updated Calendar"),
                    response=NO_DATA,
                    note="'Push BookingLocations or Calendars to the eMSP'",
                ),
                Operation(
                    name="patch_booking_location",
                    method=Method.PATCH,
                    path=_RECEIVER_BOOKING_LOCATION,
                    spec=_BKG_RECEIVER_PATCH,
                    path_params=(*OWNER, BOOKING_LOCATION_ID),
                    request=Body("BookingLocation", ONE, "partial: only the fields to update"),
                    response=NO_DATA,
                    patch_requires=LAST_UPDATED,
                    note="status_codes: 2001 e.g. for a PATCH missing last_updated",
                ),
                Operation(
                    name="patch_calendar",
                    method=Method.PATCH,
                    path=_RECEIVER_CALENDAR,
                    spec=_BKG_RECEIVER_PATCH,
                    path_params=(*OWNER, BOOKING_LOCATION_ID, CALENDAR_ID),
                    request=Body("Calendar", ONE, "partial: only the fields to update"),
                    response=NO_DATA,
                    patch_requires=LAST_UPDATED,
                    note=PARENT_LAST_UPDATED + " (BookingLocation)",
                ),
                Operation(
                    name="get_booking",
                    method=Method.GET,
                    path=_RECEIVER_BOOKING,
                    spec=f"{BKG}#mod_bookings_msp_booking_get_method",
                    path_params=(*OWNER, BOOKING_ID),
                    response=Body("Booking", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_booking",
                    method=Method.PUT,
                    path=_RECEIVER_BOOKING,
                    spec=f"{BKG}#mod_bookings_put_booking_method",
                    path_params=(*OWNER, BOOKING_ID),
                    request=Body("Booking", ONE, "new or updated Booking"),
                    response=NO_DATA,
                    note="the CPO's answer to a booking request, and every later change",
                ),
                Operation(
                    name="patch_booking",
                    method=Method.PATCH,
                    path=_RECEIVER_BOOKING,
                    spec=f"{BKG}#mod_bookings_booking_patch_method",
                    path_params=(*OWNER, BOOKING_ID),
                    request=Body("Booking", ONE, "partial: only the fields to update"),
                    response=NO_DATA,
                    patch_requires=LAST_UPDATED,
                    note="no DELETE: a Booking ends with status CANCELED or REJECTED",
                ),
            ),
        ),
    ),
)


MODULES: dict[str, Module] = {
    m.id: m
    for m in (
        VERSIONS,
        CREDENTIALS,
        LOCATIONS,
        SESSIONS,
        CDRS,
        TARIFFS,
        TOKENS,
        COMMANDS,
        CHARGINGPROFILES,
        HUBCLIENTINFO,
        INVOICERECONCILIATION,
        PAYMENTS,
        BOOKINGS,
    )
}


def operation(module: str, interface: str, name: str) -> Operation:
    """One operation of the registry, e.g. operation("credentials", "", "post")."""
    return MODULES[module].interface(interface).operation(name)


def client_owned(obj: str) -> bool:
    """Whether `obj` is a Client Owned Object: a Receiver takes it whole by PUT or POST, and it
    names its owner (country_code, party_id, card. 1) beside its id
    (transport_and_format_client_owned_object_push). A Terminal's optional country_code and
    party_id are "an alternative to the customer reference", not an owner."""
    from ocpi_conformance.spec.v2_3_0 import OBJECTS, identity_field

    fields = OBJECTS[obj].model_fields
    naming = ("country_code", "party_id", identity_field(obj))
    if not all(name in fields and fields[name].is_required() for name in naming):
        return False
    return any(
        op.method in ("PUT", "POST") and op.request is not None and op.request.obj == obj
        for module in MODULES.values()
        for interface in module.interfaces
        if interface.role == "RECEIVER"
        for op in interface.operations
    )


def command_object(command: str) -> str:
    """The request object of a CommandType (mod_commands_cpo_post_request_body):
    START_SESSION -> StartSession."""
    return "".join(word.capitalize() for word in command.split("_"))


EARLIEST = "2000-01-01T00:00:00Z"  # a date_from before anything a party holds


def sender_lists(module: str) -> tuple[Operation, ...]:
    """The paginated lists of a module's Sender: one (`get_list`) in most modules, two in Payments
    (Terminals, Financial Advice Confirmations) and Bookings (BookingLocations, Bookings)."""
    return tuple(op for op in MODULES[module].interface("SENDER").operations if op.paginated)


def required_list_params(module: str, name: str = "get_list") -> dict[str, str]:
    """What every request of a module's Sender list must carry: the Sessions list makes
    date_from required (mod_sessions_cpo_get_request_parameters), so it gets the earliest
    instant, which filters nothing out."""
    query = MODULES[module].interface("SENDER").operation(name).query
    return {q.name: EARLIEST for q in query if q.required and q.name == "date_from"}


def listed_object(module: str, name: str = "get_list") -> str:
    """The object a module's Sender list carries: its `name` response (Session for sessions)."""
    body = MODULES[module].interface("SENDER").operation(name).response
    assert body is not None and body.obj is not None, f"{module} lists no object"
    return body.obj


# Modules whose endpoint structures glue what follows onto the endpoint URL without a '/'
# ("{commands_endpoint_url}{command}", "{tokens_endpoint_url}{token_uid}/authorize"): a client
# that does so follows the letter of the text. Locations, Sessions, Tariffs, Invoice
# Reconciliation, Payments and Bookings write the '/'; so does the Tokens Receiver since 2.2.1-d2
# ("{token_endpoint_url}/{country_code}/..."), but not its authorize call.
UNSLASHED_STRUCTURES = frozenset({"tokens", "commands", "chargingprofiles"})

# mod_sessions_patch_method reads as in 2.2.1: "When a PATCH request contains the
# `charging_periods` field ... this SHALL be processed as a request to add all the ChargingPeriod
# objects to the existing Session object".
PATCH_APPENDS: dict[str, tuple[str, ...]] = _v2_2_1.PATCH_APPENDS

# mod_locations_parking_object (NOTE): "All Locations receivers who are not NAPs are free to
# ignore Parking objects in the Location data that they receive." Reading: a Receiver that drops
# the Parking objects drops the EVSEParking links to them too (a link "refers to a Parking object
# from the containing Location's parking_places"), so neither is judged as stored; that it
# accepts a Location carrying them is (the object is valid).
RECEIVER_MAY_IGNORE: dict[str, tuple[str, ...]] = {
    "Location": ("parking_places",),
    "EVSE": ("parking",),
}

# The readings of 2.2.1 hold for its nine modules in 2.3.0 but for two, which 2.3.0 reads anew.
_REREAD = ("tokens: Receiver endpoint structure", "hubclientinfo: Receiver 'Typically")

AMBIGUITIES: tuple[str, ...] = (
    *(a for a in _v2_2_1.AMBIGUITIES if not a.startswith(_REREAD)),
    "tokens: authorize '{tokens_endpoint_url}{token_uid}/authorize' (no slash; the Receiver"
    " structure has one since 2.2.1-d2): read with a '/' separator.",
    "hubclientinfo: Receiver 'Typically implemented by all parties connecting to a Hub':"
    " implemented_by = every Role and PTP. Sender 'Typically implemented by the Hub', which"
    " 2.3.0 no longer has as a Role: implemented_by = the label HUB (a platform's Hub"
    " functionality).",
    "roles: Role loses HUB; a Roaming Hub lists the parties it reaches in Credentials.roles"
    " and gives its own country code and party id in hub_party_id"
    " (credentials_credentials_object).",
    "roles: the Payments text names a PTP role (terminology_roles, and a PTP column linked"
    " to types_role_enum in introduction_typical_roles) but its Role table has no PTP; the"
    " same table links 'Roaming Hub' to types_role_enum although Role has no HUB. Role kept"
    " as its table (a PTP registers as OTHER, or by agreement); PTP is a market-role label"
    " here.",
    "invoicereconciliation: 'Data owner: CPO or MSP'; Sender 'typically implemented by"
    " [...] the CPO' (direct billing) or 'the eMSP' (reverse billing), Receiver the other"
    " way round: implemented_by = CPO and EMSP for both.",
    "invoicereconciliation: the records are called Client Owned Objects, for which"
    " transport_and_format says 'POST is not supported', yet the Receiver creates them by"
    " POST on '{invoice_reconciliation_endpoint_url}' and updates them by PUT: both kept as"
    " written; the GET/PUT/DELETE parameter tables give country_code, party_id and id as URL"
    " segments.",
    "invoicereconciliation: its identifier 'invoicereconciliation' is missing from the"
    " ModuleID table: added to ModuleID as a known value (documents.ADDITIONS).",
    "payments: one endpoint per role (identifier payments) with the sub-paths '/terminals'"
    " and '/financial-advice-confirmations' of the examples; the text writes"
    " '{payments_terminals_endpoint_url}' and"
    " '{payments_financial_advice_confirmation_endpoint_url}' without saying how they are"
    " published.",
    "payments: the Sender (PTP) also takes the CPO's PUT, PATCH and activate/deactivate"
    " POSTs on its Terminals interface; no response data is defined for them: Body(None,"
    " '?').",
    "payments: POST activate: 'The terminal_id is optional in the activation request as it"
    " will be set by the PTP' while Terminal.terminal_id is card. 1: kept in the note of the"
    " request body; POST deactivate defines no body.",
    "payments: the PATCH Terminal text does not ask for last_updated (its example has none)"
    " and transport_and_format does not either: patch_requires = ().",
    "payments: the Receiver POST Terminal 'can be just the terminal id', while last_updated"
    " is card. 1: the table governs.",
    "payments: InvoiceCreator and CaptureStatusCode headings say _enum_: closed.",
    "bookings: 'Module Identifier: `Booking`' while every URL example and endpoint"
    " placeholder says bookings: id = 'Booking', as the identifier is written.",
    "bookings: the Sender's Booking interface links its GET to the BookingLocations GET;"
    " its own GET Bookings section (on '{bookings_endpoint_url}') is taken: named get_list.",
    "bookings: Sender PUT and PATCH are 'n/c': not offered.",
    "bookings: the Receiver's Booking PUT parameter table names 'booking_request_id'"
    " (Booking.request_id) while the endpoint structure and the GET use '{booking_id}'"
    " (Booking.id): path '/{country_code}/{party_id}/{booking_id}' for GET, PUT and PATCH.",
    "bookings: a BookingLocation or Calendar is PUT and PATCHed on"
    " '/{country_code}/{party_id}/booking_locations/{booking_location_id}[/{calendar_id}]'"
    " (the endpoint structure; the PATCH examples write 'bookinglocations' before the"
    " owner): the structure is taken.",
    "bookings: the Receiver's BookingLocation GET/PUT/PATCH methods link the Locations"
    " module's sections; this module's own sections are cited.",
    "bookings: a Booking whose status is PENDING after the POST gets its outcome by"
    " PUT/PATCH from the CPO ('the definite result will be sent async back').",
)
