"""Verdicts on a paginated GET (transport_and_format_pagination), judged page by page."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlparse

from ocpi_conformance.spec.v2_2_1.types import parse_datetime as parse_spec_datetime
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.spec.version import version as spec_version
from ocpi_conformance.transport.client import Reply, Walk

FILTERS = ("date_from", "date_to")


def parse_datetime(text: str) -> dt.datetime:
    """An OCPI DateTime as an instant (spec.v2_2_1.types); ValueError when it is not one."""
    moment = parse_spec_datetime(text)
    if moment is None:
        raise ValueError(f"not an OCPI DateTime: {text!r}")
    return moment


def int_header(reply: Reply, name: str) -> int | None:
    """A header's value as an integer (None: absent or not one)."""
    value = reply.header(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def header_problems(walk: Walk) -> list[str]:
    """X-Total-Count and X-Limit on every page, as integers. A page that never arrived (its
    Link led nowhere, say) has no headers to judge: LOC-xxx-001 reports the walk itself."""
    problems = []
    for number, page in enumerate(walk.pages, start=1):
        if not page.ok:
            continue
        for name in ("X-Total-Count", "X-Limit"):
            if int_header(page, name) is None:
                problems.append(f"page {number}: {name} is {page.header(name)!r}, not an integer")
    return problems


def link_problems(walk: Walk, count: int | None = None) -> list[str]:
    """Link rel=next on every page but the last, none on the last: the last counted by
    X-Total-Count, or where a page has none, by `count` (how many objects the list holds).

    An empty `Link:` header is no link at all (RFC 8288: `Link = #link-value`, a list that
    may be empty), so on the last page it says "no next page" as well as no header does."""
    problems = []
    seen = 0
    for number, page in enumerate(walk.pages, start=1):
        seen += len(page.data) if isinstance(page.data, list) else 0
        total = int_header(page, "X-Total-Count")
        total = count if total is None else total
        link = page.next_link()
        if total is None:
            continue
        if seen < total and link is None:
            problems.append(f"page {number}: {seen} of {total} objects seen but no Link rel=next")
        if seen >= total and link is not None:
            problems.append(f"page {number} is the last ({seen} of {total}) but has Link {link}")
    return problems


def filter_problems(walk: Walk, params: Mapping[str, Any]) -> list[str]:
    """Every Link rel=next repeats the request's date filters: the same instants, in any form
    an OCPI DateTime may take (with or without Z, with fractions)."""
    problems = []
    for number, page in enumerate(walk.pages, start=1):
        link = page.next_link()
        if link is None:
            continue
        query = parse_qs(urlparse(link).query)
        for name in FILTERS:
            if name not in params:
                continue
            echoed = query.get(name, [None])[0]
            if echoed is None or not _same_instant(echoed, str(params[name])):
                problems.append(
                    f"page {number}: Link rel=next drops or changes {name} "
                    f"({echoed or 'absent'} instead of {params[name]})"
                )
    return problems


def _same_instant(echoed: str, sent: str) -> bool:
    try:
        return parse_datetime(echoed) == parse_datetime(sent)
    except ValueError:
        return False  # not an OCPI DateTime at all


def limit_problems(walk: Walk, limit: int) -> list[str]:
    """No page holds more objects than the limit asked for, or than its own X-Limit."""
    problems = []
    for number, page in enumerate(walk.pages, start=1):
        size = len(page.data) if isinstance(page.data, list) else 0
        x_limit = int_header(page, "X-Limit")
        if size > limit:
            problems.append(f"page {number} holds {size} objects, limit={limit} was asked")
        if x_limit is not None and size > x_limit:
            problems.append(f"page {number} holds {size} objects, more than its X-Limit {x_limit}")
    return problems


def capped_problems(reply: Reply, asked: int) -> list[str]:
    """A page answering a limit the server will not serve: no more objects than X-Limit, an
    X-Limit no higher than what was asked, and a Link when objects remain."""
    size = len(reply.data) if isinstance(reply.data, list) else 0
    x_limit = int_header(reply, "X-Limit")
    total = int_header(reply, "X-Total-Count")
    problems = []
    if x_limit is None:
        problems.append(f"limit={asked}: X-Limit is {reply.header('X-Limit')!r}, not an integer")
    elif size > x_limit or x_limit > asked:
        problems.append(f"limit={asked}: {size} objects returned with X-Limit {x_limit}")
    if total is not None and size < total and reply.next_link() is None:
        problems.append(f"limit={asked}: {size} of {total} objects returned and no Link rel=next")
    return problems


def completeness_problems(walk: Walk, obj: str, version: str = DEFAULT) -> list[str]:
    """Across pages: no object twice (offset applied), none missing (X-Total-Count reached).
    Objects are told apart by their identity in OCPI `version` (a Token by uid *and* type)."""
    problems = []
    identity = spec_version(version).identity
    keys = [identity(obj, item) for item in walk.items if isinstance(item, dict)]
    counts = Counter(keys)
    repeated = sorted("/".join(k) for k, n in counts.items() if n > 1)
    if repeated:
        problems.append(f"objects returned more than once across pages: {', '.join(repeated[:5])}")
    total = int_header(walk.pages[-1], "X-Total-Count") if walk.pages else None
    if total is not None and len(counts) != total and walk.stopped is None:
        problems.append(f"the walk returned {len(counts)} distinct objects, X-Total-Count {total}")
    return problems


def window_problems(items: list[Any], date_from: str | None, date_to: str | None) -> list[str]:
    """Every object's last_updated in [date_from, date_to): from inclusive, to exclusive."""
    problems = []
    low = parse_datetime(date_from) if date_from else None
    high = parse_datetime(date_to) if date_to else None
    for item in items:
        stamp = item.get("last_updated") if isinstance(item, dict) else None
        if not isinstance(stamp, str):
            continue
        try:
            moment = parse_datetime(stamp)
        except ValueError:
            continue  # a schema case reports the malformed DateTime
        name = item.get("id", item.get("uid"))
        if low is not None and moment < low:
            problems.append(f"{name}: last_updated {stamp} is before date_from {date_from}")
        if high is not None and moment >= high:
            problems.append(
                f"{name}: last_updated {stamp} is not before date_to {date_to} "
                "(date_to is exclusive)"
            )
    return problems


def after(moment: dt.datetime) -> str:
    """The first whole second after `moment`, as an OCPI DateTime: a date_from that selects
    nothing updated at or before it."""
    whole = moment.replace(microsecond=0) + dt.timedelta(seconds=1)
    return whole.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
