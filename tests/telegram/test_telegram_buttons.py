"""The warning-sign buttons and /forget with real Update objects fed to the real Application; no Rasa needed
(the risk answer is rendered by the bot), Rasa down where a test says so."""

from __future__ import annotations

import pytest

from bot.content.render import Audience, to_plain
from bot.storage.repository import get_or_create_user
from testkit.content_text import EN, ZH, in_order, numbers, region_steps, rendered, signs, text, words
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import command, new_id, say, tap

# Nothing listens here: the bot's Rasa client gets "connection refused".




def checklist_message(user_id: int, scam_type: str, ticked: set[str], items: list[str], money: str) -> dict:
    """The bot's checklist message as Telegram shows it back under a tap, with some signs already ticked."""
    rows = [
        [{"text": f"{'✅' if item in ticked else '⬜'} sign", "callback_data": f"sign:{scam_type}:{item}:{money}"}]
        for item in items
    ]
    return {"message_id": new_id(), "date": 0, "chat": {"id": user_id, "type": "private"}, "text": "…",
            "reply_markup": {"inline_keyboard": rows}}  # fmt: skip


STOCK_SIGNS = ["stranger_free_tips", "group_all_winning", "app_from_link", "early_profit"]


async def test_a_second_sign_raises_the_risk_to_high_and_ticks_the_button(app, api):
    user = new_id()
    shown = checklist_message(user, "stock_lecturer", {"stranger_free_tips"}, STOCK_SIGNS, "n")
    await tap(app, user, "en", "sign:stock_lecturer:app_from_link:n", message=shown)
    ticked = ("stranger_free_tips", "app_from_link")
    expected = rendered("risk", EN, scam_type="stock_lecturer", ticked=ticked)
    assert [m["text"] for m in api.sent()] == expected
    # High, with both ticked signs; no stop-loss steps, as no money has gone.
    risk = to_plain(api.sent()[-1]["text"])
    assert words("risk_high", EN) in risk and words("stop_paying", EN) not in risk
    assert all(sign in risk for sign in signs("stock_lecturer", EN, ticked))
    keyboard = api.sent("editMessageReplyMarkup")[-1]["reply_markup"]["inline_keyboard"]
    ticks = [row[0]["callback_data"].split(":")[2] for row in keyboard if row[0]["text"].startswith("✅")]
    assert ticks == ["stranger_free_tips", "app_from_link"]


async def test_with_money_gone_one_sign_is_very_high_and_the_stop_loss_steps_come_first(app, api):
    user = new_id()
    shown = checklist_message(user, "loan_unfreeze_fee", set(), ["fee_before_loan", "frozen_funds"], "p")
    await tap(app, user, "zh-hans", "sign:loan_unfreeze_fee:frozen_funds:p", message=shown)
    expected = rendered("risk", ZH, scam_type="loan_unfreeze_fee", paid=True, ticked=("frozen_funds",))
    assert [m["text"] for m in api.sent()] == expected
    # Stop paying first, then the region's stop-payment steps in its own order (mainland China: 110 with the
    # receiving account first, then the bank), then the very high risk level.
    risk = to_plain(api.sent()[-1]["text"])
    assert risk.splitlines()[0].endswith(words("stop_paying", ZH)) and numbers("cn", "police")[0] in risk
    assert in_order(risk, words("stop_paying", ZH), *region_steps(ZH), words("risk_very_high", ZH)), risk


@pytest.mark.parametrize(
    "data",
    [
        "sign:stock_lecturer:no_such_sign:n",  # not in the content
        "sign:no_such_type:app_from_link:n",
        "sign:stock_lecturer:app_from_link:x",  # money flag not ours
        "sign:stock_lecturer:app_from_link",
        "sign:",
        "forget:maybe",
    ],
)
async def test_tampered_button_data_changes_nothing_and_says_so(app, api, data):
    user = new_id()
    await tap(app, user, "en", data)
    assert api.sent()[-1]["text"] == text("unknown_button", EN)
    assert api.sent("editMessageReplyMarkup") == [] and api.sent("editMessageText") == []


async def test_forget_asks_first_and_no_keeps_everything(app, api):
    user = new_id()
    await command(app, user, "en", "/forget")
    confirm = api.sent()[-1]
    assert confirm["text"] == text("forget_confirm", EN)
    data = [data for _, data in inline_buttons(confirm)]
    assert data == ["forget:yes", "forget:no"]
    await tap(app, user, "en", "forget:no")
    assert api.sent("editMessageText")[-1]["text"] == text("forget_kept", EN)
    assert get_or_create_user(app.bot_data["sessions"], user).language == "en"


async def test_forget_while_rasa_is_down_deletes_nothing_and_says_try_again(app, api):
    user = new_id()
    get_or_create_user(app.bot_data["sessions"], user, language="zh", region="hk")
    await tap(app, user, "zh-hans", "forget:yes")
    assert api.sent("editMessageText")[-1]["text"] == text("forget_failed", Audience("zh", "standard", "hk"))
    assert get_or_create_user(app.bot_data["sessions"], user).region == "hk"


async def test_a_story_while_rasa_is_down_gets_the_emergency_path_not_an_error(app, api):
    user = new_id()
    await say(app, user, "en", text="the police called and said my account is involved in money laundering")
    # The answer for Rasa being down, which points to /report and the bank.
    assert [m["text"] for m in api.sent()] == [text("rasa_unavailable", EN)]
