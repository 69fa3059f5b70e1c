"""Screenshots for the OCR tests and benchmark: a chat app screen (header, bubbles left and right), an SMS
inbox and a simple web page, drawn with Pillow and Debian's Noto CJK fonts (fonts-noto-cjk) in Simplified
Chinese, Traditional Chinese or English. Deterministic: the same texts and seed give the same image.

Each screenshot comes with every text it shows, top to bottom (the status bar, the header, the bubbles as
wrapped), and which of those lines are the status bar and message times: what it says is the rest, which is what
a perfect reader would return (the bot drops times on purpose: bot/screenshot_text.py).
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass
from functools import lru_cache

import opencc
from PIL import Image, ImageDraw, ImageFont

NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_CJK_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
# Faces inside the .ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK. English is set in the SC face's Latin glyphs.
FACE_INDEX = {"zh-Hans": 2, "zh-Hant": 3, "en": 2}
SCRIPTS = tuple(FACE_INDEX)
# Words of the screen around the messages, per script.
CHROME = {
    "zh-Hans": {"yesterday": "昨天", "today": "今天", "sms": "短信", "open": "立即下载"},
    "zh-Hant": {"yesterday": "昨天", "today": "今天", "sms": "簡訊", "open": "立即下載"},
    "en": {"yesterday": "Yesterday", "today": "Today", "sms": "Text Message", "open": "Download now"},
}
# A Latin word (with what sticks to it) or any other single character: the units a line may break between.
_BREAKABLE = re.compile(r"[A-Za-z0-9@#$%&*+=/\\.:'’_-]+[,.!?;:)\]]?\s*|\s+|.")


@dataclass(frozen=True)
class Bubble:
    text: str
    mine: bool = False  # the phone owner's own message, on the right; else the other side's, on the left
    sender: str = ""  # in a group chat: the name shown above a bubble on the left


# A stock-lecturer group chat as a victim screenshots it (the end-to-end test and the README's picture).
STOCK_GROUP_CHAT = [
    Bubble("欢迎新朋友！本群每天免费荐股，今天老师带大家炒股", sender="王老师"),
    Bubble("先下载这个app，用邀请码注册，跟着老师操作稳赚不赔", sender="助理小美"),
    Bubble("昨天跟老师赚了八千，感谢老师！", sender="股友阿强"),
    Bubble("我也想参加，怎么充值？", mine=True),
]


@dataclass(frozen=True)
class Screenshot:
    png: bytes
    lines: tuple[str, ...]  # every text drawn, top to bottom, one entry per drawn line
    times: tuple[str, ...] = ()  # those of them that are the status bar or a message time (the bot drops them)

    @property
    def text(self) -> str:
        """What the screenshot says: every line but the status bar and the message times."""
        return "\n".join(line for line in self.lines if line not in self.times)

    def encoded(self, kind: str = "JPEG", quality: int = 85) -> bytes:
        """The same image as another format: a photo Telegram recompressed is a JPEG (quality about 85)."""
        image = Image.open(io.BytesIO(self.png)).convert("RGB")
        out = io.BytesIO()
        image.save(out, kind, quality=quality)
        return out.getvalue()


@lru_cache(maxsize=64)
def font(script: str, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(NOTO_CJK_BOLD if bold else NOTO_CJK, size, index=FACE_INDEX[script])


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def script_of(text: str, lang: str) -> str:
    """zh-Hant when the Chinese text has characters only Traditional Chinese writes, zh-Hans otherwise; en for
    text in English."""
    if lang != "zh":
        return "en"
    traditional = _t2s().convert(text) != text
    return "zh-Hant" if traditional else "zh-Hans"


def wrap(text: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Lines of at most `width` pixels: breaks between Latin words or between any two other characters."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for unit in _BREAKABLE.findall(paragraph):
            if line and face.getlength(line + unit.rstrip()) > width:
                lines.append(line.rstrip())
                line = unit.lstrip()
            else:
                line += unit
        if line.strip():
            lines.append(line.rstrip())
    return lines


class _Canvas:
    """A phone screen being drawn top to bottom, remembering every text it draws."""

    def __init__(self, width: int, background: str, rng: random.Random, script: str) -> None:
        self.width, self.rng, self.script = width, rng, script
        self.image = Image.new("RGB", (width, 6000), background)
        self.draw = ImageDraw.Draw(self.image)
        self.y = 0
        self.lines: list[str] = []
        self.times: list[str] = []

    def text(self, x: float, text: str, size: int, fill: str = "#111111", bold: bool = False) -> None:
        self.draw.text((x, self.y), text, font=font(self.script, size, bold), fill=fill)
        self.lines.append(text)

    def status_bar(self, fill: str = "#111111") -> None:
        """The phone's clock on the left and the battery on the right, as every screenshot has."""
        clock = f"{self.rng.randint(7, 22)}:{self.rng.randint(0, 59):02d}"
        battery = f"{self.rng.randint(12, 99)}%"
        face = font(self.script, 24)
        self.y = 12
        self.draw.text((28, self.y), clock, font=face, fill=fill)
        self.draw.text((self.width - 28 - face.getlength(battery), self.y), battery, font=face, fill=fill)
        self.lines.append(f"{clock} {battery}")
        self.times.append(f"{clock} {battery}")
        self.y = 56

    def time(self, text: str) -> None:
        """A day and time above the messages, small and grey."""
        self.centred(text, 22, "#999999")
        self.times.append(text)

    def centred(self, text: str, size: int, fill: str = "#111111", bold: bool = False) -> None:
        width = font(self.script, size, bold).getlength(text)
        self.text((self.width - width) / 2, text, size, fill, bold)

    def paragraph(self, text: str, x: int, width: int, size: int, fill: str = "#222222") -> None:
        for line in wrap(text, font(self.script, size), width):
            self.text(x, line, size, fill)
            self.y += round(size * 1.5)

    def bubble(self, bubble: Bubble, size: int, left_fill: str, right_fill: str, avatars: bool = True) -> None:
        """A message bubble with its avatar: the other side's on the left, the owner's on the right."""
        face = font(self.script, size)
        avatar, pad, gap = (64, 22, 18) if avatars else (0, 22, 24)
        lines = wrap(bubble.text, face, self.width * 0.62)
        inner = max(face.getlength(line) for line in lines) if lines else size
        height = len(lines) * round(size * 1.45) + 2 * pad - round(size * 0.2)
        if bubble.sender and not bubble.mine:
            self.text(gap + avatar + gap, bubble.sender, round(size * 0.72), fill="#888888")
            self.y += round(size * 1.1)
        if bubble.mine:
            left = self.width - gap - avatar - gap - inner - 2 * pad
        else:
            left = gap + avatar + gap
        if avatars:
            shade = self.rng.choice(("#7a9cc6", "#c98b6b", "#8fb573", "#b07cc6", "#d2a84c"))
            side = self.width - gap - avatar if bubble.mine else gap
            self.draw.rounded_rectangle((side, self.y, side + avatar, self.y + avatar), 8, fill=shade)
        fill = right_fill if bubble.mine else left_fill
        self.draw.rounded_rectangle((left, self.y, left + inner + 2 * pad, self.y + height), 12, fill=fill)
        top = self.y
        self.y += pad - round(size * 0.15)
        for line in lines:
            self.text(left + pad, line, size)
            self.y += round(size * 1.45)
        self.y = top + max(height, avatar) + 30

    def png(self, bottom_fill: str) -> bytes:
        """The screen cut to what was drawn, with an input bar or a margin below, as PNG bytes."""
        height = self.y + 100
        self.draw.rectangle((0, self.y + 20, self.width, height), fill=bottom_fill)
        out = io.BytesIO()
        self.image.crop((0, 0, self.width, height)).save(out, "PNG")
        return out.getvalue()


