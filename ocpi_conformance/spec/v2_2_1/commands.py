"""Commands module objects (mod_commands.asciidoc)."""

from ocpi_conformance.spec.v2_2_1.enums import CommandResponseType, CommandResultType
from ocpi_conformance.spec.v2_2_1.tokens import Token
from ocpi_conformance.spec.v2_2_1.types import (
    URL,
    CiString,
    DateTime,
    DisplayText,
    Int,
    SpecModel,
    anchor,
)

SPEC_FILE = "mod_commands.asciidoc"


class CancelReservation(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_commands_cancelreservation_object")

    response_url: URL
    reservation_id: CiString(36)


class CommandResponse(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_commands_commandresponse_object")

    result: CommandResponseType
    timeout: Int
    message: list[DisplayText] | None = None


class CommandResult(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_commands_commandresult_object")

    result: CommandResultType
    message: list[DisplayText] | None = None


class ReserveNow(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_commands_reservenow_object")

    response_url: URL
    token: Token
    expiry_date: DateTime
    reservation_id: CiString(36)
    location_id: CiString(36)
    evse_uid: CiString(36) | None = None
    authorization_reference: CiString(36) | None = None


class StartSession(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_commands_startsession_object")

    response_url: URL
    token: Token
    location_id: CiString(36)
    evse_uid: CiString(36) | None = None
    connector_id: CiString(36) | None = None
    authorization_reference: CiString(36) | None = None


class StopSession(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_commands_stopsession_object")

    response_url: URL
    session_id: CiString(36)


class UnlockConnector(SpecModel):
    spec_anchor = anchor(SPEC_FILE, "mod_commands_unlockconnector_object")

    response_url: URL
    location_id: CiString(36)
    evse_uid: CiString(36)
    connector_id: CiString(36)
