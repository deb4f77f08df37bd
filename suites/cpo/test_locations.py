"""LOC-CPO: the Locations SENDER interface of a CPO (mod_locations.asciidoc, mod_locations.md).

The list is judged as every Sender list is (`contracts/sender_list.py`); single-object GETs are
compared with what the list said, the OCPI way (roundtrip.differences). 2.2.1 and 2.1.1 alike,
but for what a Connector says of its tariffs: `tariff_ids` in 2.2.1, one `tariff_id` in 2.1.1
(LOC-CPO-014 and LOC-CPO-021).
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from ocpi_conformance.spec.v2_2_1.documents import LOC, STC
from ocpi_conformance.spec.version import Version
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.strategies import schema_of
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import OcpiClient, object_url
from ocpi_conformance.transport.discovery import Discovery
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Suite
from ocpi_conformance.verdicts.checks import pagination
from ocpi_conformance.verdicts.checks.envelope import (
    assert_envelope,
    assert_http,
    assert_status_code,
    assert_success,
)
from ocpi_conformance.verdicts.checks.roundtrip import differences

from ..contracts.sender_list import SenderList

SUITE = Suite("locations", "SENDER", versions=("2.2.1", "2.1.1", "2.3.0"))
LOC_211 = spec_version("2.1.1").documents.LOC


class TestLocationList(SenderList, suite=SUITE):
    """LOC-CPO-001 to 008, 015 to 019 and 020: the Location list, as every Sender list is
    judged."""

    numbers: ClassVar[dict[str, int]] = {
        **SenderList.numbers,
        "limit": 15,
        "limit_capped": 16,
        "datetime_forms": 17,
        "date_from_after_newest": 18,
        "unusable_paging": 19,
        "date_from_after": 20,
    }


@pytest.fixture(scope="module")
def locations(listed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return listed


def _first_with_connector(locations: list[dict[str, Any]]) -> tuple[dict, dict, dict]:
    for location in locations:
        for evse in location.get("evses") or []:
            for connector in evse.get("connectors") or []:
                return location, evse, connector
    pytest.skip("no listed Location has an EVSE with a Connector")


def _differences(obj: str, listed: Any, got: Any, suite: Suite) -> list[str]:
    schema = schema_of(obj, suite.at_version)
    return differences(listed, got, schema, schema)


@SUITE.case("LOC-CPO-009", MANDATORY, f"{LOC}#mod_locations_get_object_request_parameters")
def test_single_location_agrees(
    client: OcpiClient, endpoint: str, locations: list[dict[str, Any]], suite: Suite
) -> None:
    """GET of one Location agrees with the list"""
    listed = locations[0]
    reply = client.get(object_url(endpoint, listed["id"]), module=SUITE.module)
    assert_success(reply, suite.operation("get_location"))
    found = _differences("Location", listed, reply.data, suite)
    assert not found, f"GET Location {listed['id']} differs from the list: {first(found)}"


@SUITE.case("LOC-CPO-010", MANDATORY, f"{LOC}#mod_locations_get_object_request_parameters")
def test_single_evse_and_connector_agree(
    client: OcpiClient, endpoint: str, locations: list[dict[str, Any]], suite: Suite
) -> None:
    """GET of one EVSE and one Connector agrees with the list"""
    location, evse, connector = _first_with_connector(locations)
    evse_reply = client.get(object_url(endpoint, location["id"], evse["uid"]), module=SUITE.module)
    assert_success(evse_reply, suite.operation("get_evse"))
    connector_reply = client.get(
        object_url(endpoint, location["id"], evse["uid"], connector["id"]), module=SUITE.module
    )
    assert_success(connector_reply, suite.operation("get_connector"))
    found = _differences("EVSE", evse, evse_reply.data, suite)
    found += _differences("Connector", connector, connector_reply.data, suite)
    assert not found, f"single GETs differ from the list: {first(found)}"


@pytest.fixture(scope="module")
def unknown(client: OcpiClient, endpoint: str):
    return client.get(object_url(endpoint, "OCC-NO-SUCH-LOCATION"), module=SUITE.module)


@SUITE.case("LOC-CPO-011", RECOMMENDED, f"{STC}#status_codes_status_codes")
def test_unknown_location_is_404(unknown) -> None:
    """An unknown Location gets HTTP 404"""
    assert_http(unknown, 404, "the answer")


# which status_code: "SHOULD return an OCPI response message with a status_code ... as defined
# below" (status_codes); read as covering which code, as for every 2xxx case
@SUITE.case("LOC-CPO-012", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
def test_unknown_location_is_2003(unknown) -> None:
    """An unknown Location is answered with status_code 2003"""
    assert_status_code(unknown, 2003, "the answer", "Unknown Location")


@SUITE.case("LOC-CPO-013", MANDATORY, f"{LOC}#mod_locations_get_list_request_parameters")
def test_children_not_newer_than_parents(locations: list[dict[str, Any]]) -> None:
    """EVSE and Connector last_updated are not newer than their parents'"""
    when = pagination.parse_datetime
    problems = []
    for location in locations:
        for evse in location.get("evses") or []:
            if when(evse["last_updated"]) > when(location["last_updated"]):
                problems.append(
                    f"EVSE {evse['uid']} of {location['id']} is newer than its Location"
                )
            for connector in evse.get("connectors") or []:
                if when(connector["last_updated"]) > when(evse["last_updated"]):
                    problems.append(
                        f"Connector {connector['id']} of {location['id']}/{evse['uid']} "
                        "is newer than its EVSE"
                    )
    assert not problems, first(problems)


