"""Choices: what a conformant party may do one way or another, each the sandbox can make on
purpose (`ocpi-conformance sandbox --choice NAME`).

A fault deviates from the text; a choice stays within it. Real backends make choices the
sandbox's defaults do not (listing 2.3.0 beside 2.2.1, a custom module, the erratum lengths,
timestamps with fractions and no `Z`, gzip), and a case that fails a conformant choice is a
false finding. Every choice names the clause that allows it, and one test runs the sandbox with
each and checks that no mandatory case fails (tests/test_choices.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    name: str
    description: str
    allowed_by: str  # "file#anchor: the sentence" of the text that allows it
    roles: tuple[str, ...] = ("cpo", "emsp")  # the sandbox roles in which it shows


CHOICES: dict[str, Choice] = {}


def choice(
    name: str, description: str, allowed_by: str, roles: tuple[str, ...] = ("cpo", "emsp")
) -> str:
    """Register a choice; returns its name, for `if NAME in state.choices`."""
    if name in CHOICES:
        raise ValueError(f"choice {name!r} registered twice")
    CHOICES[name] = Choice(name, description, allowed_by, roles)
    return name
