"""Settings: every one documented in the README, read from the environment, validated."""

from __future__ import annotations

import pytest

from chatbot.config import PROJECT_ROOT, Settings, setting_docs
from chatbot.errors import ConfigError


def test_every_setting_is_documented_in_the_readme():
    readme = (PROJECT_ROOT / "README.md").read_text()
    for variable, _default, help_text in setting_docs():
        assert f"`{variable}`" in readme, variable
        assert help_text


def test_settings_come_from_the_environment():
    settings = Settings.from_env(env={"CHATBOT_TOP_K": "5", "CHATBOT_AUTO_BUILD": "no",
                                      "CHATBOT_ALLOWED_ORIGINS": "https://a.example"})
    assert settings.top_k == 5 and settings.auto_build is False and settings.allowed_origins == "https://a.example"


@pytest.mark.parametrize("env", [
    {"CHATBOT_TOP_K": "lots"}, {"CHATBOT_AUTO_BUILD": "maybe"}, {"CHATBOT_RETRIEVAL": "magic"},
    {"CHATBOT_NOTICE": "Trust us."}, {"CHATBOT_TOP_K": "0"},
])
def test_bad_values_are_refused_with_the_variable_named(env):
    with pytest.raises(ConfigError):
        Settings.from_env(env=env)


def test_threshold_falls_back_to_the_calibration_file(tmp_path):
    (tmp_path / "calibration.json").write_text('{"threshold": 0.42}')
    assert Settings.from_env(env={}, corpus_dir=tmp_path).effective_threshold() == 0.42
    assert Settings.from_env(env={"CHATBOT_THRESHOLD": "0.5"}, corpus_dir=tmp_path).effective_threshold() == 0.5


def test_unsupported_threshold_falls_back_to_calibration_and_never_undercuts_the_plain_one(tmp_path):
    (tmp_path / "calibration.json").write_text('{"threshold": 0.4, "unsupported_threshold": 0.7}')
    assert Settings.from_env(env={}, corpus_dir=tmp_path).effective_unsupported_threshold() == 0.7
    (tmp_path / "calibration.json").write_text('{"threshold": 0.4}')  # older file: the plain threshold
    assert Settings.from_env(env={}, corpus_dir=tmp_path).effective_unsupported_threshold() == 0.4
    settings = Settings.from_env(env={"CHATBOT_UNSUPPORTED_THRESHOLD": "0.2"}, corpus_dir=tmp_path)
    assert settings.effective_unsupported_threshold() == 0.4
