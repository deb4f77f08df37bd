"""A wheel built from the repository carries everything a run needs: `pip install` is enough."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_suites_fixtures_schemas_and_entry_points(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("ocpi_conformance-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ocpi_conformance/schemas/2.2.1/Location.json" in names
    assert "ocpi_conformance/schemas/2.2.1/responses/locations.SENDER.get_list.json" in names
    assert any(n.startswith("ocpi_conformance/fixtures/2.2.1/locations/valid/") for n in names)
    assert any(n.startswith("ocpi_conformance/suites/") for n in names)
    assert not any(n.startswith(("tests/", "suites/", "fixtures/")) for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "ocpi-conformance = ocpi_conformance.cli:main" in text
    assert "[pytest11]" in text and "ocpi_conformance.plugin" in text
