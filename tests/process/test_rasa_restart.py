"""The Rasa server the bot starts lives and ends with the bot (issue 15, faults 1 and 3).

Killed with SIGKILL in the middle of a conversation, it is started again, the messages sent meanwhile wait for
it and are answered in the light of the conversation before the crash, and no one is told to try again later.
A signal to the bot's process group (Ctrl-C, a service manager) reaches the bot, which answers the message in
hand before it stops Rasa; a bot killed outright takes its Rasa server with it."""

from __future__ import annotations

import html
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from testkit import ROOT
from testkit.bot_process import ANALYSIS_READY, bot_environment, running_bot, stop_bot, wait_for_log
from testkit.content_text import ZH, opening, scam_name, text
from testkit.telegram_updates import command_update, message_update, new_id, wait_for_more

pytestmark = pytest.mark.rasa

LOAN_STORY = "网贷App说我银行卡号填错了，资金被冻结，要先交解冻费才能放款"


def rasa_children(bot_pid: int) -> list[int]:
    """The Rasa server processes the bot started (its children running rasa_addons/launch.py)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == bot_pid and b"rasa_addons.launch" in command:
            found.append(int(entry.name))
    return found


def own_rasa_environment(api, tmp_path) -> dict[str, str]:
    env = bot_environment(api, "", tmp_path)
    del env["RASA_URL"]  # the bot starts, and must look after, its own Rasa server
    env.pop("RASA_TOKEN", None)
    return env


def ended(pid: int) -> bool:
    """Gone, or a zombie nobody has reaped yet (what a container without an init leaves)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_a_killed_rasa_server_is_started_again_and_no_message_is_lost(api, tmp_path):
    with running_bot(api, own_rasa_environment(api, tmp_path), tmp_path / "bot.log") as bot:
        user, other = new_id(), new_id()
        api.push_update(message_update(user, "zh-hans", text=LOAN_STORY))
        wait_for_more(api, user, 0, lambda m: m.get("reply_markup"), timeout=120)  # "已经转了吗?" buttons
        [rasa] = rasa_children(bot.pid)
        # It was given none of the bot's secrets (issue 15, attack 11).
        names = {item.split(b"=", 1)[0] for item in (Path("/proc") / str(rasa) / "environ").read_bytes().split(b"\0")}
        assert not {b"TELEGRAM_BOT_TOKEN", b"DATABASE_URL"} & names and b"RASA_AUTH_TOKEN" in names
        os.kill(rasa, signal.SIGKILL)

        before = len(api.sent(chat_id=user))
        api.push_update(message_update(user, "zh-hans", text="我已经转了3000块过去了"))
        api.push_update(message_update(other, "zh-hans", text=LOAN_STORY))
        stop_loss = html.unescape(opening("stop_loss", ZH, paid=True))
        replies = wait_for_more(
            api, user, before, lambda m: html.unescape(m["text"]).startswith(stop_loss), timeout=180
        )
        texts = [m["text"] for m in replies]
        # Restarting takes longer than a few seconds: "one moment" first, then the answer; never "try later".
        assert texts[0] == text("rasa_restarting", ZH)
        assert text("rasa_unavailable", ZH) not in texts
        # The answer knows the conversation from before the crash: the loan scam's stop-loss steps.
        assert any("解冻费" in html.unescape(t) for t in texts[1:]), texts
        # The other user's message, sent while Rasa was down, is answered too.
        wait_for_more(api, other, 0, lambda m: m.get("reply_markup"), timeout=60)
        assert text("rasa_unavailable", ZH) not in [m["text"] for m in api.sent(chat_id=other)]
        [restarted] = rasa_children(bot.pid)
        assert restarted != rasa


def test_a_signal_to_the_bots_group_lets_it_answer_then_stop_rasa_and_a_killed_bot_takes_rasa_along(api, tmp_path):
    env = own_rasa_environment(api, tmp_path)
    with open(tmp_path / "bot.log", "ab") as log:
        # Its own process group, as a terminal or a service manager gives it.
        bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, stdout=log, stderr=log,
                               start_new_session=True)  # fmt: skip
    try:
        wait_for_log(bot, tmp_path / "bot.log", ANALYSIS_READY, timeout=180)
        [rasa] = rasa_children(bot.pid)
        user = new_id()
        update_id = api.push_update(message_update(user, "zh-hans", text=LOAN_STORY))
        api.wait_for(lambda a: update_id in a.served, timeout=30)  # fetched by the bot, not yet answered
        os.killpg(bot.pid, signal.SIGTERM)  # what Ctrl-C or `kill -TERM -<group>` does
        assert bot.wait(timeout=60) == 0
        # The message in hand was answered by the dialogue (the money question), not "try again later".
        sent = [m["text"] for m in api.sent(chat_id=user)]
        assert sent and text("rasa_unavailable", ZH) not in sent and text("rasa_restarting", ZH) not in sent
        assert any(m.get("reply_markup") for m in api.sent(chat_id=user))
        assert ended(rasa)  # and the bot stopped its Rasa server after
    finally:
        if bot.poll() is None:
            bot.kill()
            bot.wait()

    with running_bot(api, env, tmp_path / "bot2.log") as bot:
        [rasa] = rasa_children(bot.pid)
        bot.kill()  # SIGKILL: no chance to stop anything itself
        bot.wait()
        deadline = time.monotonic() + 30
        while not ended(rasa) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ended(rasa)


def test_a_cold_start_answers_commands_while_rasa_loads_and_a_story_once_it_is_ready(api, tmp_path):
    """Issue 16, cold start: /start needs no analysis and is answered before Rasa has loaded its model; a scam
    story sent at the same moment waits for Rasa (with "one moment" if the wait is long) and gets the dialogue's
    answer, never "try again later"."""
    user, other = new_id(), new_id()
    api.push_update(command_update(user, "zh-hans", "/start"))
    api.push_update(message_update(other, "zh-hans", text=LOAN_STORY))
    log_path = tmp_path / "bot.log"
    with open(log_path, "ab") as log:
        bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=own_rasa_environment(api, tmp_path),
                               stdout=log, stderr=log)  # fmt: skip
    try:
        api.wait_for(lambda a: a.sent(chat_id=user) or bot.poll() is not None, timeout=120)
        log_when_welcomed = log_path.read_text(errors="replace")
        assert api.sent(chat_id=user)[0]["text"] == text("welcome", ZH)
        assert "taking updates" in log_when_welcomed and ANALYSIS_READY not in log_when_welcomed
        replies = wait_for_more(api, other, 0, lambda m: m.get("reply_markup"), timeout=180)  # the money question
        texts = [m["text"] for m in replies]
        assert text("rasa_unavailable", ZH) not in texts
        assert any(scam_name("loan_unfreeze_fee", ZH) in html.unescape(t) for t in texts), texts
    finally:
        stop_bot(bot)


def test_a_rasa_server_that_cannot_load_its_model_stops_the_bot_with_status_2(api, tmp_path):
    """The bot takes updates before its Rasa server is ready; if that server cannot load the model, no message
    could ever be analysed, so the bot stops with exit status 2 and says why, as before it took updates early."""
    models = tmp_path / "models"
    models.mkdir()
    (models / "20990101-000000-broken.tar.gz").write_bytes(b"not a model")
    env = {**own_rasa_environment(api, tmp_path), "MODELS_DIR": str(models), "RASA_START_TIMEOUT": "120"}
    result = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=180)  # fmt: skip
    assert result.returncode == 2, result.stderr[-3000:]
    assert "error:" in result.stderr and "Rasa" in result.stderr
