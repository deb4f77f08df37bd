"""The Sender lists a party serves from seeded objects: Sessions, CDRs and Tariffs of a CPO,
Tokens of an eMSP (each module's SENDER interface, `get_list` only so far), in every OCPI
version the party speaks, each from that version's objects.

Each list holds SEEDED objects made from the version's shipped valid fixtures (`<Object>.full`
and `.minimal` in turn, with a version's own variants and values where it shows more: `SHOWN`),
owned by the party (its country_code and party_id where the version's
objects carry them), numbered, with `last_updated` a day apart (oldest first) so that date
windows select known subsets. Every seed is validated against the version's schema when it is
made: a seed the spec forbids fails here, not in a suite.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from ocpi_conformance.party import prices
from ocpi_conformance.party.choices import choice, made
from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.pagination import Deviations, paginate
from ocpi_conformance.party.service import Call, Handler, Outcome, Service, functional_url
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.party.state import Identity, PartyState
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version

LISTS_LINK_WRONG = fault(
    "lists_link_wrong",
    "the Link rel=next of a Session/CDR/Tariff/Token page repeats the offset",
    caught_by=["CDR-CPO-001", "SES-CPO-001", "TAR-CPO-001", "TOK-EMSP-001"],
)

LISTS_INVALID_OBJECT = fault(
    "lists_invalid_object",
    "the first Session/CDR/Tariff/Token listed lacks its country_code",
    caught_by=["CDR-CPO-002", "SES-CPO-002", "TAR-CPO-002", "TOK-EMSP-002"],
)

LISTS_LIMIT_IGNORED = fault(
    "lists_limit_ignored",
    "a Session/CDR/Tariff/Token page holds every object from its offset on, whatever the limit",
    caught_by=["CDR-CPO-009", "SES-CPO-009", "TAR-CPO-009", "TOK-EMSP-012"],
)

LISTS_OFFSET_IGNORED = fault(
    "lists_offset_ignored",
    "every Session/CDR/Tariff/Token page starts at the first object, whatever the offset",
    caught_by=["CDR-CPO-006", "SES-CPO-006", "TAR-CPO-006", "TOK-EMSP-006"],
)

LISTS_DATE_FROM_IGNORED = fault(
    "lists_date_from_ignored",
    "the Session/CDR/Tariff/Token lists ignore date_from",
    caught_by=["CDR-CPO-012", "SES-CPO-015", "TAR-CPO-012", "TOK-EMSP-015"],
)

LISTS_UNUSABLE_PAGING_422 = fault(
    "lists_unusable_paging_422",
    "a negative or non-numeric offset or limit gets a framework's HTTP 422 with no envelope",
    caught_by=["CDR-CPO-013", "SES-CPO-016", "TAR-CPO-013", "TOK-EMSP-016"],
)

EXTENSION_FIELDS = choice(
    "extension_fields",
    "its 2.3.0 objects carry a field no table documents (x-occ-extension): the first object of "
    "each list, the first Location and its first EVSE",
    "transport_and_format.asciidoc#_non_specified_json_fields: 'An OCPI Platform SHALL NOT reject "
    "request or response payloads based on the presence of JSON object field names that are not "
    "documented in this specification'",
    versions=("2.3.0",),
)
EXTENSION = {"x-occ-extension": {"note": "a field of this platform's own", "level": 1}}

# The lists served, and the object each carries (from the default version's registry; the
# same names in every version).
MODULES = ("sessions", "cdrs", "tariffs", "tokens")
OBJECTS = {m: spec_version(DEFAULT).listed_object(m) for m in MODULES}
SEEDED = 7
START = datetime(2024, 2, 1, 9, 0, tzinfo=UTC)
BROKEN_FIELD = "country_code"  # what `lists_invalid_object` drops from each list's first object
# What a version's seeds show beyond `full` and `minimal`, by (version, module): seed number ->
# another shipped variant, or values set on it. 2.3.0: an EMAID Token (mod_tokens_tokentype_enum,
# new; "RECOMMENDED to not push", so not the first, the one the eMSP pushes), and Tariffs whose
# prices include taxes and to which none apply (TaxIncluded YES and N/A; the minimal Tariff's
# price components give no vat: "If omitted, no VAT is applicable").
SHOWN: dict[tuple[str, str], dict[int, str | dict[str, Any]]] = {
    ("2.3.0", "tokens"): {5: "emaid"},
    ("2.3.0", "tariffs"): {3: {"tax_included": "YES"}, 5: {"tax_included": "N/A"}},
}


def seed(module: str, identity: Identity, version: str = DEFAULT) -> list[dict[str, Any]]:
    spec = spec_version(version)
    obj = spec.listed_object(module)
    items = []
    shown = SHOWN.get((version, module), {})
    for n in range(SEEDED):
        variant = "full" if n % 2 == 0 else "minimal"
        extra = shown.get(n)
        item = copy.deepcopy(
            fixture(module, f"{obj}.{extra if isinstance(extra, str) else variant}", version)
        )
        item.update(extra if isinstance(extra, dict) else {})
        item[spec.identity_field(obj)] = f"OCC-{obj.upper()}-{n + 1:03d}"
        if spec.owner_in_objects:
            item["country_code"], item["party_id"] = identity.country_code, identity.party_id
        item["last_updated"] = (START + timedelta(days=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        violations = validate_object(obj, item, version)
        if violations:
            raise ValueError(f"seeded {version} {obj} {n + 1} breaks the spec: {violations[0]}")
        items.append(item)
    return items


def stored(state: PartyState, module: str, version: str = DEFAULT) -> list[dict[str, Any]]:
    """The objects the party holds for `module` in `version`: the seeds, and what it added
    since."""
    return state.store(module, lambda s: seed(module, s.identity, version), version)


def served(state: PartyState, module: str, version: str = DEFAULT) -> list[dict[str, Any]]:
    """The list as the party serves it: the first object broken under its fault, and the prices
    as the price faults write them (`prices.shown`)."""
    items = stored(state, module, version)
    obj = OBJECTS[module]
    items = [prices.shown(state.faults, obj, item, version) for item in items]
    if made(state.choices, EXTENSION_FIELDS, version) and items:
        items = [{**items[0], **EXTENSION}, *items[1:]]
    if LISTS_INVALID_OBJECT in state.faults and items:
        first = {k: v for k, v in items[0].items() if k != BROKEN_FIELD}
        return [first, *items[1:]]
    return items


def _get_list(module: str) -> Handler:
    def handle(call: Call) -> Outcome:
        url = functional_url(call.state, module, "SENDER", call.number)
        faults = call.state.faults
        deviations = Deviations(
            link_wrong=LISTS_LINK_WRONG in faults,
            limit_ignored=LISTS_LIMIT_IGNORED in faults,
            offset_ignored=LISTS_OFFSET_IGNORED in faults,
            date_from_ignored=LISTS_DATE_FROM_IGNORED in faults,
            unusable_paging_422=LISTS_UNUSABLE_PAGING_422 in faults,
        )
        return paginate(call, served(call.state, module, call.number), url, deviations)

    return handle


def services(more: dict[str, dict[str, Handler]]) -> tuple[Service, ...]:
    """One Sender Service per module, in every version: its list, plus the other operations
    `more` gives it (Tokens' real-time authorization, say; one a version lacks is not routed
    there)."""
    return tuple(
        Service(
            module,
            "SENDER",
            {"get_list": _get_list(module), **more.get(module, {})},
            versions=SPOKEN,
        )
        for module in MODULES
    )
