"""What a Receiver does with what it must refuse, judged one rule at a time.

An invalid object is sent once per *kind* of broken rule (`strategies.mutations.KINDS`: a
required field left out, a DateTime with an offset, a string where a number belongs, ...), each
on its own, so that a Receiver that refuses the first kind is still seen letting the third
through: stopping at the first refusal hides every rule behind it. Each answer falls in one of
four groups, the worst first: stored anyway (read back), accepted with status_code 1000 (where
nothing could be read back), refused with another status_code than 2001, refused right.

Every answer to a request in valid JSON at an existing resource is also judged for its HTTP
status ("If a request is syntactically valid JSON and addresses an existing resource, a HTTP
error MUST NOT be returned", status_codes_status_codes; 2.1.1: "no HTTP error should be
returned", a case of its own at that level), by a case of its own: the refusal cases judge the
status_code, never the HTTP status, so one wrong answer is one finding per rule. What is broken
is broken by the rules of the run's version (`one_of_each_kind(..., version=)`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ocpi_conformance.spec.validation import json_path, validator
from ocpi_conformance.spec.version import DEFAULT
from ocpi_conformance.strategies import schema_of
from ocpi_conformance.strategies.mutations import KINDS, Mutation, sites
from ocpi_conformance.transport.client import Reply

STORED = "stored anyway"
ACCEPTED = "accepted with status_code 1000"
WRONG = "refused with another status_code than 2001"
RIGHT = "refused with 2001"


@dataclass(frozen=True)
class Broken:
    """A valid object with exactly one rule broken, of one kind."""

    mutation: Mutation
    body: dict[str, Any]

    @property
    def what(self) -> str:
        """The kind and where: "a required field left out at $.currency"."""
        mutation = self.mutation
        where = (*mutation.path, mutation.remove) if mutation.remove else mutation.path
        return f"{mutation.kind} at {json_path(list(where))}"


def one_of_each_kind(
    obj: str,
    base: dict[str, Any],
    keep: Callable[[Mutation], bool] = lambda _m: True,
    kinds: Sequence[str] = KINDS,
    version: str = DEFAULT,
) -> list[Broken]:
    """For every kind of break `base` offers (in the order of `kinds`), its first site that
    `keep` allows and that breaks no prose rule as well (one rule broken, not two), by the
    schema and rules of `obj` in OCPI `version`."""
    schema = schema_of(obj, version)
    chosen: dict[str, Broken] = {}
    for mutation in sites(base, schema, schema):
        if mutation.kind in chosen or mutation.kind not in kinds or not keep(mutation):
            continue
        broken = mutation.apply(base)
        if validator(obj, version).rule_violations(broken):
            continue
        chosen[mutation.kind] = Broken(mutation, broken)
    return [chosen[kind] for kind in kinds if kind in chosen]


def keeps_names(names: Iterable[str]) -> Callable[[Mutation], bool]:
    """A filter leaving intact the fields an object's URL is built from (its id, say): a
    broken id would be a URL/body mismatch as well, two rules at once."""
    kept = set(names)

    def keep(mutation: Mutation) -> bool:
        top = mutation.path[:1]
        return not (top and top[0] in kept) and not (
            mutation.path == () and mutation.remove in kept
        )

    return keep


@dataclass(frozen=True)
class Refusal:
    """One request the Receiver must refuse, what it answered, and whether the object was
    stored all the same (None: nothing could be read back to tell)."""

    what: str
    reply: Reply
    stored: bool | None = None
    broken: str = ""  # the rule an invalid object breaks, and where ("" for other refusals)

    @property
    def verdict(self) -> str:
        if self.stored:
            return STORED
        if self.reply.status_code == 1000:
            return ACCEPTED
        return RIGHT if self.reply.status_code == 2001 else WRONG


def refusal_problems(refusals: Sequence[Refusal], sent: str) -> str | None:
    """One line naming every rule the Receiver let through, grouped worst first with counts
    and one answer of each group quoted, or None when each was refused with 2001 and nothing
    was stored."""
    groups = {
        verdict: [r for r in refusals if r.verdict == verdict]
        for verdict in (STORED, ACCEPTED, WRONG)
    }
    broken = sum(len(found) for found in groups.values())
    if not broken:
        return None
    parts = [
        f"{verdict} ({len(found)}): {', '.join(r.broken for r in found)} "
        f"(e.g. {found[0].reply.describe()})"
        for verdict, found in groups.items()
        if found
    ]
    return f"{broken} of {len(refusals)} {sent} broke the rule: " + " | ".join(parts)


def http_problems(answers: Iterable[tuple[str, Reply]]) -> list[str]:
    """Answers to requests in valid JSON that came as an HTTP error (or not at all)."""
    problems = []
    for what, reply in answers:
        if not reply.ok:
            problems.append(f"{what}: no answer ({reply.describe()})")
        elif not 200 <= (reply.status or 0) <= 299:
            problems.append(f"{what}: {reply.describe()}")
    return problems
