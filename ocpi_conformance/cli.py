"""The `ocpi-conformance` command line.

Exit codes are a contract: 0 every applicable mandatory case passed, 1 a case failed, 2 usage or
configuration error, 3 the target could not be reached or discovered. Usage errors are one line
on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ocpi_conformance import __version__
from ocpi_conformance.exit_codes import EXIT_OK, EXIT_USAGE
from ocpi_conformance.spec.roles import TESTED_ROLES
from ocpi_conformance.spec.version import DEFAULT as DEFAULT_SPEC_VERSION
from ocpi_conformance.spec.version import KNOWN as TESTED_VERSIONS
from ocpi_conformance.spec.version import SPEC as SPEC_VERSIONS

if TYPE_CHECKING:
    from ocpi_conformance.run.config import RunConfig


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

    run = commands.add_parser(
        "run",
        help="run the conformance suites against a target",
        description="Run the conformance suites against the OCPI 2.2.1 backend at --versions-url "
        "(its role: --role). With no target, test the built-in sandbox as a CPO and as an eMSP, "
        "to show what a run looks like.",
        epilog="modules: versions, credentials, transport, locations, sessions, cdrs, tariffs, "
        "tokens, commands (ocpi-conformance cases lists every case). Exit codes: 0 every "
        "applicable case at or above --fail-on passed, 1 one failed, 2 usage or configuration "
        "error, 3 the target could not be reached or discovered. Every flag also reads "
        "OCPI_<FLAG> from the environment and <flag> from --config TOML. Prefer "
        "--token-a-file / OCPI_TOKEN_A to --token-a: a command line is visible to every user.",
    )
    _add_run_flags(run)

    report = commands.add_parser(
        "report",
        help="build the HTML report: DIR/report/index.html (verdict, matrix, failures) and "
        "allure.html (every case, Allure 3)",
    )
    report.add_argument("directory", type=Path, help="a run's output folder (holds allure-results)")
    report.add_argument("--open", action="store_true", help="open the report in a web browser")

    sandbox = commands.add_parser(
        "sandbox", help="serve the built-in conformant OCPI party on loopback until interrupted"
    )
    sandbox.add_argument(
        "--role", choices=TESTED_ROLES, default="cpo", help="the role the sandbox plays (cpo)"
    )
    sandbox.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    sandbox.add_argument("--port", type=int, default=0, help="port (0: a free one)")
    sandbox.add_argument("--token-a", default=None, help="registration token (default: random)")
    sandbox.add_argument(
        "--fault", action="append", default=[], help="deviate on purpose (repeatable, or a,b,c)"
    )
    sandbox.add_argument("--list-faults", action="store_true", help="list the faults and exit")
    sandbox.add_argument(
        "--choice",
        action="append",
        default=[],
        help="a conformant choice the defaults do not make (repeatable, or a,b,c)",
    )
    sandbox.add_argument("--list-choices", action="store_true", help="list the choices and exit")

    cases = commands.add_parser("cases", help="list the conformance cases (the catalogue)")
    cases.add_argument("--role", choices=TESTED_ROLES, help="only cases for a target of this role")
    cases.add_argument("--module", help="only cases of this module (e.g. locations, transport)")
    cases.add_argument(
        "--version",
        dest="ocpi_version",
        choices=SPEC_VERSIONS,
        help="only cases whose rule this OCPI version's text has",
    )
    cases.add_argument("--format", choices=["table", "json", "markdown"], default="table")

    schemas = commands.add_parser("schemas", help="JSON Schemas generated from the spec models")
    schemas_commands = schemas.add_subparsers(dest="schemas_command", required=True)
    export = schemas_commands.add_parser(
        "export",
        help="write one JSON Schema (Draft 2020-12) file per spec object, PATCH and response",
    )
    export.add_argument("directory", type=Path, help="folder to write the schema files into")
    export.add_argument(
        "--ocpi-version",
        choices=SPEC_VERSIONS,
        default=DEFAULT_SPEC_VERSION,
        help=f"the OCPI version whose schemas to write ({DEFAULT_SPEC_VERSION})",
    )
    schemas_commands.add_parser(
        "check",
        help="exit 1 when the schemas shipped in the package differ from a fresh export"
        " (every OCPI version)",
    )
    _add_diff_command(commands)
    _add_passive_commands(commands)
    return parser


def _add_passive_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`judge` and `proxy`: the passive judge (docs/passive.md), which sends nothing."""
    judge = commands.add_parser(
        "judge",
        help="judge recorded traffic (HAR, exchanges.jsonl, EV Panda records) without sending "
        "a byte",
        description="Judge captured OCPI traffic with the harness's checks: the parties, version "
        "and tokens are learned from the capture's versions, details and credentials exchanges "
        "(or --party). Every rule is passed, failed (each breaking exchange, attributed to the "
        "party that erred) or not observed, never passed for want of traffic.",
        epilog="Exit codes: 0 every rule the capture exercised at or above --fail-on passed, 1 "
        "one failed or nothing was observed, 2 usage error or a file that is no capture.",
    )
    judge.add_argument(
        "captures",
        nargs="+",
        type=Path,
        metavar="CAPTURE",
        help="HAR, NDJSON (exchanges.jsonl or EV Panda records) or a JSON array",
    )
    judge.add_argument("--output", type=Path, help="output folder (default reports/<timestamp>)")
    judge.add_argument(
        "--party",
        action="append",
        default=[],
        metavar="role=R,country=CC,id=PID,url=URL",
        help="a party the capture does not introduce itself (repeatable)",
    )
    judge.add_argument("--ocpi-version", choices=SPEC_VERSIONS,
                       help="the version spoken (default: learned from the capture, else "
                       f"{DEFAULT_SPEC_VERSION})")  # fmt: skip
    judge.add_argument("--fail-on", choices=["mandatory", "recommended"], default="mandatory")
    judge.add_argument("--known-deviations", type=Path, help="TOML file of accepted failures")
    judge.add_argument(
        "--judge-party",
        metavar="KEY|ROLE",
        help="judge one party only (NL/CPO, or a role only one party has)",
    )
    judge.add_argument(
        "--workers",
        type=int,
        help="processes to judge with (default: every core for large captures)",
    )

    proxy = commands.add_parser(
        "proxy",
        help="a reverse proxy between two partners that records and judges their traffic",
        description="Forward every request unchanged to --upstream (never one of its own), "
        "record exchanges.jsonl (redacted), judge as it goes and write the outputs on exit or "
        "SIGTERM. Give --listen/--upstream twice to stand in front of both partners.",
    )
    proxy.add_argument("--listen", action="append", required=True, metavar="HOST:PORT")
    proxy.add_argument("--upstream", action="append", required=True, metavar="URL")
    proxy.add_argument("--output", type=Path, help="output folder (default reports/<timestamp>)")
    proxy.add_argument("--ocpi-version", choices=SPEC_VERSIONS)
    proxy.add_argument("--fail-on", choices=["mandatory", "recommended"], default="mandatory")
    proxy.add_argument("--known-deviations", type=Path, help="TOML file of accepted failures")
    proxy.add_argument("--party", action="append", default=[], metavar="role=R,...")
    proxy.add_argument("--timeout", type=float, default=30.0,
                       help="seconds one forwarded exchange may take in all (30)")  # fmt: skip
    proxy.add_argument("--max-duration", type=float, help="stop after this many seconds")


