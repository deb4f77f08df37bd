"""SES-CPO: the Sessions SENDER interface of a CPO (mod_sessions.asciidoc, mod_sessions.md): its
paginated list, judged as every Sender list is (`contracts/sender_list.py`) in 2.2.1 and 2.1.1,
and the PUT of Charging Preferences on an ongoing session (mod_sessions_cpo_put_method; 2.2.1
only: 2.1.1 Sessions have no charging preferences).

Charging Preferences need a session that is charging, which only a START_SESSION can give the
harness: the module starts one at the place the Commands suite uses (`command_place.py`) and
stops it when the module is done, whatever happened. The preferences sent are harmless: REGULAR
("Driver does not have special preferences"), a little energy, departure in a few hours.
Those cases write: skipped under --read-only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import pytest

from ocpi_conformance.ids import new_id
from ocpi_conformance.run.harness import Harness
from ocpi_conformance.spec.v2_2_1.documents import SES
from ocpi_conformance.spec.v2_2_1.enums import Capability
from ocpi_conformance.transport.client import OcpiClient, Reply, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import assert_answered, assert_success

from ..contracts.sender_list import SenderList
from . import command_place
from .command_place import Running, evse_at

SUITE = Suite("sessions", "SENDER", versions=("2.2.1", "2.1.1", "2.3.0"))
SINCE_22 = ("2.2.1", "2.3.0")  # charging preferences
place = command_place.place  # the fixtures: where the session charges, and the session
running_session = command_place.running_session
CAPABLE = Capability.CHARGING_PREFERENCES_CAPABLE.value


class TestSessionList(SenderList, suite=SUITE):
    """SES-CPO-001 to 011, 015 to 017 (012 to 014 are the charging preferences below)."""

    numbers: ClassVar[dict[str, int]] = {
        **SenderList.numbers,
        "date_from_after_newest": 15,
        "unusable_paging": 16,
        "date_from_after": 17,
    }


def _preferences() -> dict[str, Any]:
    departure = dt.datetime.now(dt.UTC) + dt.timedelta(hours=4)
    return {
        "profile_type": "REGULAR",
        "departure_time": departure.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "energy_need": 5,
    }


def _put(client: OcpiClient, endpoint: str, session_id: str) -> Reply:
    url = object_url(endpoint, session_id, "charging_preferences")
    return client.request("PUT", url, module=SUITE.module, json_body=_preferences())


@pytest.fixture(scope="module")
def capable(harness: Harness, client: OcpiClient, running_session: Running) -> bool | None:
    """Whether the EVSE of our session lists CHARGING_PREFERENCES_CAPABLE (None: the CPO
    does not show the EVSE)."""
    evse = evse_at(harness, client, running_session.place)
    if evse is None:
        return None
    return CAPABLE in (evse.get("capabilities") or [])


@SUITE.case(
    "SES-CPO-012",
    MANDATORY,
    f"{SES}#mod_sessions_cpo_put_method",
    needs=("writes",),
    versions=SINCE_22,
)
def test_preferences_of_our_session_get_a_response_value(
    client: OcpiClient, endpoint: str, running_session: Running, capable: bool | None
) -> None:
    """Charging Preferences for our session on a capable EVSE get a ChargingPreferencesResponse

    Any value of the enum is an answer (ACCEPTED, or why not): only its validity is judged."""
    if not capable:
        pytest.skip(f"the EVSE of our session does not list {CAPABLE}: SES-CPO-013 applies")
    reply = _put(client, endpoint, running_session.session_id)
    assert_success(reply, SUITE.operation("put_charging_preferences"))


@SUITE.case(
    "SES-CPO-013",
    RECOMMENDED,
    f"{SES}#mod_sessions_charging_preferences_response_enum",
    needs=("writes",),
    versions=SINCE_22,
)
def test_preferences_on_an_evse_that_cannot_take_them_get_404_2001(
    client: OcpiClient, endpoint: str, running_session: Running, capable: bool | None
) -> None:
    """Charging Preferences for a session on an EVSE without the capability get 404 and 2001

    "If a PUT with ChargingPreferences is received for an EVSE that does not have the
    capability CHARGING_PREFERENCES_CAPABLE, the receiver should respond with an HTTP status of
    404 and an OCPI status code of 2001"."""
    if capable is None:
        pytest.skip("the CPO does not show the EVSE of our session: its capabilities are unknown")
    if capable:
        pytest.skip(f"the EVSE of our session lists {CAPABLE}: SES-CPO-012 applies")
    reply = _put(client, endpoint, running_session.session_id)
    assert_answered(reply)
    assert reply.status == 404 and reply.status_code == 2001, (
        f"Charging Preferences on an EVSE without {CAPABLE}: {reply.describe()}, expected "
        "HTTP 404 with status_code 2001"
    )


@SUITE.case(
    "SES-CPO-014",
    RECOMMENDED,
    f"{SES}#mod_sessions_charging_preferences_response_enum",
    needs=("writes",),
    versions=SINCE_22,
)
def test_preferences_of_an_unknown_session_are_not_accepted(
    client: OcpiClient, endpoint: str
) -> None:
    """Charging Preferences for a session the CPO does not know are not ACCEPTED

    ACCEPTED: "EVSE will try to accomplish them", and no EVSE charges a session that does not
    exist. The enum has no UNKNOWN_SESSION, and the text names no status for this: any
    refusal passes (an error status_code, or another value of the enum)."""
    reply = _put(client, endpoint, new_id("NO-SUCH"))
    assert_answered(reply)
    said = reply.data if reply.status_code is not None and reply.status_code < 2000 else None
    assert said != "ACCEPTED", (
        f"Charging Preferences for a session never started: {reply.describe()} answered "
        "ACCEPTED, for an EVSE that charges no such session"
    )
