"""TOK-EMSP-1xx: the Tokens an eMSP target pushes on its own to the harness's peer (a CPO),
judged by the PushedObjects contract. A Token's URL also carries ?type (not judged here: the
path names the owner and uid)."""

from __future__ import annotations

from typing import ClassVar

from ..contracts.pushed import PushedObjects, pushes, words_for

TOKENS = pushes("tokens")


class TestPushedTokens(PushedObjects, suite=TOKENS):
    words: ClassVar[dict[str, str]] = words_for(TOKENS)
