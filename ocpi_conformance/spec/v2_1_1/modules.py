"""OCPI 2.1.1 module registry data: every module, its interfaces, who implements them, each call.

The shapes live in `ocpi_conformance.spec.registry`; this file holds only what the 2.1.1 Markdown
("Interfaces and endpoints" of every module, tag 2.1.1) says. 2.1.1 names its interfaces by party
("CPO Interface", "eMSP Interface"), not SENDER/RECEIVER, and its endpoints carry no role: the
registry keeps the harness's names SENDER and RECEIVER so that contracts are shared between
versions, and `INTERFACE_NAMES` says which 2.1.1 interface each one is. Where the spec is
unclear, the reading taken is listed in `AMBIGUITIES` at the end.

Smart charging is not a module of 2.1.1: smart_charging.md is "TO BE DEFINED" and left out of the
table of contents ("Will be added lated"), and ModuleID has no value for it.
"""

from __future__ import annotations

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
from ocpi_conformance.spec.v2_1_1.documents import CDR as CDR_
from ocpi_conformance.spec.v2_1_1.documents import CMD, LOC, SES, TAR, TOK, VIF
from ocpi_conformance.spec.v2_1_1.documents import CRD as CRED

ONE = Cardinality.ONE
OPT = Cardinality.OPTIONAL
MANY = Cardinality.MANY
PLUS = Cardinality.AT_LEAST_ONE

# 2.1.1 knows two parties (terminology.md#abbreviations; "Both the CPO and the eMSP must have this
# endpoint"); no Role enum, so the registry's Role spellings are used for them.
ALL_ROLES: tuple[str, ...] = ("CPO", "EMSP")

# --- shared parameters --------------------------------------------------------------------------

# Every module's list table has these four, Required "no" (Sessions: date_from "yes");
# transport_and_format.md#paginated-request itself names only offset and limit.
DATE_FROM = QueryParam("date_from", "DateTime")
DATE_TO = QueryParam("date_to", "DateTime")
OFFSET = QueryParam("offset", "int")
LIMIT = QueryParam("limit", "int")
PAGINATION_QUERY: tuple[QueryParam, ...] = (DATE_FROM, DATE_TO, OFFSET, LIMIT)
SESSIONS_LIST_QUERY: tuple[QueryParam, ...] = (
    QueryParam("date_from", "DateTime", required=True),
    DATE_TO,
    OFFSET,
    LIMIT,
)

# Client owned object URL: {base-ocpi-url}/{end-point}/{country-code}/{party-id}/{object-id}
# (transport_and_format.md#client-owned-object-push); the parameter tables type them string(n).
COUNTRY_CODE = PathParam("country_code", "string(2)")
PARTY_ID = PathParam("party_id", "string(3)")
OWNER: tuple[PathParam, ...] = (COUNTRY_CODE, PARTY_ID)
OWNER_PATH = "/{country_code}/{party_id}"

LOCATION_ID = PathParam("location_id", "string(39)")
EVSE_UID = PathParam("evse_uid", "string(39)")
CONNECTOR_ID = PathParam("connector_id", "string(36)")
SESSION_ID = PathParam("session_id", "string(36)")
TARIFF_ID = PathParam("tariff_id", "string(36)")
TOKEN_UID = PathParam("token_uid", "string(36)")

# mod_tokens.md#222-post-method: `/authorize?{type=token_type}`, default RFID.
TOKEN_TYPE = QueryParam("type", "TokenType")

LOCATION_PATH = "/{location_id}"
EVSE_PATH = "/{location_id}/{evse_uid}"
CONNECTOR_PATH = "/{location_id}/{evse_uid}/{connector_id}"

# --- shared bodies and notes --------------------------------------------------------------------

NO_DATA = Body(None, OPT, "the spec defines no response data")

