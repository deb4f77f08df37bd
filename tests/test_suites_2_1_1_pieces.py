"""The pieces the suites judge 2.1.1 with, alone (a run against a 2.1.1 target needs the party
and the handshake to speak it; these hold whatever the sandbox does): how a refusal looks where no
status is named, what a 2.1.1 object is named by and how it compares, what the harness sends in
2.1.1 (no fractions, no owner fields, no connector_id in a StartSession, an int reservation_id),
and which case judges a rule in each version."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from ocpi_conformance.plugin.fixtures import require_endpoint
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.strategies import schema_of
from ocpi_conformance.transport.client import Reply, Walk
from ocpi_conformance.transport.exchanges import Exchange
from ocpi_conformance.verdicts.checks import pagination
from ocpi_conformance.verdicts.checks.roundtrip import differences
from ocpi_conformance.verdicts.failures import TransportViolation
from suites.common import test_credentials as credentials_suite
from suites.common import test_versions as versions_suite
from suites.contracts.async_result import result_of
from suites.contracts.list_probes import Held
from suites.contracts.push_receiver import now
from suites.contracts.refusals import keeps_names, one_of_each_kind
from suites.contracts.unauthorized import assert_refused, refusal_statuses, served
from suites.contracts.versions import judged_in
from suites.cpo import command_place
from suites.cpo import test_commands as commands_suite  # as modules: no suite class collected
from suites.emsp import test_cdrs as cdrs_suite
from suites.emsp import test_locations as locations_suite

V211, V221 = spec_version("2.1.1"), spec_version("2.2.1")
EXCHANGE = Exchange("outbound", "GET", "http://127.0.0.1/t", {}, None, 200, {}, None, 0, 0)


def _reply(status: int | None, body: Any = None, headers: dict[str, str] | None = None) -> Reply:
    return Reply(EXCHANGE, status, httpx.Headers(headers or {}), "", json=body)


def _envelope(code: int, data: Any = None) -> dict[str, Any]:
    return {"status_code": code, "timestamp": "2024-01-01T00:00:00Z", "data": data}


# --- a refusal where the text names no status ----------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [_reply(401), _reply(403, _envelope(2000)), _reply(404), _reply(200, _envelope(2001))],
)
def test_any_refusal_is_one_in_211(reply: Reply) -> None:
    assert_refused(reply, "without Authorization", V211)


def test_a_success_answer_is_no_refusal_in_211() -> None:
    with pytest.raises(TransportViolation, match="served as if authorized"):
        assert_refused(_reply(200, _envelope(1000, [])), "without Authorization", V211)
    assert served(_reply(200, _envelope(1000, []))) and served(_reply(204))
    assert not served(_reply(200, _envelope(2001))) and not served(_reply(None))


def test_221_wants_its_401() -> None:
    assert_refused(_reply(401), "without Authorization", V221)
    with pytest.raises(TransportViolation):
        assert_refused(_reply(403), "without Authorization", V221)
    assert refusal_statuses(V221) == (401,) and refusal_statuses(V211) == (401, 403)


# --- what 2.1.1 objects are named by and how they compare ----------------------------------------


def _tariff(tariff_id: str, stamp: str) -> dict[str, str]:
    return {"id": tariff_id, "last_updated": stamp}


def test_a_211_id_is_case_sensitive_where_a_221_one_is_not() -> None:
    items = [_tariff("t1", "2024-02-01T09:00:00Z"), _tariff("T1", "2024-02-02T09:00:00Z")]
    assert Held.of("Tariff", items, V211).count == 2
    assert Held.of("Tariff", items, V221).count == 1
    walk = Walk(pages=[_reply(200, _envelope(1000, items), {"X-Total-Count": "2"})], items=items)
    assert pagination.completeness_problems(walk, "Tariff", "2.1.1") == []
    assert pagination.completeness_problems(walk, "Tariff", "2.2.1")  # one object, twice


def test_a_211_list_judges_the_211_datetime_only() -> None:
    """A last_updated with a fraction is no 2.1.1 DateTime: no date probe is built on it."""
    items = [_tariff("a", "2024-02-01T09:00:00.5Z"), _tariff("b", "2024-02-02T09:00:00Z")]
    assert Held.of("Tariff", items, V211).instants == Held.of("Tariff", items[1:], V221).instants
    assert len(Held.of("Tariff", items, V221).instants) == 2


def test_a_211_string_round_trips_case_sensitive() -> None:
    schema = schema_of("Tariff", "2.1.1")
    sent = fixture("tariffs", "Tariff.minimal", "2.1.1")
    assert differences(sent, {**sent, "id": sent["id"].lower()}, schema, schema)
    older = schema_of("Tariff", "2.2.1")
    sent = fixture("tariffs", "Tariff.minimal", "2.2.1")
    assert not differences(sent, {**sent, "id": sent["id"].lower()}, older, older)


def test_invalid_211_objects_break_one_211_rule_each() -> None:
    base = fixture("tokens", "Token.full", "2.1.1")
    found = one_of_each_kind("Token", base, keeps_names(("uid",)), version="2.1.1")
    assert len(found) >= 5
    for broken in found:
        assert validate_object("Token", base, "2.1.1") == []
        violations = validate_object("Token", broken.body, "2.1.1")
        assert len({v.path for v in violations}) == 1, (broken.what, violations)


def test_a_211_string_is_broken_as_a_string() -> None:
    """types.md: a 2.1.1 string is printable ASCII as a CiString is; a non-ASCII character in
    one is reported as what the field is, a string (2.2.1's CiStrings keep their name)."""
    base = fixture("tariffs", "Tariff.full", "2.1.1")
    older = one_of_each_kind("Tariff", base, keeps_names(("id",)), version="2.1.1")
    kinds = {broken.mutation.kind: broken for broken in older}
    assert "a CiString with a non-ASCII character" not in kinds
    assert kinds["a string with a non-ASCII character"].mutation.path == ("currency",)
    newer = one_of_each_kind("Tariff", fixture("tariffs", "Tariff.full"))
    assert "a CiString with a non-ASCII character" in {b.mutation.kind for b in newer}


# --- what the harness sends in 2.1.1 --------------------------------------------------------------


def test_now_has_no_fraction_in_211() -> None:
    assert V211.part("types").parse_datetime(now(V211)) is not None
    assert "." not in now(V211) and "." in now(V221)
    assert V221.part("types").parse_datetime(now("2.2.1")) is not None


def test_a_command_carries_the_fields_of_its_211_object() -> None:
    place = {"location_id": "L", "evse_uid": "E", "connector_id": "C"}
    body = {"token": {"uid": "U"}, **place}
    assert command_place.shaped(V211, "START_SESSION", body) == {
        "token": {"uid": "U"},
        "location_id": "L",
        "evse_uid": "E",
    }
    assert command_place.shaped(V221, "START_SESSION", body) == body
    assert command_place.shaped(V211, "UNLOCK_CONNECTOR", place) == place


def test_a_211_reservation_id_is_an_int() -> None:
    assert isinstance(commands_suite._reservation_id(V211), int)
    assert isinstance(commands_suite._reservation_id(V221), str)


def test_the_direct_answer_is_read_in_both_shapes() -> None:
    assert result_of("ACCEPTED") == "ACCEPTED"  # 2.1.1: the CommandResponseType itself
    assert result_of({"result": "ACCEPTED", "timeout": 30}) == "ACCEPTED"  # 2.2.1
    assert result_of(None) is None and result_of(["ACCEPTED"]) is None


def test_a_211_session_is_found_by_the_tokens_auth_id() -> None:
    token = fixture("tokens", "Token.full", "2.1.1")
    session = {**fixture("sessions", "Session.minimal", "2.1.1"), "auth_id": token["auth_id"]}
    assert command_place._used_token(session, token)
    assert not command_place._used_token({**session, "auth_id": "OTHER"}, token)
    newer = {"cdr_token": {"uid": "u1"}}
    assert command_place._used_token(newer, {"uid": "U1"})


def test_the_not_credentials_probe_names_what_the_versions_object_lacks() -> None:
    assert credentials_suite._without(V221) == "url and roles"
    assert credentials_suite._without(V211) == "url, business_details, party_id and country_code"


def test_a_versions_answer_that_is_no_success_lists_nothing() -> None:
    """VER-ANY-001 on the answer to the token as 2.1.1 sends it: HTTP 200 with status_code 3000
    (py_ocpi, a raw token that is no Base64) is a valid envelope but no versions list."""
    refused: Any = SimpleNamespace(versions=_reply(200, _envelope(3000, [])))
    with pytest.raises(TransportViolation, match="status_code 3000 is not a success"):
        versions_suite.test_versions_list_is_valid(refused, V211)
    listed: Any = SimpleNamespace(
        versions=_reply(200, _envelope(1000, [{"version": "2.1.1", "url": "http://127.0.0.1/v"}]))
    )
    versions_suite.test_versions_list_is_valid(listed, V211)


def test_an_interface_not_offered_is_skipped_naming_the_run_version() -> None:
    harness: Any = SimpleNamespace(
        config=SimpleNamespace(selects=lambda module: True, read_only=False),
        discovery=SimpleNamespace(endpoint=lambda module, role: None),
        version=V211,
    )
    with pytest.raises(pytest.skip.Exception, match=r"2\.1\.1 details list no commands RECEIVER"):
        require_endpoint(harness, "commands", "RECEIVER")


# --- which case judges a rule in each version -----------------------------------------------------


def test_a_shared_fixture_is_blocked_by_the_case_of_the_run_version() -> None:
    receiver = locations_suite.TestLocationReceiver
    evse = (receiver.test_put_evse, receiver.test_evse_put)
    assert judged_in("2.2.1", *evse) == "LOC-EMSP-004"
    assert judged_in("2.1.1", *evse) == "LOC-EMSP-018"
    assert cdrs_suite.posted_case(V221) == "CDR-EMSP-001"
    assert cdrs_suite.posted_case(V211) == "CDR-EMSP-012"
    with pytest.raises(LookupError):
        judged_in("2.1.1", cdrs_suite.TestCdrReceiver.test_post_answers_with_location)


def test_a_relative_location_is_resolved_in_211_only() -> None:
    endpoint = "http://127.0.0.1:9/ocpi/emsp/2.1.1/cdrs"
    accepted = _reply(201, _envelope(1000), {"Location": "/ocpi/emsp/2.1.1/cdrs/123456"})
    assert cdrs_suite.location_of(accepted, "POST", endpoint, V211) == (
        "http://127.0.0.1:9/ocpi/emsp/2.1.1/cdrs/123456"
    )
    with pytest.raises(AssertionError, match="not an absolute URL"):
        cdrs_suite.location_of(accepted, "POST", endpoint, V221)
