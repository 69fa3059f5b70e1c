"""End to end: a screenshot sent as a photo to `python -m bot run` (its own process), through the fake Bot API
over HTTP and the real Rasa server. The bot reads the image with Tesseract and answers as it would the typed
text; the photo leaves no trace in the bot's files."""

from __future__ import annotations

import re

import pytest

from bot.content.render import find_red_flags, to_plain
from testkit.bot_process import bot_environment, running_bot
from testkit.chat_pictures import Conversation, readme_images
from testkit.content_text import ZH, scam_name, shipped, words
from testkit.screenshots import STOCK_GROUP_CHAT, chat_screenshot
from testkit.telegram_updates import message_update, new_id, wait_for_more

pytestmark = pytest.mark.rasa

IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"RIFF")


def test_a_screenshot_of_a_stock_lecturer_group_gets_the_warning_quoting_it_and_is_not_kept(
    api, rasa_url, tmp_path
):
    shot = chat_screenshot("牛股实战交流群(496)", STOCK_GROUP_CHAT, "zh-Hans", seed=21)
    api.files["group-shot"] = shot.png
    sizes = [{"file_id": "group-shot", "file_unique_id": "g", "width": 720, "height": 1200, "file_size": len(shot.png)}]
    user = new_id()
    with running_bot(api, bot_environment(api, rasa_url, tmp_path), tmp_path / "bot.log"):
        api.push_update(message_update(user, "zh-hans", photo=sizes))
        replies = wait_for_more(api, user, 0, lambda m: scam_name("stock_lecturer", ZH) in to_plain(m["text"]))

    warning = next(m["text"] for m in replies if scam_name("stock_lecturer", ZH) in to_plain(m["text"]))
    if folder := readme_images():  # the README's picture of what the user saw
        seen = Conversation("反诈助手")
        seen.user(image=shot.png)
        for message in api.sent(chat_id=user):
            seen.bot(message)
        seen.save_png(folder / "screenshot-reply.png")
    shown = shot.text.replace("\n", "")
    quotes = re.findall(r"<i>(.*?)</i>", warning)
    red_flags = {m["said"] for m in find_red_flags(shipped().scams["stock_lecturer"], shown)}
    assert quotes and all(q in shown and q in red_flags for q in quotes), warning
    assert words("in_your_screenshot", ZH) in to_plain(warning)
    # Nothing of the photo is on disk where the bot keeps its files: no image, and no words of it in its database
    # or its log (the text went to Rasa as typed text does).
    for path in (p for p in tmp_path.rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert not data.startswith(IMAGE_SIGNATURES), path
        assert all(q.encode() not in data for q in quotes), path
