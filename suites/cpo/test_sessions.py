"""SES-CPO: the Sessions SENDER interface of a CPO (mod_sessions.asciidoc):
its paginated list, judged as every Sender list is (`common/sender_lists.py`)."""

from __future__ import annotations

from ..common import sender_lists

sender_lists.define(globals(), module="sessions", prefix="SES-CPO")
