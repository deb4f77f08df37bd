"""Where the CPO suites that act on a Charge Point act, and the charging session they need.

The Commands suite commands a place; the ChargingProfiles suite and the charging preferences
cases of the Sessions suite need a session that is charging, which only a START_SESSION can
give the harness. Both come from here, so every suite picks the place the same way (the user's
--command-target, else an AVAILABLE EVSE, named in the report) and finds and stops the session
it began the same way (through the CPO's Sessions list, then STOP_SESSION).

A suite module imports the fixtures it uses (`place`, `running_session`) into its namespace.
What is sent is shaped by the run's version (the client's): a command carries only the fields
its object has in that version (2.1.1's StartSession names no connector), a Token of ours names
its owner only where Tokens do, and the session is found by how that version's Sessions name
their Token (a cdr_token in 2.2.1, an auth_id in 2.1.1).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.plugin.fixtures import require_endpoint
from ocpi_conformance.resources import fixture
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.peer import Peer
from ocpi_conformance.spec.version import Version
from ocpi_conformance.transport.client import OcpiClient, object_url
from ocpi_conformance.verdicts.cases import Suite
from ocpi_conformance.verdicts.checks.pagination import parse_datetime

from ..contracts.async_result import Sent, patience, response_url, result_exchange, result_of
from ..contracts.push_receiver import now

COMMANDS = Suite("commands", "RECEIVER")
SEARCHED = 4  # pages of Locations searched for an AVAILABLE EVSE to command
POLL_S = 1.0  # between looks at the Sessions list for the session START_SESSION began


@pytest.fixture(scope="module")
def place(harness: Harness, client: OcpiClient) -> dict[str, str]:
    """Where commands act: the user's --command-target, else the first Connector of an EVSE the
    CPO lists as AVAILABLE (a charger in use is never commanded). Named in the report."""
    chosen = harness.config.place()
    if chosen is not None:
        harness.command_place = {**chosen, "chosen_by": "--command-target"}
        return chosen
    assert harness.discovery is not None
    locations = harness.discovery.endpoint("locations", "SENDER")
    if locations is None:
        pytest.skip(
            "the CPO lists no Locations SENDER endpoint to find a place to command: "
            "name one with --command-target"
        )
    walk = client.walk(locations, module="locations", params={"limit": 10}, max_pages=SEARCHED)
    for location in (item for item in walk.items if isinstance(item, dict)):
        for evse in location.get("evses") or []:
            if evse.get("status") != "AVAILABLE":
                continue
            for connector in evse.get("connectors") or []:
                found = {
                    "location_id": location["id"],
                    "evse_uid": evse["uid"],
                    "connector_id": connector["id"],
                }
                harness.command_place = {**found, "chosen_by": "picked from the Locations list"}
                return found
    pytest.skip(
        f"the CPO lists no AVAILABLE EVSE with a Connector on its first {SEARCHED} pages: "
        "name a test charger with --command-target"
    )


def shaped(version: Version, command: str, body: dict[str, Any]) -> dict[str, Any]:
    """`body` with only the fields the command's object has in `version` (a place names a
    connector_id, which 2.1.1's StartSession does not have)."""
    fields = version.objects[version.command_object(command)].model_fields
    return {name: value for name, value in body.items() if name in fields}


def send_command(
    client: OcpiClient,
    endpoint: str,
    peer: Peer,
    command: str,
    body: dict[str, Any],
    extra: dict[str, Any] | None = None,
) -> Sent:
    """POST one command, shaped for the client's version, with a fresh response_url on our
    peer; `extra`: fields added as they are (no table need document them)."""
    reference, url = response_url(peer, COMMANDS, command)
    sent_at = now(client.version)
    body = {**shaped(client.version, command, body), "response_url": url, **(extra or {})}
    reply = client.request(
        "POST", object_url(endpoint, command), module=COMMANDS.module, json_body=body
    )
    return Sent(reply, reference, url, body, sent_at)


def our_token(harness: Harness, version: Version) -> dict[str, Any]:
    """A Token of ours (the harness is the eMSP that owns it), in `version`: naming its owner
    where the version's Tokens do."""
    token = fixture("tokens", "Token.full", version.number)
    if version.owner_in_objects:
        token.update(country_code=harness.identity.country_code, party_id=harness.identity.party_id)
    token["uid"] = new_id()
    return token


def said_accepted(sent: Sent) -> bool:
    return result_of(sent.reply.data) == "ACCEPTED"


