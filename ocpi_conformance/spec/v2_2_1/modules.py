"""OCPI 2.2.1 module registry data: every module, its interfaces, who implements them, each call.

The shapes live in `ocpi_conformance.spec.registry`; this file holds only what the 2.2.1 AsciiDoc
("Interfaces and endpoints" of every module, tag 2.2.1) says, so clients, peers, suites and schema
export read endpoints, bodies and cardinalities from one place instead of re-reading the spec.
Where the spec is unclear, the reading taken is listed in `AMBIGUITIES` at the end.
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
from ocpi_conformance.spec.v2_2_1.documents import CDR as CDR_
from ocpi_conformance.spec.v2_2_1.documents import CMD, CPR, HCI, LOC, SES, TAR, TOK, VIF
from ocpi_conformance.spec.v2_2_1.documents import CRD as CRED

ONE = Cardinality.ONE
OPT = Cardinality.OPTIONAL
MANY = Cardinality.MANY
PLUS = Cardinality.AT_LEAST_ONE

ALL_ROLES: tuple[str, ...] = ("CPO", "EMSP", "HUB", "NAP", "NSP", "OTHER", "SCSP")

# --- shared parameters --------------------------------------------------------------------------

# transport_and_format.asciidoc#transport_and_format_paginated_request; every module's list table
# repeats these with Required "no" (Sessions makes date_from required, see SESSIONS_LIST_QUERY).
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

# Client Owned Object URL segments (transport_and_format_client_owned_object_push).
COUNTRY_CODE = PathParam("country_code", "CiString(2)")
PARTY_ID = PathParam("party_id", "CiString(3)")
OWNER: tuple[PathParam, ...] = (COUNTRY_CODE, PARTY_ID)
OWNER_PATH = "/{country_code}/{party_id}"

LOCATION_ID = PathParam("location_id", "CiString(36)")
EVSE_UID = PathParam("evse_uid", "CiString(36)")
CONNECTOR_ID = PathParam("connector_id", "CiString(36)")
SESSION_ID = PathParam("session_id", "CiString(36)")
TARIFF_ID = PathParam("tariff_id", "CiString(36)")
TOKEN_UID = PathParam("token_uid", "CiString(36)")

TOKEN_TYPE = QueryParam("type", "TokenType")  # optional, default RFID
RESPONSE_URL = QueryParam("response_url", "URL", required=True)

LOCATION_PATH = "/{location_id}"
EVSE_PATH = "/{location_id}/{evse_uid}"
CONNECTOR_PATH = "/{location_id}/{evse_uid}/{connector_id}"

# --- shared bodies and notes --------------------------------------------------------------------

NO_DATA = Body(None, OPT, "the spec defines no response data")
DATA_OMITTED = Body(None, OPT, "response SHALL contain the Response Format with data omitted")
LAST_UPDATED: tuple[str, ...] = ("last_updated",)

PUSH_NOTE = (
    "status_codes: HTTP 201 SHOULD when newly created, 200 when updated; URL country_code/party_id"
    " SHALL equal the pushed object's"
)
GET_PUSHED_NOTE = "status_codes: HTTP 404 SHOULD be returned when the object does not exist"
PARENT_LAST_UPDATED = "Receiver SHALL also set the new last_updated on the parent object(s)"
LIST_NOTE = "paginated: Link, X-Total-Count, X-Limit headers (transport_and_format)"


# --- versions -----------------------------------------------------------------------------------

VERSIONS = Module(
    id="versions",
    title="Versions",
    spec=f"{VIF}#versions_module",
    objects=("Version", "VersionDetails"),
    interfaces=(
        Interface(
            role="",
            implemented_by=ALL_ROLES,
            spec=f"{VIF}#versions_module",
            required=True,
            operations=(
                Operation(
                    name="get_versions",
                    method=Method.GET,
                    path="",
                    spec=f"{VIF}#version_information_endpoint_get",
                    response=Body("Version", PLUS),
                    note="on the versions URL exchanged offline; CPOs and eMSPs MUST implement it",
                ),
                Operation(
                    name="get_version_details",
                    method=Method.GET,
                    path="",
                    target="version_url",
                    spec=f"{VIF}#version_information_get_endpoint",
                    response=Body("VersionDetails", ONE, "version + endpoints (Endpoint +)"),
                    note="on the Version.url of the chosen version, not on the versions URL",
                ),
            ),
        ),
    ),
)


# --- credentials --------------------------------------------------------------------------------

CREDENTIALS = Module(
    id="credentials",
    title="Credentials",
    spec=f"{CRED}#credentials_credentials_endpoint",
    objects=("Credentials",),
    interfaces=(
        Interface(
            role="",
            implemented_by=ALL_ROLES,
            spec=f"{CRED}#credentials_interfaces_and_endpoints",
            required=True,
            operations=(
                Operation(
                    name="get",
                    method=Method.GET,
                    path="",
                    spec=f"{CRED}#credentials_get_method",
                    response=Body("Credentials", ONE, "credentials to access the server"),
                ),
                Operation(
                    name="post",
                    method=Method.POST,
                    path="",
                    spec=f"{CRED}#credentials_post_method",
                    request=Body("Credentials", ONE, "client's credentials (token B)"),
                    response=Body("Credentials", ONE, "new server credentials (token C)"),
                    note=(
                        "MUST return HTTP 405 if already registered; server must fetch client's"
                        " endpoints; 3001 if it cannot, 3003 if expected endpoints missing"
                    ),
                ),
                Operation(
                    name="put",
                    method=Method.PUT,
                    path="",
                    spec=f"{CRED}#credentials_put_method",
                    request=Body("Credentials", ONE, "client's updated credentials"),
                    response=Body("Credentials", ONE, "new server credentials (new token)"),
                    note=(
                        "MUST return HTTP 405 if not registered yet; switches to this version and"
                        " re-fetches the client's endpoints"
                    ),
                ),
                Operation(
                    name="delete",
                    method=Method.DELETE,
                    path="",
                    spec=f"{CRED}#credentials_delete_method",
                    response=NO_DATA,
                    note="MUST return HTTP 405 if not registered before; unregisters",
                ),
            ),
        ),
    ),
)


# --- locations ----------------------------------------------------------------------------------

_LOC_OBJECT_SPEC = f"{LOC}#mod_locations_get_object_request_parameters"

LOCATIONS = Module(
    id="locations",
    title="Locations",
    spec=f"{LOC}#mod_locations_locations_module",
    objects=("Location", "EVSE", "Connector"),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=("CPO",),
            spec=f"{LOC}#mod_locations_cpo_interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{LOC}#mod_locations_get_list_request_parameters",
                    query=PAGINATION_QUERY,
                    response=Body("Location", MANY, "all Locations with valid EVSEs"),
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
            implemented_by=("EMSP", "NSP"),
            spec=f"{LOC}#mod_locations_emsp_interface",
            operations=(
                Operation(
                    name="get_location",
                    method=Method.GET,
                    path=OWNER_PATH + LOCATION_PATH,
                    spec=f"{LOC}#mod_locations_get_method_eMSP",
                    path_params=(*OWNER, LOCATION_ID),
                    response=Body("Location", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="get_evse",
                    method=Method.GET,
                    path=OWNER_PATH + EVSE_PATH,
                    spec=f"{LOC}#mod_locations_get_method_eMSP",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID),
                    response=Body("EVSE", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="get_connector",
                    method=Method.GET,
                    path=OWNER_PATH + CONNECTOR_PATH,
                    spec=f"{LOC}#mod_locations_get_method_eMSP",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID, CONNECTOR_ID),
                    response=Body("Connector", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_location",
                    method=Method.PUT,
                    path=OWNER_PATH + LOCATION_PATH,
                    spec=f"{LOC}#mod_locations_put_method",
                    path_params=(*OWNER, LOCATION_ID),
                    request=Body("Location", ONE, "new Location, or Location to replace"),
                    response=NO_DATA,
                    note=PUSH_NOTE,
                ),
                Operation(
                    name="put_evse",
                    method=Method.PUT,
                    path=OWNER_PATH + EVSE_PATH,
                    spec=f"{LOC}#mod_locations_put_method",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID),
                    request=Body("EVSE", ONE, "new EVSE, or EVSE to replace"),
                    response=NO_DATA,
                    note=PARENT_LAST_UPDATED + " (Location)",
                ),
                Operation(
                    name="put_connector",
                    method=Method.PUT,
                    path=OWNER_PATH + CONNECTOR_PATH,
                    spec=f"{LOC}#mod_locations_put_method",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID, CONNECTOR_ID),
                    request=Body("Connector", ONE, "new Connector, or Connector to replace"),
                    response=NO_DATA,
                    note=PARENT_LAST_UPDATED + " (EVSE and Location)",
                ),
                Operation(
                    name="patch_location",
                    method=Method.PATCH,
                    path=OWNER_PATH + LOCATION_PATH,
                    spec=f"{LOC}#mod_locations_patch_method",
                    path_params=(*OWNER, LOCATION_ID),
                    request=Body("Location", ONE, "partial: only the fields to update"),
                    response=NO_DATA,
                    patch_requires=LAST_UPDATED,
                    note="status_codes: 2001 e.g. for a PATCH missing last_updated",
                ),
                Operation(
                    name="patch_evse",
                    method=Method.PATCH,
                    path=OWNER_PATH + EVSE_PATH,
                    spec=f"{LOC}#mod_locations_patch_method",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID),
                    request=Body("EVSE", ONE, "partial: only the fields to update"),
                    response=NO_DATA,
                    patch_requires=LAST_UPDATED,
                    note=PARENT_LAST_UPDATED + " (Location); status REMOVED deletes an EVSE",
                ),
                Operation(
                    name="patch_connector",
                    method=Method.PATCH,
                    path=OWNER_PATH + CONNECTOR_PATH,
                    spec=f"{LOC}#mod_locations_patch_method",
                    path_params=(*OWNER, LOCATION_ID, EVSE_UID, CONNECTOR_ID),
                    request=Body("Connector", ONE, "partial: only the fields to update"),
                    response=NO_DATA,
                    patch_requires=LAST_UPDATED,
                    note=PARENT_LAST_UPDATED + " (EVSE and Location)",
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
    spec=f"{SES}#mod_sessions_sessions_module",
    objects=("Session", "ChargingPreferences", "ChargingPreferencesResponse"),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=("CPO",),
            spec=f"{SES}#mod_sessions_cpo_interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{SES}#mod_sessions_cpo_get_request_parameters",
                    query=SESSIONS_LIST_QUERY,
                    response=Body("Session", MANY),
                    paginated=True,
                    note="date_from is Required 'yes' in this table only; " + LIST_NOTE,
                ),
                Operation(
                    name="put_charging_preferences",
                    method=Method.PUT,
                    path="/{session_id}/charging_preferences",
                    spec=f"{SES}#mod_sessions_cpo_put_method",
                    path_params=(SESSION_ID,),
                    request=Body("ChargingPreferences", ONE),
                    response=Body("ChargingPreferencesResponse", ONE, "an enum value"),
                    note="the /charging_preferences URL suffix is required",
                ),
            ),
        ),
        Interface(
            role="RECEIVER",
            implemented_by=("EMSP", "SCSP"),
            spec=f"{SES}#mod_sessions_emsp_interface",
            operations=(
                Operation(
                    name="get_session",
                    method=Method.GET,
                    path=_SESSION_PATH,
                    spec=f"{SES}#mod_sessions_msp_get_method",
                    path_params=(*OWNER, SESSION_ID),
                    response=Body("Session", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_session",
                    method=Method.PUT,
                    path=_SESSION_PATH,
                    spec=f"{SES}#mod_sessions_msp_put_method",
                    path_params=(*OWNER, SESSION_ID),
                    request=Body("Session", ONE, "new or updated Session"),
                    response=NO_DATA,
                    note="replaces the object incl. charging_periods (omitted/empty removes them)",
                ),
                Operation(
                    name="patch_session",
                    method=Method.PATCH,
                    path=_SESSION_PATH,
                    spec=f"{SES}#mod_sessions_patch_method",
                    path_params=(*OWNER, SESSION_ID),
                    request=Body("Session", ONE, "partial: only the fields to update"),
                    response=NO_DATA,
                    patch_requires=LAST_UPDATED,
                    note=(
                        "whole Session only, no extra URL segments; charging_periods in a PATCH"
                        " SHALL be appended to the existing list"
                    ),
                ),
            ),
        ),
    ),
)


# --- cdrs ---------------------------------------------------------------------------------------

CDRS = Module(
    id="cdrs",
    title="CDRs",
    spec=f"{CDR_}#mod_cdrs_cdrs_module",
    objects=("CDR",),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=("CPO",),
            spec=f"{CDR_}#mod_cdrs_cpo_interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{CDR_}#mod_cdrs_request_parameters",
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
            spec=f"{CDR_}#mod_cdrs_emsp_interface",
            operations=(
                Operation(
                    name="get_cdr",
                    method=Method.GET,
                    path="",
                    target="location_header",
                    spec=f"{CDR_}#mod_cdrs_msp_get_method",
                    response=Body("CDR", ONE),
                    note=(
                        "GET on the URL from the POST response Location header, not on the"
                        " endpoint URL: 'No structure defined'"
                    ),
                ),
                Operation(
                    name="post_cdr",
                    method=Method.POST,
                    path="",
                    spec=f"{CDR_}#mod_cdrs_post_method",
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
    spec=f"{TAR}#mod_tariffs_tariffs_module",
    objects=("Tariff",),
    interfaces=(
        Interface(
            role="SENDER",
            implemented_by=("CPO",),
            spec=f"{TAR}#mod_tariffs_cpo_interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{TAR}#mod_tariffs_cpo_get_request_parameters",
                    query=PAGINATION_QUERY,
                    response=Body("Tariff", MANY),
                    paginated=True,
                    note=LIST_NOTE,
                ),
            ),
        ),
        Interface(
            role="RECEIVER",
            implemented_by=("EMSP", "NSP"),
            spec=f"{TAR}#mod_tariffs_emsp_interface",
            operations=(
                Operation(
                    name="get_tariff",
                    method=Method.GET,
                    path=_TARIFF_PATH,
                    spec=f"{TAR}#mod_tariffs_msp_get_method",
                    path_params=(*OWNER, TARIFF_ID),
                    response=Body("Tariff", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_tariff",
                    method=Method.PUT,
                    path=_TARIFF_PATH,
                    spec=f"{TAR}#mod_tariffs_put_method",
                    path_params=(*OWNER, TARIFF_ID),
                    request=Body("Tariff", ONE, "new or updated Tariff"),
                    response=NO_DATA,
                    note=PUSH_NOTE,
                ),
                Operation(
                    name="delete_tariff",
                    method=Method.DELETE,
                    path=_TARIFF_PATH,
                    spec=f"{TAR}#mod_tariffs_delete_method",
                    path_params=(*OWNER, TARIFF_ID),
                    response=NO_DATA,
                    note="RECOMMENDED: Tariff no longer referenced by any Connector.tariff_ids",
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
    spec=f"{TOK}#mod_tokens_tokens_module",
    objects=("Token", "AuthorizationInfo", "LocationReferences"),
    interfaces=(
        Interface(
            role="RECEIVER",
            implemented_by=("CPO",),
            spec=f"{TOK}#mod_tokens_cpo_interface",
            operations=(
                Operation(
                    name="get_token",
                    method=Method.GET,
                    path=_TOKEN_PATH,
                    spec=f"{TOK}#mod_tokens_cpo_get_method",
                    path_params=(*OWNER, TOKEN_UID),
                    query=(TOKEN_TYPE,),
                    response=Body("Token", ONE),
                    note="type defaults to RFID when omitted; " + GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_token",
                    method=Method.PUT,
                    path=_TOKEN_PATH,
                    spec=f"{TOK}#mod_tokens_put_method",
                    path_params=(*OWNER, TOKEN_UID),
                    query=(TOKEN_TYPE,),
                    request=Body("Token", ONE, "new or updated Token"),
                    response=NO_DATA,
                    note=PUSH_NOTE,
                ),
                Operation(
                    name="patch_token",
                    method=Method.PATCH,
                    path=_TOKEN_PATH,
                    spec=f"{TOK}#mod_tokens_patch_method",
                    path_params=(*OWNER, TOKEN_UID),
                    query=(TOKEN_TYPE,),
                    request=Body("Token", ONE, "partial: only the fields to update"),
                    response=NO_DATA,
                    patch_requires=LAST_UPDATED,
                    note="no parameter table; path and ?type taken from the endpoint structure",
                ),
            ),
        ),
        Interface(
            role="SENDER",
            implemented_by=("EMSP",),
            spec=f"{TOK}#mod_tokens_emsp_interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{TOK}#mod_tokens_msp_get_request_parameters",
                    query=PAGINATION_QUERY,
                    response=Body("Token", MANY),
                    paginated=True,
                    note=LIST_NOTE,
                ),
                Operation(
                    name="post_authorize",
                    method=Method.POST,
                    path="/{token_uid}/authorize",
                    spec=f"{TOK}#mod_tokens_post_method",
                    path_params=(TOKEN_UID,),
                    query=(TOKEN_TYPE,),
                    request=Body("LocationReferences", OPT),
                    response=Body("AuthorizationInfo", ONE, "no data when the token is unknown"),
                    note=(
                        "unknown token: HTTP 404 (method text) / status 2004 without data (Response"
                        " Data); too little information: 2002; only needed for whitelist != ALWAYS"
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
    spec=f"{CMD}#mod_commands_commands_module",
    objects=(
        "CommandResponse",
        "CommandResult",
        "CancelReservation",
        "ReserveNow",
        "StartSession",
        "StopSession",
        "UnlockConnector",
    ),
    interfaces=(
        Interface(
            role="RECEIVER",
            implemented_by=("CPO",),
            spec=f"{CMD}#mod_commands_cpo_interface",
            operations=(
                Operation(
                    name="post_command",
                    method=Method.POST,
                    path="/{command}",
                    spec=f"{CMD}#mod_commands_cpo_post_method",
                    path_params=(PathParam("command", "CommandType"),),
                    request=Body(
                        None,
                        ONE,
                        "one of CancelReservation/ReserveNow/StartSession/StopSession/"
                        "UnlockConnector depending on {command} (SHALL)",
                    ),
                    response=Body("CommandResponse", ONE, "the CPO's, not the Charge Point's"),
                    note=(
                        "status 2003 for an unknown Location (status_codes example); result follows"
                        " as POST to the body's response_url when ACCEPTED"
                    ),
                ),
            ),
        ),
        Interface(
            role="SENDER",
            implemented_by=("EMSP",),
            spec=f"{CMD}#mod_commands_emsp_interface",
            operations=(
                Operation(
                    name="post_command_result",
                    method=Method.POST,
                    path="",
                    target="response_url",
                    spec=f"{CMD}#mod_commands_msp_post_method",
                    request=Body("CommandResult", ONE, "result from the Charge Point"),
                    response=NO_DATA,
                    note=(
                        "POSTed to the response_url of the command request body, not the endpoint"
                        " URL: 'No structure defined'"
                    ),
                ),
            ),
        ),
    ),
)


# --- charging profiles --------------------------------------------------------------------------

CHARGINGPROFILES = Module(
    id="chargingprofiles",
    title="Charging Profiles",
    spec=f"{CPR}#mod_charging_profiles_module",
    objects=(
        "ChargingProfileResponse",
        "ActiveChargingProfileResult",
        "ChargingProfileResult",
        "ClearProfileResult",
        "SetChargingProfile",
        "ActiveChargingProfile",
    ),
    interfaces=(
        Interface(
            role="RECEIVER",
            implemented_by=("CPO", "EMSP"),
            spec=f"{CPR}#mod_charging_profiles_cpo_interface",
            operations=(
                Operation(
                    name="get_active_charging_profile",
                    method=Method.GET,
                    path="/{session_id}",
                    spec=f"{CPR}#mod_charging_profiles_cpo_get_method",
                    path_params=(SESSION_ID,),
                    query=(QueryParam("duration", "int", required=True), RESPONSE_URL),
                    response=Body("ChargingProfileResponse", ONE, "the Receiver's, not the EVSE's"),
                    note="ActiveChargingProfileResult follows as POST to response_url if ACCEPTED",
                ),
                Operation(
                    name="put_charging_profile",
                    method=Method.PUT,
                    path="/{session_id}",
                    spec=f"{CPR}#mod_charging_profiles_cpo_put_method",
                    path_params=(SESSION_ID,),
                    request=Body("SetChargingProfile", ONE, "profile plus response_url"),
                    response=Body("ChargingProfileResponse", ONE, "the Receiver's, not the EVSE's"),
                    note="ChargingProfileResult follows as POST to response_url if ACCEPTED",
                ),
                Operation(
                    name="delete_charging_profile",
                    method=Method.DELETE,
                    path="/{session_id}",
                    spec=f"{CPR}#mod_charging_profiles_cpo_delete_method",
                    path_params=(SESSION_ID,),
                    query=(RESPONSE_URL,),
                    response=Body("ChargingProfileResponse", ONE, "the Receiver's, not the EVSE's"),
                    note="ClearProfileResult follows as POST to response_url if ACCEPTED",
                ),
            ),
        ),
        Interface(
            role="SENDER",
            implemented_by=("SCSP", "EMSP"),
            spec=f"{CPR}#mod_charging_profiles_emsp_interface",
            operations=(
                Operation(
                    name="post_charging_profile_result",
                    method=Method.POST,
                    path="",
                    target="response_url",
                    spec=f"{CPR}#mod_charging_profiles_msp_post_method",
                    request=Body(
                        None,
                        ONE,
                        "one of ActiveChargingProfileResult (GET) / ChargingProfileResult (PUT) /"
                        " ClearProfileResult (DELETE): request body of POST depends on the result",
                    ),
                    response=DATA_OMITTED,
                    note="POSTed to the response_url given by the Sender: 'No structure defined'",
                ),
                Operation(
                    name="put_active_charging_profile",
                    method=Method.PUT,
                    path="/{session_id}",
                    spec=f"{CPR}#mod_charging_profiles_msp_put_method",
                    path_params=(SESSION_ID,),
                    request=Body("ActiveChargingProfile", ONE),
                    response=DATA_OMITTED,
                    note=(
                        "Receiver SHALL call it on known changes, only for sessions with a"
                        " successful SetChargingProfile PUT; guide: 5-60 minutes of profile"
                    ),
                ),
            ),
        ),
    ),
)


# --- hub client info ----------------------------------------------------------------------------

HUBCLIENTINFO = Module(
    id="hubclientinfo",
    title="Hub Client Info",
    spec=f"{HCI}#mod_hub_client_info_module",
    objects=("ClientInfo",),
    interfaces=(
        Interface(
            role="RECEIVER",
            implemented_by=("CPO", "EMSP", "NAP", "NSP", "OTHER", "SCSP"),
            spec=f"{HCI}#mod_hub_client_info_client_interface",
            operations=(
                Operation(
                    name="get_client_info",
                    method=Method.GET,
                    path=OWNER_PATH,
                    spec=f"{HCI}#mod_hub_client_info_client_get",
                    path_params=OWNER,
                    response=Body("ClientInfo", ONE),
                    note=GET_PUSHED_NOTE,
                ),
                Operation(
                    name="put_client_info",
                    method=Method.PUT,
                    path=OWNER_PATH,
                    spec=f"{HCI}#mod_hub_client_info_client_put",
                    path_params=OWNER,
                    request=Body("ClientInfo", ONE, "new or updated ClientInfo"),
                    response=NO_DATA,
                    note="pushed by the Hub; invalidation = PUT with status SUSPENDED",
                ),
            ),
        ),
        Interface(
            role="SENDER",
            implemented_by=("HUB",),
            spec=f"{HCI}#mod_hub_client_info_hub_interface",
            operations=(
                Operation(
                    name="get_list",
                    method=Method.GET,
                    path="",
                    spec=f"{HCI}#mod_hub_client_info_hub_get",
                    query=PAGINATION_QUERY,
                    response=Body("ClientInfo", MANY),
                    paginated=True,
                    note=LIST_NOTE,
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
    )
}


def operation(module: str, interface: str, name: str) -> Operation:
    """One operation of the registry, e.g. operation("credentials", "", "post")."""
    return MODULES[module].interface(interface).operation(name)


def client_owned(obj: str) -> bool:
    """Whether `obj` is a Client Owned Object: a Receiver takes it whole by PUT or POST, and it
    names its owner (country_code, party_id) beside its id
    (transport_and_format_client_owned_object_push)."""
    from ocpi_conformance.spec.v2_2_1 import OBJECTS, identity_field

    fields = set(OBJECTS[obj].model_fields)
    if not {"country_code", "party_id", identity_field(obj)} <= fields:
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


def required_list_params(module: str) -> dict[str, str]:
    """What every request of a module's Sender list must carry: the Sessions list makes
    date_from required (mod_sessions_cpo_get_request_parameters), so it gets the earliest
    instant, which filters nothing out."""
    query = MODULES[module].interface("SENDER").operation("get_list").query
    return {q.name: EARLIEST for q in query if q.required and q.name == "date_from"}


def listed_object(module: str) -> str:
    """The object a module's Sender list carries: its get_list response (Session for sessions)."""
    body = MODULES[module].interface("SENDER").operation("get_list").response
    assert body is not None and body.obj is not None, f"{module} lists no object"
    return body.obj


