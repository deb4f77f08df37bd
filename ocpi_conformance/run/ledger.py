"""What the harness wrote on the target, so that the end of a run can undo it where OCPI allows.

Only writes the target accepted (status_code 1000) are entered: a PUT refused with 2001 stored
nothing, and undoing it would be a request about an object that does not exist.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Written:
    module: str
    url: str  # where it was written (a command: the response_url of its result)
    body: dict[str, Any]
    settled: bool = False  # undone as far as OCPI allows


@dataclass
class Ledger:
    entries: list[Written] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, module: str, url: str, body: dict[str, Any]) -> None:
        """An accepted write; a later write to the same URL replaces the body kept."""
        with self._lock:
            for entry in self.entries:
                if entry.url == url:
                    entry.body = body
                    return
            self.entries.append(Written(module, url, body))

    def of(self, module: str) -> list[Written]:
        with self._lock:
            return [entry for entry in self.entries if entry.module == module]

    def settle(self, url: str) -> None:
        """What was written at `url` is undone (or made harmless) now."""
        with self._lock:
            for entry in self.entries:
                if entry.url == url:
                    entry.settled = True

    def left(self) -> list[Written]:
        """What stays on the target: written, accepted and not undone."""
        with self._lock:
            return [entry for entry in self.entries if not entry.settled]
