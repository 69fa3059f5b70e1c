"""Settings commands and buttons, with real Update objects fed to the real Application.

The bot talks over real HTTP to the local fake Bot API (testkit/fake_bot_api.py); nothing leaves the machine.
"""

from __future__ import annotations

from bot.content.render import Audience
from bot.storage.repository import get_or_create_user
from testkit.content_text import EN, ZH, ZH_SIMPLE, numbers, text
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import command, feed, new_id, say, sender
from testkit.telegram_updates import tap as tap_button

USER = 77




async def send_command(app, text: str, user_id: int = USER, language_code: str = "zh-hans") -> None:
    await command(app, user_id, language_code, text)


async def tap(app, data: str) -> None:
    await tap_button(app, USER, "zh-hans", data)


async def test_start_welcomes_in_the_telegram_language_with_setting_buttons(app, api):
    await send_command(app, "/start")
    welcome = api.sent()[-1]
    assert welcome["text"] == text("welcome", ZH)
    assert welcome["parse_mode"] == "HTML"
    buttons = [data for _, data in inline_buttons(welcome)]
    assert "set:lang:en" in buttons and "set:region:hk" in buttons and "set:simple:on" in buttons

    await send_command(app, "/start", user_id=78, language_code="en-GB")
    assert api.sent()[-1]["text"] == text("welcome", EN)


async def test_buttons_change_settings_that_are_stored(app, api):
    await send_command(app, "/start")
    await tap(app, "set:region:hk")
    await tap(app, "set:lang:en")
    await tap(app, "set:simple:on")
    stored = get_or_create_user(app.bot_data["sessions"], 77)
    assert (stored.language, stored.region, stored.audience) == ("en", "hk", "elderly")
    assert api.sent()[-1]["text"] == text("simple_on", Audience("en", "elderly", "hk"))
    # Each tap is confirmed in the language and mode the user has after it.
    readers = [Audience("zh", "standard", "hk"), Audience("en", "standard", "hk"), Audience("en", "elderly", "hk")]
    assert [call["text"] for call in api.sent("answerCallbackQuery")] == [text("settings_saved", r) for r in readers]


async def test_report_gives_the_numbers_of_the_users_region(app, api):
    await tap(app, "set:region:sg")
    await send_command(app, "/report")
    report = " ".join(m["text"] for m in api.sent())
    # Singapore's numbers (999, 1799...), not mainland China's advice line 96110.
    assert all(number in report for number in numbers("sg"))
    assert not any(number in report for number in numbers("cn", "advice_line"))


async def test_tampered_button_data_changes_nothing_and_gets_a_clear_answer(app, api):
    await send_command(app, "/start")
    for data in ("set:region:xx", "set:lang:fr", "rm -rf /", "set:admin:true", ""):
        await tap(app, data)
    stored = get_or_create_user(app.bot_data["sessions"], 77)
    assert (stored.language, stored.region, stored.audience) == ("zh", "cn", "standard")
    assert api.sent()[-1]["text"] == text("unknown_button", ZH)
    assert len(api.sent("answerCallbackQuery")) == 5


async def test_simple_command_toggles_and_privacy_explains_what_is_stored(app, api):
    await send_command(app, "/simple")
    assert api.sent()[-1]["text"] == text("simple_on", ZH_SIMPLE)  # already in simple mode's wording
    await send_command(app, "/simple")
    assert api.sent()[-1]["text"] == text("simple_off", ZH)
    await send_command(app, "/privacy")
    assert api.sent()[-1]["text"] == text("privacy", ZH, retention_days="30")
    # The period is the one the dialogue engine was given (CONVERSATION_RETENTION_DAYS), in both modes.
    app.bot_data["retention_days"] = 7
    await send_command(app, "/privacy")
    assert api.sent()[-1]["text"] == text("privacy", ZH, retention_days="7") and "7天后删除" in api.sent()[-1]["text"]
    await send_command(app, "/simple")
    await send_command(app, "/privacy")
    assert "7天后删除" in api.sent()[-1]["text"]


async def test_media_without_text_and_unknown_commands_get_a_helpful_reply(app, api):
    media = [
        {"sticker": {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1, "is_animated": False,
                     "is_video": False, "type": "regular"}},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
        {"location": {"latitude": 29.56, "longitude": 106.55}},
        {"document": {"file_id": "d", "file_unique_id": "d"}},
    ]  # fmt: skip
    for fields in media:
        await say(app, USER, "zh-hans", **fields)
    replies = [m["text"] for m in api.sent()]
    assert replies == [text("unsupported_media", ZH)] * 4
    await send_command(app, "/nonsense")
    assert api.sent()[-1]["text"] == text("unknown_command", ZH)


async def test_an_edited_message_is_ignored_on_purpose(app, api):
    edited = {"message_id": new_id(), "date": 0, "edit_date": 1, "chat": {"id": USER, "type": "private"},
              "from": sender(USER, "zh-hans"), "text": "/start"}  # fmt: skip
    await feed(app, {"edited_message": edited})
    assert api.sent() == []