PUSH_NOTE = (
    "status_codes: HTTP 201 when newly created, 200 when updated (should); another party's"
    " country_code/party_id in the URL may be answered with HTTP 404"
)
GET_PUSHED_NOTE = "status_codes: HTTP 404 (should) when the object does not exist"
PATCH_NOTE = "partial: only the fields to update; no field is required (not even last_updated)"
LIST_NOTE = "paginated: Link, X-Total-Count, X-Limit headers (transport_and_format)"
PARENT_LAST_UPDATED = (
    "an update of an EVSE or Connector updates the parent's last_updated"
    " (mod_locations.md#get-list-request-parameters)"
)

# Which 2.1.1 interface each of the registry's interface names is, per module.
INTERFACE_NAMES: dict[tuple[str, str], str] = {
    ("locations", "SENDER"): "CPO Interface",
    ("locations", "RECEIVER"): "eMSP Interface",
    ("sessions", "SENDER"): "CPO Interface",
    ("sessions", "RECEIVER"): "eMSP Interface",
    ("cdrs", "SENDER"): "CPO Interface",
    ("cdrs", "RECEIVER"): "eMSP Interface",
    ("tariffs", "SENDER"): "CPO Interface",
    ("tariffs", "RECEIVER"): "eMSP Interface",
    ("tokens", "RECEIVER"): "CPO Interface",
    ("tokens", "SENDER"): "eMSP Interface",
    ("commands", "RECEIVER"): "CPO Interface",
    ("commands", "SENDER"): "eMSP Interface",
}


# --- versions -----------------------------------------------------------------------------------

VERSIONS = Module(
    id="versions",
    title="Versions",
    spec=f"{VIF}#version-information-endpoint",
    objects=("Version", "VersionDetails"),
    interfaces=(
        Interface(
            role="",
            implemented_by=ALL_ROLES,
            spec=f"{VIF}#version-information-endpoint",
            required=True,
            operations=(
                Operation(
                    name="get_versions",
                    method=Method.GET,
                    path="",
                    spec=f"{VIF}#get",
                    response=Body("Version", PLUS),
                    note="on the versions URL exchanged offline; 'Both the CPO and the eMSP must"
                    " have this endpoint'",
                ),
                Operation(
                    name="get_version_details",
                    method=Method.GET,
                    path="",
                    target="version_url",
                    spec=f"{VIF}#get-1",
                    response=Body("VersionDetails", ONE, "version + endpoints (Endpoint +)"),
                    note="on the Version.url of the chosen version; 'Both the CPO and the eMSP"
                    " must have this endpoint'",
                ),
            ),
        ),
    ),
)


# --- credentials --------------------------------------------------------------------------------

CREDENTIALS = Module(
    id="credentials",
    title="Credentials",
    spec=f"{CRED}#credentials-endpoint",
    objects=("Credentials",),
    interfaces=(
        Interface(
            role="",
            implemented_by=ALL_ROLES,
            spec=f"{CRED}#1-interfaces-and-endpoints",
            required=True,
            operations=(
                Operation(
                    name="get",
                    method=Method.GET,
                    path="",
                    spec=f"{CRED}#11-get-method",
                    response=Body("Credentials", ONE, "credentials to access the server"),
                ),
                Operation(
                    name="post",
                    method=Method.POST,
                    path="",
                    spec=f"{CRED}#12-post-method",
                    request=Body("Credentials", ONE, "client's credentials (token B)"),
                    response=Body("Credentials", ONE, "new server credentials (token C)"),
                    note=(
                        "must return HTTP 405 if already registered; server must fetch client's"
                        " endpoints; 3001 (should) if it cannot, 3003 if expected endpoints missing"
                    ),
                ),
                Operation(
                    name="put",
                    method=Method.PUT,
                    path="",
                    spec=f"{CRED}#13-put-method",
                    request=Body("Credentials", ONE, "client's updated credentials"),
                    response=Body("Credentials", ONE, "new server credentials (new token)"),
                    note=(
                        "must return HTTP 405 if not registered yet; switches to this version and"
                        " must re-fetch the client's endpoints"
                    ),
                ),
                Operation(
                    name="delete",
                    method=Method.DELETE,
                    path="",
                    spec=f"{CRED}#14-delete-method",
                    response=NO_DATA,
                    note="must return HTTP 405 if not registered; unregisters",
                ),
            ),
        ),
    ),
)


