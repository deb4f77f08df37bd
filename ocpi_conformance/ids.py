"""Ids of the objects the harness writes: recognisable on the target (prefix OCC-) and unique."""

from __future__ import annotations

import hashlib
import json
import uuid

PREFIX = "OCC-"


def new_id(label: str = "", length: int = 36) -> str:
    """A fresh id within `length` characters (CiString(36) for most objects), e.g.
    new_id() -> "OCC-3f2a...", new_id("NO-SUCH") -> "OCC-NO-SUCH-3f2a..."."""
    head = f"{PREFIX}{label}-" if label else PREFIX
    return f"{head}{uuid.uuid4()}"[:length]


def id_for(body: object, length: int = 36) -> str:
    """An id derived from an object's content: the same drawn example gets the same id when
    hypothesis replays it (a failure must reproduce), different examples get different ones."""
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, default=repr).encode()).hexdigest()
    return f"{PREFIX}{digest}"[:length]
