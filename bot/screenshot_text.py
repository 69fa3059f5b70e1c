"""The text of a screenshot (a chat, an SMS, a web page) a user sends as a photo, read with Tesseract OCR.

The image is checked before anything decodes it in full (its size in bytes, its format from an allow-list, its
dimensions against decompression bombs), scaled to a size Tesseract reads well and fast, reduced to its ink
(chat bubbles, avatars and coloured buttons would otherwise be read as letters) and handed to the `tesseract`
command on stdin. Nothing is written to disk: the photo lives in memory while it is read, and only the text
goes on, as typed text does.

Which models, page segmentation mode, ink filter and cleaning were chosen by measuring on the generated
screenshots of tests/data/screenshot_texts.yml; `make bench` (step `ocr`) measures them again, with screenshots
of held-out messages too. Tesseract's Han script models read Chinese and English; each writes only its own
script, so the image is read with the Simplified one and, when it holds Chinese, with the Traditional one too,
and the surer reading is kept (together in one pass they mixed the scripts within a line: 老師带大家).
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
import subprocess
import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from PIL import Image

from bot.child_env import child_environment

log = logging.getLogger(__name__)

# Telegram sends photos of at most 1280 pixels a side (a few hundred kB); a document can be larger.
MAX_FILE_BYTES = 10 * 1024 * 1024
FORMATS = ("PNG", "JPEG", "WEBP")
# Refused before decoding: a 10 MB file can claim a billion pixels (a decompression bomb).
MAX_PIXELS = 30_000_000
MAX_SIDE = 20_000
# Read at most this many pixels (a long scrolling screenshot is scaled down): OCR time grows with the area.
MAX_READ_PIXELS = 4_000_000
# A phone screenshot Telegram shrank to 1280 pixels high is about 580 wide, its text small for Tesseract: read
# narrow images enlarged to this width (the generated screenshots shrunk to 576 wide, as JPEG: Simplified Chinese
# 97.1% of characters right instead of 95.0%, English 99.5% instead of 98.9%, Traditional 95.7% instead of 96.4%).
MIN_READ_WIDTH = 720
# Tesseract's Han script models (Debian's tesseract-ocr-script-hans/-hant): each reads Chinese and English.
SIMPLIFIED, TRADITIONAL = "HanS", "HanT"
# Tesseract's "single column of text of variable sizes": a chat's bubbles, an SMS, a page on a phone.
PAGE_SEGMENTATION = "4"
# Readings whose confidence (0-100) differs by no more than this are a tie between the scripts (on 96 generated
# Chinese screenshots the surer model had the right script 93 times; two of the three misses were such ties).
SCRIPT_MARGIN = 1.0
TIMEOUT_SECONDS = 20.0
# A reading this unsure is no text: a photograph's shadows read as letters ("ny" at 6 in a portrait), where the
# generated screenshots are read at 78-93 on average (single characters of them as low as 0: no per-word cut).
MIN_CONFIDENCE = 40.0
# OCR takes a core for about a second: at most this many at once, in their own threads, so that a burst of
# photos neither starves the conversation turns of CPU nor holds the threads database calls run in.
WORKERS = max(1, (os.cpu_count() or 2) // 2)
# Ink is what differs from the background around it by strokes narrower than STROKE pixels; the background's
# side (dark text on light, or light on dark) is decided over a window of REGION pixels.
STROKE = 7
REGION = 81
CONTRAST = 1.5

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


class NotAnImage(ValueError):
    """The bytes are not an image the bot reads: too large, not PNG/JPEG/WEBP, corrupt, or too many pixels."""


def opened_image(data: bytes) -> Image.Image:
    """The image decoded, after the checks that need no decoding; raises NotAnImage."""
    if len(data) > MAX_FILE_BYTES:
        raise NotAnImage(f"{len(data)} bytes, more than {MAX_FILE_BYTES}")
    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)  # reads the header only
        width, height = image.size
        if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
            raise NotAnImage(f"{width}x{height} pixels")
        image.load()
    except NotAnImage:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as error:
        raise NotAnImage(f"cannot be decoded: {error}") from error
    return image


def ink(image: Image.Image) -> Image.Image:
    """The image as dark ink on white: what stands out from its surroundings by thin strokes, whether the text is
    dark on a light background or light on a dark one (a coloured bubble, a button, dark mode). Flat areas
    (bubbles, avatars, bars) become white."""
    gray = np.asarray(image.convert("L"), dtype=np.int16)
    closed = _slide(_slide(gray, np.maximum), np.minimum)  # dark strokes removed: a light background
    opened = _slide(_slide(gray, np.minimum), np.maximum)  # light strokes removed: a dark background
    mean = _box_mean(gray, REGION)
    # The background is the one of the two the neighbourhood's mean lies closer to.
    light_text = (mean - opened) < (closed - mean)
    strength = np.where(light_text, gray - opened, closed - gray)
    return Image.fromarray(np.clip(255 - strength * CONTRAST, 0, 255).astype(np.uint8))


def _slide(values: np.ndarray, pick) -> np.ndarray:
    """The maximum or minimum (`pick`) over a STROKE x STROKE square around each pixel, one axis at a time.
    Pillow's MaxFilter/MinFilter give the same pixels, but took 0.2 s per screenshot against 4 ms here."""
    reach = STROKE // 2
    for axis in (0, 1):
        length = values.shape[axis]
        padding = [(0, 0), (0, 0)]
        padding[axis] = (reach, reach)
        padded = np.pad(values, padding, mode="edge")
        window = [slice(None), slice(None)]
        result = None
        for shift in range(STROKE):
            window[axis] = slice(shift, shift + length)
            shifted = padded[tuple(window)]
            result = shifted if result is None else pick(result, shifted)
        values = result
    return values