def _judge(args: argparse.Namespace) -> int:
    from ocpi_conformance.passive.command import JudgeSettings, run

    return run(
        JudgeSettings(
            captures=list(args.captures),
            output=args.output,
            parties=list(args.party),
            ocpi_version=args.ocpi_version,
            fail_on=args.fail_on,
            known_deviations=args.known_deviations,
            judge_party=args.judge_party,
            workers=args.workers,
        )
    )


def _proxy(args: argparse.Namespace) -> int:
    from ocpi_conformance.passive.proxy import ProxySettings, serve_command

    return serve_command(
        ProxySettings(
            listen=list(args.listen),
            upstream=list(args.upstream),
            output=args.output,
            ocpi_version=args.ocpi_version,
            fail_on=args.fail_on,
            known_deviations=args.known_deviations,
            parties=list(args.party),
            timeout=args.timeout,
            max_duration=args.max_duration,
        )
    )


def _add_diff_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = commands.add_parser(
        "diff",
        help="compare two runs' results.json: new failures, fixed, changed levels and outcomes",
        description="Compare the results.json of two runs (a run's folder means its "
        "results.json): new failures, fixed cases, changed levels, other changed outcomes, "
        "cases added and removed.",
        epilog="Exit codes: 0 nothing got worse, 1 a case newly fails at or above --fail-on "
        "(a case added since that fails counts), 2 a file is missing or not a results.json.",
    )
    diff.add_argument("old", type=Path, help="the earlier run: DIR or DIR/results.json")
    diff.add_argument("new", type=Path, help="the later run: DIR or DIR/results.json")
    diff.add_argument(
        "--fail-on",
        choices=["mandatory", "recommended"],
        default="mandatory",
        help="lowest level at which a new failure makes the diff exit 1 (mandatory)",
    )
    diff.add_argument("--format", choices=["text", "json"], default="text")


