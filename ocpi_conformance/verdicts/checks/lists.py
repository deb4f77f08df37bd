"""A Sender's paginated list judged page by page, wherever the pages came from
(transport_and_format_pagination): each page a valid response, its objects valid, its paging
headers, a Link rel=next exactly while objects remain and one that moves forward, the request's
filters kept, no more objects than asked; and, across pages, a Link crawl that never returns to
a page it fetched (`LinkCrawl`).

The functions judge one page (`Seen`) and take the contract key of the SenderList case they
judge: the registry binds each to its module's case id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from ocpi_conformance.spec.validation import validator
from ocpi_conformance.text import first
from ocpi_conformance.verdicts.checks.context import Context
from ocpi_conformance.verdicts.checks.judged import (
    SERVER,
    Bounded,
    Judgement,
    Seen,
    Verdict,
)
from ocpi_conformance.verdicts.checks.messages import clipped
from ocpi_conformance.verdicts.checks.pagination import parse_datetime

_LINK_NEXT = re.compile(r'<([^>]*)>\s*;[^,]*?rel\s*=\s*"?next"?', re.IGNORECASE)
_INT = re.compile(r"^[0-9]+$")
PAGING = ("offset", "limit")
FILTERS = ("date_from", "date_to")


def next_link(seen: Seen) -> str | None:
    """The URL of the answer's Link rel="next", if any."""
    value = seen.response_header("Link")
    if not value:
        return None
    match = _LINK_NEXT.search(value)
    return match.group(1).strip() if match else None


def query(url: str) -> dict[str, str]:
    """A URL's query parameters (the first value of each)."""
    found: dict[str, str] = {}
    for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        found.setdefault(name, value)
    return found


def same_url(url: str) -> str:
    """A URL in one form: its query sorted (a Link and the request that follows it)."""
    parts = urlsplit(url)
    ordered = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}?{ordered}"


def unusable(params: dict[str, str]) -> list[str]:
    """The paging parameters no Sender can take as they are (a negative or non-numeric offset
    or limit, transport_and_format_paginated_request)."""
    return [
        f"{name}={params[name]}"
        for name in PAGING
        if name in params and not _INT.match(params[name].strip())
    ]


def _filters_readable(params: dict[str, str]) -> bool:
    for name in FILTERS:
        if name in params:
            try:
                parse_datetime(params[name])
            except ValueError:
                return False
    return True


def is_list_request(seen: Seen) -> bool:
    place = seen.place
    return (
        place is not None
        and place.interface == "SENDER"
        and place.operation is not None
        and place.operation.name == "get_list"
    )


def _usable_request(seen: Seen) -> dict[str, str] | None:
    """The query of a list GET whose parameters a Sender can take, else None."""
    if not is_list_request(seen) or not seen.answered:
        return None
    params = query(seen.exchange.url)
    if unusable(params) or not _filters_readable(params):
        return None
    return params


def page(seen: Seen) -> list[Any] | None:
    """The objects of a list page that was served (HTTP 200, a success status_code, data a
    list), None for any other answer."""
    if _usable_request(seen) is None or seen.exchange.status != 200:
        return None
    code = seen.status_code
    data = seen.data
    if code is None or not 1000 <= code <= 1999 or not isinstance(data, list):
        return None
    return data


def _offset(params: dict[str, str]) -> int:
    value = params.get("offset", "0").strip()
    return int(value) if _INT.match(value) else 0


