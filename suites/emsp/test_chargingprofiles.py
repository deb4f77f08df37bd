"""CHP-EMSP: the ChargingProfiles SENDER interface of an eMSP (or SCSP)
(mod_charging_profiles.asciidoc, mod_charging_profiles_emsp_interface).

The harness plays the CPO: it PUTs an ActiveChargingProfile to `{url}/{session_id}`, the update
a CPO sends when a session's profile changed (mod_charging_profiles_msp_put_method).

Reading: "The Receiver SHALL NOT call this interface for any session where the Sender has
never, successfully called the charging profile Receiver PUT interface for this session". The
harness cannot make the target set a profile on one of its sessions (that needs the target as
a client, issue #13), so every update it sends is for a session the target never set a profile
on, and does not know: the text lets the target refuse it, with no code named for that. The
cases therefore never expect it to be taken; they judge what the text asks of every answer
("the Response Format with the data field omitted"), and that a body which is not an
ActiveChargingProfile is not taken.
The other method, POST of a result to a response_url, is left to issue #13 for the same reason:
the text gives that URL's structure to the Sender alone ("No structure defined"), and the
harness learns one only from a request the target sends.
Writes: skipped under --read-only.
"""

from __future__ import annotations

from ocpi_conformance.ids import new_id
from ocpi_conformance.resources import fixture
from ocpi_conformance.spec.v2_2_1.documents import CPR, STC
from ocpi_conformance.spec.validation import validate_response
from ocpi_conformance.spec.version import Version
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import OcpiClient, Reply, object_url
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks.envelope import assert_json, assert_status_code
from ocpi_conformance.verdicts.failures import SchemaViolation

from ..contracts.push_receiver import now

SUITE = Suite("chargingprofiles", "SENDER", role="EMSP", versions=("2.2.1", "2.3.0"))


def _update(client: OcpiClient, endpoint: str, body: object) -> Reply:
    url = object_url(endpoint, new_id("NO-SUCH"))
    return client.request("PUT", url, module=SUITE.module, json_body=body)


def _active_profile(version: Version) -> dict:
    """A valid ActiveChargingProfile of `version`, calculated now: the shipped example, dated
    today."""
    profile = fixture(SUITE.module, "ActiveChargingProfile.full", version.number)
    profile["start_date_time"] = profile["charging_profile"]["start_date_time"] = now(version)
    return profile


@SUITE.case(
    "CHP-EMSP-001", MANDATORY, f"{CPR}#mod_charging_profiles_msp_put_method", needs=("writes",)
)
def test_an_update_is_answered_without_data(client: OcpiClient, endpoint: str) -> None:
    """The PUT of an ActiveChargingProfile is answered with the response format, data omitted

    Whatever the status_code (the session is one the target never set a profile on: it may
    refuse), the answer is the Response Format "with the data field omitted"."""
    reply = _update(client, endpoint, _active_profile(client.version))
    assert_json(reply)
    operation = SUITE.operation("put_active_charging_profile")
    violations = validate_response(
        SUITE.module, "SENDER", operation.name, reply.json, client.version.number
    )
    if violations:
        raise SchemaViolation(f"{reply.describe()}: not the Response Format: {first(violations)}")
    assert isinstance(reply.json, dict) and "data" not in reply.json, (
        f"the ActiveChargingProfile PUT was answered with data ({reply.describe()}): the "
        "response SHALL contain the Response Format with the data field omitted"
    )


@SUITE.case(
    "CHP-EMSP-002", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors", needs=("writes",)
)
def test_a_body_that_is_not_an_active_profile_gets_2001(client: OcpiClient, endpoint: str) -> None:
    """A PUT whose body is not an ActiveChargingProfile gets status_code 2001"""
    body = _active_profile(client.version)
    del body["charging_profile"]  # required (Card. 1)
    reply = _update(client, endpoint, body)
    assert_status_code(
        reply,
        2001,
        "a PUT of an ActiveChargingProfile without its charging_profile",
        "Invalid or missing parameters",
    )
