"""The Commands module (mod_commands.asciidoc, mod_commands.md) for the party, in 2.1.1, 2.2.1
and 2.3.0 (2.2.1's tables): a CPO serves the Receiver interface, answers each command at once
and, when it ACCEPTED the command, POSTs the result to the command's `response_url` a moment
later, calling the commanding party with the token it registered (mod_commands_response_data).
Each version in its own objects, read from its registry: the answer is the `post_command`
response (2.2.1, 2.3.0: a CommandResponse with a timeout; 2.1.1: the CommandResponseType value
itself, the spec package's reading), the result the `post_command_result` request (2.2.1, 2.3.0:
a CommandResult; 2.1.1: a CommandResponse, whose result may be TIMEOUT).

There is no Charge Point behind the sandbox, so the result is what one would answer:
- START_SESSION, RESERVE_NOW, UNLOCK_CONNECTOR on a Location (and EVSE, Connector) the CPO
  serves: ACCEPTED, then ACCEPTED; an unknown Location gets status_code 2003 (status_codes:
  "Unknown Location, for example: Command: START_SESSION with unknown location");
- RESERVE_NOW remembers its reservation_id; CANCEL_RESERVATION of it: ACCEPTED, then
  CANCELED_RESERVATION; of another: ACCEPTED, then UNKNOWN_RESERVATION (the result type the
  spec has for it);
- STOP_SESSION of a session it started on command: ACCEPTED, then ACCEPTED; of another:
  UNKNOWN_SESSION and no callback;
- a command at an EVSE whose status is UNKNOWN ("Also used when offline", Status enum of both
  versions): ACCEPTED, then TIMEOUT, the result type both versions have for a Charge Point that
  does not answer; nothing is started.

Readings: an EVSE or Connector that the Location lacks also gets 2003 (the place named cannot
take the command); a body that is not the command's object gets 2001 with HTTP 200; a command
the version's CommandType does not list gets 404 where that enum is closed, NOT_SUPPORTED where
it is an OpenEnum (2.3.0).
An eMSP party serves the Sender interface: any URL below it is a `response_url` it may have
handed out, and a valid CommandResult POSTed there is kept in `log(state).delivered` (the
harness's peer waits on it); an invalid one gets 2001.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ocpi_conformance.party import intake, locations, sessions
from ocpi_conformance.party.callback import Deviation, post_later
from ocpi_conformance.party.commander import COMMAND_RESULT_REFUSED
from ocpi_conformance.party.faults import commits, fault
from ocpi_conformance.party.service import Answer, Call, Outcome, Service, describe, envelope
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.spec.version import DEFAULT, Version

COMMANDS_RESPONSE_WITHOUT_TIMEOUT = fault(
    "commands_response_without_timeout",
    "the CommandResponse lacks its required timeout",
    caught_by=["CMD-CPO-001"],
)

COMMANDS_NO_RESULT = fault(
    "commands_no_result",
    "an ACCEPTED command never gets its CommandResult POSTed",
    caught_by=["CMD-CPO-002"],
)

COMMANDS_RESULT_UNAUTHENTICATED = fault(
    "commands_result_unauthenticated",
    "the CommandResult POST carries no Authorization header",
    caught_by=["CMD-CPO-003"],
)

COMMANDS_UNKNOWN_LOCATION_ACCEPTED = fault(
    "commands_unknown_location_accepted",
    "a command for an unknown Location is ACCEPTED, not 2003",
    caught_by=["CMD-CPO-004"],
)

COMMANDS_ACCEPTS_INVALID = fault(
    "commands_accepts_invalid",
    "a body that is not the command's object is ACCEPTED, not 2001",
    caught_by=["CMD-CPO-005"],
)

COMMANDS_REFUSALS_HTTP_400 = fault(
    "commands_refusals_http_400",
    "a command refused for its content (2001, 2003) is answered HTTP 400",
    caught_by=["CMD-CPO-024"],
)

COMMANDS_STOP_UNKNOWN_ACCEPTED = fault(
    "commands_stop_unknown_accepted",
    "STOP_SESSION of an unknown session is ACCEPTED",
    caught_by=["CMD-CPO-006"],
)

COMMANDS_STOP_REJECTED = fault(
    "commands_stop_rejected",
    "STOP_SESSION of a session the CPO started on command is REJECTED; it keeps running",
    caught_by=["CMD-CPO-007"],
)

COMMANDS_RESULT_WRONG_URL = fault(
    "commands_result_wrong_url",
    "the CommandResult is POSTed to another URL than the command's response_url",
    caught_by=["CMD-CPO-002", "CMD-CPO-010", "CMD-CPO-014", "CMD-CPO-018"],
)

COMMANDS_RESULT_LATE = fault(
    "commands_result_late",
    "the CommandResult comes after the timeout the CommandResponse announced",
    caught_by=["CMD-CPO-002", "CMD-CPO-010"],
)

COMMANDS_RESULT_RAW_TOKEN = fault(
    "commands_result_raw_token",
    "the CommandResult POST carries the token not Base64-encoded",
    caught_by=["CMD-CPO-003", "CMD-CPO-011", "CMD-CPO-015", "CMD-CPO-019"],
)

COMMANDS_RESULT_INVALID = fault(
    "commands_result_invalid",
    "the CommandResult POSTed is not a CommandResult (a result outside CommandResultType)",
    caught_by=["CMD-CPO-002", "CMD-CPO-010", "CMD-CPO-014", "CMD-CPO-018"],
)

COMMANDS_RESULT_WITHOUT_IDS = fault(
    "commands_result_without_ids",
    "the CommandResult POST carries no X-Request-ID or X-Correlation-ID",
    caught_by=["CMD-CPO-008", "CMD-CPO-012", "CMD-CPO-016", "CMD-CPO-020"],
)

COMMANDS_CANCEL_UNKNOWN_DONE = fault(
    "commands_cancel_unknown_done",
    "CANCEL_RESERVATION of an unknown reservation gets the result CANCELED_RESERVATION",
    caught_by=["CMD-CPO-021"],
)

COMMANDS_LOCATION_ONLY = fault(
    "commands_location_only",
    "a command is checked against its Location only: an unknown EVSE or Connector is ACCEPTED",
    caught_by=["CMD-CPO-022", "CMD-CPO-023"],
)

COMMANDS_RESULT_221 = fault(
    "commands_result_221",
    "the asynchronous result of a 2.1.1 command is POSTed as 2.2.1's CommandResult (result "
    "EVSE_OCCUPIED, which 2.1.1's CommandResponseType lacks, and a message), not a 2.1.1 "
    "CommandResponse",
    caught_by=["CMD-CPO-026"],
    versions=("2.1.1",),
)
# What `commands_result_221` POSTs: a valid 2.2.1 CommandResult.
RESULT_221 = {
    "result": "EVSE_OCCUPIED",
    "message": [{"language": "en", "text": "The EVSE is occupied"}],
}

MODULE = "commands"
# CommandResponse.timeout: how long the eMSP may wait for the result. Short, as a sandbox can
# be: a harness judging a result that never comes waits only this long.
TIMEOUT_S = 3
RESULT_DELAY_S = 0.2  # the result follows the response, as a Charge Point's would
LATE_TIMEOUT_S, LATE_DELAY_S = 1, 2.5  # under commands_result_late: announced, then taken


@dataclass
class CommandLog:
    """What the party was commanded and which results it sent (for tests and the harness)."""

    reservations: set[str] = field(default_factory=set)
    received: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    results: list[tuple[str, dict[str, Any], int | None]] = field(default_factory=list)
    delivered: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # as a Sender
    sent: threading.Condition = field(default_factory=threading.Condition)

    def wait_for_results(self, count: int, timeout: float = 5.0) -> bool:
        with self.sent:
            return self.sent.wait_for(lambda: len(self.results) >= count, timeout)


def log(state: PartyState, version: str = DEFAULT) -> CommandLog:
    """What the party was commanded, and sent, in one OCPI version."""
    return state.store(MODULE, lambda _state: CommandLog(), version)


def response_object(version: Version) -> str:
    """What a CPO answers a command with: the `post_command` response of the registry."""
    body = version.operation(MODULE, "RECEIVER", "post_command").response
    assert body is not None and body.obj is not None
    return body.obj


def result_object(version: Version) -> str:
    """What a CPO POSTs to the response_url: the `post_command_result` request."""
    body = version.operation(MODULE, "SENDER", "post_command_result").request
    assert body is not None and body.obj is not None
    return body.obj


def _results(version: Version) -> set[str]:
    """The values the result object's `result` takes in `version`."""
    kind = version.objects[result_object(version)].model_fields["result"].annotation
    return {member.value for member in kind}  # type: ignore[union-attr]


