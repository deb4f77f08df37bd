"""TAR-CPO: the Tariffs SENDER interface of a CPO (mod_tariffs.asciidoc):
its paginated list, judged as every Sender list is (`common/sender_lists.py`)."""

from __future__ import annotations

from ..common import sender_lists

sender_lists.define(globals(), module="tariffs", prefix="TAR-CPO")
