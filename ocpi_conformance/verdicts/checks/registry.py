"""The one place where each exchange-level check is bound to the case it judges.

A check judges the rule of a case: where a case of the suites states the rule, the check takes
that case's id (TRN-ANY-005, LOC-CPO-001, ...; a contract's rule takes the id each module's
suite class gives it, read off the suites by `catalog.adopted`); a rule only a capture's
sequence shows, and no case states yet, has an id of its own here (`PASSIVE_ONLY`), in its
area's numbering from 201 on. Ids never change meaning: a passive judgement under an id judges
the same rule the active case does, on what the exchanges show.

`rules(version)` gives what a judge applies: the exchange rules (each a function of one
exchange) and the sequence rules (extract and fold). Active cases can call the same functions
on the exchanges they made (`Seen.of(reply.exchange, context)`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from ocpi_conformance.spec.v2_2_1.documents import CDR, SES, TAF
from ocpi_conformance.verdicts.cases import MANDATORY, Case
from ocpi_conformance.verdicts.checks import handshake, lists, messages, pushes, sessions
from ocpi_conformance.verdicts.checks.asynchronous import AsyncResults, Flow, response_valid
from ocpi_conformance.verdicts.checks.judged import (
    CLIENT,
    SERVER,
    ExchangeRule,
    Seen,
    SequenceRule,
    Verdict,
)
from ocpi_conformance.verdicts.checks.message_ids import HubLegs, UniqueRequestIds

IDS = f"{TAF}#transport_and_format_unique_messageg_ids"
# The versions of a rule's text: message ids since 2.2; Edition 2 of 2.3.0 keeps every rule
# below (its sections read the same) but CDR-CPO-203's, whose cost reads 2.2.1's Price
# (excl_vat, incl_vat) and no tax_included.
LATEST = ("2.2.1", "2.3.0")
EVERY = ("2.1.1", "2.2.1", "2.3.0")


def _passive(
    case_id: str,
    module: str,
    interface: str,
    spec: str,
    title: str,
    versions: tuple[str, ...] = LATEST,
) -> Case:
    return Case(case_id, title, module, interface, MANDATORY, spec, (), "target", versions)


# Rules only a sequence of exchanges shows, that no case of the suites states yet.
PASSIVE_ONLY: dict[str, Case] = {
    case.id: case
    for case in (
        _passive(
            "TRN-ANY-201",
            "transport",
            "ANY",
            IDS,
            "Every request of a party carries an X-Request-ID of its own: none is reused",
        ),
        _passive(
            "TRN-ANY-202",
            "transport",
            "ANY",
            IDS,
            "A Hub forwards a request with a new X-Request-ID and the same X-Correlation-ID",
        ),
        _passive(
            "SES-CPO-201",
            "sessions",
            "SENDER",
            f"{SES}#mod_sessions_sessionstatus_enum",
            "A Session's status only moves forward (PENDING or RESERVATION, ACTIVE, then "
            "COMPLETED or INVALID) and never changes once final",
            EVERY,
        ),
        _passive(
            "CDR-CPO-201",
            "cdrs",
            "SENDER",
            f"{CDR}#mod_cdrs_cdr_object",
            "A CDR names a Session the CPO reported and agrees with it on Token, "
            "Location, EVSE and Connector",
            EVERY,
        ),
        _passive(
            "CDR-CPO-202",
            "cdrs",
            "SENDER",
            f"{CDR}#mod_cdrs_cdr_object",
            "A CDR's total_energy, total_time and total_parking_time agree with its "
            "charging periods",
            EVERY,
        ),
        _passive(
            "CDR-CPO-203",
            "cdrs",
            "SENDER",
            f"{CDR}#mod_cdrs_cdr_object",
            "A CDR's total_cost is what its Tariff makes of its charging periods",
            ("2.1.1", "2.2.1"),
        ),
    )
}

# Asynchronous flows: the ids of the AsyncResult cases of each command type and each
# charging-profile method (suites/cpo/test_commands.py, test_chargingprofiles.py).
FLOWS: dict[tuple[str, str], Flow] = {
    ("commands", "START_SESSION"): Flow(
        "CMD-CPO-001", "CMD-CPO-002", "CMD-CPO-003", "CMD-CPO-008", "CommandResult", "CMD-EMSP-102"
    ),
    ("commands", "RESERVE_NOW"): Flow(
        "CMD-CPO-009", "CMD-CPO-010", "CMD-CPO-011", "CMD-CPO-012", "CommandResult", "CMD-EMSP-102"
    ),
    ("commands", "CANCEL_RESERVATION"): Flow(
        "CMD-CPO-013", "CMD-CPO-014", "CMD-CPO-015", "CMD-CPO-016", "CommandResult", "CMD-EMSP-102"
    ),
    ("commands", "UNLOCK_CONNECTOR"): Flow(
        "CMD-CPO-017", "CMD-CPO-018", "CMD-CPO-019", "CMD-CPO-020", "CommandResult", "CMD-EMSP-102"
    ),
    ("chargingprofiles", "PUT"): Flow(
        "CHP-CPO-001",
        "CHP-CPO-002",
        "CHP-CPO-003",
        "CHP-CPO-004",
        "ChargingProfileResult",
        "CHP-EMSP-102",
    ),
    ("chargingprofiles", "GET"): Flow(
        "CHP-CPO-005",
        "CHP-CPO-006",
        "CHP-CPO-007",
        "CHP-CPO-008",
        "ActiveChargingProfileResult",
        "CHP-EMSP-102",
    ),
    ("chargingprofiles", "DELETE"): Flow(
        "CHP-CPO-010",
        "CHP-CPO-011",
        "CHP-CPO-012",
        "CHP-CPO-013",
        "ClearProfileResult",
        "CHP-EMSP-102",
    ),
}

# One exchange: (case id, who it binds, the check).
TRANSPORT: tuple[tuple[str, str, Callable[[Seen], Verdict]], ...] = (
    ("TRN-ANY-001", SERVER, messages.no_token_refused),
    ("TRN-ANY-003", SERVER, messages.raw_token_refused),
    ("TRN-ANY-004", SERVER, messages.unauthorized_has_envelope),
    ("TRN-ANY-005", SERVER, messages.request_id_echoed),
    ("TRN-ANY-006", SERVER, messages.correlation_id_echoed),
    ("TRN-ANY-007", SERVER, messages.envelope_on_success),
    ("TRN-ANY-008", SERVER, messages.content_type_json),
    ("TRN-ANY-011", SERVER, messages.token_a_refused),
    ("TRN-ANY-012", SERVER, messages.answers_route_back),
    ("TRN-ANY-013", SERVER, messages.other_scheme_refused),
    ("TRN-ANY-101", CLIENT, messages.request_carries_token),
    ("TRN-ANY-102", CLIENT, messages.request_carries_ids),
    ("TRN-ANY-103", CLIENT, messages.request_routing),
    ("VER-ANY-001", SERVER, handshake.versions_valid),
    ("VER-ANY-004", SERVER, handshake.details_valid),
    ("VER-ANY-008", SERVER, messages.versions_need_token),
    ("VER-ANY-009", SERVER, messages.details_need_token),
    ("CRD-ANY-001", SERVER, handshake.registration_answered),
    ("CRD-ANY-006", SERVER, handshake.credentials_get_valid),
    ("CRD-ANY-102", CLIENT, handshake.registration_posted_valid),
    ("LOC-CPO-013", SERVER, lists.children_not_newer_listed),
    ("LOC-CPO-013", CLIENT, lists.children_not_newer_pushed),
    ("CDR-EMSP-001", SERVER, pushes.cdr_location_header),
    ("CMD-EMSP-101", CLIENT, pushes.command_valid),
    ("CDR-CPO-202", SERVER, sessions.cdr_totals_listed),
    ("CDR-CPO-202", CLIENT, sessions.cdr_totals_pushed),
)

# A contract's rules: (contract, key, who it binds, the check).
CONTRACTS: tuple[tuple[str, str, str, Callable[[Seen], Verdict]], ...] = (
    ("SenderList", "pages", SERVER, lists.pages_valid),
    ("SenderList", "objects", SERVER, lists.objects_valid),
    ("SenderList", "headers", SERVER, lists.headers_present),
    ("SenderList", "link", SERVER, lists.link_until_last),
    ("SenderList", "link_filters", SERVER, lists.link_keeps_filters),
    ("SenderList", "date_from", SERVER, lists.date_from_kept),
    ("SenderList", "date_to", SERVER, lists.date_to_kept),
    ("SenderList", "limit", SERVER, lists.limit_kept),
    ("SenderList", "unusable_paging", SERVER, lists.unusable_paging_refused),
    ("PushedObjects", "valid", CLIENT, pushes.pushed_valid),
    ("PushedObjects", "patch", CLIENT, pushes.pushed_patch),
    ("PushedObjects", "url_body", CLIENT, pushes.pushed_url_names_body),
    ("PushedObjects", "methods", CLIENT, pushes.pushed_to_operations),
    ("PushReceiver", "answers_valid", SERVER, pushes.receiver_answers_valid),
    ("PushReceiver", "refusals_http_200", SERVER, pushes.refusals_not_http_errors),
)


@dataclass(frozen=True)
class Rules:
    """What a judge applies: every exchange rule and every sequence rule, each knowing its
    case id; `cases` the ids they can judge."""

    exchange: tuple[ExchangeRule, ...]
    sequence: tuple[SequenceRule, ...]

    def for_module(self, module: str | None) -> tuple[ExchangeRule, ...]:
        """The exchange rules that can apply to a request of `module` (None: no OCPI place)."""
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            object.__setattr__(self, "_index", index)
        found = index.get(module)
        if found is None:
            found = tuple(r for r in self.exchange if r.modules is None or module in r.modules)
            index[module] = found
        return found

    @property
    def cases(self) -> frozenset[str]:
        found = {rule.case for rule in self.exchange}
        for rule in self.sequence:
            found.update(rule.cases)
        return frozenset(found)


def _contract_rules() -> list[ExchangeRule]:
    from ocpi_conformance.verdicts.catalog import adopted

    out = []
    for contract, key, judges, check in CONTRACTS:
        for module, by_role in adopted(contract).items():
            for role, ids in by_role.items():
                if key not in ids:
                    continue
                only = None if len(by_role) == 1 else role
                out.append(ExchangeRule(ids[key], judges, check, frozenset({module}), only))
    return out


def _flow_rules() -> list[ExchangeRule]:
    return [
        ExchangeRule(
            flow.response,
            SERVER,
            functools.partial(response_valid, flows=FLOWS, case=flow.response),
            frozenset({module}),
        )
        for (module, _), flow in FLOWS.items()
    ]


@functools.cache
def rules() -> Rules:
    """Every rule of the registry, bound to its case id."""
    from ocpi_conformance.verdicts.catalog import adopted

    exchange = [ExchangeRule(case, judges, check) for case, judges, check in TRANSPORT]
    exchange += _contract_rules()
    exchange += _flow_rules()
    pages = {
        module: by_role[role]["pages"]
        for module, by_role in adopted("SenderList").items()
        for role in by_role
    }
    sequence: list[SequenceRule] = [
        handshake.Handshake(),
        lists.LinkCrawl(pages),
        AsyncResults(FLOWS),
        sessions.SessionLifeCycle(),
        sessions.CdrFollowsSession(),
        sessions.CdrCost(),
        UniqueRequestIds(),
        HubLegs(),
    ]
    return Rules(tuple(exchange), tuple(sequence))


def cases() -> dict[str, Case]:
    """The case of every id the registry judges: the suites' where they state the rule, the
    passive ones otherwise."""
    from ocpi_conformance.verdicts.catalog import catalogue

    known = {**catalogue(), **PASSIVE_ONLY}
    return {case: known[case] for case in sorted(rules().cases) if case in known}
