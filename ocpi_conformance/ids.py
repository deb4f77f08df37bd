"""Ids of the objects the harness writes: recognisable on the target (prefix OCC-) and unique."""

from __future__ import annotations

import uuid

PREFIX = "OCC-"


def new_id(label: str = "", length: int = 36) -> str:
    """A fresh id within `length` characters (CiString(36) for most objects), e.g.
    new_id() -> "OCC-3f2a...", new_id("NO-SUCH") -> "OCC-NO-SUCH-3f2a..."."""
    head = f"{PREFIX}{label}-" if label else PREFIX
    return f"{head}{uuid.uuid4()}"[:length]