def post_command(call: Call) -> Outcome:
    try:
        return _post_command(call)
    except Answer as refused:
        if (
            refused.code >= 2000
            and refused.http == 200
            and COMMANDS_REFUSALS_HTTP_400 in (call.state.faults)
        ):
            refused.http = 400
        raise


def _post_command(call: Call) -> Outcome:
    command = call.params["command"]
    version = call.version
    if command not in {c.value for c in version.enums["CommandType"]}:
        return _unknown_command(call, command)
    body = call.json()
    faults = call.state.faults
    wanted = version.command_object(command)
    violations = intake.check(call.state, wanted, body, call.number)
    if violations and COMMANDS_ACCEPTS_INVALID not in faults:
        raise Answer(200, 2001, f"not a valid {wanted}: {describe(violations)}")
    commands = log(call.state, call.number)
    commands.received.append((command, body))
    if violations:  # accepted anyway (the fault): nothing to act on, no result to send
        response, result = "ACCEPTED", None
    else:
        response, result = _decide(call, commands, command, body)
    if result is not None and COMMANDS_NO_RESULT not in faults:
        _send_later(call, commands, body["response_url"], result)
    return Outcome(200, envelope(1000, _response(call, response)))


def _unknown_command(call: Call, command: str) -> Outcome:
    """A command the version's CommandType does not list. Where CommandType is closed (2.1.1,
    2.2.1) it names no endpoint: 404. Where it is an OpenEnum (2.3.0, types_openenum_type: "the
    set of all possible values is not known"), the path is a command this CPO does not know:
    NOT_SUPPORTED ("The requested command is not supported by this CPO", CommandResponseType),
    and nothing to act on, so no result."""
    opened = command_type_open(call.version)
    if not opened or commits(call.state.faults, intake.OPEN_ENUM_REFUSED, call.number):
        raise Answer(404, 2000, f"no such command {command!r} (CommandType)")
    call.json()  # still JSON, or the transport layer's 400
    return Outcome(200, envelope(1000, _response(call, "NOT_SUPPORTED")))


