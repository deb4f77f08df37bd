"""pytest plugin of ocpi-conformance, loaded through the `pytest11` entry point.

It is the seam between pytest and the harness: today it registers the case marker the catalogue
relies on; the run options, the target and peer fixtures and result collection hang off it too.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "ocpi_case(id, level, spec): a catalogued conformance case with its stable id, its level "
        "(mandatory, recommended, optional) and the spec clause it checks",
    )
