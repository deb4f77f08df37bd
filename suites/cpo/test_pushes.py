"""LOC/SES/CDR/TAR-CPO-1xx: what a CPO target pushes on its own to the harness's peer (an eMSP):
its Locations, Sessions, CDRs and Tariffs, judged by the PushedObjects contract. The target
pushes after our registration, or when --trigger makes it."""

from __future__ import annotations

from typing import ClassVar

from ..contracts.pushed import PushedObjects, pushes, words_for

LOCATIONS, SESSIONS = pushes("locations"), pushes("sessions")
CDRS, TARIFFS = pushes("cdrs"), pushes("tariffs")


class TestPushedLocations(PushedObjects, suite=LOCATIONS):
    words: ClassVar[dict[str, str]] = words_for(LOCATIONS)


class TestPushedSessions(PushedObjects, suite=SESSIONS):
    words: ClassVar[dict[str, str]] = words_for(SESSIONS)


class TestPushedCdrs(PushedObjects, suite=CDRS):
    """CDRs are POSTed whole and never changed: no PATCH, no id in the URL."""

    words: ClassVar[dict[str, str]] = words_for(CDRS)
    omit: ClassVar[tuple[str, ...]] = ("patch", "url_body")


class TestPushedTariffs(PushedObjects, suite=TARIFFS):
    """The Tariffs Receiver has no PATCH."""

    words: ClassVar[dict[str, str]] = words_for(TARIFFS)
    omit: ClassVar[tuple[str, ...]] = ("patch",)
