"""CMD-CPO: the Commands RECEIVER interface of a CPO (mod_commands.asciidoc, mod_commands.md).

The harness is the eMSP: it sends START_SESSION for a Location the CPO publishes, with a
response_url on its peer, then waits for the asynchronous result there (the AsyncResult
contract, `contracts/async_result.py`). Commands act on real Charge Points, so run this against
a test system, or leave the module out (--modules) or the writes off (--read-only).

The versions name the flow differently, so each command is adopted once per version, sending
one request either way: 2.2.1 answers with a CommandResponse object and POSTs a CommandResult
(CMD-CPO-001 to 020, with message ids); 2.1.1 answers with a CommandResponseType and POSTs a
CommandResponse, whose result may be TIMEOUT (CMD-CPO-025 to 033). 2.1.1 has no
CANCEL_RESERVATION: a reservation of ours lapses at its expiry_date, ten minutes on.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.peer import Peer
from ocpi_conformance.spec.v2_2_1.documents import CMD, STC
from ocpi_conformance.spec.version import Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.strategies import schema_of
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import OcpiClient, object_url
from ocpi_conformance.transport.guards import json_or_none
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import assert_answered, assert_success
from ocpi_conformance.verdicts.failures import TransportViolation, blocked_by

from ..contracts.async_result import (
    AsyncResult,
    Sent,
    accepted,
    response_url,
    result_exchange,
    result_of,
)
from ..contracts.push_receiver import (
    EXTENSION_FIELD,
    MUST_NOT,
    SHOULD_NOT,
    UNDOCUMENTED,
    UNLISTED,
)
from ..contracts.refusals import http_problems
from . import command_place
from .command_place import (
    open_sessions,
    our_token,
    said_accepted,
    send_command,
    stop_sessions,
)

SUITE = Suite("commands", "RECEIVER", versions=("2.2.1", "2.1.1", "2.3.0"))
# The flow's classes, one per version (the objects are named differently in each).
V22 = Suite("commands", "RECEIVER", versions=("2.2.1", "2.3.0"))  # the 2.2 flow
V211 = Suite("commands", "RECEIVER", versions=("2.1.1",))
SINCE_22, ONLY_211, ONLY_230 = V22.versions, V211.versions, ("2.3.0",)
CMD_211 = spec_version("2.1.1").documents
place = command_place.place  # the fixture: where the commands act


def _words(request: str) -> dict[str, str]:
    return {
        "request": request,
        "response": "CommandResponse",
        "result": "CommandResult",
        "response_spec": f"{CMD}#mod_commands_response_data",
        "result_spec": f"{CMD}#mod_commands_msp_post_method",
    }


# 2.1.1: "The response contains the direct response from the CPO ... CommandResponseType";
# "The CPO will forward this command in a new POST request to the eMSP Commands interface",
# "The CPO is required to use this URL for the asynchronous response by the Charge Point", its
# object the CommandResponse ("URL that the CommandResponse POST should be sent to").
def _words_211(request: str) -> dict[str, str]:
    return {
        "request": request,
        "response": "CommandResponseType",
        "result": "CommandResponse",
        "response_spec": f"{CMD_211.CMD}#response-data",
        "result_spec": f"{CMD_211.CMD}#221-post-method",
    }


def _numbers(first: int) -> dict[str, int]:
    """The ids of one command's four AsyncResult cases, from `first` on."""
    return {key: first + offset for offset, key in enumerate(AsyncResult.numbers)}


def _numbers_211(first: int) -> dict[str, int]:
    """The ids of one command's three 2.1.1 AsyncResult cases (no message ids), from `first`."""
    keys = [key for key in AsyncResult.numbers if key != "result_ids"]
    return {key: first + offset for offset, key in enumerate(keys)}


class Command(AsyncResult):
    result_object = "CommandResult"
    response_operation = "post_command"


class Command211(AsyncResult):
    result_object = "CommandResponse"
    response_operation = "post_command"


