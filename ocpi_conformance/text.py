"""How a finding lists many problems in one line: the first few, then how many more."""

from __future__ import annotations

from collections.abc import Iterable


def first(items: Iterable[object], limit: int = 5, sep: str = "; ") -> str:
    """`a; b; c (+4 more)`: a message stays one readable line however much went wrong."""
    shown = list(items)
    more = f" (+{len(shown) - limit} more)" if len(shown) > limit else ""
    return sep.join(str(item) for item in shown[:limit]) + more
