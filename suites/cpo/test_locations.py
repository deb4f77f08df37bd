"""LOC-CPO: the Locations SENDER interface of a CPO (mod_locations.asciidoc).

The list is walked once with a small page size and judged by many cases; single-object GETs are
compared with what the list said, the OCPI way (roundtrip.differences).
"""

from __future__ import annotations

from typing import Any

import pytest

from ocpi_conformance.catalog import case
from ocpi_conformance.checks import pagination
from ocpi_conformance.checks.envelope import assert_envelope, assert_success
from ocpi_conformance.checks.roundtrip import differences
from ocpi_conformance.client import OcpiClient, Walk, object_url
from ocpi_conformance.discovery import Discovery
from ocpi_conformance.harness import Harness
from ocpi_conformance.plugin import require_endpoint
from ocpi_conformance.strategies import schema_of
from ocpi_conformance.validation import validate_object

PAGE = 3  # small, so that even a small target spreads over several pages
MODULE = "locations"


@pytest.fixture(scope="module")
def endpoint(harness: Harness) -> str:
    return require_endpoint(harness, MODULE, "SENDER")


@pytest.fixture(scope="module")
def walk(client: OcpiClient, endpoint: str) -> Walk:
    return client.walk(endpoint, module=MODULE, params={"limit": PAGE})


@pytest.fixture(scope="module")
def locations(walk: Walk) -> list[dict[str, Any]]:
    found = [item for item in walk.items if isinstance(item, dict)]
    if not found:
        pytest.skip("the CPO publishes no Locations to judge")
    return found


def _listing(problems: list[str], limit: int = 5) -> str:
    more = f" (+{len(problems) - limit} more)" if len(problems) > limit else ""
    return "; ".join(problems[:limit]) + more


@case("LOC-CPO-001")
def test_list_pages_are_valid(walk: Walk) -> None:
    assert walk.pages, "no page was fetched"
    for page in walk.pages:
        assert_success(page, MODULE, "SENDER", "get_list")
    assert walk.stopped is None, walk.stopped


@case("LOC-CPO-002")
def test_listed_objects_are_valid(locations: list[dict[str, Any]]) -> None:
    problems = [
        f"Location {location.get('id')}: {violation}"
        for location in locations
        for violation in validate_object("Location", location)
    ]
    assert not problems, f"{len(problems)} violation(s): {_listing(problems)}"


@case("LOC-CPO-003")
def test_pagination_headers(walk: Walk) -> None:
    problems = pagination.header_problems(walk)
    assert not problems, _listing(problems)


@case("LOC-CPO-004")
def test_link_until_the_last_page(walk: Walk) -> None:
    problems = pagination.link_problems(walk)
    assert not problems, _listing(problems)


@case("LOC-CPO-005")
def test_link_repeats_filters(client: OcpiClient, endpoint: str) -> None:
    params = {"date_from": "2000-01-01T00:00:00Z", "date_to": "2100-01-01T00:00:00Z", "limit": 1}
    walk = client.walk(endpoint, module=MODULE, params=params, max_pages=3)
    if not any(page.next_link() for page in walk.pages):
        pytest.skip("the filtered list fits on one page: no Link to judge")
    problems = pagination.filter_problems(walk, params)
    assert not problems, _listing(problems)


@case("LOC-CPO-006")
def test_offset_is_applied(walk: Walk, locations: list[dict[str, Any]]) -> None:
    problems = pagination.completeness_problems(walk)
    assert not problems, _listing(problems)


