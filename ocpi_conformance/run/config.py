"""The run configuration: one validated object, read alike from flags, OCPI_* env vars and TOML.

Precedence: command line, then environment, then the TOML file, then defaults. Every problem is
a `ConfigError` with one line a user can act on; the CLI turns it into exit code 2.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from ocpi_conformance.run import rerun
from ocpi_conformance.spec.roles import ROLE_VERSIONS, TESTED_ROLES, role_in
from ocpi_conformance.spec.v2_2_1.modules import MODULES
from ocpi_conformance.spec.version import KNOWN

ENV_PREFIX = "OCPI_"
LISTEN_SECONDS = {"quick": 1.0, "ci": 2.0, "certification": 15.0}
HUB_WAIT = 30.0  # --hub-wait by default: seconds a hub case waits on the hub


class ConfigError(Exception):
    """A configuration the run cannot start with (exit code 2)."""


class RunConfig(BaseModel):
    """Everything one run needs to know; tokens are secrets and never printed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    versions_url: str | None = None
    role: str | None = None  # one of spec.roles.TESTED_ROLES
    # The OCPI version to test (a known one, or "all": every one the target offers, one after
    # the other); None: the highest both the harness and the target support.
    ocpi_version: str | None = None
    token_a: SecretStr | None = None  # the first token A given (a hub run: the first seat's)
    token_c: SecretStr | None = None
    token_a_file: Path | None = None  # tokens from a file stay out of `ps` and shell history
    # Every token A given, in order (--token-a-file several times, a TOML list, or paths joined
    # by os.pathsep in OCPI_TOKEN_A_FILE): one per seat of a hub run (run/seats.py).
    tokens_a: tuple[SecretStr, ...] = ()
    # A hub run's seats, one per token A, in order: ROLE or ROLE:CC/PID (e.g. "emsp:NL/EM1");
    # default: CPO, EMSP, EMSP, OTHER (then EMSP), party ids from --party-country/--party-id.
    seat: tuple[str, ...] = ()
    # How long a hub case may wait (s): a seat holds its answer this long for the hub's forward
    # timeout (4002), and a silent seat waits this long for the hub to call it OFFLINE; None:
    # HUB_WAIT (the demo: what its hub sandbox needs).
    hub_wait: float | None = Field(default=None, gt=0, le=3600)
    token_c_file: Path | None = None
    # The token A the harness's peer accepts: the target starts the registration with it
    # (docs/trigger.md), instead of the harness registering with the target's token A.
    peer_token_a: SecretStr | None = None
    peer_token_a_file: Path | None = None
    output: Path | None = None
    profile: Literal["quick", "ci", "certification"] = "ci"
    modules: tuple[str, ...] | None = None  # None: every module with a suite
    case: tuple[str, ...] = ()  # run only these case ids
    skip_case: tuple[str, ...] = ()  # never run these
    read_only: bool = False
    peer_host: str = "127.0.0.1"
    peer_port: int = Field(default=0, ge=0, le=65535)
    peer_url: str | None = None
    party_country: str = Field(default="ZZ", pattern=r"^[A-Za-z]{2}$")
    party_id: str = Field(default="OCC", pattern=r"^[A-Za-z0-9]{3}$")
    seed: int | None = None
    timeout: float = Field(default=15.0, gt=0, le=600)
    fail_on: Literal["mandatory", "recommended"] = "mandatory"
    report: bool = False
    verbose: bool = False  # pytest's own report (tracebacks) besides the harness's
    known_deviations: Path | None = None
    max_duration: float | None = Field(default=None, gt=0)  # the whole run's budget, seconds
    allow_host: tuple[str, ...] = ()  # hosts besides the versions URL's origin that get requests
    # Where commands act (LOCATION/EVSE_UID/CONNECTOR): the user's choice of a test charger.
    command_target: str | None = None
    result_wait: float | None = Field(default=None, gt=0)  # longest wait for an async result
    # How long after registration (or after --trigger) the harness listens for the target's own
    # requests (its pushes); None: the profile's default (LISTEN_SECONDS).
    listen: float | None = Field(default=None, ge=0, le=3600)
    trigger: str | None = None  # a shell command that makes the target push (docs/trigger.md)
    # A run's output folder: run only the cases that failed there (rerun.py says what else).
    rerun_failed: Path | None = None

    @field_validator("ocpi_version")
    @classmethod
    def _known_version(cls, value: str | None) -> str | None:
        if value is not None and value != "all" and value not in KNOWN:
            raise ValueError(
                f"{value!r} is no OCPI version the harness tests; known: {', '.join(KNOWN)} "
                "(or all)"
            )
        return value

    @field_validator("role")
    @classmethod
    def _tested_role(cls, value: str | None) -> str | None:
        if value is not None and value not in TESTED_ROLES:
            raise ValueError(f"{value!r} is no role the harness tests: {', '.join(TESTED_ROLES)}")
        return value

    @field_validator("allow_host", mode="before")
    @classmethod
    def _hosts(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [h.strip() for h in value.split(",") if h.strip()]
        return tuple(value or ())

    @field_validator("command_target")
    @classmethod
    def _place(cls, value: str | None) -> str | None:
        parts = value.split("/") if value is not None else []
        if value is not None and (len(parts) != 3 or not all(p.strip() for p in parts)):
            raise ValueError("give LOCATION_ID/EVSE_UID/CONNECTOR_ID, e.g. LOC1/EVSE1/1")
        return value

    def place(self) -> dict[str, str] | None:
        """The --command-target as the fields of a command body."""
        if self.command_target is None:
            return None
        location_id, evse_uid, connector_id = self.command_target.split("/")
        return {"location_id": location_id, "evse_uid": evse_uid, "connector_id": connector_id}

    @model_validator(mode="before")
    @classmethod
    def _tokens_from_files(cls, values: Any) -> Any:
        if not isinstance(values, dict):
            return values
        values = _every_token_a(values)
        for name in ("token_c", "peer_token_a"):
            path = values.get(f"{name}_file")
            if path is None:
                continue
            if values.get(name) is not None:
                raise ValueError(f"give --{name.replace('_', '-')} or its file, not both")
            try:
                token = Path(path).read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                raise ValueError(f"cannot read {name} from {path}: {exc}") from None
            if not token:
                raise ValueError(f"the {name} file {path} is empty")
            values = {**values, name: token}
        return values

    @field_validator("versions_url", "peer_url")
    @classmethod
    def _absolute_http_url(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an absolute http:// or https:// URL")
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - raises for a port outside 0-65535
        except ValueError as exc:
            raise ValueError(f"{value}: {exc}") from None
        if not parts.hostname:
            raise ValueError(f"{value}: no host")
        return value

    @field_validator("seat", mode="before")
    @classmethod
    def _seats_listed(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [s.strip() for s in value.split(",") if s.strip()]
        return tuple(value or ())

    @field_validator("modules", "case", "skip_case", mode="before")
    @classmethod
    def _listed(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [m.strip() for m in value.split(",") if m.strip()]
        return tuple(value) if value is not None else None

    @field_validator("modules")
    @classmethod
    def _known_modules(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is None:
            return None
        from ocpi_conformance.verdicts.catalog import catalogue

        tested = sorted({case.module for case in catalogue().values()})
        untested = sorted(m for m in value if m in MODULES and m not in tested)
        if untested:
            raise ValueError(f"no suite yet for module(s) {', '.join(untested)}")
        unknown = [m for m in value if m not in tested]
        if unknown:
            raise ValueError(f"unknown module(s) {', '.join(unknown)}; known: {', '.join(tested)}")
        return value

    @field_validator("case", "skip_case")
    @classmethod
    def _known_cases(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            return value
        from ocpi_conformance.verdicts.catalog import catalogue

        unknown = [c for c in value if c.upper() not in catalogue()]
        if unknown:
            raise ValueError(
                f"unknown case id(s) {', '.join(unknown)} (see ocpi-conformance cases)"
            )
        return tuple(c.upper() for c in value)

    @field_validator("trigger")
    @classmethod
    def _command(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("the trigger is an empty command")
        return value

    def hub_wait_seconds(self) -> float:
        return self.hub_wait if self.hub_wait is not None else HUB_WAIT

    def listen_seconds(self) -> float:
        return self.listen if self.listen is not None else LISTEN_SECONDS[self.profile]

    def selects(self, module: str) -> bool:
        """Whether the run tests `module` (--modules; every module by default)."""
        return self.modules is None or module in self.modules

    def runs(self, case_id: str, module: str) -> bool:
        """Whether the run includes a case (--modules, --case, --skip-case)."""
        chosen = not self.case or case_id in self.case
        return self.selects(module) and chosen and case_id not in self.skip_case

    @property
    def has_target(self) -> bool:
        return self.versions_url is not None

    @property
    def needs_peer(self) -> bool:
        """The run serves an OCPI peer of its own: the target calls it back during a
        registration (ours with token A, or the one the target starts)."""
        return not self.read_only and (self.token_a is not None or self.peer_token_a is not None)

    @property
    def target_registers(self) -> bool:
        """The target starts the registration, with the token A our peer accepts."""
        return self.peer_token_a is not None

    def secret(self, name: Literal["token_a", "token_c", "peer_token_a"]) -> str | None:
        value = getattr(self, name)
        return value.get_secret_value() if value is not None else None

    def every_token_a(self) -> list[str]:
        """Every token A of the run, in order (one per seat of a hub run); `token_a` alone
        when a copy of the config replaced it (the demo)."""
        found = [t.get_secret_value() for t in self.tokens_a]
        first = self.secret("token_a")
        if first is None:
            return []
        return found if found and found[0] == first else [first]

    def output_dir(self) -> Path:
        if self.output is not None:
            return self.output
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        return Path("reports") / stamp

    def check_target(self) -> None:
        """A target needs a role and one token (ARCHITECTURE: at least one of token A / C);
        settings that only mean something for a target need one; the cases picked must be
        cases the role's run has."""
        if not self.has_target:
            given = [f"--{name.replace('_', '-')}" for name in TARGET_SETTINGS
                     if getattr(self, name) not in (None, False, ())]  # fmt: skip
            if given:
                raise ConfigError(
                    f"no --versions-url (env OCPI_VERSIONS_URL) although {', '.join(given)} "
                    "name a target; without one, `run` tests the built-in sandbox"
                )
            return
        if self.role is None:
            raise ConfigError(f"--role {'|'.join(TESTED_ROLES)} is required with --versions-url")
        if self.ocpi_version not in (None, "all") and not role_in(self.role, self.ocpi_version):
            raise ConfigError(
                f"--role {self.role} with --ocpi-version {self.ocpi_version}: that version's text "
                f"has no {self.role.upper()} role (it is in {', '.join(ROLE_VERSIONS[self.role])})"
            )
        if self.role == HUB:
            self._check_hub()
        elif len(self.tokens_a) > 1 or self.seat:
            raise ConfigError(
                f"--role {self.role} registers one party: give one --token-a (several token As "
                "and --seat are for --role hub, one seat each)"
            )
        if self.token_a is not None and self.token_c is not None:
            raise ConfigError(
                "give --token-a (the harness registers) or --token-c (an existing "
                "registration), not both: one run uses one registration"
            )
        if self.read_only and self.token_c is None:
            raise ConfigError(
                "--read-only sends GET only, so it performs no registration: give --token-c "
                "(the token of an existing registration), not --token-a"
            )
        if self.target_registers and (self.token_a is not None or self.token_c is not None):
            raise ConfigError(
                "give --peer-token-a-file (the target registers with the harness) or "
                "--token-a / --token-c (the harness uses the target's), not both"
            )
        if self.target_registers and self.read_only:
            raise ConfigError(
                "--peer-token-a-file: our peer takes a registration, not with --read-only"
            )
        if self.token_a is None and self.token_c is None and not self.target_registers:
            raise ConfigError("give --token-a (to register) or --token-c (already registered)")
        self._check_selection()

    def _check_hub(self) -> None:
        """A hub run: its seats (one per token A, or the one of a token C) are planned before
        anything starts; no seat, a seat list that does not match the tokens, or two seats of
        one party are refused here (exit 2)."""
        from ocpi_conformance.run.seats import SeatError, plan

        if self.target_registers:
            raise ConfigError(
                "--role hub: the harness registers its own seats with the hub (--token-a-file "
                "once per seat), not the other way round (--peer-token-a-file)"
            )
        if not self.tokens_a and self.token_c is None:
            raise ConfigError(
                "--role hub needs at least one seat: give --token-a-file once per party the "
                "harness registers with the hub (or --token-c of one existing registration)"
            )
        try:
            plan(self)
        except SeatError as exc:
            raise ConfigError(str(exc)) from None

    def _check_rerun(self) -> None:
        """--rerun-failed: some failed case of that run is selected for this role, --modules
        and --skip-case (an empty rerun is never a run of everything, nor a green run)."""
        from ocpi_conformance.verdicts.catalog import catalogue

        known = catalogue()
        roles = {"ANY", (self.role or "").upper()} if self.role else {"ANY", "CPO", "EMSP"}
        runs = [
            case_id
            for case_id in self.case
            if known[case_id].role in roles and self.runs(case_id, known[case_id].module)
        ]
        if not runs:
            raise ConfigError(
                f"--rerun-failed {self.rerun_failed}: --role, --modules and --skip-case leave "
                f"none of its failed cases ({', '.join(self.case)}): nothing to rerun"
            )

    def _check_selection(self) -> None:
        """--case ids the role's run has, and a selection that leaves something to run (a
        rerun's own selection of the failed cases: `_check_rerun`)."""
        if self.rerun_failed is not None:
            self._check_rerun()
            return
        from ocpi_conformance.verdicts.catalog import catalogue

        role = (self.role or "").upper()
        cases = catalogue()
        foreign = [c for c in self.case if cases[c].role not in ("ANY", role)]
        if foreign:
            raise ConfigError(
                f"case(s) {', '.join(foreign)} test a target of another role than {role} "
                f"(--role {self.role}): see ocpi-conformance cases --role {self.role}"
            )
        outside = [c for c in self.case if not self.selects(cases[c].module)]
        if outside:
            raise ConfigError(
                f"case(s) {', '.join(outside)} belong to modules --modules does not select"
            )
        if not any(
            self.runs(case.id, case.module) for case in cases.values() if case.role in ("ANY", role)
        ):
            raise ConfigError(
                "the selection (--modules, --case, --skip-case) leaves no case to run"
            )


HUB = "hub"  # the role whose run holds several seats (run/seats.py)


def _every_token_a(values: dict[str, Any]) -> dict[str, Any]:
    """`token_a` and `token_a_file` as given (one, a list, or an env value of paths joined by
    os.pathsep) into `tokens_a`, every token A in order, and `token_a`, the first."""
    given, files = values.get("token_a"), values.get("token_a_file")
    if values.get("tokens_a"):
        raise ValueError("give token A as token_a or token_a_file (tokens_a is derived)")
    if given is not None and files is not None:
        raise ValueError("give --token-a or its file, not both")
    tokens: list[str] = []
    if given is not None:
        tokens = [str(t) for t in (given if isinstance(given, list | tuple) else [given])]
    if files is not None:
        if isinstance(files, str):
            files = [f for f in files.split(os.pathsep) if f.strip()]
        for path in files if isinstance(files, list | tuple) else [files]:
            try:
                token = Path(path).read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                raise ValueError(f"cannot read token_a from {path}: {exc}") from None
            if not token:
                raise ValueError(f"the token_a file {path} is empty")
            tokens.append(token)
    if given is None and files is None:
        return values
    if not tokens:
        raise ValueError("no token A given (an empty list)")
    duplicated = len(set(tokens)) < len(tokens)
    if duplicated:
        raise ValueError("the same token A is given twice: each seat registers with its own")
    first_file = files[0] if isinstance(files, list | tuple) and files else files
    return {
        **values,
        "token_a": tokens[0],
        "token_a_file": Path(first_file) if first_file is not None else None,
        "tokens_a": tuple(tokens),
    }


# Settings that only mean something against a target: given without --versions-url, the user
# meant a target (a CI variable went missing), not the demo.
TARGET_SETTINGS = (
    "role",
    "token_a",
    "token_c",
    "peer_token_a",
    "seat",
    "read_only",
    "command_target",
    "allow_host",
    "trigger",
)

FIELDS = tuple(RunConfig.model_fields)


def from_env(environ: Mapping[str, str]) -> dict[str, str]:
    return {
        name: environ[ENV_PREFIX + name.upper()]
        for name in FIELDS
        if ENV_PREFIX + name.upper() in environ
    }


def from_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    table = data.get("ocpi-conformance", data)
    unknown = sorted(set(table) - set(FIELDS))
    if unknown:
        raise ConfigError(f"config file {path}: unknown key(s) {', '.join(unknown)}")
    return dict(table)


def load(
    flags: Mapping[str, Any],
    environ: Mapping[str, str] | None = None,
    toml_path: Path | None = None,
) -> RunConfig:
    """Merge the sources (flags win) and validate; raises ConfigError with one line."""
    environ = os.environ if environ is None else environ
    toml_path = toml_path or (Path(environ["OCPI_CONFIG"]) if "OCPI_CONFIG" in environ else None)
    merged: dict[str, Any] = {}
    if toml_path is not None:
        merged.update(from_toml(toml_path))
    merged.update(from_env(environ))
    merged.update({k: v for k, v in flags.items() if v is not None})
    try:
        merged = rerun.apply(merged)
    except rerun.NothingToRerun as exc:
        raise ConfigError(str(exc)) from None
    try:
        config = RunConfig(**merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "config"
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{where}: {message}") from None
    config.check_target()
    return config
