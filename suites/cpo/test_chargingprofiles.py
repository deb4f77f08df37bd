"""CHP-CPO: the ChargingProfiles RECEIVER interface of a CPO (mod_charging_profiles.asciidoc).

The harness is the eMSP (or SCSP). A profile needs a running session, which only a START_SESSION
can give it: the module starts one at the place the Commands suite uses (`command_place.py`),
finds its id in the CPO's Sessions list and stops it with STOP_SESSION when the module is done,
whatever happened. On that session it PUTs a SetChargingProfile, GETs the ActiveChargingProfile
and DELETEs the profile again (the clean-up), each answered with a ChargingProfileResponse and
followed by its result POSTed to the response_url on our peer (the AsyncResult contract).

The profile is harmless and valid by every rule: one period, a limit well within the Connector
(at most 16 A on AC, 11 kW on DC, less if the Connector gives less), starting now, lasting
ten minutes; a Charging Profile "is a maximum limit, not a target".
Writes all of it: skipped under --read-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.peer import Peer
from ocpi_conformance.spec.v2_2_1.documents import CPR
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import OcpiClient, object_url
from ocpi_conformance.transport.guards import parse_json_text
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import assert_success

from ..contracts.async_result import AsyncResult, Sent, accepted, response_url, result_exchange
from ..contracts.push_receiver import EXTENSION_FIELD, UNDOCUMENTED, now
from . import command_place
from .command_place import Running, evse_at

SUITE = Suite("chargingprofiles", "RECEIVER", versions=("2.2.1", "2.3.0"))
place = command_place.place  # the fixtures: where the session charges, and the session
running_session = command_place.running_session

PROFILE_S = 600  # how long the profile the harness sets lasts
DURATION_S = 900  # the ActiveChargingProfile asked for ("for example 900" in the GET example)
AC_LIMIT_A, DC_LIMIT_W = 16, 11000  # the most the harness ever lets a session draw


def _words(request: str, result: str, response_anchor: str, result_anchor: str) -> dict[str, str]:
    return {
        "request": request,
        "response": "ChargingProfileResponse",
        "result": result,
        "response_spec": f"{CPR}#{response_anchor}",
        "result_spec": f"{CPR}#{result_anchor}",
    }


def _numbers(first: int) -> dict[str, int]:
    return {key: first + offset for offset, key in enumerate(AsyncResult.numbers)}


def harmless_profile(connector: dict[str, Any] | None) -> dict[str, Any]:
    """A ChargingProfile that limits the session to 16 A (AC) or 11 kW (DC), or to what the
    Connector gives when that is less: enough to go on charging, and short."""
    connector = connector or {}
    if str(connector.get("power_type", "AC")).startswith("DC"):
        unit, limit, most = "W", DC_LIMIT_W, connector.get("max_electric_power")
    else:
        unit, limit, most = "A", AC_LIMIT_A, connector.get("max_amperage")
    if isinstance(most, int) and most > 0:
        limit = min(limit, most)
    return {
        "start_date_time": now(),
        "duration": PROFILE_S,
        "charging_rate_unit": unit,
        "charging_profile_period": [{"start_period": 0, "limit": float(limit)}],
    }


def _connector(evse: dict[str, Any] | None, connector_id: str) -> dict[str, Any] | None:
    for connector in (evse or {}).get("connectors") or []:
        if isinstance(connector, dict) and connector.get("id") == connector_id:
            return connector
    return None


def _request(
    client: OcpiClient,
    endpoint: str,
    peer: Peer,
    method: str,
    session_id: str,
    body: dict[str, Any] | None = None,
    params: dict[str, Any] | None = None,
) -> Sent:
    """One request on a session, with a fresh response_url on our peer: in the body (PUT) or
    the query (GET, DELETE), as the method's Request Parameters say."""
    reference, url = response_url(peer, SUITE, method)
    sent_at = now()
    url_of = object_url(endpoint, session_id)
    if body is not None:
        body = {**body, "response_url": url}
        reply = client.request("PUT", url_of, module=SUITE.module, json_body=body)
    else:
        query = {**(params or {}), "response_url": url}
        reply = client.request(method, url_of, module=SUITE.module, params=query)
    return Sent(reply, reference, url, body or {}, sent_at)