@pytest.fixture(scope="module")
def started(harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, place: dict) -> Sent:
    """START_SESSION at the place, sent once for the version's flow cases."""
    body = {"token": our_token(harness, client.version), **place}
    sent = send_command(client, endpoint, peer, "START_SESSION", body)
    if said_accepted(sent):
        harness.ledger.record(SUITE.module, sent.response_url, sent.body)  # a session, maybe
    return sent


class TestStartSession(Command, suite=V22):
    """CMD-CPO-001 to 003 and 008: START_SESSION, its CommandResponse and its CommandResult."""

    numbers: ClassVar[dict[str, int]] = {**_numbers(1), "result_ids": 8}
    words: ClassVar[dict[str, str]] = _words("START_SESSION at a published Location")

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls, started: Sent) -> Sent:
        return started


class TestStartSession211(Command211, suite=V211):
    """CMD-CPO-025 to 027: START_SESSION, its CommandResponseType and its CommandResponse."""

    numbers: ClassVar[dict[str, int]] = _numbers_211(25)
    words: ClassVar[dict[str, str]] = _words_211("START_SESSION at a published Location")

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls, started: Sent) -> Sent:
        return started


@SUITE.case("CMD-CPO-007", RECOMMENDED, f"{CMD}#mod_commands_stopsession_object")
def test_the_started_session_is_stopped(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, started: Sent
) -> None:
    """The session START_SESSION began is stopped with STOP_SESSION (the clean-up)

    Runs right after the result cases of START_SESSION (the file's order), so nothing the
    harness started keeps charging while the other cases run."""
    accepted(started)
    ours = open_sessions(harness, client, started)
    if ours is None:
        pytest.skip("the CPO lists no Sessions: stop the session our START_SESSION began by hand")
    if not ours:
        pytest.skip("no session with our Token in the CPO's Sessions list: nothing to stop")
    refused = stop_sessions(client, endpoint, peer, ours)
    assert not refused, f"STOP_SESSION of the session we started: {first(refused)}"
    harness.ledger.settle(started.response_url)


def _in_minutes(minutes: int) -> str:
    stamp = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _result_of(harness: Harness, peer: Peer, sent: Sent) -> str | None:
    """The `result` of the result object (a CommandResult, a 2.1.1 CommandResponse) that
    arrived for `sent`, if one did."""
    arrived = result_exchange(harness, peer, sent)
    body = json_or_none(arrived.request_body) if arrived is not None else None
    return body.get("result") if isinstance(body, dict) else None


RESERVATION_MINUTES = 10  # a reservation the clean-up could not cancel lapses on its own


def _reservation_id(version: Version) -> str | int:
    """A fresh reservation_id of the version's type: a CiString(36) in 2.2.1, an int in 2.1.1."""
    node = schema_of("ReserveNow", version.number)["properties"]["reservation_id"]
    return uuid.uuid4().int % 2_000_000_000 if node.get("type") == "integer" else new_id()


@pytest.fixture(scope="module")
def reservation(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]
) -> Sent:
    """RESERVE_NOW of the place's EVSE for a Token of ours, for a few minutes only."""
    body = {
        "token": our_token(harness, client.version),
        "expiry_date": _in_minutes(RESERVATION_MINUTES),
        "reservation_id": _reservation_id(client.version),
        "location_id": place["location_id"],
        "evse_uid": place["evse_uid"],
    }
    sent = send_command(client, endpoint, peer, "RESERVE_NOW", body)
    if said_accepted(sent):
        harness.ledger.record(SUITE.module, sent.response_url, sent.body)  # until cancelled
    return sent


def _assert_unknown_place(sent: Sent, what: str) -> None:
    """status_codes 2003 "Unknown Location": the place a command names does not exist."""
    assert_answered(sent.reply)
    assert sent.reply.status_code == 2003, (
        f"{what}: {sent.reply.describe()}, expected status_code 2003 (Unknown Location)"
    )


class TestReserveNow(Command, suite=V22):
    """CMD-CPO-009 to 012: RESERVE_NOW, its CommandResponse and its CommandResult."""

    numbers: ClassVar[dict[str, int]] = _numbers(9)
    words: ClassVar[dict[str, str]] = _words("RESERVE_NOW of a published EVSE")

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls, reservation: Sent) -> Sent:
        return reservation


