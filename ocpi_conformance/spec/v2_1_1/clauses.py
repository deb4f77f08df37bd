"""Where the 2.1.1 text states what a 2.2.1 clause states: `FROM_2_2_1[c221]` is the 2.1.1 clause
(file.md#github-heading-anchor, tag `2.1.1`) of the same section, for every clause the cases cite
(`Case.spec`, written against 2.2.1, and the registry clauses contracts fill in).

A clause is a section; which of its rules a case judges is the case's. An entry says the 2.1.1
text has that section's rules, or the part of them a 2.1.1 case relies on; a case whose rule the
2.1.1 text lacks does not run in 2.1.1, whatever its clause translates to, and a case whose 2.1.1
rule sits in another section names that clause itself (`Case.clauses`). No entry where 2.1.1 has
no such section at all: charging profiles, hub client info, message ids, routing headers,
interface roles, charging preferences, the Tokens CPO interface's ?type. Where the 2.2.1 section
names a thing 2.1.1 calls otherwise, the reading is beside the entry.
"""

from __future__ import annotations

from ocpi_conformance.spec.v2_1_1 import documents as v211
from ocpi_conformance.spec.v2_2_1 import documents as v221

FROM_2_2_1: dict[str, str] = {
    # --- versions (version_information_endpoint.md) ---------------------------------------------
    f"{v221.VIF}#version_information_endpoint_version_information_endpoint": (
        f"{v211.VIF}#version-information-endpoint"
    ),
    f"{v221.VIF}#version_information_endpoint_version_class": f"{v211.VIF}#version-class",
    f"{v221.VIF}#version_information_endpoint_versionnumber_enum": (
        f"{v211.VIF}#versionnumber-enum"
    ),
    f"{v221.VIF}#version_information_endpoint_version_details_endpoint": (
        f"{v211.VIF}#version-details-endpoint"
    ),
    # an Endpoint is identifier and url: no role (the one-per-module rule is 2.1.1's own case)
    f"{v221.VIF}#version_information_endpoint_endpoint_class": f"{v211.VIF}#endpoint-class",
    f"{v221.VIF}#version_information_endpoint_moduleid_enum": f"{v211.VIF}#moduleid-enum",
    # --- credentials (credentials.md) ------------------------------------------------------------
    f"{v221.CRD}#credentials_credentials_object": f"{v211.CRD}#21-credentials-object",
    f"{v221.CRD}#credentials_get_method": f"{v211.CRD}#11-get-method",
    f"{v221.CRD}#credentials_post_method": f"{v211.CRD}#12-post-method",
    f"{v221.CRD}#credentials_put_method": f"{v211.CRD}#13-put-method",
    f"{v221.CRD}#credentials_delete_method": f"{v211.CRD}#14-delete-method",
    # "TOKEN_A is given offline, after registration store the TOKEN_C which will be used in
    # future exchanges", the sequence diagram, "they should really be absolute URLs"
    f"{v221.CRD}#credentials_registration": f"{v211.CRD}#31-registration",
    f"{v221.CRD}#credentials_errors_during_registration": (
        f"{v211.CRD}#35-errors-during-registration"
    ),
    # --- transport (transport_and_format.md, status_codes.md, types.md) -------------------------
    # "Each HTTP request must add a 'Authorization' header ... The literal 'Token' indicates
    # that the token based authentication mechanism is used" (no 401, no Base64 in 2.1.1)
    f"{v221.TAF}#transport_and_format_authorization_header": f"{v211.TAF}#request-format",
    f"{v221.TAF}#transport_and_format_response_format": f"{v211.TAF}#response-format",
    # offset and limit; 2.1.1 puts date_from and date_to in each module's list table
    f"{v221.TAF}#transport_and_format_paginated_request": f"{v211.TAF}#paginated-request",
    f"{v221.TAF}#transport_and_format_paginated_response": f"{v211.TAF}#paginated-response",
    f"{v221.TAF}#transport_and_format_errors": f"{v211.TAF}#errors",
    f"{v221.STC}#status_codes_status_codes": f"{v211.STC}#status-codes",
    f"{v221.STC}#status_codes_2xxx_client_errors": f"{v211.STC}#2xxx-client-errors",
    f"{v221.STC}#status_codes_3xxx_server_errors": f"{v211.STC}#3xxx-server-errors",
    f"{v221.TYP}#types_datetime_type": f"{v211.TYP}#12-datetime-type",
    # --- locations (mod_locations.md) ------------------------------------------------------------
    f"{v221.LOC}#mod_locations_flow_and_lifecycle": f"{v211.LOC}#1-flow-and-lifecycle",
    f"{v221.LOC}#mod_locations_get_list_request_parameters": (
        f"{v211.LOC}#get-list-request-parameters"
    ),
    f"{v221.LOC}#mod_locations_get_object_request_parameters": (
        f"{v211.LOC}#get-object-request-parameters"
    ),
    f"{v221.LOC}#mod_locations_emsp_interface": f"{v211.LOC}#22-emsp-interface",
    f"{v221.LOC}#mod_locations_put_method": f"{v211.LOC}#222-put-method",
    f"{v221.LOC}#mod_locations_patch_method": f"{v211.LOC}#223-patch-method",
    f"{v221.LOC}#mod_locations_location_object": f"{v211.LOC}#31-location-object",
    # a Connector's one tariff_id (2.2 made it tariff_ids)
    f"{v221.LOC}#mod_locations_connector_object": f"{v211.LOC}#33-connector-object",
    # --- sessions (mod_sessions.md) --------------------------------------------------------------
    f"{v221.SES}#mod_sessions_cpo_get_request_parameters": f"{v211.SES}#211-get-method",
    f"{v221.SES}#mod_sessions_emsp_interface": f"{v211.SES}#22-emsp-interface",
    f"{v221.SES}#mod_sessions_msp_put_method": f"{v211.SES}#222-put-method",
    f"{v221.SES}#mod_sessions_patch_method": f"{v211.SES}#223-patch-method",
    f"{v221.SES}#mod_sessions_session_object": f"{v211.SES}#31-session-object",
    # --- cdrs (mod_cdrs.md) ----------------------------------------------------------------------
    f"{v221.CDR}#mod_cdrs_flow_and_lifecycle": f"{v211.CDR}#1-flow-and-lifecycle",
    # 2.2.1's section says CDRs "cannot be deleted. Instead, they have to be credited"; 2.1.1 has
    # the first half: "CDRs can not yet be updated or removed" (the push model's note)
    f"{v221.CDR}#mod_cdrs_credit_cdrs": f"{v211.CDR}#11-push-model",
    f"{v221.CDR}#mod_cdrs_request_parameters": f"{v211.CDR}#211-get-method",
    f"{v221.CDR}#mod_cdrs_emsp_interface": f"{v211.CDR}#22-emsp-interface",
    f"{v221.CDR}#mod_cdrs_msp_get_method": f"{v211.CDR}#221-get-method",
    f"{v221.CDR}#mod_cdrs_post_method": f"{v211.CDR}#222-post-method",
    f"{v221.CDR}#mod_cdrs_response_headers": f"{v211.CDR}#response-headers",
    f"{v221.CDR}#mod_cdrs_cdr_object": f"{v211.CDR}#31-cdr-object",
    # --- tariffs (mod_tariffs.md) ----------------------------------------------------------------
    f"{v221.TAR}#mod_tariffs_cpo_get_request_parameters": f"{v211.TAR}#211-get-method",
    f"{v221.TAR}#mod_tariffs_emsp_interface": f"{v211.TAR}#22-emsp-interface",
    f"{v221.TAR}#mod_tariffs_put_method": f"{v211.TAR}#222-put-method",
    f"{v221.TAR}#mod_tariffs_delete_method": f"{v211.TAR}#224-delete-method",
    f"{v221.TAR}#mod_tariffs_tariff_object": f"{v211.TAR}#31-tariff-object",
    # --- tokens (mod_tokens.md) ------------------------------------------------------------------
    # "When the eMSP invalidates a Token (deleting is not possible), the eMSP will send the
    # updated Token (with the field: valid set to False"
    f"{v221.TOK}#mod_tokens_push_model": f"{v211.TOK}#11-push-model",
    f"{v221.TOK}#mod_tokens_cpo_interface": f"{v211.TOK}#21-cpo-interface",
    f"{v221.TOK}#mod_tokens_put_method": f"{v211.TOK}#212-put-method",
    f"{v221.TOK}#mod_tokens_patch_method": f"{v211.TOK}#212-patch-method",
    f"{v221.TOK}#mod_tokens_msp_get_request_parameters": f"{v211.TOK}#221-get-method",
    # the authorize POST: 2.1.1 has it, with 2002 a SHOULD and no rule for an unknown Token
    f"{v221.TOK}#mod_tokens_post_method": f"{v211.TOK}#222-post-method",
    f"{v221.TOK}#mod_tokens_post_response_data": f"{v211.TOK}#response-data-2",
    f"{v221.TOK}#mod_tokens_token_object": f"{v211.TOK}#32-token-object",
    # --- commands (mod_commands.md) --------------------------------------------------------------
    # the CPO's direct answer: a CommandResponse object in 2.2.1, a CommandResponseType in 2.1.1
    f"{v221.CMD}#mod_commands_response_data": f"{v211.CMD}#response-data",
    f"{v221.CMD}#mod_commands_cpo_post_request_body": f"{v211.CMD}#request-body",
    # the result POSTed to the response_url: a CommandResult in 2.2.1, a CommandResponse in 2.1.1
    f"{v221.CMD}#mod_commands_msp_post_method": f"{v211.CMD}#221-post-method",
    # 2.1.1 has one enum for the CPO's answer and the Charge Point's result
    f"{v221.CMD}#mod_commands_commandresponsetype_enum": (
        f"{v211.CMD}#41-commandresponsetype-enum"
    ),
    f"{v221.CMD}#mod_commands_commandresulttype_enum": f"{v211.CMD}#41-commandresponsetype-enum",
    f"{v221.CMD}#mod_commands_stopsession_object": f"{v211.CMD}#34-stopsession-object",
}
