"""The catalogue of conformance cases: stable ids, what each checks, how much it matters, where
the rule is written.

Ids (`<AREA>-<ROLE>-<NNN>`) never change meaning once released, so reports can be diffed between
runs and partners can cite them. Suites attach to a case with `@case("VER-ANY-001")`; a test
proves every catalogued case has exactly one test and every conformance test has a case.
Levels follow the spec's words: SHALL/MUST -> mandatory, SHOULD -> recommended, MAY -> optional.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

import pytest

from .spec.v2_2_1 import OBJECTS
from .spec.v2_2_1.modules import MODULES, listed_object

Level = Literal["mandatory", "recommended", "optional"]
F = TypeVar("F", bound=Callable[..., object])

VIF = "version_information_endpoint.asciidoc"
TAF = "transport_and_format.asciidoc"
CRD = "credentials.asciidoc"
STC = "status_codes.asciidoc"
LOC = "mod_locations.asciidoc"
CMD = "mod_commands.asciidoc"


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    module: str
    interface: str  # "SENDER", "RECEIVER" or "ANY"
    level: Level
    spec: str
    needs: tuple[str, ...] = ()  # "token_a": only with a registration the harness performs

    @property
    def role(self) -> str:
        return self.id.split("-")[1]


_CASES = (
    # Versions and version details (version_information_endpoint.asciidoc)
    Case(
        "VER-ANY-001",
        "The versions endpoint answers with an OCPI envelope holding valid Version objects",
        "versions",
        "ANY",
        "mandatory",
        f"{VIF}#version_information_endpoint_version_information_endpoint",
    ),
    Case(
        "VER-ANY-002",
        "Version 2.2.1 is offered",
        "versions",
        "ANY",
        "mandatory",
        f"{VIF}#version_information_endpoint_versionnumber_enum",
    ),
    Case(
        "VER-ANY-003",
        "Version numbers are unique in the versions list",
        "versions",
        "ANY",
        "recommended",  # no clause forbids a repeated version; a list with one is ambiguous
        f"{VIF}#version_information_endpoint_version_class",
    ),
    Case(
        "VER-ANY-004",
        "The 2.2.1 details answer with an envelope holding a valid VersionDetails for 2.2.1",
        "versions",
        "ANY",
        "mandatory",
        f"{VIF}#version_information_endpoint_version_details_endpoint",
    ),
    Case(
        "VER-ANY-005",
        "The details list the credentials module",
        "versions",
        "ANY",
        "mandatory",
        f"{VIF}#version_information_endpoint_moduleid_enum",
    ),
    Case(
        "VER-ANY-006",
        "Each module/role pair appears once in the details",
        "versions",
        "ANY",
        "recommended",  # no clause forbids a repeated pair; which URL to use is then undefined
        f"{VIF}#version_information_endpoint_endpoint_class",
    ),
    Case(
        "VER-ANY-007",
        "Version and endpoint URLs are absolute",
        "versions",
        "ANY",
        "recommended",  # credentials_registration: "they should be absolute URLs"
        f"{CRD}#credentials_registration",
    ),
    Case(
        "VER-ANY-008",
        "The versions endpoint refuses a request without credentials (401)",
        "versions",
        "ANY",
        "mandatory",
        f"{TAF}#transport_and_format_authorization_header",
    ),
    Case(
        "VER-ANY-009",
        "The details endpoint refuses a request without credentials (401)",
        "versions",
        "ANY",
        "mandatory",
        f"{TAF}#transport_and_format_authorization_header",
    ),
    Case(
        "VER-ANY-010",
        "The details offer the interfaces of the declared role",
        "versions",
        "ANY",
        "recommended",
        f"{VIF}#version_information_endpoint_interface_role_enum",
    ),
    # Transport rules (transport_and_format.asciidoc, status_codes.asciidoc)
    Case(
        "TRN-ANY-001",
        "A request without Authorization header gets HTTP 401",
        "transport",
        "ANY",
        "mandatory",
        f"{TAF}#transport_and_format_authorization_header",
    ),
    Case(
        "TRN-ANY-002",
        "A request with an unknown credentials token gets HTTP 401",
        "transport",
        "ANY",
        "mandatory",
        f"{TAF}#transport_and_format_authorization_header",
    ),
    Case(
        "TRN-ANY-003",
        "A token sent without Base64 encoding gets HTTP 401",
        "transport",
        "ANY",
        "mandatory",
        f"{TAF}#transport_and_format_authorization_header",
    ),
    Case(
        "TRN-ANY-004",
        "A 401 answer carries the OCPI response format",
        "transport",
        "ANY",
        "recommended",
        f"{TAF}#transport_and_format_response_format",
    ),
    Case(
        "TRN-ANY-005",
        "X-Request-ID is echoed in the response",
        "transport",
        "ANY",
        "mandatory",
        f"{TAF}#transport_and_format_unique_messageg_ids",
    ),
    Case(
        "TRN-ANY-006",
        "X-Correlation-ID is echoed in the response",
        "transport",
        "ANY",
        "mandatory",
        f"{TAF}#transport_and_format_unique_messageg_ids",
    ),
    Case(
        "TRN-ANY-007",
        "Responses carry a valid envelope with a UTC DateTime timestamp",
        "transport",
        "ANY",
        "mandatory",
        f"{TAF}#transport_and_format_response_format",
    ),
    Case(
        "TRN-ANY-008",
        "Responses are application/json",
        "transport",
        "ANY",
        "mandatory",
        f"{TAF}#transport_and_format_response_format",
    ),
    Case(
        "TRN-ANY-009",
        "A body that is not JSON gets HTTP 400",
        "transport",
        "ANY",
        "mandatory",
        f"{STC}#status_codes_status_codes",
    ),
    Case(
        "TRN-ANY-010",
        "A GET of an object that does not exist gets HTTP 404",
        "transport",
        "ANY",
        "recommended",
        f"{STC}#status_codes_status_codes",
    ),
    Case(
        "TRN-ANY-011",
        "A token A is refused on a functional module (401)",
        "transport",
        "ANY",
        "mandatory",
        f"{TAF}#transport_and_format_authorization_header",
        needs=("token_a",),
    ),
    # Credentials and registration (credentials.asciidoc)
    Case(
        "CRD-ANY-001",
        "POST credentials with token A registers: 1000 and a valid "
        "Credentials object with a new token",
        "credentials",
        "ANY",
        "mandatory",
        f"{CRD}#credentials_post_method",
        needs=("token_a",),
    ),
    Case(
        "CRD-ANY-002",
        "During registration the target fetches our versions with token B",
        "credentials",
        "ANY",
        "mandatory",
        f"{CRD}#credentials_registration",
        needs=("token_a",),
    ),
    Case(
        "CRD-ANY-003",
        "During registration the target fetches our 2.2.1 details with token B",
        "credentials",
        "ANY",
        "mandatory",
        f"{CRD}#credentials_post_method",
        needs=("token_a",),
    ),
    Case(
        "CRD-ANY-004",
        "Token C works after registration",
        "credentials",
        "ANY",
        "mandatory",
        f"{CRD}#credentials_registration",
        needs=("token_a",),
    ),
    Case(
        "CRD-ANY-005",
        "Token A stops working after registration",
        "credentials",
        "ANY",
        "recommended",
        f"{CRD}#credentials_registration",
        needs=("token_a",),
    ),
    Case(
        "CRD-ANY-006",
        "GET credentials returns a valid Credentials object",
        "credentials",
        "ANY",
        "mandatory",
        f"{CRD}#credentials_get_method",
    ),
    Case(
        "CRD-ANY-007",
        "A second POST by a registered party gets HTTP 405",
        "credentials",
        "ANY",
        "mandatory",
        f"{CRD}#credentials_post_method",
        needs=("token_a",),
    ),
    Case(
        "CRD-ANY-008",
        "PUT credentials rotates the token: a new token C, the old one refused",
        "credentials",
        "ANY",
        "mandatory",
        f"{CRD}#credentials_put_method",
        needs=("token_a",),
    ),
    Case(
        "CRD-ANY-009",
        "POST answers 3001 when our versions endpoint refuses the callback",
        "credentials",
        "ANY",
        "recommended",
        f"{CRD}#credentials_errors_during_registration",
        needs=("token_a",),
    ),
    Case(
        "CRD-ANY-010",
        "POST answers 3002 when we offer no common version",
        "credentials",
        "ANY",
        "recommended",
        f"{STC}#status_codes_3xxx_server_errors",
        needs=("token_a",),
    ),
    Case(
        "CRD-ANY-011",
        "DELETE credentials unregisters: the token C is refused afterwards",
        "credentials",
        "ANY",
        "mandatory",
        f"{CRD}#credentials_delete_method",
        needs=("token_a",),
    ),
    Case(
        "CRD-ANY-012",
        "After DELETE, PUT and DELETE get HTTP 405",
        "credentials",
        "ANY",
        "mandatory",
        f"{CRD}#credentials_delete_method",
        needs=("token_a",),
    ),
)

_LOCATIONS = (
    # Locations, target CPO: the SENDER interface (mod_locations_cpo_interface)
    Case(
        "LOC-CPO-001",
        "Every page of the Location list is a valid response",
        "locations",
        "SENDER",
        "mandatory",
        f"{LOC}#mod_locations_get_list_response_data",
    ),
    Case(
        "LOC-CPO-002",
        "Every Location, EVSE and Connector in the list is schema-valid",
        "locations",
        "SENDER",
        "mandatory",
        f"{LOC}#mod_locations_location_object",
    ),
    Case(
        "LOC-CPO-003",
        "Every page carries X-Total-Count and X-Limit",
        "locations",
        "SENDER",
        "mandatory",
        f"{TAF}#transport_and_format_paginated_response",
    ),
    Case(
        "LOC-CPO-004",
        "Link rel=next is present until the last page and absent on it",
        "locations",
        "SENDER",
        "mandatory",
        f"{TAF}#transport_and_format_paginated_response",
    ),
    Case(
        "LOC-CPO-005",
        "The next Link repeats the request's filters",
        "locations",
        "SENDER",
        "recommended",
        f"{TAF}#transport_and_format_paginated_response",
    ),
    Case(
        "LOC-CPO-006",
        "offset is applied: no Location twice, none missing across pages",
        "locations",
        "SENDER",
        "mandatory",
        f"{TAF}#transport_and_format_paginated_request",
    ),
    Case(
        "LOC-CPO-007",
        "date_from is inclusive",
        "locations",
        "SENDER",
        "mandatory",
        f"{TAF}#transport_and_format_paginated_request",
    ),
    Case(
        "LOC-CPO-008",
        "date_to is exclusive",
        "locations",
        "SENDER",
        "mandatory",
        f"{TAF}#transport_and_format_paginated_request",
    ),
    Case(
        "LOC-CPO-009",
        "GET of one Location agrees with the list",
        "locations",
        "SENDER",
        "mandatory",
        f"{LOC}#mod_locations_get_object_request_parameters",
    ),
    Case(
        "LOC-CPO-010",
        "GET of one EVSE and one Connector agrees with the list",
        "locations",
        "SENDER",
        "mandatory",
        f"{LOC}#mod_locations_get_object_request_parameters",
    ),
    Case(
        "LOC-CPO-011",
        "An unknown Location gets HTTP 404",
        "locations",
        "SENDER",
        "recommended",
        f"{STC}#status_codes_status_codes",
    ),
    Case(
        "LOC-CPO-012",
        "An unknown Location is answered with status_code 2003",
        "locations",
        "SENDER",
        "optional",
        f"{STC}#status_codes_2xxx_client_errors",
    ),
    Case(
        "LOC-CPO-013",
        "EVSE and Connector last_updated are not newer than their parents'",
        "locations",
        "SENDER",
        "mandatory",
        f"{LOC}#mod_locations_location_object",
    ),
    Case(
        "LOC-CPO-014",
        "Connector tariff_ids name Tariffs the CPO publishes",
        "locations",
        "SENDER",
        "recommended",
        f"{LOC}#mod_locations_connector_object",
    ),
)

_LOCATIONS_RECEIVER = (
    # Locations, target eMSP: the RECEIVER interface (mod_locations_emsp_interface)
    Case(
        "LOC-EMSP-001",
        "A Location PUT is stored as sent: GET returns it equal",
        "locations",
        "RECEIVER",
        "mandatory",
        f"{LOC}#mod_locations_put_method",
    ),
    Case(
        "LOC-EMSP-002",
        "PUT of a new Location answers HTTP 201",
        "locations",
        "RECEIVER",
        "recommended",
        f"{STC}#status_codes_status_codes",
    ),
    Case(
        "LOC-EMSP-003",
        "PUT replacing a Location answers HTTP 200",
        "locations",
        "RECEIVER",
        "recommended",
        f"{STC}#status_codes_status_codes",
    ),
    Case(
        "LOC-EMSP-004",
        "An EVSE PUT is stored and moves its Location's last_updated",
        "locations",
        "RECEIVER",
        "mandatory",
        f"{LOC}#mod_locations_put_method",
    ),
    Case(
        "LOC-EMSP-005",
        "A Connector PUT is stored and moves its parents' last_updated",
        "locations",
        "RECEIVER",
        "mandatory",
        f"{LOC}#mod_locations_put_method",
    ),
    Case(
        "LOC-EMSP-006",
        "A PATCH of a Location merges only the fields sent",
        "locations",
        "RECEIVER",
        "mandatory",
        f"{LOC}#mod_locations_patch_method",
    ),
    Case(
        "LOC-EMSP-007",
        "A PATCH of an EVSE merges and moves its Location's last_updated",
        "locations",
        "RECEIVER",
        "mandatory",
        f"{LOC}#mod_locations_patch_method",
    ),
    Case(
        "LOC-EMSP-008",
        "A PATCH of a Connector merges and moves its parents' last_updated",
        "locations",
        "RECEIVER",
        "mandatory",
        f"{LOC}#mod_locations_patch_method",
    ),
    Case(
        "LOC-EMSP-009",
        "A PATCH without last_updated is refused with 2001 and not applied",
        "locations",
        "RECEIVER",
        "recommended",
        f"{LOC}#mod_locations_patch_method",
    ),
    Case(
        "LOC-EMSP-010",
        "A PUT whose URL and body disagree on the owner or id gets 2001",
        "locations",
        "RECEIVER",
        "recommended",
        f"{TAF}#transport_and_format_errors",
    ),
    Case(
        "LOC-EMSP-011",
        "An invalid Location is refused with 2001 and not stored",
        "locations",
        "RECEIVER",
        "recommended",
        f"{STC}#status_codes_2xxx_client_errors",
    ),
    Case(
        "LOC-EMSP-012",
        "A GET of a Location never pushed gets HTTP 404",
        "locations",
        "RECEIVER",
        "recommended",
        f"{STC}#status_codes_status_codes",
    ),
    Case(
        "LOC-EMSP-013",
        "EVSEs PATCHed to REMOVED at the end are accepted (the harness's clean-up)",
        "locations",
        "RECEIVER",
        "mandatory",
        f"{LOC}#mod_locations_patch_method",
    ),
)

# Commands, Receiver interface of a CPO (mod_commands.asciidoc): the harness is the eMSP, its
# peer the response_url.
_COMMANDS = (
    Case(
        "CMD-CPO-001",
        "START_SESSION at a published Location is answered with a valid CommandResponse",
        "commands",
        "RECEIVER",
        "mandatory",
        f"{CMD}#mod_commands_response_data",
    ),
    Case(
        "CMD-CPO-002",
        "After ACCEPTED, a valid CommandResult is POSTed to the response_url",
        "commands",
        "RECEIVER",
        "mandatory",
        f"{CMD}#mod_commands_msp_post_method",
        needs=("token_a",),
    ),
    Case(
        "CMD-CPO-003",
        "The CommandResult POST carries our credentials token",
        "commands",
        "RECEIVER",
        "mandatory",
        f"{TAF}#transport_and_format_authorization_header",
        needs=("token_a",),
    ),
    Case(
        "CMD-CPO-004",
        "START_SESSION at an unknown Location is answered with status_code 2003",
        "commands",
        "RECEIVER",
        "recommended",
        f"{STC}#status_codes_2xxx_client_errors",
    ),
    Case(
        "CMD-CPO-005",
        "A body that is not the command's object gets status_code 2001",
        "commands",
        "RECEIVER",
        "recommended",
        f"{CMD}#mod_commands_cpo_post_request_body",
    ),
    Case(
        "CMD-CPO-006",
        "STOP_SESSION of a session the CPO does not know is answered UNKNOWN_SESSION",
        "commands",
        "RECEIVER",
        "recommended",
        f"{CMD}#mod_commands_commandresponsetype_enum",
    ),
)


def _list_cases(prefix: str, module: str) -> tuple[Case, ...]:
    """The eight cases of a paginated Sender list (as LOC-CPO-001 to 008 are for Locations),
    their object and clauses read from the registry and the object's model."""
    interface = "SENDER"
    obj = listed_object(module)
    get_list = MODULES[module].interface(interface).operation("get_list")
    rows = (
        (f"Every page of the {obj} list is a valid response", "mandatory", get_list.spec),
        (f"Every {obj} in the list is schema-valid", "mandatory", OBJECTS[obj].spec_anchor),
        ("Every page carries X-Total-Count and X-Limit", "mandatory", f"{TAF}#{_PAGED}"),
        ("Link rel=next is present until the last page and absent on it", "mandatory",
         f"{TAF}#{_PAGED}"),
        ("The next Link repeats the request's filters", "recommended", f"{TAF}#{_PAGED}"),
        (f"offset is applied: no {obj} twice, none missing across pages", "mandatory",
         f"{TAF}#{_PAGING}"),
        ("date_from is inclusive", "mandatory", f"{TAF}#{_PAGING}"),
        ("date_to is exclusive", "mandatory", f"{TAF}#{_PAGING}"),
    )  # fmt: skip
    return tuple(
        Case(f"{prefix}-{n:03d}", title, module, interface, level, spec)
        for n, (title, level, spec) in enumerate(rows, start=1)
    )


