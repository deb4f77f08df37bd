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
            "--role cpo|emsp|ptp is required",
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
