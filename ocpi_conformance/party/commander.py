"""The eMSP sandbox as a commanding party (mod_commands_msp_interface): after pushing its
Tokens it asks the CPO it is registered with to START_SESSION at the first Location that CPO
lists, with a response_url on its own Commands Sender interface, where it takes the
CommandResult (`commands.post_command_result`)."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from ..client import OcpiClient, object_url
from . import lists
from .faults import fault
from .service import functional_url
from .state import PartyState, Registration

COMMAND_INVALID = fault(
    "command_invalid",
    "the START_SESSION it sends lacks its required token",
    caught_by=["CMD-EMSP-101"],
)
COMMAND_RESULT_REFUSED = fault(
    "command_result_refused",
    "it answers the CommandResult POSTed to its response_url with status_code 2001",
    caught_by=["CMD-EMSP-102"],
)


def _endpoint(registration: Registration, module: str, role: str) -> str | None:
    for entry in registration.endpoints:
        if entry.get("identifier") == module and entry.get("role") == role:
            url = entry.get("url")
            return url if isinstance(url, str) else None
    return None


def _place(client: OcpiClient, locations_url: str) -> dict[str, Any] | None:
    walk = client.walk(locations_url, module="locations", params={"limit": 5}, max_pages=1)
    for location in (item for item in walk.items if isinstance(item, dict)):
        for evse in location.get("evses") or []:
            for connector in evse.get("connectors") or []:
                return {
                    "location_id": location.get("id"),
                    "evse_uid": evse.get("uid"),
                    "connector_id": connector.get("id"),
                }
    return None


def start_session(state: PartyState, registration: Registration, client: OcpiClient) -> None:
    """START_SESSION at the other party, if it offers Commands and lists a place for it."""
    commands_url = _endpoint(registration, "commands", "RECEIVER")
    locations_url = _endpoint(registration, "locations", "SENDER")
    if commands_url is None or locations_url is None:
        return
    place = _place(client, locations_url)
    if place is None:
        return
    reference = f"START_SESSION/{uuid.uuid4()}"
    body: dict[str, Any] = {
        "response_url": f"{functional_url(state, 'commands', 'SENDER')}/{reference}",
        "token": copy.deepcopy(lists.stored(state, "tokens")[0]),
        **place,
    }
    if COMMAND_INVALID in state.faults:
        del body["token"]
    client.request(
        "POST", object_url(commands_url, "START_SESSION"), module="commands", json_body=body
    )
