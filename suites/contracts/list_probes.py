"""What a Sender list holds, and probes whose parameters derive from it.

A probe that the data cannot make meaningful passes for want of data: `limit=3` on a list of
two objects, `offset` on a list with one page, `date_from` on objects that all share one
last_updated. So every probe is built from what the walked list holds (`Held`): a limit below
its count, an offset at its last object, a date_from after its newest last_updated, a split at
one of its own last_updated values with objects on both sides. Where the data cannot make a
probe meaningful (no second object, one shared last_updated), the case says so and is skipped.

The probes follow a list to its end by Link, and, where a page has none although X-Total-Count
says objects remain, by offset: a missing Link is LOC-xxx-004's finding, not a reason for a date
filter case to judge half a list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin

from ocpi_conformance.plugin import PAGE
from ocpi_conformance.spec.version import Version
from ocpi_conformance.transport.client import OcpiClient, Reply, Walk
from ocpi_conformance.verdicts.cases import Suite
from ocpi_conformance.verdicts.checks import pagination
from ocpi_conformance.verdicts.failures import blocked_by

from .answers import envelope_violations

Key = tuple[str, ...]
MAX_PROBE_PAGES = 50


@dataclass(frozen=True)
class Held:
    """The objects a walk of the list found, each once (by the identity the run's version gives
    them), in the list's order."""

    obj: str
    items: tuple[dict[str, Any], ...]
    spec: Version

    @classmethod
    def of(cls, obj: str, walked: list[Any], spec: Version) -> Held:
        seen: dict[Key, dict[str, Any]] = {}
        for item in walked:
            if isinstance(item, dict):
                seen.setdefault(spec.identity(obj, item), item)
        return cls(obj, tuple(seen.values()), spec)

    @property
    def count(self) -> int:
        return len(self.items)

    def key(self, item: dict[str, Any]) -> Key:
        return self.spec.identity(self.obj, item)

    @cached_property
    def stamped(self) -> list[tuple[dt.datetime, str, Key]]:
        """(instant, text, identity) of every object whose last_updated is a DateTime of the
        version, oldest first (a malformed one is xxx-002's finding)."""
        found = []
        parse_datetime = self.spec.part("types").parse_datetime
        for item in self.items:
            text = item.get("last_updated")
            moment = parse_datetime(text)
            if moment is not None:
                found.append((moment, str(text), self.key(item)))
        return sorted(found, key=lambda row: row[0])

    @property
    def instants(self) -> list[dt.datetime]:
        return sorted({moment for moment, _, _ in self.stamped})

    @property
    def newest(self) -> dt.datetime | None:
        return self.instants[-1] if self.instants else None

    @property
    def split(self) -> str | None:
        """A last_updated the list holds with objects before it: the middle one of its
        distinct instants but the oldest, as one of its objects writes it. None when every
        object shares one last_updated (nothing lies on the other side)."""
        later = self.instants[1:]
        if not later:
            return None
        moment = later[(len(later) - 1) // 2]
        return next(text for when, text, _ in self.stamped if when == moment)

    @property
    def only_stamp(self) -> str | None:
        """The last_updated every object shares, when there is one alone."""
        return self.stamped[0][1] if len(self.instants) == 1 else None

    def keys_where(self, keep: Any) -> set[Key]:
        """The identities of the objects whose last_updated instant `keep` accepts."""
        return {key for moment, _, key in self.stamped if keep(moment)}


@dataclass
class Gathered:
    """A probe's list, followed to its end (or to the page that was no list of objects)."""

    spec: Version
    pages: list[Reply] = field(default_factory=list)
    items: list[Any] = field(default_factory=list)
    failed: Reply | None = None

    def keys(self, obj: str) -> set[Key]:
        return {self.spec.identity(obj, item) for item in self.items if isinstance(item, dict)}

    def shown(self, obj: str, limit: int = 5) -> str:
        found = sorted("/".join(key) for key in self.keys(obj))
        more = f" (+{len(found) - limit} more)" if len(found) > limit else ""
        return ", ".join(found[:limit]) + more


def gather(
    client: OcpiClient,
    endpoint: str,
    suite: Suite,
    params: Mapping[str, Any],
    *,
    follow_links: bool = True,
) -> Gathered:
    """The list under `params` (besides the interface's required ones), followed to its end:
    by Link, and by offset where a page has no Link although X-Total-Count says objects remain,
    or where a Link leads nowhere (no page, or a page already fetched). A Link's own faults
    are xxx-001's and xxx-004's to judge; here they only must not hide the rest of the list.
    Without `follow_links`, every page is fetched by offset (the position the objects so far
    reach), so a Link cannot change what the pages hold."""
    base = {**suite.list_params(), "limit": PAGE, **params}
    found = Gathered(suite.spec)
    url, query = endpoint, dict(base)
    followed: set[str] = set()
    keys: set[Key] = set()
    links_lead = follow_links
    while len(found.pages) < MAX_PROBE_PAGES:
        reply = client.get(url, module=suite.module, params=query)
        usable = reply.ok and reply.status == 200 and isinstance(reply.data, list)
        if not usable and query is None and keys:  # a Link that led nowhere: go on by offset
            links_lead = False
            url, query = endpoint, {**base, "offset": len(keys)}
            continue
        found.pages.append(reply)
        if not usable:
            found.failed = reply
            break
        fresh = {suite.spec.identity(suite.obj, i) for i in reply.data if isinstance(i, dict)}
        fresh -= keys
        keys |= fresh
        found.items.extend(reply.data)
        link = reply.next_link()
        if link and links_lead and urljoin(url, link) not in followed:
            url, query = urljoin(url, link), None
            followed.add(url)
            continue
        total = pagination.int_header(reply, "X-Total-Count")
        remain = link is not None or (total is not None and len(keys) < total)
        remain = remain or (not follow_links and len(reply.data) >= int(base["limit"]))
        if not remain or (not fresh and query is not None):  # offset too brings nothing new
            break
        url, query = endpoint, {**base, "offset": len(keys)}
    return found


def probe_problem(
    walk: Walk,
    found: Gathered | Reply,
    what: str,
    suite: Suite,
    pages_case: str,
    *,
    listing: bool = True,
) -> str | None:
    """Why a probe's answer cannot be judged: a page that was no list of objects (`listing`),
    or one that breaks the response format (every answer is validated where it arrives). When
    the walk's own pages showed the same, the pages case (xxx-001) judges it and the probe is
    blocked by it; otherwise it is the probe's finding."""
    pages = found.pages if isinstance(found, Gathered) else [found]
    failed = found.failed if isinstance(found, Gathered) else None
    if isinstance(found, Reply) and listing and answer_problem(found, what):
        failed = found
    operation = suite.operation("get_list")
    problem = None
    if failed is not None:
        problem = f"{what}: {failed.describe()}"
    else:
        broken = [
            v for page in pages for v in envelope_violations(operation, page.json, suite.at_version)
        ]
        if broken:
            problem = f"{what}: the answer breaks the response format: {broken[0]}"
    if problem is None:
        return None
    walk_broken = walk.stopped is not None or any(
        envelope_violations(operation, page.json, suite.at_version) for page in walk.pages
    )
    if walk_broken:
        with blocked_by(pages_case):
            raise AssertionError(problem)
    return problem


def answer_problem(reply: Reply, what: str) -> str | None:
    """Why one page of a probe cannot be judged (no list of objects), or None."""
    if not reply.ok or reply.status != 200 or not isinstance(reply.data, list):
        return f"{what}: {reply.describe()}"
    return None
