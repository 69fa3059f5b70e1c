"""Family-group commands and membership with real Update objects, no Rasa (it is down where it matters)."""

from __future__ import annotations

from bot.storage.groups import get_group
from testkit.content_text import EN, ZH, text
from testkit.telegram_updates import bot_added_update, command, feed, group_message_update, new_id


def group_command(chat_id: int, user_id: int, text: str) -> dict:
    entities = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return group_message_update(chat_id, user_id, "en", text=text, entities=entities)


async def test_added_twice_introduces_itself_once_and_removal_forgets_the_group(app, api):
    group, member = -new_id(), new_id()
    await feed(app, bot_added_update(group, member, "en"))
    await feed(app, bot_added_update(group, member, "en"))
    intros = [m["text"] for m in api.sent(chat_id=group)]
    assert intros == [text("group_intro", EN)]
    await feed(app, bot_added_update(group, member, "en", status="left"))
    assert get_group(app.bot_data["sessions"], group).introduced is False


async def test_quiet_and_loud_step_the_sensitivity(app, api):
    group, member = -new_id(), new_id()
    api.admins[group] = {member}  # only administrators may (tests/process/test_family_e2e.py)
    steps = []
    for typed in ("/quiet", "/quiet", "/loud", "/loud", "/loud"):
        await feed(app, group_command(group, member, typed))
        steps.append(get_group(app.bot_data["sessions"], group).sensitivity)
    assert steps == ["quiet", "quiet", "normal", "loud", "loud"]
    # Each step answers with what the group's new sensitivity means.
    assert [m["text"] for m in api.sent()] == [text(f"group_{step}", EN) for step in steps]


async def test_group_commands_in_a_private_chat_say_where_they_work(app, api):
    user = new_id()
    await command(app, user, "en", "/leave")
    assert api.sent()[-1]["text"] == text("group_only", EN)
    assert api.sent("leaveChat") == []


async def test_with_rasa_down_the_group_hears_nothing_unless_it_asked(app, api):
    group, member = -new_id(), new_id()
    await feed(app, group_message_update(group, member, "zh-hans", text="李老师免费荐股，下载App稳赚不赔"))
    assert api.sent() == []
    asked = "@anti_fraud_test_bot 这条是真的吗：李老师免费荐股"
    entities = [{"type": "mention", "offset": 0, "length": len("@anti_fraud_test_bot")}]
    await feed(app, group_message_update(group, member, "zh-hans", text=asked, entities=entities))
    assert api.sent()[-1]["text"] == text("rasa_unavailable", ZH)
