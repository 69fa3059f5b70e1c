"""The report pack as a picture (PNG) a user can show at a bank or police counter: the same text as the message,
large print, headings in bold. Drawn with Pillow and a CJK font from Debian's packages (fonts-noto-cjk, installed
by `make`; fonts-wqy-microhei as a fallback)."""

from __future__ import annotations

import html
import io
import re
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, MARGIN, SIZE, LEADING = 1080, 64, 34, 1.45
# Noto Sans CJK's collection holds one face per region: Simplified Chinese, then Traditional (Taiwan's forms).
NOTO = Path("/usr/share/fonts/opentype/noto")
FACES = {"sc": 2, "tc": 3}
FALLBACK = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
# Emoji and pictographs: no glyph in a CJK text font (they would print as boxes).
_PICTOGRAPHS = re.compile("[\U00010000-\U0010ffff\u2600-\u27bf\ufe0f]")
# What wraps as one piece: a run of Latin letters, digits and their punctuation; anything else wraps per character.
# A heading: a line all in bold, perhaps with a bracketed note (the region's name).
_HEADING = re.compile(r"<b>[^<]*</b>(（[^）]*）| \([^)]*\))?")
# Marks that may not begin a line in Chinese typesetting: they stay at the end of the line before.
_NO_LINE_START = set("，。：；、？！）”’》」』,.:;?!)")
_PIECES = re.compile(r"[\w@.,:;/\-*&'’()<>+#%]+|\s+|.", re.ASCII)


@cache
def _font(bold: bool, traditional: bool) -> ImageFont.FreeTypeFont:
    path = NOTO / ("NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc")
    if path.exists():
        return ImageFont.truetype(str(path), SIZE, index=FACES["tc" if traditional else "sc"])
    return ImageFont.truetype(str(FALLBACK), SIZE)


def _lines(message: str) -> list[tuple[str, bool]]:
    """The message's lines as (plain text, heading?): a line that is all bold is a heading."""
    out = []
    for line in message.split("\n"):
        plain = _PICTOGRAPHS.sub("", html.unescape(re.sub(r"</?[a-z]+>", "", line))).strip()
        heading = bool(_HEADING.fullmatch(_PICTOGRAPHS.sub("", line).strip()))
        out.append((plain, heading))
    return out


def _wrapped(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    rows, row = [], ""
    for piece in _PIECES.findall(text):
        if row and piece not in _NO_LINE_START and font.getlength(row + piece) > width:
            rows.append(row.rstrip())
            row = piece.lstrip()
        else:
            row += piece
    rows.append(row.rstrip())
    return rows


def pack_png(message: str, traditional: bool = False) -> bytes:
    """The pack message (Telegram HTML) drawn as a PNG."""
    width = WIDTH - 2 * MARGIN
    step = int(SIZE * LEADING)
    drawn: list[tuple[str, bool]] = []
    for text, heading in _lines(message):
        font = _font(heading, traditional)
        drawn += [(row, heading) for row in _wrapped(text, font, width)] if text else [("", False)]
    image = Image.new("RGB", (WIDTH, 2 * MARGIN + step * len(drawn)), "white")
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for row, heading in drawn:
        draw.text((MARGIN, y), row, font=_font(heading, traditional), fill="black")
        y += step
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
