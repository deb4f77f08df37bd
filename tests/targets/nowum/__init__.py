"""python-ocpi (NOWUM pyocpi, Flask-RESTX) as a live integration target, for both roles.

The library needs Flask and flask-restx (and requests, which it does not declare), so it gets a
virtual environment of its own, built once from `requirements.txt` and cached outside the repo
(tests/targets/library.py). `app.py` runs there as a subprocess; the harness talks to it over
HTTP only.
"""

from __future__ import annotations

from pathlib import Path

from tests.targets.library import Library, Target, TargetUnavailableError

HERE = Path(__file__).parent
LIBRARY = Library("nowum", "python-ocpi", HERE)
start = LIBRARY.start
python = LIBRARY.python

__all__ = ["HERE", "LIBRARY", "Target", "TargetUnavailableError", "python", "start"]