def _box_mean(values: np.ndarray, size: int) -> np.ndarray:
    """The mean over a size x size square around each pixel (a summed-area table)."""
    reach = size // 2
    padded = np.pad(values.astype(np.int64), ((reach + 1, reach), (reach + 1, reach)), mode="edge")
    sums = padded.cumsum(0).cumsum(1)
    height, width = values.shape
    total = (
        sums[size : size + height, size : size + width]
        - sums[:height, size : size + width]
        - sums[size : size + height, :width]
        + sums[:height, :width]
    )
    return total / (size * size)


def for_tesseract(image: Image.Image) -> bytes:
    """The image at least MIN_READ_WIDTH wide and at most MAX_READ_PIXELS large, as ink on white, as an
    uncompressed greyscale PGM."""
    image = image.convert("RGB")  # first frame of an animation, palette and alpha flattened
    scale = min(max(1.0, MIN_READ_WIDTH / image.width), (MAX_READ_PIXELS / (image.width * image.height)) ** 0.5)
    if scale != 1.0:
        image = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))), Image.LANCZOS)
    out = io.BytesIO()
    ink(image).save(out, "PPM")
    return out.getvalue()


@dataclass(frozen=True)
class Reading:
    """What one Tesseract model read: the text, line by line, and its mean confidence per character (0-100)."""

    text: str
    confidence: float


def run_tesseract(pgm: bytes, languages: str, timeout: float) -> Reading:
    """Tesseract's reading of the image with those models; empty when it cannot run or takes too long (logged)."""
    environment = child_environment("TESSDATA_PREFIX")
    # One thread: on a small machine Tesseract's OpenMP threads cost more than they gain (measured: half the time).
    environment["OMP_THREAD_LIMIT"] = "1"
    command = ["tesseract", "stdin", "stdout", "-l", languages, "--psm", PAGE_SEGMENTATION, "tsv"]
    try:
        done = subprocess.run(command, input=pgm, capture_output=True, timeout=timeout, env=environment, check=True)
    except FileNotFoundError:
        log.error("the tesseract command is missing: install tesseract-ocr (deploy/system-packages.sh)")
        return Reading("", 0.0)
    except subprocess.TimeoutExpired:
        log.warning("tesseract took more than %s s: image not read", timeout)
        return Reading("", 0.0)
    except subprocess.CalledProcessError as error:
        log.warning("tesseract failed (%s): %s", error.returncode, error.stderr.decode(errors="replace")[-300:])
        return Reading("", 0.0)
    return from_tsv(done.stdout.decode("utf-8", errors="replace"))


@dataclass
class _Line:
    left: int
    top: int
    height: int
    words: list[str]


def from_tsv(tsv: str) -> Reading:
    """Tesseract's TSV (a row per line and per word: level, block, paragraph and line numbers, box, confidence,
    text) as text, with the confidence of its words weighted by their length."""
    lines: dict[tuple[str, ...], _Line] = {}
    weighted = characters = 0.0
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) != 12:
            continue
        key = tuple(fields[1:5])
        if fields[0] == "4":
            lines[key] = _Line(int(fields[6]), int(fields[7]), int(fields[9]), [])
        word = fields[11].strip()
        if fields[0] == "5" and word and key in lines:
            lines[key].words.append(word)
            weighted += float(fields[10]) * len(word)
            characters += len(word)
    text = "\n".join(" ".join(line.words) for line in _joined([line for line in lines.values() if line.words]))
    return Reading(text, weighted / characters if characters else 0.0)


def _joined(lines: list[_Line]) -> list[_Line]:
    """A line that starts where the one above started, right below it, continues it: a sentence wrapped in a
    bubble or a paragraph is read as one line ("老师带大家" / "炒股" is the phrase 老师带大家炒股). A time under a
    centred title is not a continuation."""
    joined: list[_Line] = []
    for line in lines:
        above = joined[-1] if joined else None
        reach = max(line.height, above.height) if above else 0
        if (
            above
            and abs(line.left - above.left) <= reach / 2
            and 0 <= line.top - (above.top + above.height) <= reach * 0.8
            and not any(_only_times(" ".join(part.words)) for part in (above, line))
        ):
            above.words += line.words
            above.height = line.top + line.height - above.top
        else:
            joined.append(line)
    return joined


