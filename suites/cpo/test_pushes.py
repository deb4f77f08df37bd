"""LOC/SES/CDR/TAR-CPO-1xx: what a CPO target pushes on its own to the harness's peer (an eMSP):
its Locations, Sessions, CDRs and Tariffs, judged by the PushedObjects contract, in 2.2.1 and
2.1.1 (each case where the version's text has its rule, e.g. a Tariff PATCH in 2.1.1 only). The
target pushes after our registration, or when --trigger makes it."""

from __future__ import annotations

from typing import ClassVar

from ..contracts.pushed import PushedObjects, pushes

LOCATIONS, SESSIONS = pushes("locations"), pushes("sessions")
CDRS, TARIFFS = pushes("cdrs"), pushes("tariffs")


class TestPushedLocations(PushedObjects, suite=LOCATIONS):
    """LOC-CPO-101 to 105."""


class TestPushedSessions(PushedObjects, suite=SESSIONS):
    """SES-CPO-101 to 105."""


class TestPushedCdrs(PushedObjects, suite=CDRS):
    """CDRs are POSTed whole and never changed: no PATCH (the Receiver has none), no id in the
    URL."""

    omit: ClassVar[tuple[str, ...]] = ("url_body",)


class TestPushedTariffs(PushedObjects, suite=TARIFFS):
    """TAR-CPO-101, 103 to 105 (the 2.2.1 Tariffs Receiver has no PATCH, the 2.1.1 one has)."""
