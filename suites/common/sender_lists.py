"""The eight cases every paginated Sender list shares: LOC-CPO, SES-CPO, CDR-CPO, TAR-CPO and
TOK-EMSP 001 to 008 (transport_and_format_pagination). The list is walked once with a small
page size and judged many ways; the date filters are tried on a last_updated the list holds.

A suite module calls `define(globals(), ...)`: the fixtures `endpoint`, `walk` and `listed` and
the eight tests land in its namespace, so each case keeps exactly one test in one module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ocpi_conformance.catalog import case
from ocpi_conformance.checks import pagination
from ocpi_conformance.checks.envelope import assert_success
from ocpi_conformance.client import OcpiClient, Walk
from ocpi_conformance.harness import Harness
from ocpi_conformance.plugin import require_endpoint
from ocpi_conformance.spec.v2_2_1 import identity_field
from ocpi_conformance.spec.v2_2_1.modules import listed_object
from ocpi_conformance.validation import validate_object

PAGE = 3  # small, so that even a small target spreads over several pages
FILTERED = {"date_from": "2000-01-01T00:00:00Z", "date_to": "2100-01-01T00:00:00Z", "limit": 1}


def listing(problems: list[str], limit: int = 5) -> str:
    more = f" (+{len(problems) - limit} more)" if len(problems) > limit else ""
    return "; ".join(problems[:limit]) + more


def define(namespace: dict[str, Any], *, module: str, prefix: str) -> None:
    """The fixtures and the eight cases `{prefix}-001` to `-008` for `module`'s Sender list."""
    obj = listed_object(module)
    key = identity_field(obj)

    def add(name: str, function: Callable[..., Any]) -> None:
        function.__name__ = name
        function.__qualname__ = name
        namespace[name] = function

    def endpoint(harness: Harness) -> str:
        return require_endpoint(harness, module, "SENDER")

    def walk(client: OcpiClient, endpoint: str) -> Walk:
        return client.walk(endpoint, module=module, params={"limit": PAGE})

    def listed(walk: Walk) -> list[dict[str, Any]]:
        found = [item for item in walk.items if isinstance(item, dict)]
        if not found:
            pytest.skip(f"the target lists no {obj} to judge")
        return found

    for name, fixture_function in (("endpoint", endpoint), ("walk", walk), ("listed", listed)):
        add(name, fixture_function)
        namespace[name] = pytest.fixture(scope="module")(fixture_function)

    @case(f"{prefix}-001")
    def pages_are_valid(walk: Walk) -> None:
        assert walk.pages, "no page was fetched"
        for page in walk.pages:
            assert_success(page, module, "SENDER", "get_list")
        assert walk.stopped is None, walk.stopped

    @case(f"{prefix}-002")
    def objects_are_valid(listed: list[dict[str, Any]]) -> None:
        problems = [
            f"{obj} {item.get(key)}: {violation}"
            for item in listed
            for violation in validate_object(obj, item)
        ]
        assert not problems, f"{len(problems)} violation(s): {listing(problems)}"

    @case(f"{prefix}-003")
    def pagination_headers(walk: Walk) -> None:
        problems = pagination.header_problems(walk)
        assert not problems, listing(problems)

    @case(f"{prefix}-004")
    def link_until_the_last_page(walk: Walk) -> None:
        problems = pagination.link_problems(walk)
        assert not problems, listing(problems)

    @case(f"{prefix}-005")
    def link_repeats_filters(client: OcpiClient, endpoint: str) -> None:
        filtered = client.walk(endpoint, module=module, params=FILTERED, max_pages=3)
        if not any(page.next_link() for page in filtered.pages):
            pytest.skip("the filtered list fits on one page: no Link to judge")
        problems = pagination.filter_problems(filtered, FILTERED)
        assert not problems, listing(problems)

    @case(f"{prefix}-006")
    def offset_is_applied(walk: Walk, listed: list[dict[str, Any]]) -> None:
        problems = pagination.completeness_problems(walk, key=key)
        assert not problems, listing(problems)

    def window(client: OcpiClient, endpoint: str, edge: str, pivot: str) -> list[Any]:
        """The list filtered on one edge (date_from or date_to) at `pivot`, walked to its end."""
        walked = client.walk(endpoint, module=module, params={edge: pivot, "limit": PAGE})
        return walked.items

    @case(f"{prefix}-007")
    def date_from_is_inclusive(
        client: OcpiClient, endpoint: str, listed: list[dict[str, Any]]
    ) -> None:
        pivot = _pivot(listed)
        items = window(client, endpoint, "date_from", pivot)
        returned = {str(i.get(key)).upper() for i in items if isinstance(i, dict)}
        missing = _ids_with(listed, pivot, key) - returned
        assert not missing, (
            f"date_from={pivot} left out {obj} objects updated at exactly that time: "
            f"{sorted(missing)}"
        )
        problems = pagination.window_problems(items, pivot, None)
        assert not problems, listing(problems)

    @case(f"{prefix}-008")
    def date_to_is_exclusive(
        client: OcpiClient, endpoint: str, listed: list[dict[str, Any]]
    ) -> None:
        pivot = _pivot(listed)
        items = window(client, endpoint, "date_to", pivot)
        problems = pagination.window_problems(items, None, pivot)
        assert not problems, listing(problems)

    for test in (
        pages_are_valid,
        objects_are_valid,
        pagination_headers,
        link_until_the_last_page,
        link_repeats_filters,
        offset_is_applied,
        date_from_is_inclusive,
        date_to_is_exclusive,
    ):
        add(f"test_{test.__name__}", test)


def _pivot(items: list[dict[str, Any]]) -> str:
    """A last_updated value the list holds: the edge both filters are tried on."""
    stamps = sorted(
        (item["last_updated"] for item in items if item.get("last_updated")),
        key=pagination.parse_datetime,
    )
    if not stamps:
        pytest.skip("no listed object has a last_updated to filter on")
    return stamps[len(stamps) // 2]


def _ids_with(items: list[dict[str, Any]], stamp: str, key: str) -> set[str]:
    moment = pagination.parse_datetime(stamp)
    return {
        str(item.get(key)).upper()
        for item in items
        if pagination.parse_datetime(item["last_updated"]) == moment
    }
