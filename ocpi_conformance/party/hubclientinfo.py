"""The HubClientInfo Receiver (mod_hub_client_info_client_interface), served in every role the
registry lists (CPO and eMSP here), in 2.2.1 and 2.3.0 (2.1.1 has no hubs): ClientInfo objects a Hub
pushes, kept by /{country_code}/{party_id} (a ClientInfo has no id of its own), with GET and PUT
on the shared Receiver (`receiver.py`). There is no DELETE: "ClientInfo objects cannot be
removed"."""

from __future__ import annotations

from datetime import UTC, datetime

from ocpi_conformance.party.faults import fault
from ocpi_conformance.party.receiver import (
    JSON,
    Deviations,
    Merge,
    handlers,
    path_named,
    replace_whole,
)
from ocpi_conformance.party.service import Call, Service
from ocpi_conformance.party.speaks import SPOKEN
from ocpi_conformance.party.state import PartyState

MODULE = "hubclientinfo"
CASES = ("HCI-CPO-{:03d}", "HCI-EMSP-{:03d}")


def _caught_by(number: int) -> list[str]:
    """The case of that number in both roles' suites (one shared class)."""
    return [template.format(number) for template in CASES]


HUBCLIENTINFO_PUT_ALWAYS_200 = fault(
    "hubclientinfo_put_always_200",
    "PUT of a new ClientInfo gets HTTP 200, not 201",
    caught_by=_caught_by(1),
)
HUBCLIENTINFO_UPDATE_IGNORED = fault(
    "hubclientinfo_update_ignored",
    "PUT of a known ClientInfo answers 1000 but keeps the one stored first",
    caught_by=_caught_by(3),
)
HUBCLIENTINFO_RESTAMPS = fault(
    "hubclientinfo_restamps",
    "PUT stores a ClientInfo with last_updated set to the time it arrived",
    caught_by=_caught_by(3),
)
HUBCLIENTINFO_ACCEPTS_INVALID = fault(
    "hubclientinfo_accepts_invalid",
    "PUT stores ClientInfo objects that break the schema, answering 1000",
    caught_by=_caught_by(4),
)
HUBCLIENTINFO_UNKNOWN_IS_200 = fault(
    "hubclientinfo_unknown_is_200",
    "GET of an unknown ClientInfo: HTTP 200, 1000, no data",
    caught_by=_caught_by(5),
)


def _restamp(info: JSON) -> None:
    info["last_updated"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _first_kept(stored: JSON, received: JSON) -> JSON:
    return dict(stored or received)


def _on_put(call: Call) -> Merge:
    return _first_kept if HUBCLIENTINFO_UPDATE_IGNORED in call.state.faults else replace_whole


def _deviations(state: PartyState) -> Deviations:
    faults = state.faults
    return Deviations(
        alter=_restamp if HUBCLIENTINFO_RESTAMPS in faults else None,
        put_always_200=HUBCLIENTINFO_PUT_ALWAYS_200 in faults,
        accepts_invalid=HUBCLIENTINFO_ACCEPTS_INVALID in faults,
        unknown_is_200=HUBCLIENTINFO_UNKNOWN_IS_200 in faults,
    )


SERVICES = (
    Service(
        MODULE,
        "RECEIVER",
        handlers(
            MODULE,
            "ClientInfo",
            path_named("ClientInfo", "country_code", "party_id"),
            _deviations,
            versions=SPOKEN,
            on_put=_on_put,
        ),
        versions=SPOKEN,
    ),
)