_PAGED = "transport_and_format_paginated_response"
_PAGING = "transport_and_format_paginated_request"
# The other Sender lists: Sessions, CDRs and Tariffs of a CPO, Tokens of an eMSP.
_LISTS = (
    *_list_cases("SES-CPO", "sessions"),
    *_list_cases("CDR-CPO", "cdrs"),
    *_list_cases("TAR-CPO", "tariffs"),
    *_list_cases("TOK-EMSP", "tokens"),
)

TOK = "mod_tokens.asciidoc"
# Tokens of an eMSP beyond the list: real-time authorization (mod_tokens_post_method).
_TOKENS = (
    Case(
        "TOK-EMSP-009",
        "Real-time authorization of a listed Token answers a valid AuthorizationInfo for it",
        "tokens",
        "SENDER",
        "mandatory",
        f"{TOK}#mod_tokens_post_response_data",
    ),
    Case(
        "TOK-EMSP-010",
        "Real-time authorization of an unknown Token gets HTTP 404",
        "tokens",
        "SENDER",
        "mandatory",
        f"{TOK}#mod_tokens_post_method",
    ),
    Case(
        "TOK-EMSP-011",
        "Real-time authorization of an unknown Token answers status_code 2004 and no data",
        "tokens",
        "SENDER",
        "mandatory",
        f"{TOK}#mod_tokens_post_response_data",
    ),
)

_ALL = (*_CASES, *_LOCATIONS, *_LOCATIONS_RECEIVER, *_COMMANDS, *_LISTS, *_TOKENS)
CASES: dict[str, Case] = {c.id: c for c in _ALL}
assert len(CASES) == len(_ALL), "duplicate id"


def case(case_id: str) -> Callable[[F], F]:
    """Attach a test to its catalogued case (KeyError at import for an unknown id)."""
    entry = CASES[case_id]
    return pytest.mark.ocpi_case(entry.id)  # type: ignore[return-value]