# --- locations ----------------------------------------------------------------------------------

_LOC_OBJECT_SPEC = f"{LOC}#get-object-request-parameters"

LOCATIONS = Module(
    id="locations",
    title="Locations",
    spec=f"{LOC}#locations-module",
    objects=("Location", "EVSE", "Connector"),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=("CPO",),
            spec=f"{LOC}#21-cpo-interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{LOC}#get-list-request-parameters",
                    query=PAGINATION_QUERY,
                    response=Body("Location", MANY, "all locations with valid EVSEs"),
                    paginated=True,
                    note=LIST_NOTE,
                ),
                Operation(
                    name="get_location",
                    method=Method.GET,
                    path=LOCATION_PATH,
                    spec=_LOC_OBJECT_SPEC,
                    path_params=(LOCATION_ID,),
                    response=Body("Location", ONE),
                ),
                Operation(
                    name="get_evse",
                    method=Method.GET,
                    path=EVSE_PATH,
                    spec=_LOC_OBJECT_SPEC,
                    path_params=(LOCATION_ID, EVSE_UID),
                    response=Body("EVSE", ONE),
                ),
                Operation(
                    name="get_connector",
                    method=Method.GET,
                    path=CONNECTOR_PATH,
                    spec=_LOC_OBJECT_SPEC,
                    path_params=(LOCATION_ID, EVSE_UID, CONNECTOR_ID),
                    response=Body("Connector", ONE),
                ),
            ),
        ),
        Interface(
            role="RECEIVER",
            implemented_by=("EMSP",),
            spec=f"{LOC}#22-emsp-interface",
            operations=(
                Operation(
                    name="get_location",
                    method=Method.GET,
                    path=OWNER_PATH + LOCATION_PATH,
                    spec=f"{LOC}#221-get-method",
                    path_params=(*OWNER, LOCATION_ID),
                    response=Body("Location", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="get_evse",
                    method=Method.GET,
                    path=OWNER_PATH + EVSE_PATH,
                    spec=f"{LOC}#221-get-method",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID),
                    response=Body("EVSE", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="get_connector",
                    method=Method.GET,
                    path=OWNER_PATH + CONNECTOR_PATH,
                    spec=f"{LOC}#221-get-method",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID, CONNECTOR_ID),
                    response=Body("Connector", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_location",
                    method=Method.PUT,
                    path=OWNER_PATH + LOCATION_PATH,
                    spec=f"{LOC}#222-put-method",
                    path_params=(*OWNER, LOCATION_ID),
                    request=Body("Location", ONE, "new Location, or Location to replace"),
                    response=NO_DATA,
                    note=PUSH_NOTE,
                ),
                Operation(
                    name="put_evse",
                    method=Method.PUT,
                    path=OWNER_PATH + EVSE_PATH,
                    spec=f"{LOC}#222-put-method",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID),
                    request=Body("EVSE", ONE, "new EVSE, or EVSE to replace"),
                    response=NO_DATA,
                    note=PARENT_LAST_UPDATED,
                ),
                Operation(
                    name="put_connector",
                    method=Method.PUT,
                    path=OWNER_PATH + CONNECTOR_PATH,
                    spec=f"{LOC}#222-put-method",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID, CONNECTOR_ID),
                    request=Body("Connector", ONE, "new Connector, or Connector to replace"),
                    response=NO_DATA,
                    note=PARENT_LAST_UPDATED,
                ),
                Operation(
                    name="patch_location",
                    method=Method.PATCH,
                    path=OWNER_PATH + LOCATION_PATH,
                    spec=f"{LOC}#223-patch-method",
                    path_params=(*OWNER, LOCATION_ID),
                    request=Body("Location", ONE, PATCH_NOTE),
                    response=NO_DATA,
                ),
                Operation(
                    name="patch_evse",
                    method=Method.PATCH,
                    path=OWNER_PATH + EVSE_PATH,
                    spec=f"{LOC}#223-patch-method",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID),
                    request=Body("EVSE", ONE, PATCH_NOTE),
                    response=NO_DATA,
                    note="status REMOVED deletes an EVSE (mod_locations.md#1-flow-and-lifecycle)",
                ),
                Operation(
                    name="patch_connector",
                    method=Method.PATCH,
                    path=OWNER_PATH + CONNECTOR_PATH,
                    spec=f"{LOC}#223-patch-method",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID, CONNECTOR_ID),
                    request=Body("Connector", ONE, PATCH_NOTE),
                    response=NO_DATA,
                ),
            ),
        ),
    ),
)


