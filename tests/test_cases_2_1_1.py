"""The catalogue in OCPI 2.1.1 (issue #23): a case runs in the versions whose text has its rule,
cites each version's clause (file and GitHub heading anchor for 2.1.1), and one id is one rule in
every version it runs in. The 2.1.1 text differs from 2.2.1's in the ways listed in the issue;
each difference is checked here against the cases that state it (or no longer may)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ocpi_conformance import cli
from ocpi_conformance.spec.v2_1_1.clauses import FROM_2_2_1
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.verdicts.cases import (
    MANDATORY,
    Contract,
    Suite,
    case_of,
    contract_case,
    is_clause_of,
)
from ocpi_conformance.verdicts.catalog import catalogue, markdown, select
from suites.contracts.async_result import AsyncResult
from suites.contracts.push_receiver import PushReceiver
from suites.contracts.pushed import PushedObjects
from suites.contracts.sender_list import SenderList

TABLES = Path(__file__).resolve().parent / "spec_tables" / "2.1.1.json"
ANCHORS: dict[str, list[str]] = json.loads(TABLES.read_text(encoding="utf-8"))["anchors"]
V211 = spec_version("2.1.1")
V221 = spec_version("2.2.1")
OLDER = ("2.2.1", "2.1.1")  # this file judges the 2.1.1 text beside 2.2.1's (2.3.0: its own file)


def _older(versions: tuple[str, ...] | dict[str, str]) -> tuple[str, ...] | dict[str, str]:
    """The 2.2.1 and 2.1.1 part of a case's versions (a tuple, or the catalogue's dict)."""
    if isinstance(versions, dict):
        return {n: c for n, c in versions.items() if n in OLDER}
    return tuple(n for n in versions if n in OLDER)


def _exists(clause: str) -> bool:
    file, _, anchor = clause.partition("#")
    return anchor in ANCHORS.get(file, [])


def test_every_translation_names_a_heading_of_the_211_text() -> None:
    missing = sorted(c for c in FROM_2_2_1.values() if not _exists(c))
    assert not missing, f"no such heading in the 2.1.1 text: {missing}"
    assert all(is_clause_of(c, "2.1.1") for c in FROM_2_2_1.values())
    assert all(is_clause_of(c, "2.2.1") for c in FROM_2_2_1)
    assert len(FROM_2_2_1) > 60


def test_translations_are_of_clauses_the_cases_cite() -> None:
    """Every entry translates a clause a case cites (its spec, or a registry clause a contract
    fills in): no entry for a section nothing judges."""
    cited = {c.spec for c in catalogue().values()}
    for module in V221.modules.values():
        cited |= {op.spec for i in module.interfaces for op in i.operations}
        cited |= {i.spec for i in module.interfaces}
    cited |= {model.spec_anchor for model in V221.objects.values()}
    unused = sorted(set(FROM_2_2_1) - cited)
    assert not unused, f"translations of clauses no case cites: {unused}"


def test_no_translation_where_211_has_no_such_section() -> None:
    """Modules, headers and rules 2.1.1 does not have translate to nothing."""
    for absent in (
        "mod_charging_profiles.asciidoc#mod_charging_profiles_put_response_data",
        "mod_hub_client_info.asciidoc#mod_hub_client_info_client_put",
        "transport_and_format.asciidoc#transport_and_format_unique_messageg_ids",
        "transport_and_format.asciidoc#transport_and_format_message_routing",
        "version_information_endpoint.asciidoc#version_information_endpoint_interface_role_enum",
        "mod_sessions.asciidoc#mod_sessions_charging_preferences_response_enum",
        "mod_tokens.asciidoc#mod_tokens_cpo_get_request_parameters",
    ):
        assert V211.clause(absent) is None, absent


def test_every_211_case_cites_a_211_clause() -> None:
    """No 2.2.1 clause is left standing for 2.1.1: each 2.1.1 case's clause is a heading of the
    2.1.1 Markdown (translated, named by the case, or filled from the 2.1.1 registry)."""
    cases = select(version="2.1.1")
    assert len(cases) > 150
    wrong = [
        f"{c.id}: {c.clause_in('2.1.1')}"
        for c in cases
        if not (is_clause_of(c.clause_in("2.1.1"), "2.1.1") and _exists(c.clause_in("2.1.1")))
    ]
    assert not wrong, f"2.1.1 cases without a 2.1.1 clause: {wrong}"


def test_a_translation_agrees_with_the_211_registry() -> None:
    """Where both registries have an operation, an interface or an object and the 2.2.1 clause
    is translated, the translation is the clause the 2.1.1 registry gives it (read apart from
    its text): the contracts, which fill each version's clause from its registry, and the
    translated cases cite one section."""
    checked = 0
    for module in V211.modules.values():
        for interface in module.interfaces:
            older = V221.interface(module.id, interface.role)
            if older is None:
                continue
            pairs = [(older.spec, interface.spec)]
            for op in interface.operations:
                try:
                    pairs.append((V221.operation(module.id, interface.role, op.name).spec, op.spec))
                except KeyError:
                    continue  # an operation 2.2.1 lacks (the Tariffs PATCH)
            for c221, c211 in pairs:
                if c221 in FROM_2_2_1:
                    checked += 1
                    assert FROM_2_2_1[c221] == c211, (module.id, interface.role, c221)
    for name, model in V211.objects.items():
        older_model = V221.objects.get(name)
        if older_model is not None and older_model.spec_anchor in FROM_2_2_1:
            checked += 1
            assert FROM_2_2_1[older_model.spec_anchor] == model.spec_anchor, name
    assert checked > 25


def test_211_cases_exist_for_every_module_interface_and_role(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The issue's "done when": `cases --version 2.1.1 --format json` lists 2.1.1 cases for every
    2.1.1 module x interface x role, the target's own requests (pushes, commands) included."""
    assert cli.main(["cases", "--version", "2.1.1", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and all("2.1.1" in c["versions"] for c in listed)
    have = {(c["module"], c["interface"], c["role"], c["initiator"]) for c in listed}
    for module in V211.modules.values():
        for interface in module.interfaces:
            for role in interface.implemented_by:
                shown = interface.role or "ANY"
                who = role.lower() if interface.role else "any"
                found = {(module.id, shown, who, by) for by in ("harness", "target")} & have
                assert found, (module.id, shown, role)
    # the Sender interfaces' pushes and the eMSP's commands, judged from our seat
    for module, role in [("locations", "cpo"), ("sessions", "cpo"), ("cdrs", "cpo"),
                         ("tariffs", "cpo"), ("tokens", "emsp"), ("commands", "emsp")]:  # fmt: skip
        assert (module, "SENDER", role, "target") in have, (module, role)
    assert {("transport", "ANY", "any", "harness"), ("transport", "ANY", "any", "target")} <= have
    assert not {c["module"] for c in listed} & {"chargingprofiles", "hubclientinfo"}


def test_cases_json_gives_each_versions_clause(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["cases", "--format", "json"]) == 0
    listed = {c["id"]: c for c in json.loads(capsys.readouterr().out)}
    assert _older(listed["LOC-CPO-001"]["versions"]) == {
        "2.2.1": "mod_locations.asciidoc#mod_locations_get_list_request_parameters",
        "2.1.1": "mod_locations.md#get-list-request-parameters",
    }
    assert _older(listed["TRN-ANY-005"]["versions"]) == {
        "2.2.1": "transport_and_format.asciidoc#transport_and_format_unique_messageg_ids"
    }
    assert listed["TRN-ANY-015"]["versions"] == {
        "2.1.1": "transport_and_format.md#security-and-authentication"
    }


# --- one id, one rule ----------------------------------------------------------------------------


def _number(case_id: str) -> int:
    return int(case_id.rsplit("-", 1)[1])


def test_a_rule_only_211_has_gets_a_new_number() -> None:
    """A case of a rule 2.2.1 does not state continues its suite's numbering (its block: 0xx
    for the harness's requests, 1xx for the target's): no 2.1.1-only case takes a number at
    or below a 2.2.1 case of its prefix and block, so no released id changes meaning."""
    cases = catalogue().values()
    for case in (c for c in cases if not c.applies_to("2.2.1")):
        prefix, block = case.id.rsplit("-", 1)[0], _number(case.id) // 100
        released = [
            _number(c.id)
            for c in cases
            if c.applies_to("2.2.1")
            and c.id.startswith(prefix + "-")
            and _number(c.id) // 100 == block
        ]
        assert not released or _number(case.id) > max(released), case.id


def test_a_contract_case_has_one_title_in_every_version() -> None:
    """A contract case whose words differ by version would be two rules under one id: the
    catalogue refuses it."""

    class Worded(Contract):
        @classmethod
        def words_in(cls, number: str) -> dict[str, str]:
            return {"thing": f"thing of {number}"}

        @contract_case("key", MANDATORY, "{op:get_list}")
        def test_it(self) -> None:
            """A {thing}"""

    with pytest.raises(ValueError, match="title differs by version"):

        class TestWorded(Worded, suite=Suite("locations", "SENDER", versions=("2.2.1", "2.1.1"))):
            numbers = {"key": 901}  # noqa: RUF012


def test_a_contract_case_runs_where_the_registry_has_what_it_names() -> None:
    """The Tariffs Receiver has a PATCH in 2.1.1 only: its PATCH cases run there alone; a CDR
    Receiver has no PATCH in either, and gets none."""
    cases = catalogue()
    assert cases["TAR-EMSP-013"].versions == ("2.1.1",)
    assert cases["TAR-EMSP-013"].title == "A PATCH of a Tariff merges only the fields sent"
    assert cases["TAR-EMSP-013"].spec == "mod_tariffs.md#223-patch-method"
    assert cases["TAR-CPO-105"].versions == ("2.1.1",)
    assert "TAR-CPO-102" not in cases and "CDR-CPO-102" not in cases
    assert _older(cases["LOC-EMSP-006"].versions) == ("2.2.1", "2.1.1")
    assert cases["LOC-EMSP-006"].clause_in("2.1.1") == "mod_locations.md#223-patch-method"


def test_a_contract_clause_comes_from_the_versions_registry() -> None:
    """Registry placeholders ({op:...}) are filled from each version's own registry: the
    2.1.1 clause of a pushed object's URL rule is where 2.1.1 states it."""
    cases = catalogue()
    assert cases["SES-CPO-001"].clause_in("2.1.1") == "mod_sessions.md#211-get-method"
    assert cases["TOK-EMSP-104"].clause_in("2.1.1") == "mod_tokens.md#21-cpo-interface"
    assert cases["LOC-CPO-103"].clause_in("2.1.1") == (
        "transport_and_format.md#client-owned-object-push"
    )


# --- the 2.1.1 differences (issue #23), each as the cases state it --------------------------------

ONLY_221 = {
    # no 401 rule anywhere in 2.1.1
    "TRN-ANY-001", "TRN-ANY-002", "TRN-ANY-004", "TRN-ANY-011", "TRN-ANY-013",
    "VER-ANY-008", "VER-ANY-009",
    # the token travels as it is: no Base64
    "TRN-ANY-003", "TRN-ANY-101",
    # no X-Request-ID / X-Correlation-ID, no routing headers
    "TRN-ANY-005", "TRN-ANY-006", "TRN-ANY-102", "TRN-ANY-012", "TRN-ANY-103",
    "CMD-CPO-008", "CMD-CPO-012", "CMD-CPO-020",
    # Credentials are flat: no roles; Endpoints have no role
    "CRD-ANY-102", "VER-ANY-006", "VER-ANY-010",
    # status_codes.md: no HTTP error "should" be returned (2.2.1: MUST NOT)
    "CRD-ANY-017", "LOC-EMSP-015", "SES-EMSP-013", "TAR-EMSP-011", "TOK-CPO-014",
    "CDR-EMSP-010", "CMD-CPO-024",
    # no PATCH requires last_updated
    "LOC-EMSP-009", "SES-EMSP-005", "TOK-CPO-005", "LOC-CPO-102", "SES-CPO-102", "TOK-EMSP-102",
    # date_from's inclusiveness is unstated
    "LOC-CPO-007", "SES-CPO-007", "CDR-CPO-007", "TAR-CPO-007", "TOK-EMSP-007",
    # the Tokens CPO interface has no ?type
    "TOK-CPO-011", "TOK-CPO-012",
    # authorize: nothing says what an unknown Token gets; AuthorizationInfo names no Token
    "TOK-EMSP-009", "TOK-EMSP-010", "TOK-EMSP-011",
    # the direct answer is a CommandResponseType, the async one a CommandResponse
    "CMD-CPO-001", "CMD-CPO-002", "CMD-CPO-003", "CMD-EMSP-102",
    # no CANCEL_RESERVATION
    "CMD-CPO-013", "CMD-CPO-014", "CMD-CPO-015", "CMD-CPO-016", "CMD-CPO-021",
    # no charging preferences, no credit CDRs, a Connector has one tariff_id
    "SES-CPO-012", "SES-CPO-013", "SES-CPO-014", "CDR-EMSP-006", "LOC-CPO-014",
    # a Receiver need not move the parent's last_updated; a PATCH adds no charging_periods
    "LOC-EMSP-004", "LOC-EMSP-005", "LOC-EMSP-007", "LOC-EMSP-008", "SES-EMSP-011",
    # the Location header may be relative in 2.1.1
    "CDR-EMSP-001",
}  # fmt: skip
ONLY_211 = {
    # a refusal of any kind where 2.2.1 says 401
    "TRN-ANY-015": "mandatory", "TRN-ANY-016": "mandatory", "TRN-ANY-017": "recommended",
    "TRN-ANY-018": "recommended", "VER-ANY-012": "mandatory", "VER-ANY-013": "mandatory",
    # the token as it is
    "TRN-ANY-105": "mandatory",
    # each module once (no role); flat Credentials
    "VER-ANY-014": "optional", "CRD-ANY-104": "mandatory",
    # "no HTTP error should be returned"
    "CRD-ANY-018": "recommended", "LOC-EMSP-017": "recommended", "SES-EMSP-015": "recommended",
    "TAR-EMSP-014": "recommended", "TOK-CPO-016": "recommended", "CDR-EMSP-013": "recommended",
    "CMD-CPO-034": "recommended",
    # a PATCH carries valid fields, nothing required; the Tariffs Receiver has a PATCH
    "LOC-CPO-105": "mandatory", "SES-CPO-105": "mandatory", "TAR-CPO-105": "mandatory",
    "TOK-EMSP-105": "mandatory", "TAR-EMSP-013": "mandatory",
    # date_from: after it selected, before it not
    "LOC-CPO-020": "mandatory", "SES-CPO-017": "mandatory", "CDR-CPO-014": "mandatory",
    "TAR-CPO-014": "mandatory", "TOK-EMSP-017": "mandatory",
    # authorize: a valid AuthorizationInfo; too little information gets 2002 (SHOULD)
    "TOK-EMSP-018": "mandatory", "TOK-EMSP-019": "recommended",
    # the 2.1.1 command flow: CommandResponseType at once, a CommandResponse POSTed after
    **{f"CMD-CPO-0{n}": "mandatory" for n in range(25, 34)}, "CMD-EMSP-103": "mandatory",
    # EVSE and Connector PUT and PATCH without the parent rule; one tariff_id; relative Location
    "LOC-EMSP-018": "mandatory", "LOC-EMSP-019": "mandatory", "LOC-EMSP-020": "mandatory",
    "LOC-EMSP-021": "mandatory", "LOC-CPO-021": "recommended", "CDR-EMSP-012": "mandatory",
}  # fmt: skip
# rules the two texts state alike, at the same level (a sample of each kind)
BOTH = {
    "VER-ANY-001", "VER-ANY-002", "VER-ANY-004", "VER-ANY-005", "VER-ANY-007", "VER-ANY-011",
    "CRD-ANY-001", "CRD-ANY-002", "CRD-ANY-005", "CRD-ANY-007", "CRD-ANY-008", "CRD-ANY-009",
    "CRD-ANY-010", "CRD-ANY-012", "CRD-ANY-016", "CRD-ANY-101", "CRD-ANY-103",
    "TRN-ANY-007", "TRN-ANY-008", "TRN-ANY-009", "TRN-ANY-010", "TRN-ANY-014", "TRN-ANY-104",
    "LOC-CPO-008", "LOC-CPO-011", "LOC-CPO-012", "LOC-CPO-013", "LOC-EMSP-010", "LOC-EMSP-013",
    "TAR-EMSP-009", "TOK-CPO-013", "SES-EMSP-012", "CDR-EMSP-009", "CMD-CPO-005",
    "CMD-CPO-006", "CMD-CPO-007", "CMD-CPO-022", "CMD-EMSP-101",
}  # fmt: skip


def test_what_211_lacks_does_not_run_in_211() -> None:
    cases = catalogue()
    assert set(cases) >= ONLY_221
    running = sorted(c for c in ONLY_221 if cases[c].applies_to("2.1.1"))
    assert not running, f"cases whose rule the 2.1.1 text lacks run in 2.1.1: {running}"


def test_what_only_211_states_runs_there_alone_at_its_level() -> None:
    cases = catalogue()
    for case_id, level in ONLY_211.items():
        assert cases[case_id].versions == ("2.1.1",), case_id
        assert cases[case_id].level == level, case_id
    only = {c.id for c in cases.values() if c.versions == ("2.1.1",)}
    assert only == set(ONLY_211), sorted(only ^ set(ONLY_211))


def test_what_both_state_runs_in_both() -> None:
    cases = catalogue()
    assert all(_older(cases[c].versions) == OLDER for c in BOTH), sorted(
        c for c in BOTH if _older(cases[c].versions) != OLDER
    )


def test_no_211_case_of_a_module_211_lacks() -> None:
    for case in select(version="2.1.1"):
        assert case.module in V211.modules or case.module == "transport", case.id
        if case.interface != "ANY":
            assert V211.interface(case.module, case.interface) is not None, case.id


def test_a_rule_of_another_level_in_211_is_another_id() -> None:
    """status_codes: 2.2.1's MUST NOT is 2.1.1's "should": the 2.2.1 cases stay mandatory and
    2.2.1's, their 2.1.1 twins are recommended (one id, one level)."""
    cases = catalogue()
    pairs = {"CRD-ANY-017": "CRD-ANY-018", "CDR-EMSP-010": "CDR-EMSP-013",
             "CMD-CPO-024": "CMD-CPO-034", "LOC-EMSP-015": "LOC-EMSP-017",
             "SES-EMSP-013": "SES-EMSP-015", "TAR-EMSP-011": "TAR-EMSP-014",
             "TOK-CPO-014": "TOK-CPO-016"}  # fmt: skip
    for older, newer in pairs.items():
        assert (cases[older].level, _older(cases[older].versions)) == ("mandatory", ("2.2.1",))
        assert (cases[newer].level, cases[newer].versions) == ("recommended", ("2.1.1",))
        assert cases[newer].clause_in("2.1.1") == "status_codes.md#status-codes"


# --- the catalogue as a reader sees it -----------------------------------------------------------


def test_the_markdown_shows_each_cases_versions_and_clauses() -> None:
    text = markdown(list(catalogue().values()))
    row = next(line for line in text.splitlines() if line.startswith("| LOC-CPO-008 |"))
    assert "| 2.3.0, 2.2.1, 2.1.1 |" in row
    assert "2.2.1: `transport_and_format.asciidoc#transport_and_format_paginated_request`" in row
    assert "2.1.1: `mod_locations.md#get-list-request-parameters`" in row
    only = next(line for line in text.splitlines() if line.startswith("| TRN-ANY-005 |"))
    assert "| 2.3.0, 2.2.1 |" in only and ".md#" not in only
    assert re.search(r"\d+ cases \(\d+ in 2\.3\.0, \d+ in 2\.2\.1, \d+ in 2\.1\.1\)", text)


def test_cases_version_211_lists_only_its_cases(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["cases", "--version", "2.1.1"]) == 0
    ids = {line.split()[0] for line in capsys.readouterr().out.splitlines()}
    assert "TRN-ANY-015" in ids and "TRN-ANY-001" not in ids and "LOC-CPO-001" in ids


def test_a_211_only_suite_test_declares_its_case() -> None:
    """A test of a rule only 2.1.1 states is a case like any other (one per test)."""
    from suites.common import test_transport

    found = case_of(test_transport.test_missing_authorization_is_refused)
    assert found is not None and found.id == "TRN-ANY-015" and found.versions == ("2.1.1",)


def test_every_contract_case_is_some_modules_case() -> None:
    """A contract case runs where the registry has what it names: a template naming what no
    registry has (a misspelt operation) would leave it no version anywhere, silently. Every
    contract case is a case of at least one adopting module."""
    catalogue()  # imports every suite file, so every adopting class exists

    def adopting(contract: type) -> list[type]:
        found = []
        for sub in contract.__subclasses__():
            found += [sub] if "suite" in vars(sub) else adopting(sub)
        return found

    for contract in (SenderList, PushReceiver, PushedObjects, AsyncResult):
        templates = {
            name: value.__ocpi_contract_case__.key
            for name, value in vars(contract).items()
            if hasattr(value, "__ocpi_contract_case__")
        }
        classes = adopting(contract)
        assert classes, contract.__name__
        for name, key in templates.items():
            assert any(getattr(cls, name, None) is not None for cls in classes), (
                f"{contract.__name__}.{key} is no module's case"
            )
