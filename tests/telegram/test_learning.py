"""Lessons and the quiz in both languages, with real Update objects through the fake Bot API."""

from __future__ import annotations

import html

import pytest

from bot.storage.learning import lesson_progress, quiz_score
from common.labels import SCAM_TYPES
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import command, new_id, tap


async def test_a_lesson_is_paged_remembered_and_marked_finished(app, api):
    user = new_id()
    await command(app, user, "zh-hans", "/lessons")
    menu = api.sent()[-1]
    assert menu["text"].startswith("防骗课")
    assert inline_buttons(menu)[0] == ("📘 荐股“老师”虚假投资诈骗", "lesson:stock_lecturer:0")
    await tap(app, user, "zh-hans", "lesson:stock_lecturer:0")
    first = api.sent("editMessageText")[-1]
    assert first["text"].startswith("<b>荐股“老师”虚假投资诈骗</b> (1/4)") and "这种骗局的套路" in first["text"]
    assert [data for _, data in inline_buttons(first)] == ["lesson:stock_lecturer:1", "lessons:menu"]
    await tap(app, user, "zh-hans", "lesson:stock_lecturer:1")
    assert "真实案例" in api.sent("editMessageText")[-1]["text"]
    # Left in the middle: the menu shows where, and reopens there.
    await command(app, user, "zh-hans", "/lessons")
    assert inline_buttons(api.sent()[-1])[0] == ("📘 2/4 荐股“老师”虚假投资诈骗", "lesson:stock_lecturer:1")
    for page in (2, 3):
        await tap(app, user, "zh-hans", f"lesson:stock_lecturer:{page}")
    last = api.sent("editMessageText")[-1]
    assert "(4/4)" in last["text"] and "现在该怎么做" in last["text"]
    assert [data for _, data in inline_buttons(last)] == ["lesson:stock_lecturer:2", "lessons:menu"]
    assert lesson_progress(app.bot_data["sessions"], user)["stock_lecturer"] == (3, True)
    await tap(app, user, "zh-hans", "lessons:menu")
    assert inline_buttons(api.sent("editMessageText")[-1])[0][0].startswith("✅")


async def test_an_english_lesson_page_in_simple_mode(app, api):
    user = new_id()
    await command(app, user, "en", "/simple")
    await tap(app, user, "en", "lesson:loan_unfreeze_fee:2")
    page = html.unescape(api.sent("editMessageText")[-1]["text"])
    assert page.startswith("<b>fake loan 'unfreezing fee' scam</b> (3/4)") and "Warning signs" in page


async def test_quiz_answers_are_scored_and_explained(app, api):
    user = new_id()
    content = app.bot_data["content"].current
    await command(app, user, "en", "/quiz")
    question_message = api.sent()[-1]
    assert question_message["text"].startswith("Spot the scam, question 1")
    options = [data for _, data in inline_buttons(question_message)]
    question_id = options[0].split(":")[1]
    question = next(q for q in content.quiz if q.id == question_id)
    assert html.unescape(question.message["en"]) in html.unescape(question_message["text"])
    assert len(options) == 1 + len(SCAM_TYPES)  # not a scam, or which scam type
    wrong = next(o for o in options if o.split(":")[2] != question.answer)
    await tap(app, user, "en", wrong)
    answer = html.unescape(api.sent("editMessageText")[-1]["text"])
    assert "❌ Not quite. The answer:" in answer and question.explanation["en"] in answer
    assert answer.endswith("Your score: 0 right out of 1.")
    await tap(app, user, "en", "quiz:next")
    second = api.sent()[-1]
    assert second["text"].startswith("Spot the scam, question 2")
    second_id = inline_buttons(second)[0][1].split(":")[1]
    assert second_id != question_id  # an unanswered question comes next
    right = next(q for q in content.quiz if q.id == second_id).answer
    await tap(app, user, "en", f"quiz:{second_id}:{right}")
    assert html.unescape(api.sent("editMessageText")[-1]["text"]).endswith("Your score: 1 right out of 2.")
    assert quiz_score(app.bot_data["sessions"], user) == (1, 2)


async def test_a_chinese_quiz_question(app, api):
    user = new_id()
    await command(app, user, "zh-hans", "/quiz")
    message = api.sent()[-1]
    assert message["text"].startswith("识破骗局 第1题") and inline_buttons(message)[0][0] == "✅ 不是诈骗"


@pytest.mark.parametrize("data", ["quiz:no_such_question:none", "quiz:stock_free_group_invite:bitcoin", "lesson:x:0",
                                  "lesson:stock_lecturer:9", "lesson:stock_lecturer:-1"])  # fmt: skip
async def test_tampered_lesson_and_quiz_buttons_change_nothing(app, api, data):
    user = new_id()
    await tap(app, user, "en", data)
    assert html.unescape(api.sent()[-1]["text"]).startswith("That button is no longer valid")
    assert quiz_score(app.bot_data["sessions"], user) == (0, 0)
