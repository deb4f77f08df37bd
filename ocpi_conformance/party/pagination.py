"""Paginated GET lists (transport_and_format_pagination), for every Sender list a party serves.

Every paginated OCPI object carries `last_updated`, which the date filters read. The items come
in the server's stable order (the caller's job: oldest first). `Deviations` are the ways a server
gets pagination wrong; a module maps its own named faults onto them.

Readings taken:
- a date_from/date_to that is no DateTime, or an offset/limit that is no non-negative integer
  (limit at least 1: a limit of 0 would make the next page the same page), reached the OCPI
  layer: HTTP 200 with status_code 2001 (status_codes: "a HTTP error MUST NOT be returned");
- X-Limit is the limit applied to this request: the server maximum, or the client's limit when
  smaller ("the maximum number of objects that the server can return", the upper limit);
- the Link carries every query parameter of the request but offset and limit, which it sets
  ("The Link should also contain any filters present in the original request").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from ocpi_conformance.party.service import Answer, Call, Outcome, envelope
from ocpi_conformance.spec.v2_2_1.types import parse_datetime

MAX_LIMIT = 50


@dataclass(frozen=True)
class Deviations:
    """Pagination faults: each switches one rule off."""

    link_wrong: bool = False  # Link rel=next repeats the current offset
    date_to_inclusive: bool = False  # date_to includes last_updated == date_to
    offset_ignored: bool = False  # every page starts at the first object
    no_total_count: bool = False  # X-Total-Count is left out
    limit_ignored: bool = False  # a page holds every object from its offset on
    date_from_ignored: bool = False  # date_from selects nothing out
    unusable_paging_422: bool = False  # a bad offset/limit: a framework's HTTP 422, no envelope


def _datetime_arg(call: Call, name: str) -> datetime | None:
    value = call.arg(name)
    if value is None:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        raise Answer(200, 2001, f"{name}={value!r} is not an OCPI DateTime")
    return parsed


def _int_arg(call: Call, name: str, default: int, minimum: int) -> int:
    value = call.arg(name)
    if value is None:
        return default
    if not value.isdigit() or int(value) < minimum:
        raise Answer(200, 2001, f"{name}={value!r} is not an integer of at least {minimum}")
    return int(value)


def paginate(
    call: Call,
    items: Sequence[dict[str, Any]],
    url: str,
    deviations: Deviations = Deviations(),
    max_limit: int = MAX_LIMIT,
) -> Outcome:
    """One page of `items` (in their stable order) for the request's filters, with the headers.

    `url` is the list's public URL (`functional_url`), the base of the Link."""
    date_from = _datetime_arg(call, "date_from")
    date_to = _datetime_arg(call, "date_to")
    try:
        offset = _int_arg(call, "offset", 0, 0)
        limit = min(_int_arg(call, "limit", max_limit, 1), max_limit)
    except Answer as refused:
        if deviations.unusable_paging_422:
            return Outcome(422, {"detail": [{"loc": ["query"], "msg": refused.message}]})
        raise
    if deviations.date_from_ignored:
        date_from = None

    def selected(item: dict[str, Any]) -> bool:
        stamp = parse_datetime(item.get("last_updated"))
        if stamp is None:
            return date_from is None and date_to is None
        if date_from is not None and stamp < date_from:
            return False
        if date_to is not None:
            return stamp <= date_to if deviations.date_to_inclusive else stamp < date_to
        return True

    matches = [item for item in items if selected(item)]
    start = 0 if deviations.offset_ignored else offset
    page = matches[start:] if deviations.limit_ignored else matches[start : start + limit]
    headers = {"X-Limit": str(limit)}
    if not deviations.no_total_count:
        headers["X-Total-Count"] = str(len(matches))
    if offset + len(page) < len(matches):
        following = offset if deviations.link_wrong else offset + len(page)
        filters = [(k, v) for k, v in call.query if k not in ("offset", "limit")]
        query = urlencode([*filters, ("offset", str(following)), ("limit", str(limit))])
        headers["Link"] = f'<{url}?{query}>; rel="next"'
    return Outcome(200, envelope(1000, page), headers)
