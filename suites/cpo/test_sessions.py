"""SES-CPO: the Sessions SENDER interface of a CPO (mod_sessions.asciidoc): its paginated list,
judged as every Sender list is (`contracts/sender_list.py`)."""

from __future__ import annotations

from ocpi_conformance.cases import Suite

from ..contracts.sender_list import SenderList

SUITE = Suite("sessions", "SENDER")


class TestSessionList(SenderList, suite=SUITE):
    """SES-CPO-001 to 011."""
