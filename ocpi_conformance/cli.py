"""The `ocpi-conformance` command line.

Exit codes follow ../ARCHITECTURE.md: 0 success, 1 failures, 2 usage or configuration error,
3 target unreachable. Usage errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

EXIT_OK = 0
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, as the exit-code contract asks."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ocpi-conformance",
        description="Conformance harness for OCPI 2.2.1 backends (CPO and eMSP).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    schemas = commands.add_parser("schemas", help="JSON Schemas generated from the spec models")
    schemas_commands = schemas.add_subparsers(dest="schemas_command", required=True)
    export = schemas_commands.add_parser(
        "export",
        help="write one JSON Schema (Draft 2020-12) file per spec object, PATCH and response",
    )
    export.add_argument("directory", type=Path, help="folder to write the schema files into")
    schemas_commands.add_parser(
        "check", help="exit 1 when the schemas shipped in the package differ from a fresh export"
    )
    return parser


def _schemas_export(directory: Path) -> int:
    from .schema_export import export

    if directory.exists() and not directory.is_dir():
        print(f"ocpi-conformance: error: {directory} is not a directory", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = export(directory)
    except OSError as exc:
        print(
            f"ocpi-conformance: error: cannot write to {directory}: {exc.strerror}", file=sys.stderr
        )
        return EXIT_USAGE
    print(f"wrote {len(written)} schema files to {directory}")
    return EXIT_OK


def _schemas_check() -> int:
    from .schema_export import stale_files

    stale = stale_files()
    for relative in stale:
        print(f"stale: {relative}")
    if stale:
        print(
            "run: ocpi-conformance schemas export ocpi_conformance/schemas/2.2.1", file=sys.stderr
        )
        return 1
    print("schemas are current")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "schemas":
        if args.schemas_command == "export":
            return _schemas_export(args.directory)
        return _schemas_check()
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands first


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
