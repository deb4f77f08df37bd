"""Commands module objects (mod_commands.md).

Unlike 2.2.1: no CancelReservation and no CommandResult. The CPO answers a command with a
CommandResponseType (mod_commands.md#response-data) and later POSTs the Charge Point's result to
the command's response_url as a CommandResponse ("URL that the CommandResponse POST should be
sent to"), whose `result` may be TIMEOUT; CommandResponse has no timeout and no message.
ReserveNow.reservation_id is an int; no authorization_reference, no StartSession.connector_id.
"""

from ocpi_conformance.spec.v2_1_1.documents import CMD
from ocpi_conformance.spec.v2_1_1.enums import CommandResponseType
from ocpi_conformance.spec.v2_1_1.tokens import Token
from ocpi_conformance.spec.v2_1_1.types import URL, DateTime, Int, SpecModel, String, anchor


class CommandResponse(SpecModel):
    spec_anchor = anchor(CMD, "31-commandresponse-object")

    result: CommandResponseType


class ReserveNow(SpecModel):
    spec_anchor = anchor(CMD, "32-reservenow-object")

    response_url: URL
    token: Token
    expiry_date: DateTime
    reservation_id: Int
    location_id: String(39)
    evse_uid: String(39) | None = None


class StartSession(SpecModel):
    spec_anchor = anchor(CMD, "33-startsession-object")

    response_url: URL
    token: Token
    location_id: String(39)
    evse_uid: String(39) | None = None


class StopSession(SpecModel):
    spec_anchor = anchor(CMD, "34-stopsession-object")

    response_url: URL
    session_id: String(36)


class UnlockConnector(SpecModel):
    spec_anchor = anchor(CMD, "35-unlockconnector-object")

    response_url: URL
    location_id: String(39)
    evse_uid: String(39)
    connector_id: String(36)
