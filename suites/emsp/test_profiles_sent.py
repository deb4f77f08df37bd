"""CHP-EMSP-1xx: the ChargingProfiles requests an eMSP (or the Smart Charging Service Provider
behind it) sends the harness's peer (a CPO) on its own, and how it takes the result the peer
then POSTs to its response_url (mod_charging_profiles_emsp_interface). The peer answers each
valid request as a conformant CPO does: a ChargingProfileResponse, then the result object."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from ocpi_conformance.run.harness import Harness
from ocpi_conformance.run.inbound import Heard, Pushed
from ocpi_conformance.spec.v2_2_1.documents import CPR
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.spec.version import Version
from ocpi_conformance.text import first
from ocpi_conformance.verdicts.cases import MANDATORY, Suite

from ..contracts.pushed import assert_results_taken, body_of, heard_of, operation_of

SUITE = Suite(
    "chargingprofiles", "SENDER", role="EMSP", initiator="target", versions=("2.2.1", "2.3.0")
)
NEEDS = ("registered",)


def _requests(heard: Heard) -> list[Pushed]:
    return heard_of(heard, "chargingprofiles", "its charging profile requests")


def _query(pushed: Pushed) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(pushed.exchange.url).query).items()}


@pytest.mark.ocpi_last
@SUITE.case("CHP-EMSP-101", MANDATORY, f"{CPR}#mod_charging_profiles_cpo_interface", needs=NEEDS)
def test_the_targets_profile_requests_are_valid(heard: Heard, version: Version) -> None:
    """Every ChargingProfiles request the target sends is one of the Receiver's operations,
    with its required parameters and a valid body"""
    broken = []
    for pushed in _requests(heard):
        shown = f"{pushed.exchange.method} {pushed.exchange.url}"
        operation = operation_of(pushed, version.number)
        if operation is None:
            broken.append(f"{shown}: no operation of the Receiver")
            continue
        query = _query(pushed)
        missing = [q.name for q in operation.query if q.required and q.name not in query]
        if missing:
            broken.append(f"{shown}: without {', '.join(missing)}")
        elif operation.request is not None and operation.request.obj:
            violations = validate_object(operation.request.obj, body_of(pushed), version.number)
            if violations:
                broken.append(f"{shown}: {first(violations, 3)}")
    assert not broken, f"the target sent invalid ChargingProfiles requests: {first(broken)}"


@pytest.mark.ocpi_last
@SUITE.case("CHP-EMSP-102", MANDATORY, f"{CPR}#mod_charging_profiles_msp_post_method", needs=NEEDS)
def test_the_target_takes_our_profile_results(harness: Harness, heard: Heard) -> None:
    """The target answers the result POSTed to its response_url with status_code 1000"""
    assert_results_taken(harness, _requests(heard), "result")
