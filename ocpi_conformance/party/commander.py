"""The eMSP sandbox as a commanding party (mod_commands_msp_interface): after pushing its
Tokens it asks the CPO it is registered with to START_SESSION at the first Location that CPO
lists, with a response_url on its own Commands Sender interface, where it takes the result
(`commands.post_command_result`). Once the session is in the CPO's Sessions list it sets a
charging profile on it as a Smart Charging Service Provider does (PUT SetChargingProfile,
mod_charging_profiles_cpo_put_method), the result coming to its own ChargingProfiles Sender
interface. All in the registration's OCPI version (the `client` given speaks it): a 2.1.1
StartSession names no Connector, a 2.1.1 Session names its Token by auth_id, and 2.1.1 has no
ChargingProfiles."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from ocpi_conformance.party import lists
from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.service import functional_url
from ocpi_conformance.party.state import PartyState, Registration
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import OcpiClient, object_url

RESULT_WAIT_S = 5.0  # for the CommandResult of its START_SESSION

COMMAND_INVALID = fault(
    "command_invalid",
    "the START_SESSION it sends lacks its required token",
    caught_by=["CMD-EMSP-101"],
)
PROFILE_INVALID = fault(
    "profile_invalid",
    "the SetChargingProfile it PUTs lacks its required response_url",
    caught_by=["CHP-EMSP-101"],
)
PROFILE_RESULT_REFUSED = fault(
    "profile_result_refused",
    "it answers the ChargingProfileResult POSTed to its response_url with status_code 2001",
    caught_by=["CHP-EMSP-102"],
)
COMMAND_RESULT_REFUSED = fault(
    "command_result_refused",
    "it answers the CommandResult POSTed to its response_url with status_code 2001",
    caught_by=["CMD-EMSP-102"],
)


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
    commands_url = registration.endpoint("commands", "RECEIVER")
    locations_url = registration.endpoint("locations", "SENDER")
    if commands_url is None or locations_url is None:
        return
    place = _place(client, locations_url)
    if place is None:
        return
    version = registration.version
    fields = spec_version(version).objects["StartSession"].model_fields
    reference = f"START_SESSION/{uuid.uuid4()}"
    sender = functional_url(state, "commands", "SENDER", version)
    body: dict[str, Any] = {
        "response_url": f"{sender}/{reference}",
        "token": copy.deepcopy(lists.stored(state, "tokens", version)[0]),
        **{k: v for k, v in place.items() if k in fields},
    }
    if COMMAND_INVALID in state.faults:
        del body["token"]
    client.request(
        "POST", object_url(commands_url, "START_SESSION"), module="commands", json_body=body
    )
    state.log.wait_for(  # its result: the session is started by then
        lambda e: e.direction == "inbound" and e.url.split("?")[0].endswith(reference),
        timeout=RESULT_WAIT_S,
    )
    session_id = _session_of(client, registration, body.get("token") or {})
    if session_id is not None:
        set_profile(state, registration, client, session_id)


def _session_of(
    client: OcpiClient, registration: Registration, token: dict[str, Any]
) -> str | None:
    """The open session our Token began, as the CPO's Sessions list shows it: by the Token's uid
    in its cdr_token (2.2.1), or by its auth_id where the version's Session names no Token."""
    sessions_url = registration.endpoint("sessions", "SENDER")
    if sessions_url is None or not token:
        return None
    spec = spec_version(registration.version)
    by_uid = "cdr_token" in spec.objects["Session"].model_fields
    params = spec.required_list_params("sessions")
    walk = client.walk(sessions_url, module="sessions", params=params)
    for session in (item for item in walk.items if isinstance(item, dict)):
        if by_uid:
            ours = (session.get("cdr_token") or {}).get("uid") == token.get("uid")
        else:
            ours = session.get("auth_id") == token.get("auth_id")
        if ours and session.get("status") in ("ACTIVE", "PENDING"):
            return str(session.get("id"))
    return None


def set_profile(
    state: PartyState, registration: Registration, client: OcpiClient, session_id: str
) -> None:
    """PUT a modest SetChargingProfile on the session (16 A, one period, ten minutes)."""
    profiles_url = registration.endpoint("chargingprofiles", "RECEIVER")
    if profiles_url is None:
        return
    reference = f"PUT/{uuid.uuid4()}"
    sender = functional_url(state, "chargingprofiles", "SENDER", registration.version)
    body: dict[str, Any] = {
        "charging_profile": {
            "charging_rate_unit": "A",
            "duration": 600,
            "charging_profile_period": [{"start_period": 0, "limit": 16.0}],
        },
        "response_url": f"{sender}/{reference}",
    }
    if PROFILE_INVALID in state.faults:
        del body["response_url"]
    client.request(
        "PUT", object_url(profiles_url, session_id), module="chargingprofiles", json_body=body
    )