def _said_accepted(sent: Sent) -> bool:
    return isinstance(sent.reply.data, dict) and sent.reply.data.get("result") == "ACCEPTED"


@pytest.fixture(scope="module")
def profile_set(
    harness: Harness,
    client: OcpiClient,
    endpoint: str,
    peer: Peer,
    running_session: Running,
) -> Sent:
    """The PUT of a harmless SetChargingProfile on our session."""
    evse = evse_at(harness, client, running_session.place)
    profile = harmless_profile(_connector(evse, running_session.place["connector_id"]))
    body = {"charging_profile": profile, "response_url": "https://placeholder.invalid/"}
    broken = validate_object("SetChargingProfile", body, client.version.number)
    if broken:  # the harness's own mistake: never send what the spec forbids
        raise RuntimeError(f"the harness built an invalid SetChargingProfile: {first(broken)}")
    sent = _request(
        client, endpoint, peer, "PUT", running_session.session_id, {"charging_profile": profile}
    )
    if _said_accepted(sent):
        harness.ledger.record(
            SUITE.module, object_url(endpoint, running_session.session_id), sent.body
        )
    return sent


class TestSetChargingProfile(AsyncResult, suite=SUITE):
    """CHP-CPO-001 to 004: PUT of a SetChargingProfile on our session, its
    ChargingProfileResponse and its ChargingProfileResult."""

    result_object = "ChargingProfileResult"
    response_operation = "put_charging_profile"
    numbers: ClassVar[dict[str, int]] = _numbers(1)
    words: ClassVar[dict[str, str]] = _words(
        "PUT of a SetChargingProfile on our session",
        "ChargingProfileResult",
        "mod_charging_profiles_put_response_data",
        "mod_charging_profiles_charging_profiles_result_object",
    )

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls, profile_set: Sent) -> Sent:
        return profile_set


class TestGetActiveChargingProfile(AsyncResult, suite=SUITE):
    """CHP-CPO-005 to 009: GET of the ActiveChargingProfile of our session, its
    ChargingProfileResponse and its ActiveChargingProfileResult."""

    result_object = "ActiveChargingProfileResult"
    response_operation = "get_active_charging_profile"
    numbers: ClassVar[dict[str, int]] = _numbers(5)
    words: ClassVar[dict[str, str]] = _words(
        f"GET of the ActiveChargingProfile of our session (duration {DURATION_S} s)",
        "ActiveChargingProfileResult",
        "mod_charging_profiles_get_response_data",
        "mod_charging_profiles_active_charging_profiles_result_object",
    )

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls, client: OcpiClient, endpoint: str, peer: Peer, running_session: Running) -> Sent:
        params = {"duration": DURATION_S}
        return _request(client, endpoint, peer, "GET", running_session.session_id, params=params)

    @SUITE.case(
        "CHP-CPO-009",
        RECOMMENDED,
        f"{CPR}#mod_charging_profiles_active_charging_profiles_result_object",
        needs=("registered",),
    )
    def test_an_accepted_result_carries_the_profile(
        self, harness: Harness, peer: Peer, sent: Sent
    ) -> None:
        """An ActiveChargingProfileResult ACCEPTED carries the ActiveChargingProfile asked for

        profile is "The requested ActiveChargingProfile, if the result field is set to:
        ACCEPTED": a result without it (a ChargingProfileResult, say) answers another request.
        Recommended: the field's description says so, with Card. ? and no SHALL."""
        accepted(sent)
        body = _result_body(harness, peer, sent)
        if body.get("result") != "ACCEPTED":
            pytest.skip(f"the EVSE did not ACCEPT the request ({body.get('result')!r}): no profile")
        assert isinstance(body.get("profile"), dict), (
            f"the ActiveChargingProfileResult POSTed to {sent.response_url} is ACCEPTED but "
            f"carries no profile: {body}"
        )


