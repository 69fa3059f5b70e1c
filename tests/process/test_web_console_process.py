"""The trainers' web console served for real: inside `python -m bot run` when CONSOLE_PORT is set (the link from
/console, over HTTP, signs the trainer in; SIGTERM stops both), and alone as `python -m bot console`."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

import httpx

from bot.storage import console_logins
from bot.storage.database import make_engine, make_sessions, upgrade_schema
from testkit import ROOT
from testkit.bot_process import RASA_DOWN, bot_environment, running_bot, stop_bot
from testkit.local_servers import free_port
from testkit.telegram_updates import command_update
from testkit.web_console import form_token, on_page

ADMIN = 4242


def sign_in(link: str) -> httpx.Client:
    """A browser that opened the link and pressed "Sign in"."""
    browser = httpx.Client(timeout=10)
    page = browser.get(link)
    assert page.status_code == 200, page.text
    answer = browser.post(link, data={"csrf": form_token(page.text)})
    assert answer.status_code == 303, answer.text
    return browser


def test_the_bot_serves_the_console_when_console_port_is_set(api, tmp_path):
    port = free_port()
    env = bot_environment(api, RASA_DOWN, tmp_path, ADMIN_IDS=str(ADMIN), CONSOLE_PORT=str(port))
    log = tmp_path / "bot.log"
    with running_bot(api, env, log) as bot:
        api.push_update(command_update(ADMIN, "en", "/console"))
        api.wait_for(lambda a: any("/login/" in m["text"] for m in a.sent(chat_id=ADMIN)), timeout=30)
        reply = next(m["text"] for m in api.sent(chat_id=ADMIN) if "/login/" in m["text"])
        # CONSOLE_URL unset: the link points at the console's own loopback address.
        link = re.search(r'<a href="([^"]+)">', reply)[1]
        assert link.startswith(f"http://127.0.0.1:{port}/login/")
        browser = sign_in(link)
        try:
            home = browser.get(f"http://127.0.0.1:{port}/")
            assert home.status_code == 200 and on_page("console_signed_in", admin=ADMIN) in home.text
            assert browser.get(link).status_code == 403  # used
        finally:
            browser.close()
        stop_bot(bot)
        assert bot.returncode == 0, log.read_text()
    assert "trainers' console on 127.0.0.1" in log.read_text()


def test_python_m_bot_console_runs_the_console_alone(tmp_path):
    port = free_port()
    database = f"sqlite:///{tmp_path / 'bot.db'}"
    engine = make_engine(database)
    upgrade_schema(engine)
    token = console_logins.create_link(make_sessions(engine), ADMIN, datetime.now(UTC))
    engine.dispose()
    env = {"PATH": "/usr/bin:/bin", "ADMIN_IDS": str(ADMIN), "CONSOLE_PORT": str(port), "DATA_DIR": str(tmp_path),
           "DATABASE_URL": database, "CONSOLE_URL": "https://console.example.org"}  # fmt: skip
    log = tmp_path / "console.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "bot", "console"], cwd=ROOT, env=env, stdout=output,
                                   stderr=output)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/login/{token}", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        assert page.status_code == 200 and on_page("console_login_button") in page.text
        # CONSOLE_URL is https: the sign-in form's cookie is Secure (a plain-HTTP client would not send it back).
        assert "Secure" in page.headers["set-cookie"]
        assert "/login/" not in log.read_text()  # no access log: the token stays out of the log
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    # uvicorn shuts down cleanly, then ends by the signal it was sent, as systemd expects of a service.
    assert process.returncode in (0, -signal.SIGTERM) and "Finished server process" in log.read_text()


def test_the_console_needs_trainers(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "bot", "console"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 2 and "ADMIN_IDS is empty" in done.stderr