# --- sessions -----------------------------------------------------------------------------------

_SESSION_PATH = OWNER_PATH + "/{session_id}"

SESSIONS = Module(
    id="sessions",
    title="Sessions",
    spec=f"{SES}#sessions-module",
    objects=("Session",),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=("CPO",),
            spec=f"{SES}#21-cpo-interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{SES}#211-get-method",
                    query=SESSIONS_LIST_QUERY,
                    response=Body("Session", MANY),
                    paginated=True,
                    note="date_from is Required 'yes' in this table only; " + LIST_NOTE,
                ),
            ),
        ),
        Interface(
            role="RECEIVER",
            implemented_by=("EMSP",),
            spec=f"{SES}#22-emsp-interface",
            operations=(
                Operation(
                    name="get_session",
                    method=Method.GET,
                    path=_SESSION_PATH,
                    spec=f"{SES}#221-get-method",
                    path_params=(*OWNER, SESSION_ID),
                    response=Body("Session", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_session",
                    method=Method.PUT,
                    path=_SESSION_PATH,
                    spec=f"{SES}#222-put-method",
                    path_params=(*OWNER, SESSION_ID),
                    request=Body("Session", ONE, "new or updated Session"),
                    response=NO_DATA,
                    note=PUSH_NOTE,
                ),
                Operation(
                    name="patch_session",
                    method=Method.PATCH,
                    path=_SESSION_PATH,
                    spec=f"{SES}#223-patch-method",
                    path_params=(*OWNER, SESSION_ID),
                    request=Body("Session", ONE, PATCH_NOTE),
                    response=NO_DATA,
                    note="no rule for charging_periods in a PATCH (2.2 added appending)",
                ),
            ),
        ),
    ),
)


# --- cdrs ---------------------------------------------------------------------------------------

CDRS = Module(
    id="cdrs",
    title="CDRs",
    spec=f"{CDR_}#cdrs-module",
    objects=("CDR",),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=("CPO",),
            spec=f"{CDR_}#21-cpo-interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{CDR_}#211-get-method",
                    query=PAGINATION_QUERY,
                    response=Body("CDR", MANY),
                    paginated=True,
                    note=LIST_NOTE,
                ),
            ),
        ),
        Interface(
            role="RECEIVER",
            implemented_by=("EMSP",),
            spec=f"{CDR_}#22-emsp-interface",
            operations=(
                Operation(
                    name="get_cdr",
                    method=Method.GET,
                    path="",
                    target="location_header",
                    spec=f"{CDR_}#221-get-method",
                    response=Body("CDR", ONE),
                    note="GET on the URL returned in the response to the POST (Location header)",
                ),
                Operation(
                    name="post_cdr",
                    method=Method.POST,
                    path="",
                    spec=f"{CDR_}#222-post-method",
                    request=Body("CDR", ONE, "full and final new CDR"),
                    response=NO_DATA,
                    note="response header Location (URL, Required yes) points to the created CDR",
                ),
            ),
        ),
    ),
)


# --- tariffs ------------------------------------------------------------------------------------

_TARIFF_PATH = OWNER_PATH + "/{tariff_id}"