class TestReserveNow211(Command211, suite=V211):
    """CMD-CPO-028 to 030: RESERVE_NOW, its CommandResponseType and its CommandResponse (the
    reservation lapses at its expiry_date: 2.1.1 cannot cancel it)."""

    numbers: ClassVar[dict[str, int]] = _numbers_211(28)
    words: ClassVar[dict[str, str]] = _words_211("RESERVE_NOW of a published EVSE")

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls, reservation: Sent) -> Sent:
        return reservation


class TestCancelReservation(Command, suite=V22):
    """CMD-CPO-013 to 016: CANCEL_RESERVATION of the reservation RESERVE_NOW made (the
    clean-up of it), its CommandResponse and its CommandResult."""

    numbers: ClassVar[dict[str, int]] = _numbers(13)
    words: ClassVar[dict[str, str]] = _words("CANCEL_RESERVATION of our reservation")

    @pytest.fixture(scope="class")
    @classmethod
    def sent(
        cls, harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, reservation: Sent
    ) -> Sent:
        with blocked_by("CMD-CPO-010"):
            accepted(reservation)
            # cancel only once the reservation is in place (or known to have failed)
            _result_of(harness, peer, reservation)
        body = {"reservation_id": reservation.body["reservation_id"]}
        sent = send_command(client, endpoint, peer, "CANCEL_RESERVATION", body)
        if said_accepted(sent):
            harness.ledger.settle(reservation.response_url)
        return sent


@pytest.fixture(scope="module")
def unlocked(client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]) -> Sent:
    """UNLOCK_CONNECTOR of the place's Connector, sent once for the version's flow cases."""
    return send_command(client, endpoint, peer, "UNLOCK_CONNECTOR", dict(place))


class TestUnlockConnector(Command, suite=V22):
    """CMD-CPO-017 to 020: UNLOCK_CONNECTOR of the place's Connector (an AVAILABLE one, or the
    user's --command-target: unlocking is for help desks, never a charger in use)."""

    numbers: ClassVar[dict[str, int]] = _numbers(17)
    words: ClassVar[dict[str, str]] = _words("UNLOCK_CONNECTOR of a published Connector")

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls, unlocked: Sent) -> Sent:
        return unlocked


class TestUnlockConnector211(Command211, suite=V211):
    """CMD-CPO-031 to 033: UNLOCK_CONNECTOR of the place's Connector, its CommandResponseType
    and its CommandResponse."""

    numbers: ClassVar[dict[str, int]] = _numbers_211(31)
    words: ClassVar[dict[str, str]] = _words_211("UNLOCK_CONNECTOR of a published Connector")

    @pytest.fixture(scope="class")
    @classmethod
    def sent(cls, unlocked: Sent) -> Sent:
        return unlocked


@SUITE.case(
    "CMD-CPO-021", RECOMMENDED, f"{CMD}#mod_commands_commandresulttype_enum", versions=SINCE_22
)
def test_cancel_of_an_unknown_reservation_is_unknown_reservation(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, suite: Suite
) -> None:
    """CANCEL_RESERVATION of a reservation never made is not reported as done"""
    body = {"reservation_id": new_id("NO-SUCH")}
    sent = send_command(client, endpoint, peer, "CANCEL_RESERVATION", body)
    assert_success(sent.reply, suite.operation("post_command"))
    response = result_of(sent.reply.data)
    if response != "ACCEPTED":
        return  # refused at once: nothing was cancelled, nothing claimed
    result = _result_of(harness, peer, sent)
    if result is None:
        pytest.skip("no CommandResult arrived to judge: the command's response promised one")
    assert result == "UNKNOWN_RESERVATION", (
        f"CANCEL_RESERVATION of a reservation never made got the CommandResult {result!r}, "
        "expected UNKNOWN_RESERVATION (the Reservation is not known by this Charge Point)"
    )