def _unpublished(
    client: OcpiClient,
    discovery: Discovery,
    version: Version,
    locations: list[dict[str, Any]],
    field: str,
) -> list[str]:
    """The tariff ids the Connectors name in `field` (a list or one id) that no Tariff of the
    CPO's Tariffs list has."""
    url = discovery.endpoint("tariffs", "SENDER")
    if url is None:
        pytest.skip("the target offers no tariffs SENDER endpoint to resolve tariff ids against")
    walk = client.walk(url, module="tariffs", params={"limit": 50})
    get_list = version.operation("tariffs", "SENDER", "get_list")
    assert_envelope(walk.pages[0], get_list)
    kind = schema_of("Tariff", version.number)["properties"]["id"].get("x-ocpi-type", "")
    fold = str.upper if kind.startswith("CiString") else str  # a 2.1.1 id is case sensitive
    known = {fold(str(t.get("id"))) for t in walk.items if isinstance(t, dict)}
    named = set()
    for location in locations:
        for evse in location.get("evses") or []:
            for connector in evse.get("connectors") or []:
                given = connector.get(field)
                named |= {str(i) for i in (given if isinstance(given, list) else [given]) if i}
    return sorted(tariff_id for tariff_id in named if fold(tariff_id) not in known)


@SUITE.case(
    "LOC-CPO-014",
    RECOMMENDED,
    f"{LOC}#mod_locations_connector_object",
    versions=("2.2.1", "2.3.0"),
)
def test_tariff_ids_are_known(
    client: OcpiClient, discovery: Discovery, version: Version, locations: list[dict[str, Any]]
) -> None:
    """Connector tariff_ids name Tariffs the CPO publishes"""
    unknown = _unpublished(client, discovery, version, locations, "tariff_ids")
    assert not unknown, f"tariff_ids no published Tariff has: {', '.join(unknown[:10])}"


# 2.1.1: tariff_id "Identifier of the current charging tariff structure" (one, 2.2 made it
# tariff_ids); as LOC-CPO-014, the id of a structure the CPO publishes. Recommended likewise.
@SUITE.case(
    "LOC-CPO-021", RECOMMENDED, f"{LOC_211}#33-connector-object", versions=("2.1.1",)
)  # fmt: skip
def test_tariff_id_is_known(
    client: OcpiClient, discovery: Discovery, version: Version, locations: list[dict[str, Any]]
) -> None:
    """A Connector's tariff_id names a Tariff the CPO publishes"""
    unknown = _unpublished(client, discovery, version, locations, "tariff_id")
    assert not unknown, f"tariff_id values no published Tariff has: {', '.join(unknown[:10])}"
