"""The Commands module (mod_commands.asciidoc) for the party: a CPO serves the Receiver
interface, answers each command with a CommandResponse at once and, when it ACCEPTED the
command, POSTs the CommandResult to the command's `response_url` a moment later, calling the
commanding party with the token it registered (mod_commands_response_data).

There is no Charge Point behind the sandbox, so the result is what one would answer:
- START_SESSION, RESERVE_NOW, UNLOCK_CONNECTOR on a Location (and EVSE, Connector) the CPO
  serves: ACCEPTED, then ACCEPTED; an unknown Location gets status_code 2003 (status_codes:
  "Unknown Location, for example: Command: START_SESSION with unknown location");
- RESERVE_NOW remembers its reservation_id; CANCEL_RESERVATION of it: ACCEPTED, then
  CANCELED_RESERVATION; of another: ACCEPTED, then UNKNOWN_RESERVATION (the result type the
  spec has for it);
- STOP_SESSION: UNKNOWN_SESSION and no callback: the sandbox serves no Sessions, so it knows none.

Readings: an EVSE or Connector that the Location lacks also gets 2003 (the place named cannot
take the command); a body that is not the command's object gets 2001 with HTTP 200.
An eMSP party serves the Sender interface: any URL below it is a `response_url` it may have
handed out, and a valid CommandResult POSTed there is kept in `log(state).delivered` (the
harness's peer waits on it); an invalid one gets 2001.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from ocpi_conformance.party import locations, sessions
from ocpi_conformance.party.callback import Deviation, post_later
from ocpi_conformance.party.commander import COMMAND_RESULT_REFUSED
from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.locations.store import child
from ocpi_conformance.party.service import Answer, Call, Outcome, Service, describe, envelope
from ocpi_conformance.party.state import PartyState
from ocpi_conformance.spec.v2_2_1.enums import CommandResponseType, CommandResultType, CommandType
from ocpi_conformance.spec.v2_2_1.modules import command_object
from ocpi_conformance.spec.validation import validate_object

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


def log(state: PartyState) -> CommandLog:
    return state.store(MODULE, lambda _state: CommandLog())


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
    if command not in {c.value for c in CommandType}:
        raise Answer(404, 2000, f"no such command {command!r} (CommandType)")
    body = call.json()
    faults = call.state.faults
    violations = validate_object(command_object(command), body)
    if violations and COMMANDS_ACCEPTS_INVALID not in faults:
        raise Answer(200, 2001, f"not a valid {command_object(command)}: {describe(violations)}")
    commands = log(call.state)
    commands.received.append((command, body))
    if violations:  # accepted anyway (the fault): nothing to act on, no result to send
        response, result = CommandResponseType.ACCEPTED, None
    else:
        response, result = _decide(call.state, commands, command, body)
    if result is not None and COMMANDS_NO_RESULT not in faults:
        _send_later(call, commands, body["response_url"], result)
    data: dict[str, Any] = {"result": response.value, "timeout": TIMEOUT_S}
    if COMMANDS_RESULT_LATE in faults:
        data["timeout"] = LATE_TIMEOUT_S
    if COMMANDS_RESPONSE_WITHOUT_TIMEOUT in faults:
        del data["timeout"]
    return Outcome(200, envelope(1000, data))


def post_command_result(call: Call) -> Outcome:
    """A CommandResult arriving at one of our response_urls (mod_commands_msp_post_method)."""
    body = call.json()
    violations = validate_object("CommandResult", body)
    if violations:
        raise Answer(200, 2001, f"not a valid CommandResult: {describe(violations)}")
    if COMMAND_RESULT_REFUSED in call.state.faults:
        raise Answer(200, 2001, "refused (the command_result_refused fault)")
    commands = log(call.state)
    with commands.sent:
        commands.delivered.append((call.params["reference"], body))
        commands.sent.notify_all()
    return Outcome(200, envelope(1000))


def _decide(
    state: PartyState, commands: CommandLog, command: str, body: dict[str, Any]
) -> tuple[CommandResponseType, CommandResultType | None]:
    """The CommandResponse, and the CommandResult to send (only after ACCEPTED)."""
    if command == CommandType.STOP_SESSION:
        if COMMANDS_STOP_REJECTED in state.faults and sessions.active(state, body["session_id"]):
            return CommandResponseType.REJECTED, None
        if sessions.stop(state, body["session_id"]):
            return CommandResponseType.ACCEPTED, CommandResultType.ACCEPTED
        if COMMANDS_STOP_UNKNOWN_ACCEPTED in state.faults:
            return CommandResponseType.ACCEPTED, CommandResultType.FAILED
        return CommandResponseType.UNKNOWN_SESSION, None
    if command == CommandType.CANCEL_RESERVATION:
        known = body["reservation_id"].upper() in commands.reservations
        known = known or COMMANDS_CANCEL_UNKNOWN_DONE in state.faults
        result = CommandResultType.CANCELED_RESERVATION if known else None
        return CommandResponseType.ACCEPTED, result or CommandResultType.UNKNOWN_RESERVATION
    _require_place(state, body)
    if command == CommandType.RESERVE_NOW:
        commands.reservations.add(body["reservation_id"].upper())
    if command == CommandType.START_SESSION:
        sessions.start(state, body)
    return CommandResponseType.ACCEPTED, CommandResultType.ACCEPTED


def _require_place(state: PartyState, body: dict[str, Any]) -> None:
    """The Location (and EVSE, Connector) the command names, among those the CPO serves."""
    identity = state.identity
    location = locations.store(state).get(
        identity.country_code, identity.party_id, body["location_id"]
    )
    evse = child((location or {}).get("evses"), "uid", body.get("evse_uid") or "")
    connector = child((evse or {}).get("connectors"), "id", body.get("connector_id") or "")
    unknown = location is None
    if COMMANDS_LOCATION_ONLY not in state.faults:
        unknown = (
            unknown
            or (body.get("evse_uid") and evse is None)
            or (body.get("connector_id") and connector is None)
        )
    if unknown and COMMANDS_UNKNOWN_LOCATION_ACCEPTED not in state.faults:
        raise Answer(200, 2003, f"unknown Location/EVSE/Connector {body['location_id']}")


def _send_later(call: Call, commands: CommandLog, url: str, result: CommandResultType) -> None:
    """POST the CommandResult to `response_url` with the commanding party's own token, after
    the response has gone out (each result fault changes one thing about that POST)."""
    faults = call.state.faults
    body = {"result": "DONE" if COMMANDS_RESULT_INVALID in faults else result.value}
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
    Service(MODULE, "RECEIVER", {"post_command": post_command}),
    Service(MODULE, "SENDER", {"post_command_result": post_command_result}),
)