# Reading (2.3.0): a command request with a field no table documents is one the CPO "SHALL
# NOT reject" for it (transport_and_format, non-specified JSON fields): it is answered as the
# same command without the field would be, a CommandResponse (HTTP 200, status_code 1000).
# CANCEL_RESERVATION of a reservation never made acts on no Charge Point, whatever it answers.
@SUITE.case("CMD-CPO-035", MANDATORY, UNDOCUMENTED, versions=ONLY_230)
def test_a_command_with_an_undocumented_field_is_answered(
    client: OcpiClient, endpoint: str, peer: Peer, suite: Suite
) -> None:
    """A command carrying a field no table documents is answered with a valid CommandResponse"""
    body = {"reservation_id": new_id("NO-SUCH")}
    extra = {EXTENSION_FIELD: "sent by ocpi-conformance: a field no OCPI table documents"}
    sent = send_command(client, endpoint, peer, "CANCEL_RESERVATION", body, extra)
    assert_success(sent.reply, suite.operation("post_command"))


# Reading (2.3.0): CommandType is an OpenEnum ("room for [implementers] to use other values",
# types_openenum_type), so {commands_endpoint_url}{command} with a command no table lists is a
# request of the interface, not an unknown resource; a CPO that does not know the command says
# so with NOT_SUPPORTED ("The requested command is not supported by this CPO", the
# CommandResponseType table). The text names no answer for it in so many words: recommended.
@SUITE.case(
    "CMD-CPO-036", RECOMMENDED, f"{CMD}#mod_commands_commandtype_enum", versions=ONLY_230
)  # fmt: skip
def test_an_unlisted_command_is_not_supported(
    client: OcpiClient, endpoint: str, peer: Peer, suite: Suite
) -> None:
    """A command no CommandType lists is answered with the CommandResponse NOT_SUPPORTED"""
    command = f"{UNLISTED}_COMMAND"
    _, url = response_url(peer, SUITE, command)
    reply = client.request(
        "POST", object_url(endpoint, command), module=SUITE.module, json_body={"response_url": url}
    )
    assert_success(reply, suite.operation("post_command"))
    assert result_of(reply.data) == "NOT_SUPPORTED", (
        f"POST of the command {command}: {reply.describe()}, expected the CommandResponse "
        "NOT_SUPPORTED (CommandType is an OpenEnum in 2.3.0)"
    )


# The commands the CPO must refuse, sent once each: their cases judge the status_code,
# CMD-CPO-024 the HTTP status of every one of them.
@pytest.fixture(scope="module")
def unknown_connector_sent(
    client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]
) -> Sent:
    body = {**place, "connector_id": new_id("NO-SUCH")}
    return send_command(client, endpoint, peer, "UNLOCK_CONNECTOR", body)


@pytest.fixture(scope="module")
def unknown_evse_sent(
    harness: Harness, client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]
) -> Sent:
    body = {"token": our_token(harness, client.version), **place, "evse_uid": new_id("NO-SUCH")}
    body.pop("connector_id")
    return send_command(client, endpoint, peer, "START_SESSION", body)


@pytest.fixture(scope="module")
def unknown_location_sent(harness: Harness, client: OcpiClient, endpoint: str, peer: Peer) -> Sent:
    body = {"token": our_token(harness, client.version), "location_id": new_id("NO-SUCH")}
    return send_command(client, endpoint, peer, "START_SESSION", body)


@pytest.fixture(scope="module")
def tokenless_sent(client: OcpiClient, endpoint: str, peer: Peer, place: dict[str, str]) -> Sent:
    return send_command(client, endpoint, peer, "START_SESSION", dict(place))  # token: required


REFUSED = {  # fixture -> what it sent
    "unknown_location_sent": "START_SESSION at an unknown Location",
    "tokenless_sent": "START_SESSION without its required token",
    "unknown_connector_sent": "UNLOCK_CONNECTOR of an unknown Connector",
    "unknown_evse_sent": "START_SESSION at an unknown EVSE",
}


