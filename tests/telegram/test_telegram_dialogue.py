"""A user's messages through the real Application, a real Rasa server and the fake Bot API over HTTP."""

from __future__ import annotations

from datetime import date

import pytest

from bot.content.render import find_red_flags, to_plain
from bot.storage.repository import scam_counts
from testkit.content_text import (
    EN,
    ZH,
    in_order,
    numbers,
    opening,
    region_steps,
    scam_name,
    shipped,
    text,
    words,
)
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import new_id, say, tap

pytestmark = pytest.mark.rasa




def texts_to(api, chat_id: int) -> list[str]:
    return [m["text"] for m in api.sent(chat_id=chat_id)]


async def test_chinese_story_then_yes_button_gives_the_stop_loss_path_first(app, api):
    user_id = new_id()
    await say(app, user_id, "zh-hans", text="群里有个老师天天免费荐股，让我从链接下载一个炒股app")
    question = api.sent(chat_id=user_id)[-1]
    assert words("ask_money", ZH) in to_plain(question["text"])
    buttons = [data for _, data in inline_buttons(question)]
    assert buttons == ["money:paid", "money:not_paid", "money:unsure"]

    before = len(texts_to(api, user_id))
    await tap(app, user_id, "zh-hans", "money:paid")
    after = texts_to(api, user_id)[before:]
    # The stop-loss path first, with the region's stop-payment steps in its order (mainland China: 110 with the
    # receiving account before the bank); the region's numbers, with the advice line 96110, follow.
    assert after[0].startswith(opening("stop_loss", ZH, scam_type="stock_lecturer", paid=True))
    assert in_order(to_plain(after[0]), *region_steps(ZH)), after[0]
    assert all(number in after[1] for number in numbers("cn", "advice_line"))
    joined = to_plain("\n".join(after))
    assert in_order(joined, words("case_title", ZH), words("checklist_title", ZH)), joined
    counts = scam_counts(app.bot_data["sessions"], days=1, today=date.today())
    assert counts == {(date.today(), "stock_lecturer", "zh", True): 1}


async def test_english_story_then_no_button_gives_warning_signs_without_stop_loss(app, api):
    user_id = new_id()
    await say(app, user_id, "en", text="the loan app says I must pay an unfreezing fee before they release my loan")
    await tap(app, user_id, "en", "money:not_paid")
    joined = "\n".join(texts_to(api, user_id))
    assert opening("stop_loss", EN, paid=True) not in joined
    joined = to_plain(joined)
    assert words("ask_money", EN) in joined
    headings = (words(key, EN) for key in ("case_title", "checklist_title", "prevention_title"))
    assert in_order(joined, *headings), joined


async def test_forwarded_caption_is_read_and_emoji_only_gets_a_request_for_details(app, api):
    user_id = new_id()
    await say(app, user_id, "en", text="😀🙏")
    assert texts_to(api, user_id)[-1] == text("ask_details", EN)
    photo = [{"file_id": "x", "file_unique_id": "x", "width": 1, "height": 1}]
    caption = "【公安局】您的身份证涉嫌洗钱案件，请立即将资金转入安全账户配合调查"
    # Forwarded from whoever sent it to the user: read like the user's own text.
    origin = {"type": "hidden_user", "date": 0, "sender_user_name": "公安局王警官"}
    await say(app, user_id, "zh-hans", caption=caption, photo=photo, forward_origin=origin)
    # The user chose English on first contact; the pasted Chinese caption is recognised and quoted back, and,
    # being forwarded, it is called "this message is a ...".
    warning = next(t for t in texts_to(api, user_id) if words("message_is", EN) in to_plain(t))
    assert scam_name("impersonation_official", EN) in to_plain(warning)
    quoted = [match["said"] for match in find_red_flags(shipped().scams["impersonation_official"], caption)]
    assert quoted and all(f"<i>{said}</i>" in warning for said in quoted)
    assert words("you_wrote", EN) in to_plain(warning)