TARIFFS = Module(
    id="tariffs",
    title="Tariffs",
    spec=f"{TAR}#tariffs-module",
    objects=("Tariff",),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=("CPO",),
            spec=f"{TAR}#21-cpo-interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{TAR}#211-get-method",
                    query=PAGINATION_QUERY,
                    response=Body("Tariff", MANY),
                    paginated=True,
                    note=LIST_NOTE,
                ),
            ),
        ),
        Interface(
            role="RECEIVER",
            implemented_by=("EMSP",),
            spec=f"{TAR}#22-emsp-interface",
            operations=(
                Operation(
                    name="get_tariff",
                    method=Method.GET,
                    path=_TARIFF_PATH,
                    spec=f"{TAR}#221-get-method",
                    path_params=(*OWNER, TARIFF_ID),
                    response=Body("Tariff", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_tariff",
                    method=Method.PUT,
                    path=_TARIFF_PATH,
                    spec=f"{TAR}#222-put-method",
                    path_params=(*OWNER, TARIFF_ID),
                    request=Body("Tariff", ONE, "new or updated Tariff"),
                    response=NO_DATA,
                    note=PUSH_NOTE,
                ),
                Operation(
                    name="patch_tariff",
                    method=Method.PATCH,
                    path=_TARIFF_PATH,
                    spec=f"{TAR}#223-patch-method",
                    path_params=(*OWNER, TARIFF_ID),
                    request=Body("Tariff", ONE, PATCH_NOTE),
                    response=NO_DATA,
                    note="no parameter table: path as PUT ('works the same as the PUT method')",
                ),
                Operation(
                    name="delete_tariff",
                    method=Method.DELETE,
                    path=_TARIFF_PATH,
                    spec=f"{TAR}#224-delete-method",
                    path_params=(*OWNER, TARIFF_ID),
                    response=NO_DATA,
                ),
            ),
        ),
    ),
)


# --- tokens -------------------------------------------------------------------------------------

_TOKEN_PATH = OWNER_PATH + "/{token_uid}"

TOKENS = Module(
    id="tokens",
    title="Tokens",
    spec=f"{TOK}#tokens-module",
    objects=("Token", "AuthorizationInfo", "LocationReferences"),
    interfaces=(
        Interface(
            role="RECEIVER",
            implemented_by=("CPO",),
            spec=f"{TOK}#21-cpo-interface",
            operations=(
                Operation(
                    name="get_token",
                    method=Method.GET,
                    path=_TOKEN_PATH,
                    spec=f"{TOK}#211-get-method",
                    path_params=(*OWNER, TOKEN_UID),
                    response=Body("Token", ONE),
                    note="no ?type: the uid alone names the Token; " + GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_token",
                    method=Method.PUT,
                    path=_TOKEN_PATH,
                    spec=f"{TOK}#212-put-method",
                    path_params=(*OWNER, TOKEN_UID),
                    request=Body("Token", ONE, "new or updated Token"),
                    response=NO_DATA,
                    note=PUSH_NOTE,
                ),
                Operation(
                    name="patch_token",
                    method=Method.PATCH,
                    path=_TOKEN_PATH,
                    spec=f"{TOK}#212-patch-method",
                    path_params=(*OWNER, TOKEN_UID),
                    request=Body("Token", ONE, PATCH_NOTE),
                    response=NO_DATA,
                    note="no parameter table: path as PUT ('Same as the PUT method')",
                ),
            ),
        ),
        Interface(
            role="SENDER",
            implemented_by=("EMSP",),
            spec=f"{TOK}#22-emsp-interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{TOK}#221-get-method",
                    query=PAGINATION_QUERY,
                    response=Body("Token", MANY),
                    paginated=True,
                    note=LIST_NOTE,
                ),
                Operation(
                    name="post_authorize",
                    method=Method.POST,
                    path="/{token_uid}/authorize",
                    spec=f"{TOK}#222-post-method",
                    path_params=(TOKEN_UID,),
                    query=(TOKEN_TYPE,),
                    request=Body("LocationReferences", OPT),
                    response=Body("AuthorizationInfo", ONE),
                    note=(
                        "too little information (no LocationReferences): 2002 (SHOULD); the text"
                        " says nothing of an unknown token; only needed for whitelist != ALWAYS"
                    ),
                ),
            ),
        ),
    ),
)


# --- commands -----------------------------------------------------------------------------------

