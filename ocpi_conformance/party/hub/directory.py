"""The parties a hub knows, by their party id, each with its role, its connection status (the
ClientInfo it reports, mod_hub_client_info_hub_client_info_object) and the registration it came
with.

One registration (a platform) may carry several parties (its CredentialsRoles). The directory is
brought in line with the hub's registrations after every credentials call (`sync`): a party id
that appears is CONNECTED, one whose registration is gone is SUSPENDED (invalidated: "deleting
is not possible"); OFFLINE and back are the still-alive check's (`set_status`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Any

from ocpi_conformance.party.service import now
from ocpi_conformance.party.state import Registration
from ocpi_conformance.spec.v2_2_1.hub import INVALIDATED, REACHABLE

PartyKey = tuple[str, str]  # (COUNTRY_CODE, PARTY_ID), upper-cased: CiStrings compare so


def key(country_code: Any, party_id: Any) -> PartyKey:
    return (str(country_code).upper(), str(party_id).upper())


@dataclass(frozen=True)
class Party:
    """One party id behind the hub and what the hub reports of it."""

    role: str
    country_code: str
    party_id: str
    status: str  # ConnectionStatus
    last_updated: str  # when the status last changed (ClientInfo.last_updated)
    token: str | None = field(default=None, repr=False)  # its registration's; None: planned

    @property
    def key(self) -> PartyKey:
        return key(self.country_code, self.party_id)

    @property
    def reachable(self) -> bool:
        return self.status in REACHABLE

    def client_info(self) -> dict[str, str]:
        """Its ClientInfo object."""
        return {
            "party_id": self.party_id,
            "country_code": self.country_code,
            "role": self.role,
            "status": self.status,
            "last_updated": self.last_updated,
        }


@dataclass
class Synced:
    """What a `sync` changed: parties whose status changed, registrations seen for the first
    time."""

    changed: list[Party] = field(default_factory=list)
    new_registrations: list[str] = field(default_factory=list)  # their tokens


class Directory:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._parties: dict[PartyKey, Party] = {}
        self._tokens: set[str] = set()  # registrations seen

    def all(self) -> list[Party]:
        """Every party known, in the order it became known."""
        with self.lock:
            return list(self._parties.values())

    def find(self, wanted: PartyKey) -> Party | None:
        with self.lock:
            return self._parties.get(wanted)

    def of_registration(self, token: str) -> list[Party]:
        """The parties a registration carries."""
        with self.lock:
            return [p for p in self._parties.values() if p.token == token]

    def plan(self, role: str, country_code: str, party_id: str) -> Party | None:
        """A party announced before it registers (PLANNED); None when it is known already."""
        with self.lock:
            if key(country_code, party_id) in self._parties:
                return None
            party = Party(role, country_code, party_id, "PLANNED", now())
            self._parties[party.key] = party
            return party

    def set_status(
        self, wanted: PartyKey, status: str, *, only_from: str | None = None
    ) -> Party | None:
        """Change a party's status (`only_from`: only if it still has that status, read under
        the lock: a still-alive check that began before an unregistration must not revive the
        party); the party when it changed, else None."""
        with self.lock:
            party = self._parties.get(wanted)
            if party is None or party.status == status:
                return None
            if only_from is not None and party.status != only_from:
                return None
            changed = replace(party, status=status, last_updated=now())
            self._parties[wanted] = changed
            return changed

    def sync(self, registrations: list[Registration]) -> Synced:
        """Bring the parties in line with the hub's registrations."""
        synced = Synced()
        with self.lock:
            current: dict[PartyKey, tuple[str, str, str, str]] = {}
            for registration in registrations:
                for role in registration.roles:
                    found = key(role.get("country_code"), role.get("party_id"))
                    cc, pid = str(role.get("country_code")), str(role.get("party_id"))
                    current.setdefault(found, (str(role.get("role")), cc, pid, registration.token))
                if registration.token not in self._tokens:
                    self._tokens.add(registration.token)
                    synced.new_registrations.append(registration.token)
            self._tokens &= {r.token for r in registrations}
            for found, (role, cc, pid, token) in current.items():
                party = self._parties.get(found)
                came = party is None or party.token != token
                if came or party.status in ("PLANNED", INVALIDATED):
                    fresh = Party(role, cc, pid, "CONNECTED", now(), token)
                    if party is None or party.status != "CONNECTED":
                        synced.changed.append(fresh)
                    else:
                        fresh = replace(fresh, last_updated=party.last_updated)
                    self._parties[found] = fresh
            for found, party in list(self._parties.items()):
                went = found not in current and party.token is not None
                if went and party.status != INVALIDATED:
                    gone = replace(party, status=INVALIDATED, last_updated=now())
                    self._parties[found] = gone
                    synced.changed.append(gone)
        return synced