def chat_screenshot(title: str, bubbles: list[Bubble], script: str, seed: int = 0, width: int = 720) -> Screenshot:
    """A messaging app's conversation: status bar, header with the chat's name, a time, the bubbles."""
    rng = random.Random(seed)
    canvas = _Canvas(width, "#ededed", rng, script)
    canvas.status_bar()
    canvas.draw.line((30, canvas.y + 22, 16, canvas.y + 36, 30, canvas.y + 50), fill="#111111", width=4)  # back
    canvas.y += 14
    canvas.centred(title, 32, bold=True)
    canvas.y += 72
    canvas.draw.line((0, canvas.y, width, canvas.y), fill="#d6d6d6", width=2)
    canvas.y += 28
    canvas.time(f"{CHROME[script]['yesterday']} {rng.randint(8, 23)}:{rng.randint(0, 59):02d}")
    canvas.y += 52
    size = rng.choice((28, 30, 32))
    for bubble in bubbles:
        canvas.bubble(bubble, size, "#ffffff", rng.choice(("#95ec69", "#a9dcff", "#c6f0b0")))
    return Screenshot(canvas.png("#f7f7f7"), tuple(canvas.lines), tuple(canvas.times))


def sms_screenshot(sender: str, messages: list[str], script: str, seed: int = 0, width: int = 720) -> Screenshot:
    """A phone's text-message conversation: the sender's number as the title, grey bubbles without avatars."""
    rng = random.Random(seed)
    canvas = _Canvas(width, "#ffffff", rng, script)
    canvas.status_bar()
    canvas.y += 10
    canvas.centred(sender, 32, bold=True)
    canvas.y += 48
    canvas.centred(CHROME[script]["sms"], 22, "#8e8e93")
    canvas.y += 60
    canvas.time(f"{CHROME[script]['today']} {rng.randint(8, 23)}:{rng.randint(0, 59):02d}")
    canvas.y += 48
    size = rng.choice((28, 30))
    for text in messages:
        canvas.bubble(Bubble(text), size, "#e9e9eb", "#34c759", avatars=False)
    return Screenshot(canvas.png("#ffffff"), tuple(canvas.lines), tuple(canvas.times))