COMMANDS = Module(
    id="commands",
    title="Commands",
    spec=f"{CMD}#commands-module",
    objects=(
        "CommandResponseType",
        "CommandResponse",
        "ReserveNow",
        "StartSession",
        "StopSession",
        "UnlockConnector",
    ),
    interfaces=(
        Interface(
            role="RECEIVER",
            implemented_by=("CPO",),
            spec=f"{CMD}#21-cpo-interface",
            operations=(
                Operation(
                    name="post_command",
                    method=Method.POST,
                    path="/{command}",
                    spec=f"{CMD}#211-post-method",
                    path_params=(PathParam("command", "CommandType"),),
                    request=Body(
                        None,
                        ONE,
                        "one of ReserveNow/StartSession/StopSession/UnlockConnector depending on"
                        " {command} (SHALL)",
                    ),
                    response=Body(
                        "CommandResponseType",
                        ONE,
                        "an enum value: the CPO's, not the Charge Point's",
                    ),
                    note=(
                        "status 2003 for an unknown Location (status_codes example); the Charge"
                        " Point's result follows as POST of a CommandResponse to the body's"
                        " response_url when ACCEPTED; no timeout is announced"
                    ),
                ),
            ),
        ),
        Interface(
            role="SENDER",
            implemented_by=("EMSP",),
            spec=f"{CMD}#22-emsp-interface",
            operations=(
                Operation(
                    name="post_command_result",
                    method=Method.POST,
                    path="",
                    target="response_url",
                    spec=f"{CMD}#221-post-method",
                    request=Body("CommandResponse", ONE, "result from the Charge Point"),
                    response=NO_DATA,
                    note=(
                        "POSTed to the response_url of the command request body: 'The CPO is"
                        " required to use this URL for the asynchronous response'"
                    ),
                ),
            ),
        ),
    ),
)


MODULES: dict[str, Module] = {
    m.id: m for m in (VERSIONS, CREDENTIALS, LOCATIONS, SESSIONS, CDRS, TARIFFS, TOKENS, COMMANDS)
}


def operation(module: str, interface: str, name: str) -> Operation:
    """One operation of the registry, e.g. operation("credentials", "", "post")."""
    return MODULES[module].interface(interface).operation(name)


def client_owned(obj: str) -> bool:
    """Whether `obj` is a Client Owned Object: a Receiver takes it whole by PUT at
    {country-code}/{party-id}/{object-id} (transport_and_format.md#client-owned-object-push).
    In 2.1.1 the owner is in that URL only: no object carries country_code or party_id. An EVSE
    or Connector is PUT below its Location's URL: part of a client owned object, not one."""
    return any(
        op.method == "PUT"
        and op.request is not None
        and op.request.obj == obj
        and op.path.startswith(OWNER_PATH)
        and op.path.count("/") == OWNER_PATH.count("/") + 1
        for module in MODULES.values()
        for interface in module.interfaces
        if interface.role == "RECEIVER"
        for op in interface.operations
    )


def command_object(command: str) -> str:
    """The request object of a CommandType (mod_commands.md#request-body):
    START_SESSION -> StartSession."""
    return "".join(word.capitalize() for word in command.split("_"))


EARLIEST = "2000-01-01T00:00:00Z"  # a date_from before anything a party holds


def required_list_params(module: str) -> dict[str, str]:
    """What every request of a module's Sender list must carry: the Sessions list makes
    date_from required (mod_sessions.md#211-get-method), so it gets the earliest instant."""
    query = MODULES[module].interface("SENDER").operation("get_list").query
    return {q.name: EARLIEST for q in query if q.required and q.name == "date_from"}


def listed_object(module: str) -> str:
    """The object a module's Sender list carries: its get_list response (Session for sessions)."""
    body = MODULES[module].interface("SENDER").operation("get_list").response
    assert body is not None and body.obj is not None, f"{module} lists no object"
    return body.obj


# Every 2.1.1 endpoint structure writes a '/' before what follows the endpoint URL
# ("/ocpi/cpo/2.0/tokens/{country_code}/...", "/ocpi/cpo/2.0/commands/{command}").
UNSLASHED_STRUCTURES: frozenset[str] = frozenset()

