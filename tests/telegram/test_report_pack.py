"""The report pack after a loss (issue 17): the form through real Update objects and the fake Bot API, the pack
as the user receives it (message and picture), what is stored, sharing with relatives, and /forget."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PIL import Image

from bot.content.render import Audience, to_plain
from bot.report_pack.form import mask_own_numbers
from bot.storage import report_packs
from bot.storage.models import ReportPack
from bot.storage.repository import forget_user, get_or_create_user
from testkit.content_text import EN, ZH, numbers, text, words
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import command, new_id, say, tap, tapped_message
from tests.telegram.test_family_words import link

OWN_CARD = "6222 0211 2345 6789"
THEIR_ACCOUNT = "6217 0000 1111 2222 建设银行 张伟"


def stored(app, user: int) -> ReportPack | None:
    with app.bot_data["sessions"]() as session:
        return session.get(ReportPack, user)


def last(api, user: int, method: str = "sendMessage") -> dict:
    return api.sent(method, chat_id=user)[-1]


async def answer(app, api, user: int, lang: str, data: str) -> dict:
    """Taps `data` under the question last sent; returns the next message the bot sends."""
    before = len(api.sent(chat_id=user))
    await tap(app, user, lang, data, tapped_message(last(api, user)))
    return api.sent(chat_id=user)[before] if len(api.sent(chat_id=user)) > before else {}


async def fill_in(app, api, user: int, lang: str, keep: str) -> None:
    """The whole form: today, an amount, Alipay/WeChat, the user's own card, the scammer's account, a name,
    two kinds of evidence, and whether to keep it."""
    await tap(app, user, lang, "pack:loan_unfreeze_fee")
    await answer(app, api, user, lang, "pk:when:today")
    await say(app, user, lang, text="3万元")
    await answer(app, api, user, lang, "pk:method:alipay_wechat")
    await say(app, user, lang, text=f"我的工商银行卡 {OWN_CARD}")
    await say(app, user, lang, text=THEIR_ACCOUNT)
    await tap(app, user, lang, "pk:name:skip", tapped_message(last(api, user)))
    await tap(app, user, lang, "pk:evidence:chats", tapped_message(last(api, user)))
    await tap(app, user, lang, "pk:evidence:receipts", tapped_message(last(api, user)))
    await tap(app, user, lang, "pk:evidence:done", tapped_message(last(api, user)))
    await tap(app, user, lang, f"pk:keep:{keep}", tapped_message(last(api, user)))


def test_own_card_and_account_numbers_keep_only_their_last_four_digits():
    assert mask_own_numbers("卡号6222021123456789") == "卡号************6789"
    assert mask_own_numbers(f"card {OWN_CARD}, sort code 20-00-00") == "card **** **** **** 6789, sort code 20-00-00"
    assert mask_own_numbers("acct 1234-5678-90") == "acct ****-**78-90"
    assert mask_own_numbers("paid 30000 on 2026-05-03") == "paid 30000 on 2026-05-03"  # amounts and dates stay


async def test_the_form_asks_in_order_and_the_pack_has_the_facts_the_numbers_and_a_picture(app, api):
    user = new_id()
    buttons = [{"text": "📝", "callback_data": "pack:loan_unfreeze_fee"},
               {"text": "🔔", "callback_data": "checkin:loan_unfreeze_fee"}]  # fmt: skip
    offer = {"message_id": 1, "date": 0, "chat": {"id": user, "type": "private"}, "text": "…",
             "reply_markup": {"inline_keyboard": [buttons]}}  # fmt: skip
    await tap(app, user, "zh-hans", "pack:loan_unfreeze_fee", offer)
    # The tapped offer goes from the keyboard; the other stays.
    [edit] = api.sent("editMessageReplyMarkup", chat_id=user)
    assert [b["callback_data"] for row in edit["reply_markup"]["inline_keyboard"] for b in row] == [
        "checkin:loan_unfreeze_fee"
    ]
    intro, first = api.sent(chat_id=user)[-2:]
    assert intro["text"] == text("pack_intro", ZH)
    assert first["text"] == text("pack_q_when", ZH)
    assert [d for _, d in inline_buttons(first)] == ["pk:when:today", "pk:when:yesterday", "pk:when:earlier",
                                                     "pk:when:skip"]  # fmt: skip
    amount = await answer(app, api, user, "zh-hans", "pk:when:today")
    assert amount["text"].startswith(text("pack_q_amount", ZH))
    await say(app, user, "zh-hans", text="3万元")
    assert last(api, user)["text"] == text("pack_q_method", ZH)
    await answer(app, api, user, "zh-hans", "pk:method:alipay_wechat")
    await say(app, user, "zh-hans", text=f"我的工商银行卡 {OWN_CARD}")
    # The user's own card number is never stored whole.
    assert OWN_CARD not in stored(app, user).answers and "**** **** **** 6789" in stored(app, user).answers
    await say(app, user, "zh-hans", text=THEIR_ACCOUNT)
    assert last(api, user)["text"].startswith(text("pack_q_name", ZH))
    await tap(app, user, "zh-hans", "pk:name:skip", tapped_message(last(api, user)))
    evidence = last(api, user)
    await tap(app, user, "zh-hans", "pk:evidence:chats", tapped_message(evidence))
    ticked = api.sent("editMessageReplyMarkup", chat_id=user)[-1]
    assert [b["text"] for row in ticked["reply_markup"]["inline_keyboard"] for b in row][0].startswith("✅")
    await tap(app, user, "zh-hans", "pk:evidence:receipts", tapped_message(evidence))
    await tap(app, user, "zh-hans", "pk:evidence:done", tapped_message(evidence))
    assert last(api, user)["text"] == text("pack_q_keep", ZH)
    await tap(app, user, "zh-hans", "pk:keep:no", tapped_message(last(api, user)))

    pack = next(m["text"] for m in reversed(api.sent(chat_id=user)) if text("pack_title", ZH) in m["text"])
    plain = to_plain(pack)
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()  # "today" where the user is
    for fact in (today, "3万元", words("pack_method_alipay_wechat", ZH), "**** **** **** 6789", THEIR_ACCOUNT,
                 words("pack_evidence_chats", ZH), words("pack_evidence_receipts", ZH)):  # fmt: skip
        assert fact in plain, fact
    assert OWN_CARD not in plain
    assert f"{words('pack_fact_name', ZH)}：{words('pack_not_known', ZH)}" in plain  # skipped
    # The region's numbers in the order to call them (mainland China: 110, then 96110), the script, the don'ts.
    assert plain.index("110") < plain.index("96110")
    assert all(n in plain for n in numbers("cn", "police", "advice_line"))
    assert words("pack_script", ZH) in plain and words("pack_dont", ZH) in plain
    # The picture to show at a counter: a real PNG, no share button without relatives.
    photo = last(api, user, "sendPhoto")
    assert photo["caption"] == text("pack_file_caption", ZH)
    image = Image.open(io.BytesIO(photo["photo"]))
    assert image.format == "PNG" and image.width == 1080 and image.height > 1000
    assert not inline_buttons(photo)
    # Not kept: nothing stored once sent.
    assert stored(app, user) is None
    assert last(api, user)["text"] == text("pack_not_kept", ZH)


async def test_a_kept_pack_comes_back_with_pack_for_30_days_and_forget_deletes_it(app, api):
    user = new_id()
    await fill_in(app, api, user, "en", keep="yes")
    row = stored(app, user)
    kept_until = row.keep_until.replace(tzinfo=row.keep_until.tzinfo or UTC)
    assert timedelta(days=29) < kept_until - datetime.now(UTC) <= timedelta(days=30)
    assert last(api, user)["text"].startswith(text("pack_kept", EN, until="")[:20])
    packs_before = len(api.sent("sendPhoto", chat_id=user))
    await command(app, user, "en", "/pack")
    assert len(api.sent("sendPhoto", chat_id=user)) == packs_before + 1
    assert "**** **** **** 6789" in to_plain(api.sent(chat_id=user)[-1]["text"])
    # Past its day, the hourly job deletes it.
    assert report_packs.delete_expired(app.bot_data["sessions"], datetime.now(UTC) + timedelta(days=31)) == 1
    await command(app, user, "en", "/pack")
    assert last(api, user)["text"] == text("pack_none", EN)
    # /forget deletes a kept one too (what its "yes" runs once Rasa has forgotten the conversation).
    await fill_in(app, api, user, "en", keep="yes")
    assert forget_user(app.bot_data["sessions"], user)
    assert stored(app, user) is None


async def test_the_picture_goes_to_linked_relatives_only_on_a_tap(app, api):
    elder, relative = new_id(), new_id()
    link(app, relative, elder, share_words=False)
    await fill_in(app, api, elder, "zh-hans", keep="no")
    assert not api.sent("copyMessage")  # nothing shared before the tap
    photo = last(api, elder, "sendPhoto")
    assert [d for _, d in inline_buttons(photo)] == ["pk:share"]
    shown = {**tapped_message({**photo, "text": ""}), "message_id": 4242}
    await tap(app, elder, "zh-hans", "pk:share", shown)
    [copy] = api.sent("copyMessage")
    assert copy["chat_id"] == relative and copy["from_chat_id"] == elder and copy["message_id"] == 4242
    # In the relative's own language (English: they have not set another).
    assert api.sent(chat_id=relative)[-1]["text"] == text("pack_share_from", EN, who="Lin")
    assert last(api, elder)["text"] == text("pack_shared", ZH, count="1")


async def test_old_and_tampered_buttons_change_nothing(app, api):
    user = new_id()
    await tap(app, user, "en", "pk:when:today")  # no form under way
    assert last(api, user)["text"] == text("pack_expired", EN)
    await tap(app, user, "en", "pack:loan_unfreeze_fee")
    tampered = ("pk:method:card", "pk:when:tomorrow", "pk:nonsense:x", "pk:", "pack:", "pack:" + "x" * 40)
    for data in tampered:
        await tap(app, user, "en", data)
    state = report_packs.get(app.bot_data["sessions"], user)
    assert state.step == "when" and state.answers == {}
    assert text("unknown_button", EN) in [m["text"] for m in api.sent(chat_id=user)]


async def test_a_unfinished_form_is_deleted_after_a_day_and_its_buttons_then_say_so(app, api):
    user = new_id()
    await tap(app, user, "en", "pack:loan_unfreeze_fee")
    question = last(api, user)
    sessions = app.bot_data["sessions"]
    assert report_packs.delete_expired(sessions, datetime.now(UTC) + timedelta(hours=23)) == 0
    assert report_packs.delete_expired(sessions, datetime.now(UTC) + timedelta(hours=25)) == 1
    await tap(app, user, "en", "pk:when:today", tapped_message(question))
    assert last(api, user)["text"] == text("pack_expired", EN)


async def test_a_traditional_chinese_reader_gets_the_pack_in_traditional_characters(app, api):
    user = new_id()
    get_or_create_user(app.bot_data["sessions"], user, language="zh", region="hk")
    await fill_in(app, api, user, "zh-hant", keep="no")
    hk = Audience("zh", "standard", "hk")
    pack = next(m["text"] for m in api.sent(chat_id=user) if text("pack_title", hk) in m["text"])
    assert text("pack_title", hk) != text("pack_title", ZH)  # 被騙 / 被骗
    assert all(n in to_plain(pack) for n in numbers("hk", "emergency", "advice_line"))
    assert stored(app, user) is None


async def test_a_typed_answer_to_a_question_another_worker_asked_is_taken_as_the_answer(app, api):
    """With several bot workers behind a load balancer (README "Several replicas"), the question may have been
    asked by another worker: this one has only the shared database to know that the form waits for the amount."""
    user = new_id()
    sessions = app.bot_data["sessions"]
    report_packs.start(sessions, user, "loan_unfreeze_fee", "amount", datetime.now(UTC))  # the other worker's
    await say(app, user, "en", text="£2,400")
    state = report_packs.get(sessions, user)
    assert state.answers == {"amount": "£2,400"} and state.step == "method"
    assert inline_buttons(last(api, user))  # the next question, with its buttons: how it was paid
    # A message too long to be an answer is a new story for the dialogue; the question stays open.
    await say(app, user, "en", text="they also told me " + "to pay again and again " * 10)
    assert report_packs.get(sessions, user).step == "method"