def command_type_open(version: Version) -> bool:
    """Whether the version's CommandType is an OpenEnum (its package's OPEN_ENUMS)."""
    return "CommandType" in getattr(version.package, "OPEN_ENUMS", frozenset())


def _response(call: Call, response: str) -> Any:
    """The answer's data: the version's response object, or (a version whose response is an
    enum, 2.1.1's CommandResponseType) the value itself."""
    if response_object(call.version) in call.version.enums:
        return response
    faults = call.state.faults
    data: dict[str, Any] = {"result": response, "timeout": TIMEOUT_S}
    if COMMANDS_RESULT_LATE in faults:
        data["timeout"] = LATE_TIMEOUT_S
    if COMMANDS_RESPONSE_WITHOUT_TIMEOUT in faults:
        del data["timeout"]
    return data


def post_command_result(call: Call) -> Outcome:
    """A result arriving at one of our response_urls (mod_commands_msp_post_method): the
    version's result object (2.2.1: CommandResult; 2.1.1: CommandResponse)."""
    body = call.json()
    expected = result_object(call.version)
    violations = intake.check(call.state, expected, body, call.number)
    if violations:
        raise Answer(200, 2001, f"not a valid {expected}: {describe(violations)}")
    if COMMAND_RESULT_REFUSED in call.state.faults:
        raise Answer(200, 2001, "refused (the command_result_refused fault)")
    commands = log(call.state, call.number)
    with commands.sent:
        commands.delivered.append((call.params["reference"], body))
        commands.sent.notify_all()
    return Outcome(200, envelope(1000))


