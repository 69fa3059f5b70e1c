"""Screenshots sent as photos or image files, through the real Application and the fake Bot API over HTTP: the
text in the image goes through the turn like typed text (with the shared Rasa server), its red-flag phrases
quoted back as the screenshot's; an image without readable text gets the "I read text" answer."""

from __future__ import annotations

import re

import pytest

from bot.content.render import find_red_flags, to_plain
from bot.screenshot_text import MAX_FILE_BYTES
from testkit.content_text import EN, ZH, scam_name, shipped, text, words
from testkit.screenshots import Bubble, chat_screenshot, picture_without_text, web_screenshot
from testkit.telegram_updates import new_id, say

STOCK_CHAT = [
    Bubble("各位早上好，今天老师带大家炒股，跟着我操作稳赚不赔", sender="王老师"),
    Bubble("怎么参加？", mine=True),
    Bubble("先下载app，注册后充值就能进内部群，名额有限", sender="助理小美"),
]


def photo(api, png: bytes) -> list[dict]:
    """The sizes Telegram offers for a photo, as a message carries them: a thumbnail (a blank picture here, so a
    reply from it would show), the photo itself, and a larger size past the bot's download limit (never fetched:
    it is not even served)."""
    file_id = f"photo-{new_id()}"
    api.files[f"{file_id}-thumb"] = picture_without_text(width=90, height=160)
    api.files[file_id] = png
    sizes = [(f"{file_id}-thumb", 90, 160, len(api.files[f"{file_id}-thumb"])), (file_id, 720, 1000, len(png)),
             (f"{file_id}-huge", 4000, 6000, MAX_FILE_BYTES + 1)]  # fmt: skip
    return [{"file_id": f, "file_unique_id": f, "width": w, "height": h, "file_size": size} for f, w, h, size in sizes]


def quoted(message: str) -> list[str]:
    """The phrases a reply quotes back (in italics)."""
    return re.findall(r"<i>(.*?)</i>", message)


def read_as_one_line(shown: str) -> str:
    return shown.replace("\n", "")


@pytest.mark.rasa
async def test_a_screenshot_of_a_stock_lecturer_chat_gets_the_warning_quoting_the_screenshot(app, api):
    user_id = new_id()
    shot = chat_screenshot("牛股内参交流群(488)", STOCK_CHAT, "zh-Hans", seed=11)
    sizes = photo(api, shot.png)
    await say(app, user_id, "zh-hans", photo=sizes)
    replies = [m["text"] for m in api.sent(chat_id=user_id)]
    warning = next(t for t in replies if scam_name("stock_lecturer", ZH) in to_plain(t))
    # A phrase the screenshot shows, quoted back as the screenshot's, with the sign it is.
    in_image = [q for q in quoted(warning) if q in read_as_one_line(shot.text)]
    red_flags = {m["said"] for m in find_red_flags(shipped().scams["stock_lecturer"], read_as_one_line(shot.text))}
    assert in_image and set(in_image) <= red_flags, warning
    assert words("in_your_screenshot", ZH) in to_plain(warning)
    assert words("you_wrote", ZH) not in to_plain(warning)
    # The largest size within the limit was read; neither the thumbnail nor the one past the limit was fetched.
    assert [call["file_id"] for call in api.sent("getFile")] == [sizes[1]["file_id"]]


@pytest.mark.rasa
async def test_an_image_file_with_a_caption_is_read_with_its_caption(app, api):
    user_id = new_id()
    page = web_screenshot("https://vip-stocks.example.com", "Free stock tips every day",
                          ["Our teacher gives free stock tips to the group.", "Guaranteed return, no risk at all."],
                          "en", seed=5)  # fmt: skip
    api.files["page"] = page.png
    document = {"file_id": "page", "file_unique_id": "page", "file_name": "IMG_2041.png", "mime_type": "image/png",
                "file_size": len(page.png)}  # fmt: skip
    await say(app, user_id, "en", document=document, caption="My neighbour sent me this, is it real?")
    replies = [m["text"] for m in api.sent(chat_id=user_id)]
    warning = next(t for t in replies if scam_name("stock_lecturer", EN) in to_plain(t))
    assert words("in_your_screenshot", EN) in to_plain(warning)
    assert quoted(warning) and all(q.lower() in page.text.lower() for q in quoted(warning)), warning


async def test_a_photo_without_readable_text_gets_the_answer_that_the_bot_reads_text(app, api):
    user_id = new_id()
    await say(app, user_id, "zh-hans", photo=photo(api, picture_without_text(seed=3)))
    api.files["broken"] = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100  # corrupt
    broken = [{"file_id": "broken", "file_unique_id": "broken", "width": 700, "height": 900, "file_size": 108}]
    await say(app, user_id, "zh-hans", photo=broken)
    gone = [{"file_id": "never-uploaded", "file_unique_id": "g", "width": 700, "height": 900}]  # download fails
    await say(app, user_id, "zh-hans", photo=gone)
    gif = {"file_id": "anim", "file_unique_id": "anim", "mime_type": "image/gif", "file_name": "a.gif"}
    api.files["anim"] = b"GIF89a" + b"\x00" * 50
    await say(app, user_id, "zh-hans", document=gif)
    assert [m["text"] for m in api.sent(chat_id=user_id)] == [text("unsupported_media", ZH)] * 4
