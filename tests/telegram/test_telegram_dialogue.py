"""A user's messages through the real Application, a real Rasa server and the fake Bot API over HTTP."""

from __future__ import annotations

from datetime import date

import pytest

from bot.content.render import find_red_flags, localise, to_plain
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
from testkit.telegram_updates import new_id, say, tap, tapped_message

pytestmark = pytest.mark.rasa




def shipped_warning(scam_type: str, reader) -> str:
    """The scam's warning paragraph as content/ has it."""
    return localise(shipped().scams[scam_type]["warning"], reader.lang, reader.audience)


def texts_to(api, chat_id: int) -> list[str]:
    return [m["text"] for m in api.sent(chat_id=chat_id)]


async def test_chinese_story_then_yes_button_gives_the_stop_loss_path_first(app, api):
    user_id = new_id()
    await say(app, user_id, "zh-hans", text="群里有个老师天天免费荐股，让我从链接下载一个炒股app")
    story = texts_to(api, user_id)
    assert len(story) <= 2  # issue 16: at most two messages a turn
    question = api.sent(chat_id=user_id)[-1]
    assert words("ask_money", ZH) in to_plain(question["text"])
    buttons = [data for _, data in inline_buttons(question)]
    # The money question's answers, then where to report (the rest of the story waits for the answer).
    assert buttons == ["money:paid", "money:not_paid", "money:unsure", "more:report:stock_lecturer:n"]

    before = len(texts_to(api, user_id))
    await tap(app, user_id, "zh-hans", "money:paid")
    after = texts_to(api, user_id)[before:]
    assert len(after) <= 2
    # The stop-loss path first, with the region's stop-payment steps in its order (mainland China: 110 with the
    # receiving account before the bank) and the region's numbers, with the advice line 96110.
    assert after[0].startswith(opening("stop_loss", ZH, scam_type="stock_lecturer", paid=True))
    assert in_order(to_plain(after[0]), *region_steps(ZH)), after[0]
    assert all(number in after[0] for number in numbers("cn", "advice_line"))
    # The warning the question opened with is not repeated.
    warning = to_plain(shipped_warning("stock_lecturer", ZH))
    assert sum(to_plain(t).count(warning) for t in texts_to(api, user_id)) == 1
    # The real case and the warning signs wait behind buttons; a tap sends that one message.
    last = api.sent(chat_id=user_id)[-1]
    offered = [data for _, data in inline_buttons(last)]
    assert offered == ["pack:stock_lecturer", "checkin:stock_lecturer",
                       "more:checklist:stock_lecturer:p", "more:case:stock_lecturer:p"]  # fmt: skip
    await tap(app, user_id, "zh-hans", "more:case:stock_lecturer:p", tapped_message(last))
    case = texts_to(api, user_id)[-1]
    assert to_plain(case).startswith("📖 " + words("case_title", ZH))
    # The tapped button leaves the keyboard; the other stays.
    [edit] = api.sent("editMessageReplyMarkup", chat_id=user_id)
    assert [b["callback_data"] for row in edit["reply_markup"]["inline_keyboard"] for b in row] == [
        "pack:stock_lecturer", "checkin:stock_lecturer", "more:checklist:stock_lecturer:p"
    ]
    await tap(app, user_id, "zh-hans", "more:checklist:stock_lecturer:p", tapped_message(last))
    checklist = api.sent(chat_id=user_id)[-1]
    assert words("checklist_title", ZH) in to_plain(checklist["text"])
    assert all(data.startswith("sign:stock_lecturer:") for _, data in inline_buttons(checklist))
    counts = scam_counts(app.bot_data["sessions"], days=1, today=date.today())
    assert counts == {(date.today(), "stock_lecturer", "zh", True): 1}


async def test_english_story_then_no_button_gives_what_to_do_and_the_rest_on_request(app, api):
    user_id = new_id()
    await say(app, user_id, "en", text="the loan app says I must pay an unfreezing fee before they release my loan")
    before = len(texts_to(api, user_id))
    await tap(app, user_id, "en", "money:not_paid")
    answer = api.sent(chat_id=user_id)[before:]
    joined = to_plain("\n".join(m["text"] for m in answer))
    assert len(answer) <= 2 and opening("stop_loss", EN, paid=True) not in joined
    assert words("prevention_title", EN) in joined
    offered = [data for _, data in inline_buttons(answer[-1])]
    assert offered == ["more:checklist:loan_unfreeze_fee:n", "more:case:loan_unfreeze_fee:n",
                       "more:report:loan_unfreeze_fee:n"]  # fmt: skip
    await tap(app, user_id, "en", "more:report:loan_unfreeze_fee:n")
    assert all(number in texts_to(api, user_id)[-1] for number in numbers("cn", "emergency"))


async def test_a_tampered_more_button_changes_nothing(app, api):
    user_id = new_id()
    for data in ("more:case:no_such_scam:p", "more:secrets:stock_lecturer:p", "more:case:stock_lecturer", "more:"):
        await tap(app, user_id, "en", data)
    assert texts_to(api, user_id) == [text("unknown_button", EN)] * 4


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
