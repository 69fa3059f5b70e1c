"""A user's messages through the real Application, a real Rasa server and the fake Bot API over HTTP."""

from __future__ import annotations

from datetime import date

import pytest

from bot.storage.repository import scam_counts
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import new_id, say, tap

pytestmark = pytest.mark.rasa




def texts_to(api, chat_id: int) -> list[str]:
    return [m["text"] for m in api.sent(chat_id=chat_id)]


async def test_chinese_story_then_yes_button_gives_the_stop_loss_path_first(app, api):
    user_id = new_id()
    await say(app, user_id, "zh-hans", text="群里有个老师天天免费荐股，让我从链接下载一个炒股app")
    question = api.sent(chat_id=user_id)[-1]
    assert "您已经转过钱" in question["text"]
    buttons = [data for _, data in inline_buttons(question)]
    assert buttons == ["money:paid", "money:not_paid", "money:unsure"]

    before = len(texts_to(api, user_id))
    await tap(app, user_id, "zh-hans", "money:paid")
    after = texts_to(api, user_id)[before:]
    # Mainland China's order: 110 with the receiving account before the bank; the advice line 96110 follows.
    assert after[0].startswith("🚨") and after[0].index("110") < after[0].index("银行")
    assert "96110" in after[1]
    joined = "\n".join(after)
    assert joined.index("真实案例") < joined.index("危险信号")
    counts = scam_counts(app.bot_data["sessions"], days=1, today=date.today())
    assert counts == {(date.today(), "stock_lecturer", "zh", True): 1}


async def test_english_story_then_no_button_gives_warning_signs_without_stop_loss(app, api):
    user_id = new_id()
    await say(app, user_id, "en", text="the loan app says I must pay an unfreezing fee before they release my loan")
    await tap(app, user_id, "en", "money:not_paid")
    joined = "\n".join(texts_to(api, user_id))
    assert "Have you already sent money" in joined
    assert "🚨" not in joined
    assert joined.index("A real case") < joined.index("Warning signs") < joined.index("What to do now")


async def test_forwarded_caption_is_read_and_emoji_only_gets_a_request_for_details(app, api):
    user_id = new_id()
    await say(app, user_id, "en", text="😀🙏")
    assert texts_to(api, user_id)[-1].startswith("Tell me what happened")
    photo = [{"file_id": "x", "file_unique_id": "x", "width": 1, "height": 1}]
    caption = "【公安局】您的身份证涉嫌洗钱案件，请立即将资金转入安全账户配合调查"
    # Forwarded from whoever sent it to the user: read like the user's own text.
    origin = {"type": "hidden_user", "date": 0, "sender_user_name": "公安局王警官"}
    await say(app, user_id, "zh-hans", caption=caption, photo=photo, forward_origin=origin)
    # The user chose English on first contact; the pasted Chinese caption is recognised and quoted back.
    warning = next(t for t in texts_to(api, user_id) if "This looks like a" in t)
    assert "fake police" in warning
    assert "You wrote “<i>安全账户</i>”" in warning
