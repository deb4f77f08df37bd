"""Where the 2.3.0 text states what a 2.2.1 clause states: `FROM_2_2_1[c221]` is the 2.3.0 clause
(file.asciidoc#anchor, tag `v2.3.0-ed2`), for every clause the cases cite (`Case.spec`, written
against 2.2.1, and the registry clauses contracts fill in); None where 2.3.0 dropped the rule.

Edition 2 is the 2.2.1 text with its errata and the 2.3.0 changes, and it keeps every anchor of
the sections the cases cite: each entry below was read in both tags and names the same section.
A clause is a section; which of its rules a case judges is the case's. Where 2.3.0 rewords the
rule a case judges, the case either judges the 2.3.0 words through the run's Version (the same
id: the rule is the same) or does not run in 2.3.0 and a new id states the 2.3.0 rule (see
docs/spec-2.3.0.md). The sections whose words changed are marked; no cited section lost its
rule, so no entry is None (tests/test_cases_2_3_0.py keeps it so: a 2.3.0 case never cites a
dropped rule).
"""

from __future__ import annotations

from ocpi_conformance.spec.v2_2_1 import documents as v221
from ocpi_conformance.spec.v2_3_0 import documents as v230

# --- versions (version_information_endpoint.asciidoc) ---------------------------------------------
# VersionNumber and ModuleID are OpenEnums in 2.3.0 (any string is a value); the Endpoint class
# advises SENDER as the role of one's own credentials endpoint (a NOTE, d2).
_VERSIONS = (
    "version_information_endpoint_version_information_endpoint",
    "version_information_get_endpoint",
    "version_information_endpoint_version_class",
    "version_information_endpoint_versionnumber_enum",
    "version_information_endpoint_version_details_endpoint",
    "version_information_endpoint_get",
    "version_information_endpoint_endpoint_class",
    "version_information_endpoint_interface_role_enum",
    "version_information_endpoint_moduleid_enum",
    "versions_module",
)
# --- credentials (credentials.asciidoc) -----------------------------------------------------------
# credentials_credentials_object: 2.3.0 adds hub_party_id and drops "A Hub SHALL only reports
# itself as role: Hub" (Role has no HUB); the token row's "Case Sensitive, ASCII only" became a
# "should" (printable non-whitespace ASCII). What the cases cite it for (the url answers as a
# versions endpoint) reads the same.
_CREDENTIALS = (
    "credentials_credentials_object",
    "credentials_interfaces_and_endpoints",
    "credentials_get_method",
    "credentials_post_method",
    "credentials_put_method",
    "credentials_delete_method",
    "credentials_registration",
    "credentials_errors_during_registration",
)
# --- transport (transport_and_format.asciidoc, status_codes.asciidoc, types.asciidoc) ------------
# transport_and_format_authorization_header: the encoding said exactly (UTF-8, then Base64 by
# RFC 4648), the 401 rules word for word. status_codes_status_codes (ed2): an HTTP error is
# forbidden to a valid request for an existing resource "from a sender that is successfully
# authenticated and authorized": every request the harness judges that way comes with its
# valid token C, for its own objects or the target's lists.
_TAF = (
    "transport_and_format_authorization_header",
    "transport_and_format_response_format",
    "transport_and_format_paginated_request",
    "transport_and_format_paginated_response",
    "transport_and_format_errors",
    "transport_and_format_message_routing",
    "transport_and_format_unique_messageg_ids",
)
_STC = (
    "status_codes_status_codes",
    "status_codes_2xxx_client_errors",
    "status_codes_3xxx_server_errors",
)
_TYP = ("types_datetime_type",)
# --- locations (mod_locations.asciidoc) -----------------------------------------------------------
# The object tables gain rows (parking_places, help_phone, EVSE.parking,
# accepted_service_providers, Connector.capabilities) and longer address/state: judged by the
# 2.3.0 schemas; the rules the cases cite these sections for read the same.
_LOC = (
    "mod_locations_flow_and_lifecycle",
    "mod_locations_cpo_interface",
    "mod_locations_get_list_request_parameters",
    "mod_locations_get_object_request_parameters",
    "mod_locations_emsp_interface",
    "mod_locations_get_method_eMSP",
    "mod_locations_put_method",
    "mod_locations_patch_method",
    "mod_locations_location_object",
    "mod_locations_connector_object",
)
# --- sessions (mod_sessions.asciidoc) -------------------------------------------------------------
# Session.total_cost is the 2.3.0 Price (before_taxes, taxes): judged by the 2.3.0 schemas.
_SES = (
    "mod_sessions_cpo_interface",
    "mod_sessions_cpo_get_request_parameters",
    "mod_sessions_cpo_put_method",
    "mod_sessions_charging_preferences_response_enum",
    "mod_sessions_emsp_interface",
    "mod_sessions_msp_get_method",
    "mod_sessions_msp_put_method",
    "mod_sessions_patch_method",
    "mod_sessions_session_object",
    "mod_sessions_sessionstatus_enum",
)
# --- cdrs (mod_cdrs.asciidoc) ---------------------------------------------------------------------
# mod_cdrs_credit_cdrs: "Only the values in the total_cost field SHALL contain the negative
# amounts", total_cost a 2.3.0 Price: its before_taxes and every tax amount
# (Version.negative_price)
_CDR = (
    "mod_cdrs_flow_and_lifecycle",
    "mod_cdrs_credit_cdrs",
    "mod_cdrs_cpo_interface",
    "mod_cdrs_request_parameters",
    "mod_cdrs_emsp_interface",
    "mod_cdrs_msp_get_method",
    "mod_cdrs_post_method",
    "mod_cdrs_response_headers",
    "mod_cdrs_cdr_object",
)
# --- tariffs (mod_tariffs.asciidoc) ---------------------------------------------------------------
# mod_tariffs_tariff_object: tax_included (1) is new, min_price/max_price are PriceLimits; both
# judged by the 2.3.0 schemas and by cases of their own.
_TAR = (
    "mod_tariffs_cpo_interface",
    "mod_tariffs_cpo_get_request_parameters",
    "mod_tariffs_emsp_interface",
    "mod_tariffs_msp_get_method",
    "mod_tariffs_put_method",
    "mod_tariffs_delete_method",
    "mod_tariffs_tariff_object",
)
# --- tokens (mod_tokens.asciidoc) -----------------------------------------------------------------
# TokenType is an OpenEnum with EMAID; mod_tokens_cpo_interface has the '/' after the endpoint
# URL (d2). The PUT, PATCH, ?type, push model and authorization rules read the same.
_TOK = (
    "mod_tokens_push_model",
    "mod_tokens_cpo_interface",
    "mod_tokens_cpo_get_method",
    "mod_tokens_cpo_get_request_parameters",
    "mod_tokens_put_method",
    "mod_tokens_patch_method",
    "mod_tokens_emsp_interface",
    "mod_tokens_msp_get_request_parameters",
    "mod_tokens_post_method",
    "mod_tokens_post_response_data",
    "mod_tokens_token_object",
)
# --- commands (mod_commands.asciidoc) -------------------------------------------------------------
# CommandType is an OpenEnum; the objects, answers and results read the same.
_CMD = (
    "mod_commands_cpo_interface",
    "mod_commands_cpo_post_method",
    "mod_commands_cpo_post_request_body",
    "mod_commands_response_data",
    "mod_commands_emsp_interface",
    "mod_commands_msp_post_method",
    "mod_commands_commandresponsetype_enum",
    "mod_commands_commandresulttype_enum",
    "mod_commands_stopsession_object",
)
# --- charging profiles (mod_charging_profiles.asciidoc) -------------------------------------------
# session_id "in the Receiver platform" (d2), ChargingRateUnit without the numberPhases sentence:
# nothing the cases judge.
_CPR = (
    "mod_charging_profiles_cpo_interface",
    "mod_charging_profiles_cpo_get_method",
    "mod_charging_profiles_cpo_put_method",
    "mod_charging_profiles_cpo_delete_method",
    "mod_charging_profiles_get_response_data",
    "mod_charging_profiles_put_response_data",
    "mod_charging_profiles_delete_response_data",
    "mod_charging_profiles_responsetype_enum",
    "mod_charging_profiles_emsp_interface",
    "mod_charging_profiles_msp_post_method",
    "mod_charging_profiles_msp_put_method",
    "mod_charging_profiles_active_charging_profiles_result_object",
    "mod_charging_profiles_charging_profiles_result_object",
    "mod_charging_profiles_clear_profiles_result_object",
)
# --- hub client info (mod_hub_client_info.asciidoc) -----------------------------------------------
# ClientInfo.role is a Role, which has no HUB in 2.3.0; the interfaces read the same.
_HCI = (
    "mod_hub_client_info_client_interface",
    "mod_hub_client_info_client_get",
    "mod_hub_client_info_client_put",
    "mod_hub_client_info_hub_interface",
    "mod_hub_client_info_hub_get",
)

_SAME_ANCHOR: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (v221.VIF, v230.VIF, _VERSIONS),
    (v221.CRD, v230.CRD, _CREDENTIALS),
    (v221.TAF, v230.TAF, _TAF),
    (v221.STC, v230.STC, _STC),
    (v221.TYP, v230.TYP, _TYP),
    (v221.LOC, v230.LOC, _LOC),
    (v221.SES, v230.SES, _SES),
    (v221.CDR, v230.CDR, _CDR),
    (v221.TAR, v230.TAR, _TAR),
    (v221.TOK, v230.TOK, _TOK),
    (v221.CMD, v230.CMD, _CMD),
    (v221.CPR, v230.CPR, _CPR),
    (v221.HCI, v230.HCI, _HCI),
)

FROM_2_2_1: dict[str, str | None] = {
    f"{old}#{anchor}": f"{new}#{anchor}" for old, new, anchors in _SAME_ANCHOR for anchor in anchors
}