# Modules whose endpoint structures glue what follows onto the endpoint URL without a '/'
# ("{token_endpoint_url}{country_code}/...", "{commands_endpoint_url}{command}"): a client that
# does so follows the letter of the text. Locations, Sessions and Tariffs write the '/'.
UNSLASHED_STRUCTURES = frozenset({"tokens", "commands", "chargingprofiles"})

# mod_sessions_patch_method: "When a PATCH request contains the `charging_periods` field ...
# this SHALL be processed as a request to add all the ChargingPeriod objects to the existing
# Session object" (a PATCH otherwise replaces the fields it carries).
PATCH_APPENDS: dict[str, tuple[str, ...]] = {"Session": ("charging_periods",)}

AMBIGUITIES: tuple[str, ...] = (
    "versions: 'Both, CPOs and eMSPs MUST implement' it, but hubclientinfo says the versions"
    " endpoint 'is provided by all parties' and credentials is required for all: implemented_by"
    " = all roles, required.",
    "versions: GET versions returns a list (Version +) yet is never called paginated, while"
    " transport_and_format says all list GETs have pagination: read as not paginated.",
    "versions: the version details data is a property table (version, endpoints) with no object"
    " name or cardinality: named VersionDetails, card 1.",
    "credentials: no Request Body / Response Data tables; from the prose GET/POST/PUT answer one"
    " Credentials and POST/PUT send one; DELETE has no data.",
    "credentials/versions: interface role '' and implemented by every role ('symmetric').",
    "no registry cardinality means 'no data': PUT/PATCH/DELETE/POST answers the spec leaves"
    " undefined use Body(None, '?'); chargingprofiles Sender answers (data omitted) likewise.",
    "locations: GET Object / PUT / PATCH are one URL with optional evse_uid and connector_id"
    " (Required 'no'): split into location/evse/connector operations where they are required.",
    "locations: PATCH has no own parameter or body table ('Same as the PUT method'): same path"
    " params, body = partial Location/EVSE/Connector.",
    "locations/tariffs: Receiver 'Typically implemented by ... eMSP and NSP' (the flow text only"
    " names eMSPs): implemented_by = EMSP, NSP.",
    "sessions: Sender GET list marks date_from Required 'yes' while transport_and_format and every"
    " other module make it optional: kept required as the table says.",
    "sessions: the charging_preferences PUT's tables use *_post_* anchors though the method is PUT:"
    " used PUT and the method anchor.",
    "cdrs: Receiver GET has 'No structure defined', URL comes from the POST Location header"
    " ('should contain' vs table Required 'yes'): path '' plus note; header taken as required.",
    "tokens: unknown token on authorize: method text says HTTP 404, Response Data says status 2004"
    " with no data field: both recorded in the note.",
    "tokens: PATCH has no parameter table: used the Receiver endpoint structure including ?type.",
    "tokens: Receiver endpoint structure '{token_endpoint_url}{country_code}/...' (no slash) and"
    " authorize '{tokens_endpoint_url}{token_uid}/authorize': read with a '/' separator.",
    "commands/chargingprofiles: endpoint structures '{commands_endpoint_url}{command}' and"
    " '{chargingprofiles_endpoint_url}{session_id}' lack a '/': read as '/{command}' and"
    " '/{session_id}'.",
    "commands/chargingprofiles: Sender POST goes to the response_url given in the request, not to"
    " the published endpoint: path '' plus note.",
    "commands/chargingprofiles: request bodies are a choice of objects: obj None, choice in note.",
    "chargingprofiles: Receiver 'Typically implemented by: CPO', but the SCSP-via-eMSP topology"
    " table lists the eMSP as Receiver towards the SCSP: implemented_by = CPO, EMSP.",
    "chargingprofiles: Sender 'Typically implemented by: SCSP', topologies also name the eMSP as"
    " Sender: implemented_by = SCSP, EMSP.",
    "chargingprofiles: Sender method table has both a PUT row (ActiveChargingProfile update) and"
    " 'PUT | n/a', and the row text says 'the Sender SHALL post': PUT kept, read as the Receiver.",
    "chargingprofiles: GET and DELETE say 'parameters shall be provided as URL segments' but the"
    " endpoint structure puts duration and response_url in the query: taken as query parameters.",
    "hubclientinfo: Receiver example path '/ocpi/cpo/2.0/clientinfo/{country_code}/{party_id}' and"
    " Sender GET structure '{locations_endpoint_url}?...': read as this module's own endpoint.",
    "hubclientinfo: 'A Hub SHALL report connected parties via the HubClientInfo module'"
    " (credentials) does not say which interface: neither interface marked required.",
    "hubclientinfo: Receiver 'Typically implemented by all parties connecting to a Hub':"
    " implemented_by = every role except HUB.",
)
