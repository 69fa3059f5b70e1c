"""Configuration from environment variables: defaults, parsing, and clear errors."""

from __future__ import annotations

import pytest

from bot.config import TELEGRAM_BASE_URL, ConfigError, load_settings
from testkit.bot_cli import run_bot


def test_defaults_without_any_variable():
    settings = load_settings({})
    assert settings.telegram_bot_token is None and settings.telegram_base_url == TELEGRAM_BASE_URL
    assert settings.admin_ids == frozenset() and settings.webhook_url is None and settings.webhook_port == 8443
    assert settings.database_url == f"sqlite:///{settings.data_dir / 'bot.db'}"
    assert settings.default_region == "cn" and settings.rasa_url is None
    assert settings.send_rate == 30 and settings.webhook_secret is None


def test_send_rate_and_webhook_secret_for_replicas_and_benchmarks():
    settings = load_settings({"TELEGRAM_SEND_RATE": "0", "WEBHOOK_SECRET": "shared-by_replicas1"})
    assert settings.send_rate == 0 and settings.webhook_secret == "shared-by_replicas1"


def test_admin_ids_are_comma_separated_telegram_ids():
    settings = load_settings({"ADMIN_IDS": " 123, 456,,789 ", "TELEGRAM_BASE_URL": "http://127.0.0.1:1/bot"})
    assert settings.admin_ids == {123, 456, 789}
    assert settings.telegram_base_url == "http://127.0.0.1:1/bot"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ADMIN_IDS": "123,@trainer"}, "ADMIN_IDS: '@trainer' is not a Telegram user id"),
        ({"WEBHOOK_PORT": "http"}, "WEBHOOK_PORT: 'http' is not a port number"),
        ({"WEBHOOK_PORT": "70000"}, "WEBHOOK_PORT: '70000' is not a port number"),
        ({"TELEGRAM_SEND_RATE": "fast"}, "TELEGRAM_SEND_RATE: 'fast' is not a number of messages a second"),
        ({"TELEGRAM_SEND_RATE": "-5"}, "TELEGRAM_SEND_RATE: '-5' is not a number"),
        ({"WEBHOOK_SECRET": "has spaces"}, "WEBHOOK_SECRET: use 1-256 letters, digits, _ or -"),
    ],
)
def test_a_wrong_value_names_the_variable(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_run_without_a_token_says_where_to_get_one(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path)}
    result = run_bot(["run"], env=env, timeout=60)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set (get one from @BotFather" in result.stderr


def test_a_wrong_variable_stops_the_command_with_one_line(tmp_path):
    result = run_bot(["run"], env={"PATH": "/usr/bin:/bin", "ADMIN_IDS": "me"}, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: ADMIN_IDS: 'me' is not a Telegram user id (comma-separated numbers)"