def _pivot(locations: list[dict[str, Any]]) -> str:
    """A last_updated value shared by at least one Location: the edge both filters are tried on."""
    stamps = sorted(
        (location["last_updated"] for location in locations if location.get("last_updated")),
        key=pagination.parse_datetime,
    )
    return stamps[len(stamps) // 2]


def _ids_with(locations: list[dict[str, Any]], stamp: str) -> set[str]:
    moment = pagination.parse_datetime(stamp)
    return {
        str(loc.get("id")).upper()
        for loc in locations
        if pagination.parse_datetime(loc["last_updated"]) == moment
    }


@case("LOC-CPO-007")
def test_date_from_is_inclusive(
    client: OcpiClient, endpoint: str, locations: list[dict[str, Any]]
) -> None:
    pivot = _pivot(locations)
    walk = client.walk(endpoint, module=MODULE, params={"date_from": pivot, "limit": PAGE})
    returned = {str(item.get("id")).upper() for item in walk.items if isinstance(item, dict)}
    missing = _ids_with(locations, pivot) - returned
    assert not missing, (
        f"date_from={pivot} left out Locations updated at exactly that time: {sorted(missing)}"
    )
    problems = pagination.window_problems(walk.items, pivot, None)
    assert not problems, _listing(problems)


@case("LOC-CPO-008")
def test_date_to_is_exclusive(
    client: OcpiClient, endpoint: str, locations: list[dict[str, Any]]
) -> None:
    pivot = _pivot(locations)
    walk = client.walk(endpoint, module=MODULE, params={"date_to": pivot, "limit": PAGE})
    problems = pagination.window_problems(walk.items, None, pivot)
    assert not problems, _listing(problems)


def _first_with_connector(locations: list[dict[str, Any]]) -> tuple[dict, dict, dict]:
    for location in locations:
        for evse in location.get("evses") or []:
            for connector in evse.get("connectors") or []:
                return location, evse, connector
    pytest.skip("no listed Location has an EVSE with a Connector")


@case("LOC-CPO-009")
def test_single_location_agrees(
    client: OcpiClient, endpoint: str, locations: list[dict[str, Any]]
) -> None:
    listed = locations[0]
    reply = client.get(object_url(endpoint, listed["id"]), module=MODULE)
    assert_success(reply, MODULE, "SENDER", "get_location")
    schema = schema_of("Location")
    found = differences(listed, reply.data, schema, schema)
    assert not found, f"GET Location {listed['id']} differs from the list: {_listing(found)}"


@case("LOC-CPO-010")
def test_single_evse_and_connector_agree(
    client: OcpiClient, endpoint: str, locations: list[dict[str, Any]]
) -> None:
    location, evse, connector = _first_with_connector(locations)
    evse_reply = client.get(object_url(endpoint, location["id"], evse["uid"]), module=MODULE)
    assert_success(evse_reply, MODULE, "SENDER", "get_evse")
    connector_reply = client.get(
        object_url(endpoint, location["id"], evse["uid"], connector["id"]), module=MODULE
    )
    assert_success(connector_reply, MODULE, "SENDER", "get_connector")
    found = differences(evse, evse_reply.data, schema_of("EVSE"), schema_of("EVSE"))
    found += differences(
        connector, connector_reply.data, schema_of("Connector"), schema_of("Connector")
    )
    assert not found, f"single GETs differ from the list: {_listing(found)}"


@pytest.fixture(scope="module")
def unknown(client: OcpiClient, endpoint: str):
    return client.get(object_url(endpoint, "OCC-NO-SUCH-LOCATION"), module=MODULE)


@case("LOC-CPO-011")
def test_unknown_location_is_404(unknown) -> None:
    assert unknown.status == 404, f"{unknown.describe()}, expected HTTP 404"


@case("LOC-CPO-012")
def test_unknown_location_is_2003(unknown) -> None:
    assert unknown.status_code == 2003, (
        f"{unknown.describe()}: expected status_code 2003 (Unknown Location)"
    )


@case("LOC-CPO-013")
def test_children_not_newer_than_parents(locations: list[dict[str, Any]]) -> None:
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
    assert not problems, _listing(problems)


@case("LOC-CPO-014")
def test_tariff_ids_are_known(
    client: OcpiClient, discovery: Discovery, locations: list[dict[str, Any]]
) -> None:
    url = discovery.endpoint("tariffs", "SENDER")
    if url is None:
        pytest.skip("the target offers no tariffs SENDER endpoint to resolve tariff_ids against")
    walk = client.walk(url, module="tariffs", params={"limit": 50})
    assert_envelope(walk.pages[0], "tariffs", "SENDER", "get_list")
    known = {str(t.get("id")).upper() for t in walk.items if isinstance(t, dict)}
    unknown = sorted(
        {
            tariff_id
            for location in locations
            for evse in location.get("evses") or []
            for connector in evse.get("connectors") or []
            for tariff_id in connector.get("tariff_ids") or []
            if str(tariff_id).upper() not in known
        }
    )
    assert not unknown, f"tariff_ids no published Tariff has: {', '.join(unknown[:10])}"
