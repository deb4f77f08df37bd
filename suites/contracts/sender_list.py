"""SenderList: the eight cases every paginated Sender list shares (LOC-CPO, SES-CPO, CDR-CPO,
TAR-CPO and TOK-EMSP 001 to 008; transport_and_format_pagination).

The list is walked once with a small page size (the plugin's `walk` and `listed` fixtures) and
judged many ways; the date filters are tried on a last_updated the list holds.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from ocpi_conformance.cases import MANDATORY, RECOMMENDED, Contract, Suite, contract_case
from ocpi_conformance.checks import pagination
from ocpi_conformance.checks.envelope import assert_http, assert_status_code, assert_success
from ocpi_conformance.client import OcpiClient, Walk
from ocpi_conformance.plugin import PAGE
from ocpi_conformance.spec.v2_2_1 import identity, shown
from ocpi_conformance.spec.v2_2_1.documents import TAF, TYP
from ocpi_conformance.text import first
from ocpi_conformance.validation import validate_object

PAGED = f"{TAF}#transport_and_format_paginated_response"
PAGING = f"{TAF}#transport_and_format_paginated_request"
# Wide enough to hold every object, one per page, so that a Link must carry the filters.
HUGE_LIMIT = 1_000_000
FILTERED = {"date_from": "2000-01-01T00:00:00Z", "date_to": "2100-01-01T00:00:00Z", "limit": 1}


class SenderList(Contract):
    numbers: ClassVar[dict[str, int]] = {
        "pages": 1,
        "objects": 2,
        "headers": 3,
        "link": 4,
        "link_filters": 5,
        "offset": 6,
        "date_from": 7,
        "date_to": 8,
        "limit": 9,
        "limit_capped": 10,
        "datetime_forms": 11,
    }

    @contract_case("pages", MANDATORY, "{op:get_list}")
    def test_pages_are_valid(self, walk: Walk, suite: Suite) -> None:
        """Every page of the {obj} list is a valid response"""
        assert walk.pages, "no page was fetched"
        for page in walk.pages:
            assert_success(page, suite.operation("get_list"))
        assert walk.stopped is None, walk.stopped

    @contract_case("objects", MANDATORY, "{object_spec}")
    def test_objects_are_valid(self, listed: list[dict[str, Any]], suite: Suite) -> None:
        """Every {obj} in the list is schema-valid"""
        problems = [
            f"{suite.obj} {shown(suite.obj, item)}: {violation}"
            for item in listed
            for violation in validate_object(suite.obj, item)
        ]
        assert not problems, f"{len(problems)} violation(s): {first(problems)}"

    @contract_case("headers", MANDATORY, PAGED)
    def test_pagination_headers(self, walk: Walk) -> None:
        """Every page carries X-Total-Count and X-Limit"""
        problems = pagination.header_problems(walk)
        assert not problems, first(problems)

    @contract_case("link", RECOMMENDED, PAGED)  # "should be provided"
    def test_link_until_the_last_page(self, walk: Walk) -> None:
        """Link rel=next is present until the last page and absent on it"""
        problems = pagination.link_problems(walk)
        assert not problems, first(problems)

    @contract_case("link_filters", RECOMMENDED, PAGED)
    def test_link_repeats_filters(self, client: OcpiClient, endpoint: str, suite: Suite) -> None:
        """The next Link repeats the request's filters"""
        filtered = client.walk(endpoint, module=suite.module, params=FILTERED, max_pages=3)
        if not any(page.next_link() for page in filtered.pages):
            pytest.skip("the filtered list fits on one page: no Link to judge")
        problems = pagination.filter_problems(filtered, FILTERED)
        assert not problems, first(problems)

    @contract_case("offset", MANDATORY, PAGING)
    def test_offset_is_applied(
        self, walk: Walk, listed: list[dict[str, Any]], suite: Suite
    ) -> None:
        """offset is applied: no {obj} twice, none missing across pages"""
        problems = pagination.completeness_problems(walk, suite.obj)
        assert not problems, first(problems)

    @contract_case("date_from", MANDATORY, PAGING)
    def test_date_from_is_inclusive(
        self, client: OcpiClient, endpoint: str, listed: list[dict[str, Any]], suite: Suite
    ) -> None:
        """date_from is inclusive"""
        pivot = _pivot(listed)
        items = _window(client, endpoint, suite, "date_from", pivot)
        returned = {identity(suite.obj, i) for i in items if isinstance(i, dict)}
        missing = _ids_with(listed, pivot, suite.obj) - returned
        assert not missing, (
            f"date_from={pivot} left out {suite.obj} objects updated at exactly that time: "
            f"{sorted('/'.join(key) for key in missing)}"
        )
        problems = pagination.window_problems(items, pivot, None)
        assert not problems, first(problems)

    @contract_case("date_to", MANDATORY, PAGING)
    def test_date_to_is_exclusive(
        self, client: OcpiClient, endpoint: str, listed: list[dict[str, Any]], suite: Suite
    ) -> None:
        """date_to is exclusive"""
        pivot = _pivot(listed)
        items = _window(client, endpoint, suite, "date_to", pivot)
        problems = pagination.window_problems(items, None, pivot)
        assert not problems, first(problems)

    @contract_case("limit", MANDATORY, PAGING)
    def test_pages_hold_no_more_than_limit(self, walk: Walk) -> None:
        """No page holds more objects than the limit asked for, nor more than its X-Limit"""
        problems = pagination.limit_problems(walk, PAGE)
        assert not problems, first(problems)

    @contract_case("limit_capped", RECOMMENDED, PAGED)
    def test_a_huge_limit_is_capped_and_said(
        self, client: OcpiClient, endpoint: str, suite: Suite
    ) -> None:
        """A limit above what the server returns is capped: X-Limit says the cap, Link the rest"""
        params = {**suite.list_params(), "limit": HUGE_LIMIT}
        reply = client.get(endpoint, module=suite.module, params=params)
        assert_http(reply, 200, f"limit={HUGE_LIMIT}")  # the objects are judged by xxx-002
        assert_status_code(reply, 1000, f"limit={HUGE_LIMIT}")
        problems = pagination.capped_problems(reply, HUGE_LIMIT)
        assert not problems, first(problems)

    @contract_case("datetime_forms", MANDATORY, f"{TYP}#types_datetime_type")
    def test_date_filters_take_every_datetime_form(
        self, client: OcpiClient, endpoint: str, listed: list[dict[str, Any]], suite: Suite
    ) -> None:
        """date_from takes every form of an OCPI DateTime: with Z, without it, with fractions"""
        pivot = pagination.parse_datetime(_pivot(listed))
        forms = [pivot.strftime(f) for f in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S",
                                             "%Y-%m-%dT%H:%M:%S.000Z")]  # fmt: skip
        chosen = {
            form: {identity(suite.obj, i) for i in _window(client, endpoint, suite, "date_from",
                                                           form) if isinstance(i, dict)}
            for form in forms
        }  # fmt: skip
        reference = chosen[forms[0]]
        differ = [
            f"date_from={form} selects {len(found)} objects, date_from={forms[0]} {len(reference)}"
            for form, found in chosen.items()
            if found != reference
        ]
        assert not differ, first(differ)


def _window(client: OcpiClient, endpoint: str, suite: Suite, edge: str, pivot: str) -> list[Any]:
    """The list filtered on one edge (date_from or date_to) at `pivot`, walked to its end."""
    params = {**suite.list_params(), edge: pivot, "limit": PAGE}
    return client.walk(endpoint, module=suite.module, params=params).items


def _pivot(items: list[dict[str, Any]]) -> str:
    """A last_updated value the list holds: the edge both filters are tried on."""
    stamps = sorted(
        (item["last_updated"] for item in items if item.get("last_updated")),
        key=pagination.parse_datetime,
    )
    if not stamps:
        pytest.skip("no listed object has a last_updated to filter on")
    return stamps[len(stamps) // 2]


def _ids_with(items: list[dict[str, Any]], stamp: str, obj: str) -> set[tuple[str, ...]]:
    moment = pagination.parse_datetime(stamp)
    return {
        identity(obj, item)
        for item in items
        if pagination.parse_datetime(item["last_updated"]) == moment
    }
