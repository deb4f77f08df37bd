"""Choices: what a conformant party may do one way or another, each the sandbox can make on
purpose (`ocpi-conformance sandbox --choice NAME`).

A fault deviates from the text; a choice stays within it. Real backends make choices the
sandbox's defaults do not (listing 2.3.0 beside 2.2.1, a custom module, the erratum lengths,
timestamps with fractions and no `Z`, gzip), and a case that fails a conformant choice is a
false finding. Every choice names the clause that allows it, and one test runs the sandbox with
each and checks that no mandatory case fails (tests/test_choices.py).

A choice is made only in the OCPI versions whose text allows it (`versions`): fractional
seconds are a 2.2.1 freedom, not a 2.1.1 one. What no version owns (the versions list, gzip)
is made wherever it is asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocpi_conformance.party.speaks import SPOKEN


@dataclass(frozen=True)
class Choice:
    name: str
    description: str
    allowed_by: str  # "file#anchor: the sentence" of the text that allows it
    roles: tuple[str, ...] = ("cpo", "emsp")  # the sandbox roles in which it shows
    versions: tuple[str, ...] = ("2.2.1",)  # the OCPI versions whose text allows it


CHOICES: dict[str, Choice] = {}


def choice(
    name: str,
    description: str,
    allowed_by: str,
    roles: tuple[str, ...] = ("cpo", "emsp"),
    versions: tuple[str, ...] = ("2.2.1",),
) -> str:
    """Register a choice; returns its name, for `made(state, NAME, version)`."""
    if name in CHOICES:
        raise ValueError(f"choice {name!r} registered twice")
    if not set(versions) <= set(SPOKEN):
        raise ValueError(f"choice {name!r} names unknown OCPI versions {versions}")
    CHOICES[name] = Choice(name, description, allowed_by, roles, versions)
    return name


def made(choices: set[str], name: str, version: str | None) -> bool:
    """Whether the party makes choice `name` in an answer of `version` (None: an answer no
    version owns, the versions list)."""
    return name in choices and (version is None or version in CHOICES[name].versions)
