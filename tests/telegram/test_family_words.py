"""An older user's last message is kept in memory for their relatives only when a link lets them see the
user's words, and for at most an hour (issue 15, privacy 13): it used to be kept for every user, for ever."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from bot.storage import guardians
from bot.telegram.guardian_handlers import LAST_WORDS, WORDS_KEPT_SECONDS, forget_old_words, recent_words
from testkit.telegram_updates import new_id, say

STORY = "有个老师让我从链接下载炒股软件"


def link(app, relative: int, elder: int, share_words: bool) -> None:
    sessions, now = app.bot_data["sessions"], datetime.now(UTC)
    code = guardians.create_code(sessions, relative, now)
    assert guardians.claim_code(sessions, elder, code, now).status == "ok"
    assert guardians.accept_claim(sessions, elder, share_words, now) is not None


async def test_words_are_kept_only_for_a_link_that_shares_them(app, api):
    alone, private, sharing = new_id(), new_id(), new_id()
    link(app, new_id(), private, share_words=False)
    link(app, new_id(), sharing, share_words=True)
    for user in (alone, private, sharing):
        await say(app, user, "zh-hans", text=STORY)
    assert LAST_WORDS not in app.user_data[alone]
    assert LAST_WORDS not in app.user_data[private]
    assert recent_words(app.user_data[sharing]) == STORY


async def test_kept_words_are_dropped_after_an_hour(app, api):
    elder, other = new_id(), new_id()
    link(app, new_id(), elder, share_words=True)
    link(app, new_id(), other, share_words=True)
    await say(app, elder, "zh-hans", text=STORY)
    await say(app, other, "zh-hans", text="今天去公园了")
    text, _ = app.user_data[elder][LAST_WORDS]
    app.user_data[elder][LAST_WORDS] = (text, time.monotonic() - WORDS_KEPT_SECONDS - 1)  # an hour has passed
    assert recent_words(app.user_data[elder]) == ""  # an alert now would carry no words

    class JobContext:
        application = app

    await forget_old_words(JobContext())
    assert LAST_WORDS not in app.user_data[elder]
    assert recent_words(app.user_data[other]) == "今天去公园了"  # still within its hour
