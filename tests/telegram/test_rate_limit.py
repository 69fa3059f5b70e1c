"""A flooding user gets one "slow down" and then silence until the minute has passed (issue 15, fault 2)."""

from __future__ import annotations

from bot.telegram.rate_limit import MAX_UPDATES, WINDOW_SECONDS, UpdateRateLimit
from testkit.content_text import EN, text
from testkit.telegram_updates import say


def test_the_window_allows_the_limit_then_one_notice_then_nothing_until_it_passes():
    limit = UpdateRateLimit(max_updates=3, window=60)
    assert [limit.allow(1, now=t) for t in (0, 1, 2)] == [(True, False)] * 3
    assert limit.allow(1, now=3) == (False, True)  # the one notice
    assert limit.allow(1, now=4) == (False, False)  # then silence
    assert limit.allow(2, now=4) == (True, False)  # others are not touched
    assert limit.allow(1, now=59) == (False, False)
    assert limit.allow(1, now=60.5) == (True, False)  # the oldest update has left the window


async def test_a_flood_is_answered_up_to_the_limit_with_one_notice(app, api):
    user = 7001
    for _ in range(MAX_UPDATES + 10):
        await say(app, user, "en", text="😀")  # no words: answered at once, without Rasa
    sent = [m["text"] for m in api.sent(chat_id=user)]
    assert sent == [text("ask_details", EN)] * MAX_UPDATES + [text("slow_down", EN)]
    assert WINDOW_SECONDS == 60  # the notice says "a minute"


async def test_trainers_are_not_limited(app, api):
    admin = 4242
    app.bot_data["admin_ids"] = frozenset({admin})
    for _ in range(MAX_UPDATES + 5):
        await say(app, admin, "en", text="😀")
    assert [m["text"] for m in api.sent(chat_id=admin)] == [text("ask_details", EN)] * (MAX_UPDATES + 5)
