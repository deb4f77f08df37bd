"""What a party takes in: every body a Receiver (or a response_url, or the credentials module)
receives is judged by the version's validation (`spec.validation`: the schema and the prose
rules) and by nothing else. So a 2.3.0 party takes what 2.3.0 lets through:
- fields no table documents ("An OCPI Platform SHALL NOT reject request or response payloads
  based on the presence of JSON object field names that are not documented in this
  specification", transport_and_format.asciidoc#_non_specified_json_fields); they are stored
  with the object, as they came;
- OpenEnum values no table lists (types.asciidoc#types_openenum_type: "the set of all possible
  values is not known at the time of writing");
- a SignedValue's plain_data of up to 5000 characters (mod_cdrs_signed_value_class, ed2; 512 in
  2.2.1).

The faults below read a 2.3.0 body as a party still on 2.2.1's terms would: each refuses what
2.3.0 allows, in 2.3.0 only (a 2.2.1 exchange is judged as before). A refusal is the module's
own (HTTP 200, 2001, as any invalid body), so a suite sees the same answer it sees for a broken
object.
"""

from __future__ import annotations

from typing import Any

from ocpi_conformance.party.faults import commits, fault
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.spec.schema_nodes import values_in
from ocpi_conformance.spec.validation import (
    Violation,
    json_path,
    validate_object,
    validate_patch,
    validator,
)

V230 = ("2.3.0",)
UNDOCUMENTED = "transport_and_format.asciidoc#_non_specified_json_fields"
OPEN_ENUM = "types.asciidoc#types_openenum_type"
SIGNED_VALUE = "mod_cdrs.asciidoc#mod_cdrs_signed_value_class"
PLAIN_DATA_221 = 512  # SignedValue.plain_data: string(512) in 2.2.1, string(5000) in 2.3.0 ed2

UNKNOWN_FIELD_REJECTED = fault(
    "unknown_field_rejected",
    "every Receiver (Locations, Sessions, CDRs, Tariffs, Tokens, HubClientInfo, Commands, "
    "ChargingProfiles, the response_urls, credentials) refuses with 2001 a 2.3.0 body holding a "
    "field no 2.3.0 table documents (an x- extension, say), against "
    f"{UNDOCUMENTED}: 'SHALL NOT reject ... field names that are not documented'",
    caught_by=[
        "LOC-EMSP-022",
        "SES-EMSP-016",
        "CDR-EMSP-014",
        "TAR-EMSP-015",
        "HCI-EMSP-010",
        "TOK-CPO-017",
        "CMD-CPO-035",
        "CHP-CPO-015",
        "HCI-CPO-010",
        "CRD-ANY-019",
        # 2.3.0's new modules (party/payments.py, bookings.py, invoicereconciliation.py)
        "PAY-CPO-005",
        "BKG-EMSP-004",
        "INV-CPO-044",
        "INV-EMSP-044",
    ],
    versions=V230,
)
OPEN_ENUM_REFUSED = fault(
    "open_enum_refused",
    "OpenEnums read as closed: a 2.3.0 body with a value no table lists (a future ConnectorType, "
    "TokenType, Facility, ...) is refused with 2001, and a CommandType the CPO does not know gets "
    f"HTTP 404 instead of the CommandResponse NOT_SUPPORTED, against {OPEN_ENUM}",
    caught_by=["LOC-EMSP-023", "TOK-CPO-018", "CMD-CPO-036"],
    versions=V230,
)
PLAIN_DATA_512 = fault(
    "plain_data_512",
    "a 2.3.0 CDR whose SignedValue.plain_data is longer than 512 characters (2.2.1's "
    f"string(512)) is refused with 2001, where ed2's {SIGNED_VALUE} allows string(5000)",
    caught_by=["CDR-EMSP-015"],
    versions=V230,
)


def check(
    state: PartyState, obj: str, body: Any, version: str, *, patch: bool = False
) -> list[Violation]:
    """What the party holds against a received `obj` (a PATCH body's, `patch`): the version's
    violations, and those its switched-on faults add."""
    judged = validate_patch if patch else validate_object
    return judged(obj, body, version) + refusals(state, obj, body, version, patch=patch)


def refusals(
    state: PartyState, obj: str, body: Any, version: str, *, patch: bool = False
) -> list[Violation]:
    """The violations only a fault makes: none for a conformant party."""
    undocumented = commits(state.faults, UNKNOWN_FIELD_REJECTED, version)
    closed = commits(state.faults, OPEN_ENUM_REFUSED, version)
    short = commits(state.faults, PLAIN_DATA_512, version)
    if not (undocumented or closed or short):
        return []
    schema = validator(f"patch/{obj}" if patch else obj, version).schema
    found = []
    for node, value, path in values_in(schema, body):
        where, kind = json_path(path), node.get("x-ocpi-type") or node.get("title") or obj
        if undocumented and isinstance(value, dict) and "properties" in node:
            for name in sorted(set(value) - set(node["properties"])):
                message = f"{kind} has no field '{name}'"
                found.append(Violation(where, "additionalProperties", message, UNDOCUMENTED))
        known = node.get("x-ocpi-known")
        if closed and node.get("x-ocpi-open") and isinstance(value, str) and value not in known:
            message = f"{value!r} is not a value of {kind}"
            found.append(Violation(where, "enum", message, OPEN_ENUM))
        long = short and path[-1:] == ["plain_data"] and isinstance(value, str)
        if long and len(value) > PLAIN_DATA_221:
            message = f"plain_data has {len(value)} characters; at most {PLAIN_DATA_221}"
            found.append(Violation(where, "maxLength", message, SIGNED_VALUE))
    return found
