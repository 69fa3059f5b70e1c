"""The bot keeps the Rasa server it started alive (issue 15, fault 1): killed with SIGKILL in the middle of a
conversation, it is started again, the messages sent meanwhile wait for it and are answered in order, in the
light of the conversation before the crash, and no one is told to try again later."""

from __future__ import annotations

import html
import os
import signal
from pathlib import Path

import pytest

from testkit.bot_process import bot_environment, running_bot
from testkit.content_text import ZH, opening, text
from testkit.telegram_updates import message_update, new_id, wait_for_more

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


def test_a_killed_rasa_server_is_started_again_and_no_message_is_lost(api, tmp_path):
    env = bot_environment(api, "", tmp_path)
    del env["RASA_URL"]  # the bot starts, and must look after, its own Rasa server
    env.pop("RASA_TOKEN", None)
    with running_bot(api, env, tmp_path / "bot.log") as bot:
        user, other = new_id(), new_id()
        api.push_update(message_update(user, "zh-hans", text=LOAN_STORY))
        wait_for_more(api, user, 0, lambda m: m.get("reply_markup"), timeout=120)  # "已经转了吗?" buttons
        [rasa] = rasa_children(bot.pid)
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