def web_screenshot(address: str, title: str, paragraphs: list[str], script: str, seed: int = 0,
                   width: int = 720) -> Screenshot:  # fmt: skip
    """A phone browser showing a page: the address bar, a bold title, paragraphs, a download button."""
    rng = random.Random(seed)
    canvas = _Canvas(width, "#ffffff", rng, script)
    canvas.status_bar()
    canvas.draw.rounded_rectangle((20, canvas.y, width - 20, canvas.y + 56), 14, fill="#f1f1f4")
    canvas.y += 12
    canvas.text(44, address, 24, "#444444")
    canvas.y += 80
    canvas.paragraph(title, 32, width - 64, 38, fill="#111111")
    canvas.y += 16
    for text in paragraphs:
        canvas.paragraph(text, 32, width - 64, rng.choice((28, 30)))
        canvas.y += 18
    label = CHROME[script]["open"]
    face = font(script, 30, bold=True)
    button = rng.choice(("#d93025", "#1a73e8", "#f29900"))
    left = (width - face.getlength(label)) / 2 - 40
    canvas.draw.rounded_rectangle((left, canvas.y, width - left, canvas.y + 72), 36, fill=button)
    canvas.y += 14
    canvas.centred(label, 30, "#ffffff", bold=True)
    canvas.y += 80
    return Screenshot(canvas.png("#ffffff"), tuple(canvas.lines), tuple(canvas.times))


def picture_without_text(seed: int = 0, width: int = 720, height: int = 960) -> bytes:
    """A photo with no writing in it (a sky, a sun, hills), as PNG bytes."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    top, bottom = (rng.randint(60, 120), rng.randint(120, 180), 230), (200, 225, 245)
    for y in range(height):
        share = y / height
        draw.line((0, y, width, y), fill=tuple(round(a + (b - a) * share) for a, b in zip(top, bottom)))
    sun, radius = rng.randint(width // 6, width * 5 // 6), width // 12
    draw.ellipse((sun - radius, height // 8, sun + radius, height // 8 + 2 * radius), fill=(250, 215, 90))
    step = max(1, width // 9)
    for offset, shade in ((0, (90, 140, 80)), (height // 8, (60, 110, 60))):
        ridge = [(x, height * 0.6 + offset + rng.randint(-step // 2, step // 2)) for x in range(0, width + step, step)]
        draw.polygon([(0, height), *ridge, (width, height)], fill=shade)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def draw_entry(entry: dict, seed: int = 0) -> Screenshot:
    """The screenshot of one entry of tests/data/screenshot_texts.yml (layout chat, sms or web)."""
    script = entry["script"]
    if entry["layout"] == "chat":
        bubbles = [Bubble(text, mine=who == "me", sender="" if who == "me" else who) for who, text in entry["bubbles"]]
        return chat_screenshot(entry["title"], bubbles, script, seed)
    if entry["layout"] == "sms":
        return sms_screenshot(entry["sender"], entry["messages"], script, seed)
    return web_screenshot(entry["address"], entry["title"], entry["paragraphs"], script, seed)


# Spaces carry no meaning next to a Chinese character (people and Tesseract put them there or not).
_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SPACE_BY_CHINESE = re.compile(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+")


def comparable(text: str) -> str:
    """The text as characters to compare: line breaks are spaces, runs of spaces one, none beside Chinese."""
    return re.sub(r"\s+", " ", _SPACE_BY_CHINESE.sub("", text)).strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: characters inserted, deleted or replaced to turn a into b."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def character_accuracy(expected: str, read: str) -> float:
    """1 - edit distance / length of what the image shows (0 when nothing of it was read right)."""
    want, got = comparable(expected), comparable(read)
    return max(0.0, 1 - edit_distance(want, got) / max(1, len(want)))