def _decide(
    call: Call, commands: CommandLog, command: str, body: dict[str, Any]
) -> tuple[str, str | None]:
    """The answer, and the result to send (only after ACCEPTED), as the version's values."""
    state, number = call.state, call.number
    if command == "STOP_SESSION":
        if COMMANDS_STOP_REJECTED in state.faults and sessions.active(
            state, body["session_id"], number
        ):
            return "REJECTED", None
        if sessions.stop(state, body["session_id"], number):
            return "ACCEPTED", "ACCEPTED"
        if COMMANDS_STOP_UNKNOWN_ACCEPTED in state.faults:
            return "ACCEPTED", "FAILED"
        return "UNKNOWN_SESSION", None
    if command == "CANCEL_RESERVATION":
        known = str(body["reservation_id"]).upper() in commands.reservations
        known = known or COMMANDS_CANCEL_UNKNOWN_DONE in state.faults
        return "ACCEPTED", "CANCELED_RESERVATION" if known else "UNKNOWN_RESERVATION"
    evse = _require_place(state, body, number)
    if (evse or {}).get("status") == "UNKNOWN":  # offline: its Charge Point does not answer
        return "ACCEPTED", "TIMEOUT"
    if command == "RESERVE_NOW":
        commands.reservations.add(str(body["reservation_id"]).upper())
    if command == "START_SESSION":
        sessions.start(state, body, number)
    return "ACCEPTED", "ACCEPTED"


def _require_place(state: PartyState, body: dict[str, Any], version: str) -> dict[str, Any] | None:
    """The Location (and EVSE, Connector) the command names, among those the CPO serves in
    `version`; the EVSE, when the command names one."""
    identity = state.identity
    store = locations.store(state, version)
    location = store.get(identity.country_code, identity.party_id, body["location_id"])
    evse = store.child((location or {}).get("evses"), "uid", body.get("evse_uid") or "")
    connector = store.child((evse or {}).get("connectors"), "id", body.get("connector_id") or "")
    unknown = location is None
    if COMMANDS_LOCATION_ONLY not in state.faults:
        unknown = (
            unknown
            or (body.get("evse_uid") and evse is None)
            or (body.get("connector_id") and connector is None)
        )
    if unknown and COMMANDS_UNKNOWN_LOCATION_ACCEPTED not in state.faults:
        raise Answer(200, 2003, f"unknown Location/EVSE/Connector {body['location_id']}")
    return evse


def _send_later(call: Call, commands: CommandLog, url: str, result: str) -> None:
    """POST the result object to `response_url` with the commanding party's own token, after
    the response has gone out (each result fault changes one thing about that POST). A result
    the version's type lacks (FAILED, under a fault, in 2.1.1) is sent as REJECTED."""
    faults = call.state.faults
    if result not in _results(call.version):
        result = "REJECTED"
    body: dict[str, Any] = {"result": "DONE" if COMMANDS_RESULT_INVALID in faults else result}
    if COMMANDS_RESULT_221 in faults:
        body = dict(RESULT_221)
    if COMMANDS_RESULT_WRONG_URL in faults:
        url = url.rstrip("/") + "-elsewhere"
    deviation = Deviation(
        unauthenticated=COMMANDS_RESULT_UNAUTHENTICATED in faults,
        raw_token=COMMANDS_RESULT_RAW_TOKEN in faults,
        without_ids=COMMANDS_RESULT_WITHOUT_IDS in faults,
    )

    def done(status: int | None) -> None:
        with commands.sent:
            commands.results.append((url, body, status))
            commands.sent.notify_all()

    delay = LATE_DELAY_S if COMMANDS_RESULT_LATE in faults else RESULT_DELAY_S
    post_later(call, url, body, module=MODULE, delay=delay, deviation=deviation, done=done)


SERVICES = (
    Service(MODULE, "RECEIVER", {"post_command": post_command}, versions=SPOKEN),
    Service(MODULE, "SENDER", {"post_command_result": post_command_result}, versions=SPOKEN),
)
