"""SenderList: the cases every paginated Sender list shares (LOC-CPO, SES-CPO, CDR-CPO, TAR-CPO
and TOK-EMSP; transport_and_format_pagination), in every OCPI version whose text has the rule.

The list is walked once with a small page size (the plugin's `walk` and `listed` fixtures) and
judged many ways. No probe passes for want of data: each derives its parameters from what the
walk found (`list_probes.Held`): a limit below the count, an offset at the last object, a
date_from after the newest last_updated, a split at a last_updated the list holds. A rule that
needs more than one page passes only on a walk that reached page 2, forced with a limit below
the count when the first walk did not; a list of one object cannot show it, and the case is
skipped saying so. A case that cannot observe its subject because another rule is broken (a
limit ignored, so no page is ever followed by another) is blocked by the case that judges it.

The versions differ on date_from: 2.2.1 makes it inclusive (xxx-007); 2.1.1 says only "after
this Date/Time", so its case (date_from_after) judges the objects after and before it, never one
updated at that very instant. 2.1.1 states the date filters in each module's list table, which
its date cases cite.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from ocpi_conformance.plugin import PAGE
from ocpi_conformance.spec.v2_2_1.documents import STC, TAF, TYP
from ocpi_conformance.spec.validation import validate_object
from ocpi_conformance.text import first
from ocpi_conformance.transport.client import OcpiClient, Reply, Walk
from ocpi_conformance.verdicts.cases import MANDATORY, RECOMMENDED, Contract, Suite, contract_case
from ocpi_conformance.verdicts.checks import pagination
from ocpi_conformance.verdicts.checks.envelope import (
    assert_http,
    assert_status_code,
    assert_success,
)
from ocpi_conformance.verdicts.failures import TransportViolation, blocked_by

from .list_probes import Gathered, Held, answer_problem, gather, probe_problem

PAGED = f"{TAF}#transport_and_format_paginated_response"
PAGING = f"{TAF}#transport_and_format_paginated_request"
# Wide enough to hold every object, one per page, so that a Link must carry the filters.
HUGE_LIMIT = 1_000_000
FILTERED = {"date_from": "2000-01-01T00:00:00Z", "date_to": "2100-01-01T00:00:00Z", "limit": 1}
# Paging parameters no Sender can take as they are: offset and limit are ints, an offset is a
# position in the list and a limit a number of objects (transport_and_format_paginated_request).
UNUSABLE = (("offset", "-1"), ("limit", "-1"), ("offset", "first"), ("limit", "all"))
# 2.1.1 has the date filters in each module's list table (2.2.1 in paginated_request).
LIST_TABLE = {"2.1.1": "{op:get_list}"}
# The forms of one instant a DateTime may take; each version admits some (2.1.1: no fraction).
DATETIME_FORMS = ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.000Z")


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
        "date_from_after_newest": 12,
        "unusable_paging": 13,
        "date_from_after": 14,
    }

    @classmethod
    def case_id(cls, key: str) -> str:
        """The id this class gives one of the contract's cases."""
        return f"{cls.suite.prefix}-{cls.numbers[key]:03d}"

    @pytest.fixture(scope="class")
    @classmethod
    def held(
        cls,
        client: OcpiClient,
        endpoint: str,
        walk: Walk,
        listed: list[dict[str, Any]],
        suite: Suite,
    ) -> Held:
        """What the list holds, each object once: the walk's, completed by offset where the
        walk ended before X-Total-Count (a Link that led nowhere is xxx-001's finding)."""
        found = Held.of(suite.obj, listed, suite.spec)
        pages = [page for page in walk.pages if isinstance(page.data, list)]
        total = pagination.int_header(pages[-1], "X-Total-Count") if pages else None
        if walk.stopped is not None or (total is not None and found.count < total):
            gathered = gather(client, endpoint, suite, {}).items
            found = Held.of(suite.obj, [*listed, *gathered], suite.spec)
        return found

    @pytest.fixture(scope="class")
    @classmethod
    def after_newest(
        cls, client: OcpiClient, endpoint: str, held: Held, suite: Suite
    ) -> tuple[str, Gathered]:
        """The list from the first whole second after its newest last_updated: nothing."""
        if held.newest is None:
            pytest.skip("no listed object has a readable last_updated to filter on")
        moment = pagination.after(held.newest)
        return moment, gather(client, endpoint, suite, {"date_from": moment})

    def _judgeable(
        self, walk: Walk, suite: Suite, found: Gathered | Reply, what: str, listing: bool = True
    ) -> None:
        """The probe's answer can be judged; otherwise the case fails or is blocked saying why."""
        problem = probe_problem(walk, found, what, suite, self.case_id("pages"), listing=listing)
        if problem:
            raise TransportViolation(problem)

    def _window(
        self, client: OcpiClient, endpoint: str, walk: Walk, suite: Suite, params: dict
    ) -> Gathered:
        """The list under `params`, judgeable (or the case fails or is blocked saying why)."""
        found = gather(client, endpoint, suite, params)
        self._judgeable(walk, suite, found, "&".join(f"{k}={v}" for k, v in params.items()))
        return found

    def _date_from_applies(self, after_newest: tuple[str, Gathered]) -> None:
        """A precondition of the date_from cases: date_from filters at all (xxx-012's)."""
        moment, found = after_newest
        with blocked_by(self.case_id("date_from_after_newest")):
            earlier = pagination.window_problems(found.items, moment, None)
            assert not earlier, (
                f"date_from={moment}, after the newest last_updated listed, still selects "
                f"{len(earlier)} older object(s): date_from is not applied"
            )

    # --- the cases -----------------------------------------------------------------------------

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
            f"{suite.obj} {suite.spec.shown(suite.obj, item)}: {violation}"
            for item in listed
            for violation in validate_object(suite.obj, item, suite.at_version)
        ]
        assert not problems, f"{len(problems)} violation(s): {first(problems)}"

    @contract_case("headers", MANDATORY, PAGED)
    def test_pagination_headers(self, walk: Walk) -> None:
        """Every page carries X-Total-Count and X-Limit"""
        problems = pagination.header_problems(walk)
        assert not problems, first(problems)

    @contract_case("link", RECOMMENDED, PAGED)  # "should be provided"
    def test_link_until_the_last_page(
        self, client: OcpiClient, endpoint: str, walk: Walk, held: Held, suite: Suite
    ) -> None:
        """Link rel=next is present until the last page and absent on it

        Judged on a walk that reached its last page past page 1: the list's own walk; where
        that fit on one page, or where its Link led nowhere (xxx-001's finding), pages fetched
        by offset, with a limit below the count."""
        pages = walk
        if len(walk.pages) < 2 or walk.stopped is not None:
            if held.count < 2:
                pytest.skip(f"the list holds {held.count} {suite.obj}: no page of it has a next")
            linked = any(page.next_link() for page in walk.pages)
            limit = PAGE if linked else held.count - 1
            found = gather(client, endpoint, suite, {"limit": limit}, follow_links=False)
            self._judgeable(walk, suite, found, f"limit={limit}")
            if len(found.pages[0].data) > limit:
                with blocked_by(self.case_id("limit")):
                    raise AssertionError(
                        f"limit={limit} answered {len(found.pages[0].data)} objects: the list "
                        "never spans two pages"
                    )
            pages = Walk(pages=[page for page in found.pages if isinstance(page.data, list)])
        problems = pagination.link_problems(pages, held.count)
        assert not problems, first(problems)

    @contract_case("link_filters", RECOMMENDED, PAGED)
    def test_link_repeats_filters(
        self, client: OcpiClient, endpoint: str, walk: Walk, held: Held, suite: Suite
    ) -> None:
        """The next Link repeats the request's filters"""
        if held.count < 2:
            pytest.skip(f"the list holds {held.count} {suite.obj}: no page of it has a next")
        filtered = client.walk(endpoint, module=suite.module, params=FILTERED, max_pages=3)
        first_page = filtered.pages[0]
        self._judgeable(walk, suite, first_page, "a filtered list")
        if not any(page.next_link() for page in filtered.pages):
            total = pagination.int_header(first_page, "X-Total-Count")
            if total is not None and total < 2:
                pytest.skip(f"the filtered list holds {total} {suite.obj}: no page has a next")
            if len(first_page.data) > 1:
                with blocked_by(self.case_id("limit")):
                    raise AssertionError(
                        f"limit=1 answered {len(first_page.data)} objects: the filtered list "
                        "never spans two pages"
                    )
            with blocked_by(self.case_id("link")):
                raise AssertionError(
                    f"limit=1 of {held.count} {suite.obj} objects: page 1 has no Link rel=next"
                )
        problems = pagination.filter_problems(filtered, FILTERED)
        assert not problems, first(problems)

    @contract_case("offset", MANDATORY, PAGING)
    def test_offset_is_applied(
        self, client: OcpiClient, endpoint: str, walk: Walk, held: Held, suite: Suite
    ) -> None:
        """offset is applied: no {obj} twice, none missing across pages

        The pages are fetched by offset (limit=3), not by Link (whose own faults are xxx-001's),
        and offset=N-1&limit=1 must return exactly the last of the N objects the list holds
        (offset=1 on a list of one object: nothing)."""
        pages = gather(client, endpoint, suite, {}, follow_links=False)
        self._judgeable(walk, suite, pages, "offset=0, 3, ...")
        problems = pagination.completeness_problems(
            Walk(pages.pages, pages.items), suite.obj, suite.at_version
        )
        last = held.items[-1]
        offset = max(held.count - 1, 1)
        params = {**suite.list_params(), "offset": offset, "limit": 1}
        reply = client.get(endpoint, module=suite.module, params=params)
        what = f"offset={offset}&limit=1"
        problem = answer_problem(reply, what)
        if problem and held.count == 1:
            pytest.skip(f"the list holds one {suite.obj}, and {problem} (past its end)")
        self._judgeable(walk, suite, reply, what)
        got = [suite.spec.identity(suite.obj, i) for i in reply.data if isinstance(i, dict)]
        if held.count == 1 and got:
            problems.append(f"{what} on a list of one object returned {'/'.join(got[0])}")
        elif held.count > 1 and got[:1] != [held.key(last)]:
            said = "/".join(got[0]) if got else "nothing"
            problems.append(
                f"{what} returned {said} ({len(got)} object(s)), not the last of the "
                f"{held.count} the walk found ({'/'.join(held.key(last))})"
            )
        assert not problems, first(problems)

    # 2.1.1: "Only return ... that have last_updated after this Date/Time", inclusiveness unsaid
    @contract_case("date_from", MANDATORY, PAGING, versions=("2.2.1", "2.3.0"))
    def test_date_from_is_inclusive(
        self,
        client: OcpiClient,
        endpoint: str,
        walk: Walk,
        held: Held,
        after_newest: tuple[str, Gathered],
        suite: Suite,
    ) -> None:
        """date_from is inclusive

        At a last_updated the list holds (with objects before it, where there are any):
        every object updated at or after it is selected, none before it."""
        self._date_from_applies(after_newest)
        pivot = held.split or held.only_stamp
        if pivot is None:
            pytest.skip("no listed object has a readable last_updated to filter on")
        moment = pagination.parse_datetime(pivot)
        found = self._window(client, endpoint, walk, suite, {"date_from": pivot})
        returned = found.keys(suite.obj)
        at_pivot = held.keys_where(lambda m: m == moment) - returned
        later = held.keys_where(lambda m: m > moment) - returned
        problems = [
            f"date_from={pivot} left out objects updated at exactly that time (inclusive): "
            + ", ".join(sorted("/".join(k) for k in at_pivot))
        ] * bool(at_pivot)
        problems += [
            f"date_from={pivot} left out objects updated after it: "
            + ", ".join(sorted("/".join(k) for k in later))
        ] * bool(later)
        problems += pagination.window_problems(found.items, pivot, None)
        assert not problems, first(problems)

    # "Only return ... that have last_updated before this Date/Time" (2.1.1's list tables)
    @contract_case("date_to", MANDATORY, PAGING, clauses=LIST_TABLE)
    def test_date_to_is_exclusive(
        self, client: OcpiClient, endpoint: str, walk: Walk, held: Held, suite: Suite
    ) -> None:
        """date_to is exclusive

        At a last_updated the list holds, with objects before it: every object updated before
        it is selected, none at or after it. Where all share one last_updated, date_to at it
        selects none and date_to a second after the newest selects them all."""
        pivot = held.split or held.only_stamp
        if pivot is None or held.newest is None:
            pytest.skip("no listed object has a readable last_updated to filter on")
        moment = pagination.parse_datetime(pivot)
        found = self._window(client, endpoint, walk, suite, {"date_to": pivot})
        problems = pagination.window_problems(found.items, None, pivot)
        earlier = held.keys_where(lambda m: m < moment) - found.keys(suite.obj)
        if earlier:
            problems.append(
                f"date_to={pivot} left out objects updated before it: "
                + ", ".join(sorted("/".join(k) for k in earlier))
            )
        if held.split is None:  # one shared last_updated: show date_to selects at all
            beyond = pagination.after(held.newest)
            wide = self._window(client, endpoint, walk, suite, {"date_to": beyond})
            missing = held.keys_where(lambda _m: True) - wide.keys(suite.obj)
            if missing:
                problems.append(
                    f"date_to={beyond}, after the newest last_updated, left out "
                    + ", ".join(sorted("/".join(k) for k in missing))
                )
        assert not problems, first(problems)

    @contract_case("limit", MANDATORY, PAGING)
    def test_pages_hold_no_more_than_limit(
        self, client: OcpiClient, endpoint: str, walk: Walk, held: Held, suite: Suite
    ) -> None:
        """No page holds more objects than the limit asked for, nor more than its X-Limit

        Besides the walk (limit=3), limit=1 is asked whenever the list holds two objects or
        more: a limit below the count, which a list ignoring limit cannot hide."""
        problems = pagination.limit_problems(walk, PAGE)
        if held.count >= 2:
            params = {**suite.list_params(), "limit": 1}
            reply = client.get(endpoint, module=suite.module, params=params)
            self._judgeable(walk, suite, reply, "limit=1")
            if len(reply.data) > 1:
                problems.append(f"limit=1 answered {len(reply.data)} objects")
        elif not problems:
            pytest.skip(f"the list holds one {suite.obj}: no limit below its count can be asked")
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
        self,
        client: OcpiClient,
        endpoint: str,
        walk: Walk,
        held: Held,
        after_newest: tuple[str, Gathered],
        suite: Suite,
    ) -> None:
        """date_from takes every form of an OCPI DateTime: with Z, without it, with fractions
        where the version allows them

        Tried at a last_updated with objects on both sides of it, or, where all share one, a
        second after it: a form the Sender ignores selects what the others do not. The forms
        are those the version's DateTime admits (2.1.1 has no fractional seconds)."""
        self._date_from_applies(after_newest)
        pivot = held.split or after_newest[0]
        moment = pagination.parse_datetime(pivot)
        admits = suite.spec.part("types").parse_datetime
        forms = [moment.strftime(f) for f in DATETIME_FORMS]
        forms = [form for form in forms if admits(form) is not None]
        chosen = {
            form: self._window(client, endpoint, walk, suite, {"date_from": form}).keys(suite.obj)
            for form in forms
        }
        reference = chosen[forms[0]]
        differ = [
            f"date_from={form} selects {len(found)} objects, date_from={forms[0]} {len(reference)}"
            for form, found in chosen.items()
            if found != reference
        ]
        assert not differ, first(differ)

    @contract_case("date_from_after_newest", MANDATORY, PAGING, clauses=LIST_TABLE)
    def test_date_from_after_the_newest_selects_nothing(
        self, after_newest: tuple[str, Gathered], walk: Walk, held: Held, suite: Suite
    ) -> None:
        """date_from after the newest last_updated the list holds selects no {obj}

        Judged on what came back: an object updated before date_from (one the walk did not
        see may be newer, and rightly selected)."""
        moment, found = after_newest
        self._judgeable(walk, suite, found, f"date_from={moment}")
        earlier = pagination.window_problems(found.items, moment, None)
        assert not earlier, (
            f"date_from={moment}, a second after the newest last_updated of the {held.count} "
            f"listed, selects {len(earlier)} object(s) updated before it: {first(earlier, 3)}"
        )

    # Reading (2.1.1): "Only return <objects> that have `last_updated` after this Date/Time" in
    # every list table, which "have to be supported": the objects updated after date_from are
    # selected and none updated before it. Whether one updated at that very instant is selected
    # the text does not say (2.2 made it inclusive), so none such is judged.
    @contract_case(
        "date_from_after", MANDATORY, "{op:get_list}", versions=("2.1.1",)
    )  # fmt: skip
    def test_date_from_selects_what_is_after_it(
        self,
        client: OcpiClient,
        endpoint: str,
        walk: Walk,
        held: Held,
        after_newest: tuple[str, Gathered],
        suite: Suite,
    ) -> None:
        """date_from selects every {obj} updated after it and none updated before it

        At a last_updated the list holds with objects before it: the objects updated later are
        all selected, those updated earlier none; those updated at that instant are not judged
        (the text leaves it open)."""
        self._date_from_applies(after_newest)
        pivot = held.split
        if pivot is None:
            pytest.skip(
                "every listed object shares one last_updated (or none is readable): no object "
                "lies before or after a date_from the list holds"
            )
        moment = pagination.parse_datetime(pivot)
        found = self._window(client, endpoint, walk, suite, {"date_from": pivot})
        later = held.keys_where(lambda m: m > moment) - found.keys(suite.obj)
        problems = [
            f"date_from={pivot} left out objects updated after it: "
            + ", ".join(sorted("/".join(k) for k in later))
        ] * bool(later)
        problems += pagination.window_problems(found.items, pivot, None)
        assert not problems, first(problems)

    # Reading: offset and limit are ints, the position of the first object and the number of
    # objects; -1 and a word are neither. A request that reached the OCPI layer gets an OCPI
    # answer with its status_code ("Requests that reach the OCPI layer SHOULD return an OCPI
    # response message with a status_code"), 2001 "Invalid or missing parameters", and no HTTP
    # error: a GET has no JSON to be invalid, so the transport layer passes it on.
    @contract_case("unusable_paging", RECOMMENDED, f"{STC}#status_codes_2xxx_client_errors")
    def test_unusable_offset_and_limit_get_2001(
        self, client: OcpiClient, endpoint: str, walk: Walk, suite: Suite
    ) -> None:
        """A negative or non-numeric offset or limit is answered HTTP 200 with status_code 2001"""
        problems = []
        for name, value in UNUSABLE:
            params = {**suite.list_params(), "limit": PAGE, name: value}
            reply = client.get(endpoint, module=suite.module, params=params)
            if reply.status == 200 and reply.status_code == 2001:
                self._judgeable(walk, suite, reply, f"{name}={value}", listing=False)
                continue
            if not reply.ok or reply.status != 200:
                why = "an HTTP error, where the request reached the OCPI layer"
            elif reply.status_code is None:
                why = "no OCPI status_code"
            elif reply.status_code == 1000:
                size = len(reply.data) if isinstance(reply.data, list) else 0
                why = f"taken as if it were a position or a count ({size} objects)"
            else:
                why = f"status_code {reply.status_code}, where 2001 says invalid parameters"
            problems.append(f"{name}={value}: {reply.describe()}: {why}")
        if problems:
            raise TransportViolation(
                f"{len(problems)} of {len(UNUSABLE)} unusable paging parameters: "
                f"{first(problems, 4)}"
            )