def _diff(args: argparse.Namespace) -> int:
    import json

    from ocpi_conformance.exit_codes import EXIT_FAILED
    from ocpi_conformance.outputs import diff
    from ocpi_conformance.outputs.results import ResultsError, read

    try:
        old, new = read(args.old), read(args.new)
    except ResultsError as exc:
        print(f"ocpi-conformance: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    found = diff.compare(old, new, args.fail_on)
    if args.format == "json":
        print(json.dumps(diff.to_json(found), indent=2, ensure_ascii=False))
    else:
        print("\n".join(diff.lines(found)))
    return EXIT_FAILED if found.worse else EXIT_OK


def _add_run_flags(parser: argparse.ArgumentParser) -> None:
    add = parser.add_argument
    add("--versions-url", help="the target's OCPI versions URL (env OCPI_VERSIONS_URL)")
    add("--role", choices=TESTED_ROLES, help="the target's role")
    add(
        "--ocpi-version",
        help=f"the OCPI version to test ({', '.join(TESTED_VERSIONS)}, or all: every one the "
        "target offers, one after the other; default: the highest both sides support)",
    )
    add("--token-a", help="registration token: the harness performs the credentials handshake")
    add("--token-c", help="an already registered token, used as it is")
    add("--token-a-file", type=Path, help="read token A from this file (keeps it out of ps)")
    add("--token-c-file", type=Path, help="read token C from this file (keeps it out of ps)")
    add(
        "--peer-token-a-file",
        type=Path,
        help="the target registers with the harness instead: the token A the harness's peer "
        "accepts, read from this file (docs/trigger.md)",
    )
    add("--max-duration", type=float, help="budget for the whole run in seconds (none)")
    add(
        "--command-target",
        metavar="LOC/EVSE/CONNECTOR",
        help="where commands act: a Location id, EVSE uid and Connector id of a test charger "
        "(default: the first AVAILABLE one the CPO lists, named in the report)",
    )
    add(
        "--listen",
        type=float,
        help="seconds to listen for the target's own requests (its pushes) after registration "
        "or after --trigger (profile default: quick 1, ci 2, certification 15)",
    )
    add(
        "--trigger",
        metavar="COMMAND",
        help="a shell command that makes the target push (run once, after registration; "
        "docs/trigger.md lists its environment)",
    )
    add(
        "--result-wait",
        type=float,
        help="longest wait in seconds for an asynchronous result (default 4 x --timeout)",
    )
    add("--output", type=Path, help="output folder (default reports/<timestamp>)")
    add("--profile", choices=["quick", "ci", "certification"], help="example budgets (ci)")
    add(
        "--modules", help="comma-separated modules to test, as the matrix names them (default: all)"
    )
    add("--case", help="comma-separated case ids: run only these (ocpi-conformance cases)")
    add("--skip-case", help="comma-separated case ids never to run")
    add("--read-only", action="store_true", default=None, help="send no PUT/PATCH/POST/DELETE")
    add("--peer-host", help="address the embedded peer binds to (127.0.0.1)")
    add("--peer-port", type=int, help="port of the embedded peer (0: a free one)")
    add("--peer-url", help="public URL of the peer when the target reaches it another way")
    add("--party-country", help="country code the harness uses as a party (ZZ)")
    add("--party-id", help="party id the harness uses (OCC)")
    add("--seed", type=int, help="hypothesis seed (default: fixed per run, printed)")
    add("--timeout", type=float, help="seconds to wait for an answer (15)")
    add("--fail-on", choices=["mandatory", "recommended"], help="lowest level that fails the gate")
    add("--known-deviations", type=Path, help="TOML file of accepted failures with expiry dates")
    add("--config", type=Path, help="TOML file with any of these settings (env OCPI_CONFIG)")
    add(
        "--rerun-failed",
        type=Path,
        metavar="DIR",
        help="run only the cases that failed (or errored) in DIR/results.json; its role, target, "
        "profile and seed unless given",
    )
    add("--report", action="store_true", default=None, help="also build the HTML report (Allure 3)")
    add("-v", "--verbose", action="store_true", default=None, help="add pytest's own report")
    add(
        "--allow-host",
        action="append",
        help="a host besides the versions URL's origin that may get requests (repeatable)",
    )


def _run(args: argparse.Namespace) -> int:
    from ocpi_conformance.run.config import FIELDS, ConfigError, load

    flags = {name: getattr(args, name, None) for name in FIELDS}
    try:
        config = load(flags, toml_path=args.config)
    except ConfigError as exc:
        print(f"ocpi-conformance: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    config = config.model_copy(update={"output": config.output_dir()})  # one timestamp
    _announce_rerun(config)
    problem = _output_problem(config.output_dir())
    if problem:
        print(f"ocpi-conformance: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from ocpi_conformance.runner import run_demo, run_suites

    if not config.report:
        return run_demo(config) if not config.has_target else run_suites(config)
    from ocpi_conformance.outputs.html import ReportError, find_allure

    try:
        find_allure()  # fail before the run, not after it
    except ReportError as exc:
        print(f"ocpi-conformance: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    code = run_demo(config) if not config.has_target else run_suites(config)
    output = config.output_dir()
    return _reports_after_run(run_folders(output), code)


def _announce_rerun(config: RunConfig) -> None:
    if config.rerun_failed is not None:
        print(
            f"ocpi-conformance: rerunning {len(config.case)} case(s) that failed in "
            f"{config.rerun_failed}: {', '.join(config.case)}",
            flush=True,
        )


def _output_problem(path: Path) -> str | None:
    """Why the output folder cannot be written, found before anything starts."""
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"--output {path}: {existing} is a file, not a folder"
    if not os.access(existing, os.W_OK):
        return f"--output {path}: {existing} is not writable"
    return None


def _reports_after_run(folders: list[Path], code: int) -> int:
    """`run --report`: one HTML report per folder the run wrote Allure results into (the demo
    writes cpo/ and emsp/). A report that cannot be built is exit 2 unless the run already
    failed, whose code says more."""
    from ocpi_conformance.outputs.html import ALLURE_PAGE, ReportError, build_report

    for folder in folders:
        if not (folder / "allure-results").is_dir():
            continue  # nothing was tested (exit 3): no report to build
        try:
            page = build_report(folder)
            print(f"report: {page}\ndetails: {page.with_name(ALLURE_PAGE)}", flush=True)
        except ReportError as exc:
            print(f"ocpi-conformance: error: {exc}", file=sys.stderr)
            code = code or EXIT_USAGE
    return code


def run_folders(directory: Path) -> list[Path]:
    """The run folders at or below `directory` (each holds allure-results): the folder itself,
    or those a demo or `--ocpi-version all` wrote (<version>/<role>, <version>)."""
    if (directory / "allure-results").is_dir():
        return [directory]
    found = sorted(p.parent for p in directory.glob("*/allure-results") if p.is_dir())
    return found or sorted(p.parent for p in directory.glob("*/*/allure-results") if p.is_dir())


def _report(directory: Path, open_it: bool) -> int:
    """`report DIR [--open]`: the single-file HTML report from DIR/allure-results, or one per
    run folder below DIR (a demo's <version>/<role>, --ocpi-version all's <version>)."""
    import webbrowser

    from ocpi_conformance.outputs.html import ALLURE_PAGE, ReportError, build_report

    for folder in run_folders(directory) or [directory]:
        try:
            page = build_report(folder)
        except ReportError as exc:
            print(f"ocpi-conformance: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"report: {page}\ndetails: {page.with_name(ALLURE_PAGE)}")
        if open_it:
            webbrowser.open(page.resolve().as_uri())
    return EXIT_OK


def _sandbox(args: argparse.Namespace) -> int:
    import secrets
    import time

    from ocpi_conformance.party import FAULTS
    from ocpi_conformance.party.choices import CHOICES
    from ocpi_conformance.sandbox import start

    if args.list_faults:
        for name, found in FAULTS.items():
            print(f"{name:40} {found.description}")
        return EXIT_OK
    if args.list_choices:
        for name, made in CHOICES.items():
            print(f"{name:40} {made.description}")
        return EXIT_OK
    token_a = args.token_a or secrets.token_urlsafe(24)
    try:
        state, server = start(
            args.role,
            token_a,
            host=args.host,
            port=args.port,
            faults=_listed(args.fault),
            choices=_listed(args.choice),
        )
    except (ValueError, RuntimeError) as exc:
        print(f"ocpi-conformance: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"sandbox {args.role.upper()} at {state.versions_url}", flush=True)
    if args.token_a is None:
        print(f"registration token (token A): {token_a}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        server.stop()


def _listed(given: list[str]) -> tuple[str, ...]:
    """`--fault a --fault b,c` as (a, b, c)."""
    return tuple(name.strip() for item in given for name in item.split(",") if name.strip())


def _cases(args: argparse.Namespace) -> int:
    from ocpi_conformance.verdicts.catalog import catalogue, render, select

    modules = sorted({case.module for case in catalogue().values()})
    if args.module is not None and args.module not in modules:
        print(
            f"ocpi-conformance: error: no cases for module {args.module!r}; "
            f"known: {', '.join(modules)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    sys.stdout.write(render(select(args.role, args.module, args.ocpi_version), args.format))
    return EXIT_OK


def _schemas_export(directory: Path, version: str) -> int:
    from ocpi_conformance.spec.schema_export import export

    if directory.exists() and not directory.is_dir():
        print(f"ocpi-conformance: error: {directory} is not a directory", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = export(directory, version)
    except OSError as exc:
        print(
            f"ocpi-conformance: error: cannot write to {directory}: {exc.strerror}", file=sys.stderr
        )
        return EXIT_USAGE
    print(f"wrote {len(written)} OCPI {version} schema files to {directory}")
    return EXIT_OK


def _schemas_check() -> int:
    from ocpi_conformance.spec.schema_export import stale_files

    outdated = []
    for version in SPEC_VERSIONS:
        stale = stale_files(version=version)
        for relative in stale:
            print(f"stale: {version}/{relative}")
        if stale:
            outdated.append(version)
    for version in outdated:
        print(
            f"run: ocpi-conformance schemas export ocpi_conformance/schemas/{version}"
            f" --ocpi-version {version}",
            file=sys.stderr,
        )
    if outdated:
        return 1
    print(f"schemas are current ({', '.join(SPEC_VERSIONS)})")
    return EXIT_OK


EXIT_BROKEN_PIPE = 1  # what Python itself exits with on EPIPE


def main(argv: Sequence[str] | None = None) -> int:
    """The console script. A reader that closes the pipe early (`cases | head -1`) ends the
    command quietly, as Python's docs advise for SIGPIPE: the rest of the output goes to
    /dev/null and the exit code is 1 (nothing said it all went well)."""
    try:
        code = _command(argv)
        sys.stdout.flush()  # the last buffered lines: a closed pipe shows here
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's own flush at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (a test's capture)
        pass


def _command(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "run":
        return _run(args)
    if args.command == "report":
        return _report(args.directory, args.open)
    if args.command == "sandbox":
        return _sandbox(args)
    if args.command == "cases":
        return _cases(args)
    if args.command == "diff":
        return _diff(args)
    if args.command == "judge":
        return _judge(args)
    if args.command == "proxy":
        return _proxy(args)
    if args.command == "schemas":
        if args.schemas_command == "export":
            return _schemas_export(args.directory, args.ocpi_version)
        return _schemas_check()
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands first


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