def _used_token(session: dict[str, Any], token: dict[str, Any]) -> bool:
    """Whether a listed Session is one of `token`'s: by its cdr_token's uid (2.2.1), or by the
    auth_id it carries (2.1.1 Sessions name the Token by auth_id alone)."""
    if "cdr_token" in session:
        uid = (session.get("cdr_token") or {}).get("uid", "")
        return str(uid).upper() == str(token["uid"]).upper()
    return "auth_id" in token and session.get("auth_id") == token["auth_id"]


def open_sessions(harness: Harness, client: OcpiClient, sent: Sent) -> list[str] | None:
    """The ids of the still open sessions the CPO lists for the Token a START_SESSION used;
    None when the CPO lists no Sessions at all."""
    assert harness.discovery is not None
    url = harness.discovery.endpoint("sessions", "SENDER")
    if url is None:
        return None
    token = sent.body["token"]
    since = (parse_datetime(sent.sent_at) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    walk = client.walk(url, module="sessions", params={"date_from": since, "limit": 50})
    return [
        item["id"]
        for item in walk.items
        if isinstance(item, dict)
        and _used_token(item, token)
        and item.get("status") in ("ACTIVE", "PENDING")
        and isinstance(item.get("id"), str)
    ]


def stop_sessions(
    client: OcpiClient, endpoint: str, peer: Peer, session_ids: list[str]
) -> list[str]:
    """STOP_SESSION of each; what was not ACCEPTED, described."""
    refused = []
    for session_id in session_ids:
        stop = send_command(client, endpoint, peer, "STOP_SESSION", {"session_id": session_id})
        if not said_accepted(stop):
            refused.append(f"{session_id}: {stop.reply.describe()}")
    return refused


@dataclass(frozen=True)
class Running:
    """The session a START_SESSION of ours began, where it charges."""

    session_id: str
    place: dict[str, str]


@pytest.fixture(scope="module")
def running_session(
    request: pytest.FixtureRequest, harness: Harness, client: OcpiClient, peer: Peer
) -> Iterator[Running]:
    """A session of ours at the place, for the module's cases; stopped with STOP_SESSION when
    the module is done, whatever happened (so nothing keeps charging). Skipped, saying why,
    when none could be started or found."""
    endpoint = require_endpoint(harness, "commands", "RECEIVER", writes=True)
    place: dict[str, str] = request.getfixturevalue("place")  # only once commands can be sent
    body = {"token": our_token(harness, client.version), **place}
    sent = send_command(client, endpoint, peer, "START_SESSION", body)
    if not said_accepted(sent):
        pytest.skip(f"START_SESSION at {_where(place)} was not ACCEPTED: {sent.reply.describe()}")
    harness.ledger.record(COMMANDS.module, sent.response_url, sent.body)  # a session, maybe
    try:
        yield Running(_found(harness, client, peer, sent), place)
    finally:
        ours = open_sessions(harness, client, sent) or []
        if not stop_sessions(client, endpoint, peer, ours):
            harness.ledger.settle(sent.response_url)


def _found(harness: Harness, client: OcpiClient, peer: Peer, sent: Sent) -> str:
    """The id of the session START_SESSION began: looked for in the Sessions list until it is
    there, for as long as the command's result may take."""
    deadline = time.monotonic() + patience(harness, sent)
    while True:
        ours = open_sessions(harness, client, sent)
        if ours is None:
            pytest.skip("the CPO lists no Sessions: the session START_SESSION began has no id")
        if ours:
            return ours[0]
        if time.monotonic() >= deadline:
            break
        result_exchange(harness, peer, sent)  # the first look waits for the CommandResult
        time.sleep(POLL_S)
    pytest.skip(
        f"no ACTIVE or PENDING session with our Token in the CPO's Sessions list within "
        f"{patience(harness, sent):g} s of START_SESSION at {_where(sent.body)}"
    )


def _where(place: dict[str, Any]) -> str:
    return "/".join(str(place.get(k, "")) for k in ("location_id", "evse_uid", "connector_id"))


def evse_at(harness: Harness, client: OcpiClient, place: dict[str, str]) -> dict[str, Any] | None:
    """The EVSE object of the place, as the CPO's Locations Sender gives it (None if it
    does not): its capabilities and Connectors say what the place can take."""
    assert harness.discovery is not None
    locations = harness.discovery.endpoint("locations", "SENDER")
    if locations is None:
        return None
    url = object_url(locations, place["location_id"], place["evse_uid"])
    data = client.get(url, module="locations").data
    if isinstance(data, list) and len(data) == 1:  # some CPOs wrap it (LOC-CPO-010 judges that)
        data = data[0]
    return data if isinstance(data, dict) else None