# No list field is appended to by a PATCH: mod_sessions.md#223-patch-method says only "Same as
# the PUT method, but only the fields/objects that have to be updated have to be present" (2.2
# added appending charging_periods).
PATCH_APPENDS: dict[str, tuple[str, ...]] = {}

AMBIGUITIES: tuple[str, ...] = (
    "interfaces: 2.1.1 names a module's interfaces 'CPO Interface' and 'eMSP Interface' and its"
    " endpoints have no role: the registry keeps SENDER/RECEIVER as the harness's names for them"
    " (INTERFACE_NAMES): the CPO Interface is SENDER for locations, sessions, cdrs and tariffs and"
    " RECEIVER for tokens and commands; the eMSP Interface is the other. A party publishes one"
    " URL per module, so which interface it serves follows from the party being CPO or eMSP.",
    "versions: the versions GET 'Data' table has a property 'versions' (Version +), yet the"
    " examples (version_information_endpoint.md#example, transport_and_format.md) put the list"
    " itself in data: read as data = Version +.",
    "versions: the version details data is the second 'Data' table (anchor data-1), no object"
    " name: named VersionDetails, card 1.",
    "credentials/versions: interface role '' and implemented by both parties ('Due to its"
    " symmetric nature, the CPO and eMSP can be swapped').",
    "credentials: no Request Body / Response Data tables; from the prose GET/POST/PUT answer one"
    " Credentials and POST/PUT send one; DELETE has no data.",
    "locations: GET Object / PUT / PATCH are one URL with optional evse_uid and connector_id"
    " (Required 'no'): split into location/evse/connector operations where they are required.",
    "locations/sessions/tariffs/tokens: PATCH ('Same as the PUT method, but only the fields/"
    "objects that have to be updated have to be present') requires no field: patch_requires ()"
    " and the PATCH schema requires nothing.",
    "sessions: the CPO GET list marks date_from Required 'yes' while every other list makes it"
    " optional: kept required as the table says.",
    "cdrs: the eMSP GET has no parameters ('the URL, returned in the response to a POST of a new"
    " CDR, has to be used'): target location_header, path ''.",
    "tariffs: the PATCH example is headed 'PUT To URL' but stands under the PATCH method and sends"
    " a partial Tariff: read as a PATCH.",
    "tokens: the CPO Interface has no ?type (2.2 added it): a Token is named by its uid in the"
    " URL; identity() still tells list items apart by uid and type ('The combination of uid and"
    " type should be unique for every token within an eMSPs system').",
    "tokens: authorize lists token_type among the parameters 'provided as URL segments' while the"
    " endpoint structure is '/authorize?{type=token_type}': read as the query parameter 'type'.",
    "tokens: the text does not say how an eMSP answers authorize for an unknown Token (2.2.1:"
    " 2004, which 2.1.1 does not have): no rule.",
    "commands: the CPO's answer (mod_commands.md#response-data) is typed CommandResponseType,"
    " card 1, and the 2.1.1 changelog lets data be a String 'needed for the commands module': read"
    ' as data = the enum value itself, e.g. "ACCEPTED" (a {"result": ...} object is the'
    " alternative reading many implementations took).",
    "commands: the eMSP POST's Request Body table says CommandResponseType, while the command"
    " objects' response_url is the 'URL that the CommandResponse POST should be sent to' and the"
    " CommandResponse object's result is the one 'sent by the Charge Point to the CPO': read as a"
    " CommandResponse object POSTed to response_url.",
    "commands: nothing says how long the eMSP waits for the result (no timeout field; TIMEOUT is"
    " a result the CPO sends).",
    "commands: the eMSP interface has example structures '/commands/{command}' and"
    " '/commands/{command}/{uid}', but 'There are no URL segment parameters required by OCPI' and"
    " the CPO must use the response_url: path '' at target response_url.",
    "commands: the request body is a choice of objects: obj None, the choice in the note;"
    " command_object() names the object of a command.",
    "commands: the command path parameter links to #41-commandresponsetype-enum but is named"
    " and described as CommandType: typed CommandType.",
)