# Chinese characters and the punctuation written with them (CJK symbols, full-width forms).
_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Tesseract separates every Chinese character, and a Latin word or number from the Chinese beside it, by a space
# whether the image had one or not; Chinese is written without them (and red-flag phrases are: 下载app).
_SPACE_IN_CHINESE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}A-Za-z0-9])|(?<=[A-Za-z0-9])[ \t]+(?=[{_CJK}])")
# Tesseract reads ASCII punctuation after a Chinese character (with a space); Chinese writes the full-width form.
_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；"}
_HALF_AFTER_CHINESE = re.compile(rf"(?<=[{_CJK}])[ \t]*([,?!:;])")
# What a phone shows around the messages: the status bar's clock and battery, the times and days above or under
# messages ("昨天 19:53", "Today 11:55", "12月3日 14:05"). Never part of a message, and dropping them keeps the
# classifier's answer closer to the typed text's: on the quiz's 266 scam messages drawn as screenshots (the
# development set of bench/ocr.py) the same scam type as typed for 249 instead of 232.
_TIME_OR_DAY = re.compile(
    r"\d{1,2}:\d{2}|\d{1,3} ?%|\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?|(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]"
    r"|今天|昨天|前天|星期[一二三四五六日天]|[周週][一二三四五六日]|凌晨|上午|中午|下午|晚上"
    r"|\b(?:today|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\b|\b[ap]\.?m\b\.?",
    re.IGNORECASE,
)
# A capital I is often read as "|" when it stands alone before an English word.
_BAR_FOR_I = re.compile(r"(?<!\S)\|(?=\s+[a-z])")


def clean(text: str) -> str:
    """Tesseract's text as a person would have typed it: no spaces between Chinese characters or beside them,
    spaces kept between Latin words, Chinese punctuation after Chinese words; lines without a letter or digit
    (avatars and icons read as "| [") and lines of times and days only (the status bar, message times) dropped."""
    lines = []
    for line in text.splitlines():
        line = unicodedata.normalize("NFC", line).strip()
        line = _HALF_AFTER_CHINESE.sub(lambda match: _FULL_WIDTH[match.group(1)], line)
        line = _SPACE_IN_CHINESE.sub("", line)
        line = re.sub(r"[ \t]{2,}", " ", _BAR_FOR_I.sub("I", line))
        if _has_words(line) and not _only_times(line):
            lines.append(line)
    return "\n".join(lines)


def _has_words(text: str) -> bool:
    return any(unicodedata.category(char)[0] in "LN" for char in text)


def _only_times(line: str) -> bool:
    """The line holds times, days and percentages only: the status bar, a message's time."""
    return not _has_words(_TIME_OR_DAY.sub("", line))


def traditional_expected(region: str) -> bool | None:
    """Whether a screenshot from a reader of this region is likely in Traditional Chinese (Hong Kong, Taiwan), in
    Simplified (mainland China, Singapore), or either (elsewhere)."""
    return True if region in ("hk", "tw") else False if region in ("cn", "sg") else None


def best_reading(pgm: bytes, traditional_likely: bool | None = None) -> Reading:
    """The Simplified Chinese model's reading (it reads English too), or the Traditional one's when the image has
    Chinese and that model is surer of it. Each model writes only its own script, so the surer one also says
    which script the image is in; within SCRIPT_MARGIN it is a tie, settled by `traditional_likely`.
    Both readings together take at most TIMEOUT_SECONDS."""
    started = time.monotonic()
    simplified = run_tesseract(pgm, SIMPLIFIED, TIMEOUT_SECONDS)
    left = TIMEOUT_SECONDS - (time.monotonic() - started)
    if not _HAN.search(simplified.text) or left <= 0:
        return simplified
    traditional = run_tesseract(pgm, TRADITIONAL, left)
    lead = traditional.confidence - simplified.confidence
    if abs(lead) <= SCRIPT_MARGIN:
        return traditional if traditional_likely else simplified  # most users, and the default region, write Simplified
    return traditional if lead > 0 else simplified


def read_text(data: bytes, traditional_likely: bool | None = None) -> str:
    """The text in the image, cleaned; "" when it has none Tesseract can read. Raises NotAnImage."""
    reading = best_reading(for_tesseract(opened_image(data)), traditional_likely)
    return clean(reading.text) if reading.confidence >= MIN_CONFIDENCE else ""


def _ocr_executor() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(WORKERS, thread_name_prefix="ocr")
        return _executor


async def screenshot_text(data: bytes, traditional_likely: bool | None = None) -> str:
    """`read_text` off the event loop, at most WORKERS at a time. Raises NotAnImage."""
    return await asyncio.get_running_loop().run_in_executor(_ocr_executor(), read_text, data, traditional_likely)