@SUITE.case("CMD-CPO-022", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
def test_unlock_of_an_unknown_connector_gets_2003(unknown_connector_sent: Sent) -> None:
    """UNLOCK_CONNECTOR of a Connector the Location does not have gets status_code 2003"""
    _assert_unknown_place(unknown_connector_sent, REFUSED["unknown_connector_sent"])


@SUITE.case("CMD-CPO-023", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
def test_start_at_an_unknown_evse_gets_2003(unknown_evse_sent: Sent) -> None:
    """START_SESSION at an EVSE the Location does not have gets status_code 2003"""
    _assert_unknown_place(unknown_evse_sent, REFUSED["unknown_evse_sent"])


@SUITE.case("CMD-CPO-004", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
def test_unknown_location_gets_2003(unknown_location_sent: Sent) -> None:
    """START_SESSION at an unknown Location is answered with status_code 2003"""
    _assert_unknown_place(unknown_location_sent, REFUSED["unknown_location_sent"])


@SUITE.case("CMD-CPO-005", RECOMMENDED, f"{CMD}#mod_commands_cpo_post_request_body")
def test_a_body_that_is_not_the_commands_object_gets_2001(tokenless_sent: Sent) -> None:
    """A body that is not the command's object gets status_code 2001"""
    assert_answered(tokenless_sent.reply)
    assert tokenless_sent.reply.status_code == 2001, (
        f"{REFUSED['tokenless_sent']}: {tokenless_sent.reply.describe()}, expected status_code 2001"
    )


# Reading: "If a request is syntactically valid JSON and addresses an existing resource, a HTTP
# error MUST NOT be returned" (status_codes): {commands_endpoint_url}/{command} exists for every
# CommandType, whatever Location or Token the body names; a command refused for its content is
# an OCPI answer (HTTP 200, status_code 2xxx), never an HTTP error.
@SUITE.case("CMD-CPO-024", MANDATORY, f"{STC}#status_codes_status_codes", versions=SINCE_22)
def test_refused_commands_are_not_http_errors(
    request: pytest.FixtureRequest, client: OcpiClient
) -> None:
    """Commands in valid JSON that the CPO refuses are not answered with an HTTP error

    The commands are those of CMD-CPO-004, 005, 022 and 023, which judge the status_code."""
    _assert_refused_in_ocpi(request, client, MUST_NOT)


# Reading (2.1.1): the same, at the level of status_codes.md's "no HTTP error should be returned".
@SUITE.case(
    "CMD-CPO-034", RECOMMENDED, f"{CMD_211.STC}#status-codes", versions=ONLY_211
)  # fmt: skip
def test_refused_commands_should_not_be_http_errors(
    request: pytest.FixtureRequest, client: OcpiClient
) -> None:
    """Commands in valid JSON that the CPO refuses are answered in the OCPI layer, not with an
    HTTP error

    The commands are those of CMD-CPO-004, 005, 022 and 023, which judge the status_code."""
    _assert_refused_in_ocpi(request, client, SHOULD_NOT)


def _assert_refused_in_ocpi(request: pytest.FixtureRequest, client: OcpiClient, rule: str) -> None:
    """The refused commands' answers came with HTTP 2xx (`rule` says why they must)."""
    sent = []
    for name, what in REFUSED.items():
        try:
            sent.append((what, request.getfixturevalue(name).reply))
        except pytest.skip.Exception:
            continue  # no place to send it at: skipped where it was needed
    if not sent:
        pytest.skip("no refused command could be sent (no place for commands)")
    client.log.claim(reply.exchange for _, reply in sent)
    problems = http_problems(sent)
    if problems:
        raise TransportViolation(
            f"{len(problems)} of {len(sent)} answers came as an HTTP error, where {rule}: "
            f"{first(problems, 3)}"
        )


@SUITE.case("CMD-CPO-006", RECOMMENDED, f"{CMD}#mod_commands_commandresponsetype_enum")
def test_stop_of_an_unknown_session_is_unknown_session(
    client: OcpiClient, endpoint: str, peer: Peer, suite: Suite
) -> None:
    """STOP_SESSION of a session the CPO does not know is answered UNKNOWN_SESSION"""
    body = {"session_id": new_id("NO-SUCH")}
    sent = send_command(client, endpoint, peer, "STOP_SESSION", body)
    assert_success(sent.reply, suite.operation("post_command"))
    answered = result_of(sent.reply.data)
    assert answered == "UNKNOWN_SESSION", (
        f"STOP_SESSION of a session never started: {sent.reply.describe()} answered "
        f"{answered}, expected UNKNOWN_SESSION"
    )
