"""Known deviations: failures a team has accepted for a while, with a reason and an end date.

A known deviation never hides a failure: the case stays `failed` in every report, marked known
with its reason. Until it expires it does not fail the gate; from the day after its expiry date
it fails the gate again, marked expired, so an accepted gap cannot quietly become permanent.

File format (TOML):

    [[deviation]]
    id = "TRN-ANY-005"
    reason = "X-Request-ID echo ships in release 4.2"
    expires = 2027-01-31
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ocpi_conformance.verdicts.catalog import catalogue


class DeviationsError(ValueError):
    """A known-deviations file the run cannot start with (one line; the CLI's exit code 2)."""


@dataclass(frozen=True)
class Deviation:
    id: str
    reason: str
    expires: dt.date

    def expired(self, today: dt.date) -> bool:
        return today > self.expires

    def describe(self, today: dt.date) -> str:
        state = "EXPIRED known deviation" if self.expired(today) else "known deviation"
        return f"{state} (until {self.expires.isoformat()}: {self.reason})"


def load(path: Path, known: Collection[str] | None = None) -> dict[str, Deviation]:
    """Read and check the file; every problem is one DeviationsError line. `known`: the case
    ids an entry may name (the catalogue's, unless given: the passive judge adds its own)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DeviationsError(f"known-deviations file not found: {path}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DeviationsError(f"known-deviations file {path} cannot be read: {exc}") from None
    deviations: dict[str, Deviation] = {}
    for number, entry in enumerate(data.get("deviation", []), start=1):
        where = f"{path}: deviation {number}"
        case_id, reason, expires = entry.get("id"), entry.get("reason"), entry.get("expires")
        if case_id not in (known if known is not None else catalogue()):
            raise DeviationsError(f"{where}: unknown case id {case_id!r}")
        if not isinstance(reason, str) or not reason.strip():
            raise DeviationsError(f"{where}: a reason is required")
        if isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError:
                raise DeviationsError(f"{where}: expires must be a date (YYYY-MM-DD)") from None
        if not isinstance(expires, dt.date) or isinstance(expires, dt.datetime):
            raise DeviationsError(f"{where}: expires must be a date (YYYY-MM-DD)")
        deviations[case_id] = Deviation(case_id, reason.strip(), expires)
    return deviations
