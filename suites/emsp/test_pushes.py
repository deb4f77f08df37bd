"""TOK-EMSP-1xx: the Tokens an eMSP target pushes on its own to the harness's peer (a CPO),
judged by the PushedObjects contract, in 2.2.1 and 2.1.1. A 2.2.1 Token's URL also carries ?type
(not judged here: the path names the owner and uid)."""

from __future__ import annotations

from ..contracts.pushed import PushedObjects, pushes

TOKENS = pushes("tokens")


class TestPushedTokens(PushedObjects, suite=TOKENS):
    """TOK-EMSP-101 to 105."""
