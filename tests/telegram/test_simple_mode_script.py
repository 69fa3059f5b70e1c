"""Simple mode's big buttons for Chinese readers in Hong Kong and Taiwan: labels in Traditional Chinese, and a
tap understood whichever script the label was in (a keyboard sent before a region change keeps its labels)."""

from __future__ import annotations

import pytest

from bot.content.render import Audience, label, localise
from bot.content.script import to_script
from bot.telegram import simple_mode
from testkit.content_text import numbers, shipped
from testkit.telegram_updates import command, say, tap

USER = 81
BIG = ["button_yes", "button_no", "button_call_help", "button_ask_family"]


def simplified(key: str) -> str:
    return localise(shipped().messages[key], "zh", "elderly")


@pytest.mark.parametrize(("region", "script"), [("hk", "s2hk"), ("tw", "s2twp")])
def test_the_big_buttons_of_a_chinese_reader_in_hong_kong_or_taiwan_are_in_traditional_chinese(region, script):
    content = shipped()
    keyboard = simple_mode.keyboard(content, "zh", True, region)
    labels = [button.text for row in keyboard.keyboard for button in row]
    assert labels == [to_script(simplified(key), script) for key in BIG]
    assert labels == [label(content, key, Audience("zh", "elderly", region)) for key in BIG]
    assert labels != [simplified(key) for key in BIG]  # 没有 -> 沒有, 打电话 -> 打電話


def test_mainland_and_english_big_buttons_are_as_written():
    content = shipped()
    for language, region in (("zh", "cn"), ("zh", "sg"), ("en", "hk"), ("en", "tw")):
        keyboard = simple_mode.keyboard(content, language, True, region)
        labels = [button.text for row in keyboard.keyboard for button in row]
        assert labels == [localise(content.messages[key], language, "elderly") for key in BIG]


@pytest.mark.parametrize("script", [None, "s2hk", "s2twp"])
def test_a_tap_is_understood_in_either_script(script):
    content = shipped()
    for meaning, key in simple_mode.BUTTONS.items():
        assert simple_mode.meaning_of(content, to_script(simplified(key), script)) == meaning
        assert simple_mode.meaning_of(content, f" {to_script(simplified(key), script)}\n") == meaning
    assert simple_mode.meaning_of(content, "我收到一条短信") is None


async def test_a_hong_kong_user_in_simple_mode_gets_traditional_buttons_and_a_tap_on_call_for_help_works(app, api):
    await command(app, USER, "zh-hant", "/start")
    await tap(app, USER, "zh-hant", "set:region:hk")
    await tap(app, USER, "zh-hant", "set:simple:on")
    keyboard = [button["text"] for row in api.sent()[-1]["reply_markup"]["keyboard"] for button in row]
    assert keyboard == [to_script(simplified(key), "s2hk") for key in BIG]

    before = len(api.sent())
    await say(app, USER, "zh-hant", text=keyboard[2])  # 📞 打電話求助
    report = " ".join(message["text"] for message in api.sent()[before:])
    assert all(number in report for number in numbers("hk", "emergency", "advice_line"))  # 999, 18222
    assert "報" in report and "报" not in report
