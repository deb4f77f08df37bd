"""RunConfig: one validated object from flags, OCPI_* variables and TOML, flags winning."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocpi_conformance.run.config import ConfigError, load

TARGET = {"versions_url": "http://127.0.0.1:8000/ocpi/versions", "role": "cpo", "token_a": "A-tok"}


def test_flags_win_over_env_and_env_over_toml(tmp_path: Path) -> None:
    toml = tmp_path / "run.toml"
    toml.write_text('profile = "quick"\nparty_id = "TOM"\ntimeout = 3\n', encoding="utf-8")
    env = {"OCPI_PARTY_ID": "ENV", "OCPI_TIMEOUT": "4"}
    config = load({**TARGET, "timeout": 5.0}, environ=env, toml_path=toml)
    assert (config.profile, config.party_id, config.timeout) == ("quick", "ENV", 5.0)


def test_env_alone_configures_a_target() -> None:
    env = {
        "OCPI_VERSIONS_URL": "https://cpo.example.com/ocpi/versions",
        "OCPI_ROLE": "emsp",
        "OCPI_TOKEN_C": "secret-token",
        "OCPI_MODULES": "locations, tokens",
        "OCPI_READ_ONLY": "true",
    }
    config = load({}, environ=env)
    assert config.role == "emsp" and config.modules == ("locations", "tokens")
    assert config.read_only is True
    assert config.secret("token_c") == "secret-token"


def test_tokens_never_show_in_repr() -> None:
    config = load(TARGET, environ={})
    assert "A-tok" not in repr(config) and "A-tok" not in str(config.model_dump())


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ({**TARGET, "role": "nsp"}, "role: 'nsp' is no role the harness tests"),
        ({**TARGET, "versions_url": "cpo.example.com"}, "versions_url: must be an absolute"),
        ({**TARGET, "modules": "locations,parking"}, "unknown module(s) parking"),
        ({**TARGET, "token_a": None}, "give --token-a"),
        (
            {"versions_url": TARGET["versions_url"], "token_a": "x"},
            "--role cpo|emsp|hub|ptp is required",
        ),
        ({**TARGET, "party_id": "TOOLONG"}, "party_id: String should match pattern"),
    ],
)
def test_bad_input_is_one_line(flags: dict, message: str) -> None:
    with pytest.raises(ConfigError) as error:
        load(flags, environ={})
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_bad_toml(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("profile = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load(TARGET, environ={}, toml_path=broken)
    unknown = tmp_path / "unknown.toml"
    unknown.write_text('colour = "red"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key"):
        load(TARGET, environ={}, toml_path=unknown)
    with pytest.raises(ConfigError, match="not found"):
        load(TARGET, environ={}, toml_path=tmp_path / "missing.toml")


HUB = {"versions_url": TARGET["versions_url"], "role": "hub"}


def _token_files(tmp_path: Path, count: int) -> list[Path]:
    files = []
    for n in range(count):
        path = tmp_path / f"token-a-{n}.txt"
        path.write_text(f"hub-seat-token-{n}\n", encoding="utf-8")
        files.append(path)
    return files


def test_a_hub_run_has_one_seat_per_token_a(tmp_path: Path) -> None:
    from ocpi_conformance.run.seats import plan

    files = _token_files(tmp_path, 4)
    config = load({**HUB, "token_a_file": files}, environ={})
    assert config.every_token_a() == [f"hub-seat-token-{n}" for n in range(4)]
    seats = plan(config)
    assert [s.role for s in seats] == ["CPO", "EMSP", "EMSP", "OTHER"]
    assert len({s.party for s in seats}) == 4
    assert "hub-seat-token" not in repr(config) and "hub-seat-token" not in str(config.model_dump())


def test_hub_token_files_from_toml_and_env(tmp_path: Path) -> None:
    import os

    files = _token_files(tmp_path, 2)
    toml = tmp_path / "hub.toml"
    listed = ", ".join(f'"{f}"' for f in files)
    toml.write_text(f'token_a_file = [{listed}]\nseat = ["emsp:NL/EM1", "cpo:NL/CP1"]\n', "utf-8")
    from_toml = load(HUB, environ={}, toml_path=toml)
    assert len(from_toml.every_token_a()) == 2 and from_toml.seat == ("emsp:NL/EM1", "cpo:NL/CP1")
    env = {"OCPI_TOKEN_A_FILE": os.pathsep.join(str(f) for f in files), "OCPI_SEAT": "cpo,emsp"}
    assert len(load(HUB, environ=env).every_token_a()) == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "--role hub needs at least one seat"),
        ({"seat": ["cpo:NL/AB1", "emsp:nl/ab1"]}, "two seats of one party NL/AB1"),
        ({"seat": ["cpo"]}, "--seat is given 1 time(s) for 2 seat(s)"),
        ({"seat": ["hub", "cpo"]}, "a seat plays CPO, EMSP, OTHER"),
        ({"seat": ["cpo:NL/ABCD", "emsp"]}, "the party is CC/PID"),
    ],
)
def test_hub_seats_refused_in_one_line(tmp_path: Path, extra: dict, message: str) -> None:
    tokens = {"token_a_file": _token_files(tmp_path, 2)} if extra else {}
    with pytest.raises(ConfigError) as error:
        load({**HUB, **tokens, **extra}, environ={})
    assert message in str(error.value) and "\n" not in str(error.value)


def test_several_token_as_are_for_a_hub_only(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--role cpo registers one party"):
        load({**TARGET, "token_a": None, "token_a_file": _token_files(tmp_path, 2)}, environ={})
    with pytest.raises(ConfigError, match="the same token A is given twice"):
        load({**HUB, "token_a": ["same-token", "same-token"]}, environ={})


def test_a_hub_run_with_a_token_c_is_one_named_seat() -> None:
    from ocpi_conformance.run.seats import plan

    with pytest.raises(ConfigError, match="--seat ROLE:CC/PID"):
        load({**HUB, "token_c": "given-c"}, environ={})
    config = load({**HUB, "token_c": "given-c", "seat": "emsp:NL/XY1"}, environ={})
    assert [s.label for s in plan(config)] == ["seat 1 (EMSP NL/XY1)"]
