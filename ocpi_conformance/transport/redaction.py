"""Keeps credentials tokens out of everything the harness writes or prints.

Tokens are known up front (token A, token C, the peer's token B) or learned from bodies as they
pass (a Credentials object a target hands out). Both the raw token and its Base64 form are
replaced, since the Authorization header carries the latter.
"""

from __future__ import annotations

import base64
import re
import threading
from typing import Any

MASK = "«redacted»"
_AUTH_VALUE = re.compile(r"(?i)^(token|bearer|basic)\s+\S+")
_MIN_SECRET_LENGTH = 4  # shorter strings would mask ordinary text; such tokens are refused anyway


def encode_token(token: str) -> str:
    """The 2.2.1 Authorization parameter: Base64 of the token's UTF-8 bytes."""
    return base64.b64encode(token.encode("utf-8")).decode("ascii")


class Secrets:
    """A thread-safe set of secret strings and the redaction of text against them.

    A secret may carry a label ("token A", "token C"): its mask then says which token stood
    there (`«token C»`, `«token C, base64»`), so a report can show that the right token was used
    without showing the token.
    """

    def __init__(self, *tokens: str | None) -> None:
        self._lock = threading.Lock()
        self._masks: dict[str, str] = {}
        for token in tokens:
            self.add(token)

    def add(self, token: str | None, label: str | None = None) -> None:
        if not token or len(token) < _MIN_SECRET_LENGTH:
            return
        raw = f"«{label}»" if label else MASK
        encoded = f"«{label}, base64»" if label else MASK
        with self._lock:
            if label or token not in self._masks:
                self._masks[token] = raw
                self._masks[encode_token(token)] = encoded

    def mask(self, token: str) -> str:
        """What `token` (raw) becomes in redacted text."""
        with self._lock:
            return self._masks.get(token, MASK)

    def learn(self, body: Any) -> None:
        """Remember the token of every Credentials object in a parsed JSON body: a token and a
        url beside its roles (2.2 and later) or its flat party (2.1.1: business_details,
        party_id, country_code)."""
        if isinstance(body, dict):
            token = body.get("token")
            party = "roles" in body or "party_id" in body or "business_details" in body
            if isinstance(token, str) and "url" in body and party:
                self.add(token)
            for value in body.values():
                self.learn(value)
        elif isinstance(body, list):
            for value in body:
                self.learn(value)

    def redact(self, text: str | None) -> str | None:
        if not text:
            return text
        with self._lock:
            masks = sorted(self._masks.items(), key=lambda item: len(item[0]), reverse=True)
        for value, mask in masks:
            text = text.replace(value, mask)
        return text

    def redact_headers(self, headers: dict[str, str]) -> dict[str, str]:
        """Authorization values are masked whatever they hold (known tokens by their label);
        other values against the set."""
        out = {}
        for name, value in headers.items():
            redacted = self.redact(value) or ""
            if name.lower() == "authorization" and "«" not in redacted:
                match = _AUTH_VALUE.match(value)
                redacted = f"{match.group(1)} {MASK}" if match else MASK
            out[name] = redacted
        return out
