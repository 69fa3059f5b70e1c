"""Configuration from environment variables: defaults, parsing, and clear errors."""

from __future__ import annotations

import httpx
import pytest

from bot.child_env import child_environment
from bot.config import TELEGRAM_BASE_URL, ConfigError, load_settings
from bot.rasa_client import RasaClient, RasaUnavailable, url_for_logs
from bot.rasa_server import rasa_environment
from testkit.bot_cli import run_bot


def test_defaults_without_any_variable():
    settings = load_settings({})
    assert settings.telegram_bot_token is None and settings.telegram_base_url == TELEGRAM_BASE_URL
    assert settings.admin_ids == frozenset() and settings.webhook_url is None and settings.webhook_port == 8443
    assert settings.database_url == f"sqlite:///{settings.data_dir / 'bot.db'}"
    assert settings.default_region == "cn" and settings.rasa_url is None
    assert settings.send_rate == 30 and settings.webhook_secret is None


def test_the_web_console_is_off_for_run_until_a_port_is_set_and_links_point_at_it():
    settings = load_settings({})
    assert settings.console_port is None and settings.console_listen == "127.0.0.1"
    assert settings.console_url == "http://127.0.0.1:8088"
    settings = load_settings({"CONSOLE_PORT": "9000", "CONSOLE_LISTEN": "0.0.0.0"})
    assert (settings.console_port, settings.console_listen, settings.console_url) == (9000, "0.0.0.0", "http://127.0.0.1:9000")
    settings = load_settings({"CONSOLE_PORT": "9000", "CONSOLE_URL": "https://trainers.example.org/"})
    assert settings.console_url == "https://trainers.example.org"
    with pytest.raises(ConfigError, match="CONSOLE_PORT: 'x' is not a port number"):
        load_settings({"CONSOLE_PORT": "x"})
    with pytest.raises(ConfigError, match="CONSOLE_URL: 'trainers.example.org' is not an http"):
        load_settings({"CONSOLE_URL": "trainers.example.org"})


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
        ({"CONVERSATION_RETENTION_DAYS": "0"}, "CONVERSATION_RETENTION_DAYS: '0' is not a number of days"),
        ({"CONVERSATION_RETENTION_DAYS": "a month"}, "CONVERSATION_RETENTION_DAYS: 'a month' is not a number"),
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


def test_a_rasa_process_gets_none_of_the_bots_secrets(monkeypatch):
    """Issue 15, attack 11: the Rasa child inherited TELEGRAM_BOT_TOKEN, DATABASE_URL and WEBHOOK_SECRET."""
    secrets = {"TELEGRAM_BOT_TOKEN": "123:SECRET", "DATABASE_URL": "postgresql://bot:pw@db/bot",
               "WEBHOOK_SECRET": "hook", "RASA_TOKEN": "tok", "AWS_SECRET_ACCESS_KEY": "x"}  # fmt: skip
    for name, value in {**secrets, "PATH": "/usr/bin", "LC_ALL": "C.UTF-8", "TF_NUM_THREADS": "1"}.items():
        monkeypatch.setenv(name, value)
    env = rasa_environment(load_settings({"CONVERSATION_RETENTION_DAYS": "9"}))
    assert not set(secrets) & set(env)
    assert (env["PATH"], env["LC_ALL"], env["TF_NUM_THREADS"]) == ("/usr/bin", "C.UTF-8", "1")
    assert env["CONVERSATION_RETENTION_DAYS"] == "9"
    # The content check's process likewise (bot/content/isolated_check.py).
    monkeypatch.setenv("CONTENT_CHECK_CPU_SECONDS", "5")
    check_env = child_environment("CONTENT_CHECK_CPU_SECONDS")
    assert not set(secrets) & set(check_env) and check_env["CONTENT_CHECK_CPU_SECONDS"] == "5"


async def test_errors_about_rasa_carry_no_credentials():
    """Issue 15, attack 11: errors quoted RASA_URL, and httpx's error the request URL with its ?token=."""
    client = RasaClient("http://admin:hunter2@127.0.0.1:9", token="t0ken-value")
    # The server answers 401: httpx's HTTPStatusError names the full URL, token included.
    refuse = httpx.MockTransport(lambda request: httpx.Response(401, request=request))
    client._http = httpx.AsyncClient(transport=refuse, base_url=client.base_url, params={"token": "t0ken-value"})
    with pytest.raises(RasaUnavailable) as failure:
        await client.parse("hello")
    await client.aclose()
    said = str(failure.value)
    assert "Rasa server at http://127.0.0.1:9 failed on /model/parse: HTTPStatusError: Client error '401" in said
    assert "hunter2" not in said and "t0ken-value" not in said and "admin" not in said
    assert failure.value.__cause__ is None and failure.value.__suppress_context__
    assert url_for_logs("https://u:p@rasa.internal:5005/x?token=abc") == "https://rasa.internal:5005/x"
