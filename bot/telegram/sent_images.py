"""The image a user sent, a photo or an image file, fetched from Telegram into memory (never onto disk) and read
by bot/screenshot_text.py. Nothing of it is kept: the bytes are dropped once its text is read."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import Bot, Message, PhotoSize
from telegram.error import TelegramError

from bot.screenshot_text import MAX_FILE_BYTES, NotAnImage, screenshot_text, traditional_expected

log = logging.getLogger(__name__)


def largest_photo(sizes: Sequence[PhotoSize]) -> PhotoSize | None:
    """The largest of the sizes Telegram offers for a photo whose file is within MAX_FILE_BYTES (a size that does
    not state its file size is tried: its download is checked too)."""
    fitting = [size for size in sizes if (size.file_size or 0) <= MAX_FILE_BYTES]
    return max(fitting, key=lambda size: size.width * size.height, default=None)


def _file_id(message: Message) -> str | None:
    """The file to read: the largest fitting size of a photo, or an image file within MAX_FILE_BYTES."""
    if message.photo:
        chosen = largest_photo(message.photo)
        return chosen.file_id if chosen else None
    if message.document and (message.document.file_size or 0) <= MAX_FILE_BYTES:
        return message.document.file_id
    return None


async def image_text(bot: Bot, message: Message, region: str) -> str:
    """The text in the message's photo or image file, cleaned; "" when it has none, cannot be fetched, is too
    large, or is not an image the bot reads (PNG, JPEG or WEBP). Chinese in it is taken for the script of the
    reader's region when the image cannot tell. Only the reason is logged, never the text."""
    file_id = _file_id(message)
    if file_id is None:
        return ""
    try:
        file = await bot.get_file(file_id)
        if (file.file_size or 0) > MAX_FILE_BYTES:
            return ""
        data = bytes(await file.download_as_bytearray())
    # RuntimeError: Telegram gave the file no path to download it from.
    except (TelegramError, RuntimeError) as error:
        log.info("could not fetch the image a user sent: %s", error)
        return ""
    try:
        return await screenshot_text(data, traditional_expected(region))
    except NotAnImage as error:
        log.info("the image a user sent was not read: %s", error)
        return ""