def int_header(seen: Seen, name: str) -> int | None:
    value = seen.response_header(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --- one page ------------------------------------------------------------------------------------


def pages_valid(seen: Seen) -> Verdict:
    """SenderList "pages": a list GET is answered with a page: HTTP 200, a success status_code,
    the get_list response of the module (its objects included); its Link rel=next, where it
    gives an offset, moves past the page."""
    params = _usable_request(seen)
    if params is None or seen.exchange.status in (401, 403) or clipped(seen.exchange.response_body):
        return None
    exchange, place = seen.exchange, seen.place
    assert place is not None
    problems: list[str] = []
    body = seen.response_json
    if exchange.status != 200:
        problems.append(f"{seen.shown()}: a list request answered HTTP {exchange.status}")
    elif body is None:
        problems.append(f"{seen.shown()}: the page is not JSON within the guard")
    else:
        name = f"responses/{place.module}.SENDER.get_list"
        checker = validator(name, seen.ctx.version.number)
        valid = checker.is_valid(body)
        seen.memo["page_valid"] = valid
        if not valid:
            violations = checker.violations(body)
            problems.append(
                f"{seen.shown()}: the page breaks {len(violations)} rule(s): {first(violations)}"
            )
        code = seen.status_code
        if code is not None and not 1000 <= code <= 1999:
            problems.append(f"{seen.shown()}: status_code {code} is not a success (1xxx)")
    link = next_link(seen)
    if link is not None and "offset" in query(link):
        here, there = _offset(params), _offset(query(link))
        if there <= here:
            problems.append(
                f"{seen.shown()}: Link rel=next does not move on (offset {here} -> {there}): "
                "a client following it never reaches the end"
            )
    return problems


def objects_valid(seen: Seen) -> Verdict:
    """SenderList "objects": every object of a page is valid by every rule of the spec."""
    items = page(seen)
    place = seen.place
    if items is None or place is None or clipped(seen.exchange.response_body):
        return None
    if seen.memo.get("page_valid"):
        return []  # the page's schema holds its objects: valid whole, valid each
    obj = seen.ctx.version.listed_object(place.module)
    checker = validator(obj, seen.ctx.version.number)
    problems = []
    for item in items:
        if checker.is_valid(item):
            continue
        name = seen.ctx.version.shown(obj, item) if isinstance(item, dict) else repr(item)[:40]
        problems.append(f"{obj} {name}: {first(checker.violations(item))}")
    return [f"{seen.shown()}: {len(problems)} invalid: {first(problems)}"] if problems else []


def headers_present(seen: Seen) -> Verdict:
    """SenderList "headers": X-Total-Count and X-Limit on every page, as integers."""
    if page(seen) is None or not seen.exchange.response_headers:
        return None
    problems = [
        f"{seen.shown()}: {name} is {seen.response_header(name)!r}, not an integer"
        for name in ("X-Total-Count", "X-Limit")
        if int_header(seen, name) is None
    ]
    return problems


def link_until_last(seen: Seen) -> Verdict:
    """SenderList "link": Link rel=next while objects remain past the page, none on the last
    (the page's offset plus its objects against X-Total-Count)."""
    items = page(seen)
    total = int_header(seen, "X-Total-Count")
    if items is None or total is None:
        return None
    reached = _offset(query(seen.exchange.url)) + len(items)
    link = next_link(seen)
    if reached < total and link is None:
        return [f"{seen.shown()}: {reached} of {total} objects reached but no Link rel=next"]
    if reached >= total and link is not None:
        return [f"{seen.shown()}: the last page ({reached} of {total}) has Link {link}"]
    return []


def link_keeps_filters(seen: Seen) -> Verdict:
    """SenderList "link_filters": a Link rel=next repeats the request's date filters."""
    params = _usable_request(seen)
    link = next_link(seen)
    if params is None or link is None or page(seen) is None:
        return None
    asked = [name for name in FILTERS if name in params]
    if not asked:
        return None
    echoed = query(link)
    problems = []
    for name in asked:
        again = echoed.get(name)
        same = False
        if again is not None:
            try:
                same = parse_datetime(again) == parse_datetime(params[name])
            except ValueError:
                same = False
        if not same:
            problems.append(
                f"{seen.shown()}: Link rel=next drops or changes {name} "
                f"({again or 'absent'} instead of {params[name]})"
            )
    return problems


def _window(seen: Seen, name: str) -> Verdict:
    items = page(seen)
    params = query(seen.exchange.url)
    if items is None or name not in params:
        return None
    bound = parse_datetime(params[name])
    problems = []
    for item in items:
        stamp = item.get("last_updated") if isinstance(item, dict) else None
        if not isinstance(stamp, str):
            continue
        try:
            moment = parse_datetime(stamp)
        except ValueError:
            continue  # the objects case reports a malformed DateTime
        who = item.get("id", item.get("uid"))
        if name == "date_from" and moment < bound:
            problems.append(f"{who}: last_updated {stamp} is before date_from {params[name]}")
        if name == "date_to" and moment >= bound:
            problems.append(f"{who}: last_updated {stamp} is not before date_to {params[name]}")
    return [f"{seen.shown()}: {first(problems, 3)}"] if problems else []


def date_from_kept(seen: Seen) -> Verdict:
    """SenderList "date_from": no object last updated before the request's date_from."""
    return _window(seen, "date_from")


def date_to_kept(seen: Seen) -> Verdict:
    """SenderList "date_to": no object last updated at or after the request's date_to."""
    return _window(seen, "date_to")


def limit_kept(seen: Seen) -> Verdict:
    """SenderList "limit": no page holds more objects than the limit asked, nor than its
    X-Limit."""
    items = page(seen)
    if items is None:
        return None
    params = query(seen.exchange.url)
    asked = int(params["limit"]) if "limit" in params else None
    x_limit = int_header(seen, "X-Limit")
    if asked is None and x_limit is None:
        return None
    problems = []
    if asked is not None and len(items) > asked:
        problems.append(f"{seen.shown()}: {len(items)} objects, limit={asked} was asked")
    if x_limit is not None and len(items) > x_limit:
        problems.append(f"{seen.shown()}: {len(items)} objects, more than its X-Limit {x_limit}")
    return problems


def unusable_paging_refused(seen: Seen) -> Verdict:
    """SenderList "unusable_paging": a negative or non-numeric offset or limit is answered
    HTTP 200 with status_code 2001 (status_codes_2xxx_client_errors)."""
    if not is_list_request(seen) or not seen.answered or seen.exchange.status in (401, 403):
        return None
    wrong = unusable(query(seen.exchange.url))
    if not wrong:
        return None
    if seen.exchange.status == 200 and seen.status_code == 2001:
        return []
    said = f"HTTP {seen.exchange.status}, status_code {seen.status_code}"
    return [f"{seen.shown()}: {', '.join(wrong)} answered {said}, expected HTTP 200 and 2001"]


def _children_problems(seen: Seen, locations: list[Any]) -> Verdict:
    problems: list[str] = []
    judged = False
    for location in locations:
        if not isinstance(location, dict) or not isinstance(location.get("evses"), list):
            continue
        judged = True
        problems += _newer_children(location)
    if not judged:
        return None
    return [f"{seen.shown()}: {first(problems, 2)}"] if problems else []


def children_not_newer_listed(seen: Seen) -> Verdict:
    """LOC-CPO-013 on what a CPO serves: an EVSE's last_updated is not newer than its
    Location's, a Connector's not newer than its EVSE's (a list page or one Location)."""
    place = seen.place
    if place is None or place.module != "locations" or place.interface != "SENDER":
        return None
    if place.name not in ("get_list", "get_location") or seen.exchange.status != 200:
        return None
    data = seen.data
    return _children_problems(seen, data if isinstance(data, list) else [data])


def children_not_newer_pushed(seen: Seen) -> Verdict:
    """LOC-CPO-013 on what a CPO pushes: a whole Location PUT to an eMSP's Receiver."""
    place = seen.place
    if place is None or place.module != "locations" or place.name != "put_location":
        return None
    return _children_problems(seen, [seen.request_json])


_PLAIN = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _newer(child: Any, parent: Any) -> bool:
    """Whether the child's last_updated is later than its parent's (False where either is
    missing or malformed: the objects case reports that). Plain UTC stamps
    (YYYY-MM-DDThh:mm:ssZ) sort as time does and are compared as text."""
    a = child.get("last_updated") if isinstance(child, dict) else None
    b = parent.get("last_updated") if isinstance(parent, dict) else None
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    if _PLAIN.match(a) and _PLAIN.match(b):
        return a > b
    try:
        return parse_datetime(a) > parse_datetime(b)
    except ValueError:
        return False


def _newer_children(location: dict[str, Any]) -> list[str]:
    problems = []
    for evse in location.get("evses") or []:
        if not isinstance(evse, dict):
            continue
        if _newer(evse, location):
            problems.append(
                f"EVSE {evse.get('uid')} of {location.get('id')} is newer than its Location"
            )
        for connector in evse.get("connectors") or []:
            if _newer(connector, evse):
                problems.append(
                    f"Connector {connector.get('id')} of {location.get('id')}/"
                    f"{evse.get('uid')} is newer than its EVSE"
                )
    return problems


# --- across pages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageFact:
    """What a crawl needs of one list page: who asked whom, where, and where its Link leads."""

    client: str
    server: str
    module: str
    url: str  # same_url form
    link: str | None  # same_url form


@dataclass
class LinkCrawl:
    """SenderList "pages", across pages: a client that follows the Link rel=next of a list
    never comes back to a page of the same crawl (a Link that loops never ends). Judged where
    a client did follow a Link; a crawl the capture leaves unfinished is not a finding."""

    case_of: dict[str, str]  # module -> the module's "pages" case id
    cases: tuple[str, ...] = ()
    MAX_PENDING = 10_000
    MAX_PAGES = 10_000

    def __post_init__(self) -> None:
        self.cases = tuple(self.case_of.values())

    def extract(self, seen: Seen) -> PageFact | None:
        place = seen.place
        if place is None or place.module not in self.case_of or page(seen) is None:
            return None
        link = next_link(seen)
        return PageFact(
            seen.party_key("client"),
            seen.party_key(SERVER),
            place.module,
            same_url(seen.exchange.url),
            same_url(link) if link else None,
        )

    def fold(self, ctx: Context) -> _CrawlFold:
        return _CrawlFold(self.case_of, Bounded(self.MAX_PENDING), self.MAX_PAGES)


@dataclass
class _Crawl:
    urls: set[str] = field(default_factory=set)
    seqs: list[int] = field(default_factory=list)
    failed: bool = False


@dataclass
class _CrawlFold:
    case_of: dict[str, str]
    pending: Bounded  # (client, server, next URL) -> the crawl that leads there
    max_pages: int

    def add(self, seq: int, fact: PageFact) -> Iterable[Judgement]:
        key = (fact.client, fact.server, fact.url)
        crawl: _Crawl | None = self.pending.pop(key)
        if crawl is None:
            crawl = _Crawl()  # a first page (or one whose Link the capture did not show)
            followed = False
        else:
            followed = True
        crawl.urls.add(fact.url)
        crawl.seqs.append(seq)
        out: list[Judgement] = []
        case = self.case_of[fact.module]
        if fact.link is not None:
            if fact.link in crawl.urls and not crawl.failed:
                crawl.failed = True
                out.append(
                    Judgement(
                        case,
                        fact.server,
                        tuple(crawl.seqs[-3:]),
                        f"Link rel=next of page {len(crawl.seqs)} leads back to "
                        f"{fact.link}, a page of the same crawl: it never ends",
                        "Link rel=next leads back to a page already fetched",
                    )
                )
            elif len(crawl.urls) < self.max_pages:
                self.pending.put((fact.client, fact.server, fact.link), crawl)
        if followed and not crawl.failed:
            out.append(Judgement(case, fact.server, (seq,)))
        return out

    def finish(self) -> Iterator[Judgement]:
        return iter(())
