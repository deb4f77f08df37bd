"""TOK-EMSP: the Tokens SENDER interface of an eMSP (mod_tokens.asciidoc):
its paginated list, judged as every Sender list is (`common/sender_lists.py`)."""

from __future__ import annotations

from ..common import sender_lists

sender_lists.define(globals(), module="tokens", obj="Token", prefix="TOK-EMSP")