def _result_body(harness: Harness, peer: Peer, sent: Sent) -> dict[str, Any]:
    """The JSON object POSTed as the result of `sent`, or a skip when none arrived."""
    arrived = result_exchange(harness, peer, sent)
    if arrived is None:
        pytest.skip("no result arrived to judge (the result cases judge that)")
    body, why = parse_json_text(arrived.request_body or "")
    if why:
        pytest.skip(f"the result: {why} (the result cases judge that)")
    if not isinstance(body, dict):
        pytest.skip("the result is not a JSON object (the result cases judge that)")
    return body


class TestClearProfile(AsyncResult, suite=SUITE):
    """CHP-CPO-010 to 013: DELETE of the profile the harness set (its clean-up), the
    ChargingProfileResponse and the ClearProfileResult."""

    result_object = "ClearProfileResult"
    response_operation = "delete_charging_profile"
    numbers: ClassVar[dict[str, int]] = _numbers(10)
    words: ClassVar[dict[str, str]] = _words(
        "DELETE of the profile we set on our session",
        "ClearProfileResult",
        "mod_charging_profiles_delete_response_data",
        "mod_charging_profiles_clear_profiles_result_object",
    )

    @pytest.fixture(scope="class")
    @classmethod
    def sent(
        cls,
        harness: Harness,
        client: OcpiClient,
        endpoint: str,
        peer: Peer,
        running_session: Running,
        profile_set: Sent,
    ) -> Iterator[Sent]:
        if _said_accepted(profile_set):
            result_exchange(harness, peer, profile_set)  # clear once the profile is in place
        sent = _request(client, endpoint, peer, "DELETE", running_session.session_id)
        if _said_accepted(sent):
            harness.ledger.settle(object_url(endpoint, running_session.session_id))
        yield sent


@SUITE.case("CHP-CPO-014", RECOMMENDED, f"{CPR}#mod_charging_profiles_responsetype_enum")
def test_an_unknown_session_is_unknown_session(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, suite: Suite
) -> None:
    """PUT, GET and DELETE on a session the CPO does not know are answered UNKNOWN_SESSION

    UNKNOWN_SESSION: "The Session in the requested command is not known by this CPO". Needs no
    running session: the harness makes up the id."""
    session_id = new_id("NO-SUCH")
    profile = harmless_profile(None)
    requests = {
        "PUT": _request(client, endpoint, peer, "PUT", session_id, {"charging_profile": profile}),
        "GET": _request(client, endpoint, peer, "GET", session_id, params={"duration": 60}),
        "DELETE": _request(client, endpoint, peer, "DELETE", session_id),
    }
    operations = {
        "PUT": "put_charging_profile",
        "GET": "get_active_charging_profile",
        "DELETE": "delete_charging_profile",
    }
    wrong = []
    for method, sent in requests.items():
        try:
            assert_success(sent.reply, suite.operation(operations[method]))
        except AssertionError as exc:
            wrong.append(f"{method}: {str(exc).splitlines()[0]}")
            continue
        result = sent.reply.data.get("result")
        if result != "UNKNOWN_SESSION":
            wrong.append(f"{method} answered {result}")
    assert not wrong, (
        f"a session never started: {'; '.join(wrong)}; expected a ChargingProfileResponse "
        "UNKNOWN_SESSION each time"
    )


# Reading (2.3.0): a SetChargingProfile with a field no table documents is one the CPO "SHALL
# NOT reject" for it (transport_and_format, non-specified JSON fields): it is answered as the
# same PUT without the field would be, a ChargingProfileResponse (HTTP 200, status_code 1000).
# Sent for a session never started (as CHP-CPO-014's), so it limits no charging.
@SUITE.case("CHP-CPO-015", MANDATORY, UNDOCUMENTED, versions=("2.3.0",))
def test_a_profile_with_an_undocumented_field_is_answered(
    client: OcpiClient, endpoint: str, peer: Peer, suite: Suite
) -> None:
    """A SetChargingProfile carrying a field no table documents is answered with a valid
    ChargingProfileResponse"""
    body = {
        "charging_profile": harmless_profile(None),
        EXTENSION_FIELD: "sent by ocpi-conformance: a field no OCPI table documents",
    }
    sent = _request(client, endpoint, peer, "PUT", new_id("NO-SUCH"), body)
    assert_success(sent.reply, suite.operation("put_charging_profile"))
