"""Lessons and the quiz in both languages, with real Update objects through the fake Bot API."""

from __future__ import annotations

import html

import pytest

from bot.content.script import to_script
from bot.storage.learning import lesson_progress, quiz_score
from bot.storage.repository import get_or_create_user
from common.labels import SCAM_TYPES
from testkit.content_text import EN, EN_SIMPLE, ZH, rendered, scam_name, text, words
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import command, new_id, tap


def _heading(name: str, page: int, reader=ZH) -> str:
    """A lesson page's bold heading as the bot sends it (HTML)."""
    return f"<b>{text('lesson_heading', reader, name=name, page=str(page), pages='4')}</b>"


async def test_a_lesson_is_paged_remembered_and_marked_finished(app, api):
    user = new_id()
    await command(app, user, "zh-hans", "/lessons")
    menu = api.sent()[-1]
    assert menu["text"] == text("lessons_title", ZH)
    name = scam_name("stock_lecturer", ZH)
    assert inline_buttons(menu)[0] == (f"📘 {name}", "lesson:stock_lecturer:0")
    await tap(app, user, "zh-hans", "lesson:stock_lecturer:0")
    first = api.sent("editMessageText")[-1]
    # Page 1 of 4 is the warning with how the scam works; page 2 the real case; page 4 what to do.
    assert first["text"].startswith(_heading(name, 1))
    assert all(part in first["text"] for part in rendered("warning", ZH, scam_type="stock_lecturer"))
    assert [data for _, data in inline_buttons(first)] == ["lesson:stock_lecturer:1", "lessons:menu"]
    await tap(app, user, "zh-hans", "lesson:stock_lecturer:1")
    case = api.sent("editMessageText")[-1]["text"]
    assert case.startswith(_heading(name, 2))
    assert all(part in case for part in rendered("case", ZH, scam_type="stock_lecturer"))
    # Left in the middle: the menu shows where, and reopens there.
    await command(app, user, "zh-hans", "/lessons")
    assert inline_buttons(api.sent()[-1])[0] == (f"📘 2/4 {name}", "lesson:stock_lecturer:1")
    for page in (2, 3):
        await tap(app, user, "zh-hans", f"lesson:stock_lecturer:{page}")
    last = api.sent("editMessageText")[-1]
    assert last["text"].startswith(_heading(name, 4))
    assert all(part in last["text"] for part in rendered("prevention", ZH, scam_type="stock_lecturer"))
    assert [data for _, data in inline_buttons(last)] == ["lesson:stock_lecturer:2", "lessons:menu"]
    assert lesson_progress(app.bot_data["sessions"], user)["stock_lecturer"] == (3, True)
    await tap(app, user, "zh-hans", "lessons:menu")
    assert inline_buttons(api.sent("editMessageText")[-1])[0][0].startswith("✅")


async def test_an_english_lesson_page_in_simple_mode(app, api):
    user = new_id()
    await command(app, user, "en", "/simple")
    await tap(app, user, "en", "lesson:loan_unfreeze_fee:2")
    page = api.sent("editMessageText")[-1]["text"]
    # Page 3 of 4: the warning signs, in simple mode's wording; lesson titles use the scam's standard name.
    assert page.startswith(_heading(scam_name("loan_unfreeze_fee", EN), 3, EN))
    assert all(part in page for part in rendered("checklist", EN_SIMPLE, scam_type="loan_unfreeze_fee"))


async def test_quiz_answers_are_scored_and_explained(app, api):
    user = new_id()
    content = app.bot_data["content"].current
    await command(app, user, "en", "/quiz")
    question_message = api.sent()[-1]
    assert question_message["text"].startswith(text("quiz_question", EN, number="1"))
    options = [data for _, data in inline_buttons(question_message)]
    question_id = options[0].split(":")[1]
    question = next(q for q in content.quiz if q.id == question_id)
    assert html.unescape(question.message["en"]) in html.unescape(question_message["text"])
    assert len(options) == 1 + len(SCAM_TYPES)  # not a scam, or which scam type
    wrong = next(o for o in options if o.split(":")[2] != question.answer)
    await tap(app, user, "en", wrong)
    answer = html.unescape(api.sent("editMessageText")[-1]["text"])
    assert words("quiz_wrong", EN) in answer and question.explanation["en"] in answer
    assert answer.endswith(words("quiz_score", EN, right="0", answered="1"))
    await tap(app, user, "en", "quiz:next")
    second = api.sent()[-1]
    assert second["text"].startswith(text("quiz_question", EN, number="2"))
    second_id = inline_buttons(second)[0][1].split(":")[1]
    assert second_id != question_id  # an unanswered question comes next
    right = next(q for q in content.quiz if q.id == second_id).answer
    await tap(app, user, "en", f"quiz:{second_id}:{right}")
    answer = html.unescape(api.sent("editMessageText")[-1]["text"])
    assert words("quiz_right", EN) in answer and answer.endswith(words("quiz_score", EN, right="1", answered="2"))
    assert quiz_score(app.bot_data["sessions"], user) == (1, 2)


async def test_a_chinese_quiz_question(app, api):
    user = new_id()
    await command(app, user, "zh-hans", "/quiz")
    message = api.sent()[-1]
    assert message["text"].startswith(text("quiz_question", ZH, number="1"))
    assert inline_buttons(message)[0][0] == words("quiz_not_scam", ZH)


@pytest.mark.parametrize("data", ["quiz:no_such_question:none", "quiz:stock_free_group_invite:bitcoin", "lesson:x:0",
                                  "lesson:stock_lecturer:9", "lesson:stock_lecturer:-1"])  # fmt: skip
async def test_tampered_lesson_and_quiz_buttons_change_nothing(app, api, data):
    user = new_id()
    await tap(app, user, "en", data)
    assert api.sent()[-1]["text"] == text("unknown_button", EN)
    assert quiz_score(app.bot_data["sessions"], user) == (0, 0)


async def test_a_taiwan_readers_lessons_quiz_and_regions_are_in_traditional_chinese(app, api):
    """Issue 16: menus and lessons, not only the dialogue's replies, are in the reader's script."""
    user = new_id()
    get_or_create_user(app.bot_data["sessions"], user, language="zh", region="tw")
    await command(app, user, "zh-hant", "/lessons")
    menu = inline_buttons(api.sent()[-1])
    simplified = scam_name("stock_lecturer", ZH)
    assert menu[0] == (f"📘 {to_script(simplified, 's2twp')}", "lesson:stock_lecturer:0")
    assert to_script(simplified, "s2twp") != simplified
    await command(app, user, "zh-hant", "/quiz")
    question = api.sent()[-1]
    names = [label for label, _ in inline_buttons(question)[1:]]
    assert names == [f"⚠️ {to_script(scam_name(t, ZH), 's2twp')}" for t in SCAM_TYPES]
    content = app.bot_data["content"].current
    assert any(html.escape(to_script(q.message["zh"], "s2twp")) in question["text"] for q in content.quiz)
    await command(app, user, "zh-hant", "/region")
    regions = [label for label, data in inline_buttons(api.sent()[-1]) if data.startswith("set:region:")]
    assert to_script("台湾", "s2twp") in regions and "台湾" not in regions
