"""The text of a screenshot (a chat, an SMS, a web page) a user sends as a photo, read with Tesseract OCR.

The image is checked before anything decodes it in full (its size in bytes, its format from an allow-list, its
dimensions against decompression bombs), scaled down when very large, cleaned of everything but the ink (chat
bubbles, avatars and coloured buttons would otherwise be read as letters) and handed to the `tesseract` command
on stdin. Nothing is written to disk: the photo lives in memory for the time it takes to read it, and only the
text goes on, as typed text does.

Tesseract's Han script models (HanS + HanT, Debian's tesseract-ocr-script-hans/-hant) read Simplified and
Traditional Chinese and English in one pass; the choice, the page segmentation mode and the cleaning were
measured on the generated screenshots of tests/data/screenshot_texts.yml (`make bench`, step `ocr`).
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
import subprocess
import threading
import unicodedata
import warnings
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
MAX_PIXELS = 40_000_000
MAX_SIDE = 20_000
# Read at most this many pixels (a long scrolling screenshot is scaled down): OCR time grows with the area.
MAX_READ_PIXELS = 4_000_000
# Tesseract's Han script models (Debian's tesseract-ocr-script-hans/-hant): each reads Chinese and English.
SIMPLIFIED, TRADITIONAL = "HanS", "HanT"
# Tesseract's "single column of text of variable sizes": a chat's bubbles, an SMS, a page on a phone.
PAGE_SEGMENTATION = "4"
TIMEOUT_SECONDS = 20.0
# OCR takes a core for about a second: at most this many at once, in their own threads, so that a burst of
# photos neither starves the conversation turns of CPU nor holds the threads database calls run in.
WORKERS = max(1, (os.cpu_count() or 2) // 2)
# Ink is what differs from the background around it by strokes narrower than STROKE pixels; the background's
# side (dark text on light, or light on dark) is decided over a window of REGION pixels.
STROKE = 7
REGION = 81
CONTRAST = 2

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


class NotAnImage(ValueError):
    """The bytes are not an image the bot reads: too large, not PNG/JPEG/WEBP, corrupt, or too many pixels."""


def opened_image(data: bytes) -> Image.Image:
    """The image decoded, after the checks that need no decoding; raises NotAnImage."""
    if len(data) > MAX_FILE_BYTES:
        raise NotAnImage(f"{len(data)} bytes, more than {MAX_FILE_BYTES}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)  # reads the header only
            width, height = image.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise NotAnImage(f"{width}x{height} pixels")
            image.load()
    except NotAnImage:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError, Warning) as error:
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
    """The maximum or minimum (`pick`) over a STROKE x STROKE square around each pixel, one axis at a time."""
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
    """The image scaled to at most MAX_READ_PIXELS, as ink on white, as an uncompressed greyscale PGM."""
    image = image.convert("RGB")  # first frame of an animation, palette and alpha flattened
    area = image.width * image.height
    if area > MAX_READ_PIXELS:
        scale = (MAX_READ_PIXELS / area) ** 0.5
        image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.LANCZOS)
    out = io.BytesIO()
    ink(image).save(out, "PPM")
    return out.getvalue()


@dataclass(frozen=True)
class Reading:
    """What one Tesseract model read: the text, line by line, and its mean confidence per character (0-100)."""

    text: str
    confidence: float


def run_tesseract(pgm: bytes, languages: str, timeout: float = TIMEOUT_SECONDS) -> Reading:
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


def from_tsv(tsv: str) -> Reading:
    """Tesseract's TSV (one row per word: level 5, block, paragraph and line numbers, confidence, text) as lines
    of words, with the confidence of its words weighted by their length."""
    lines: dict[tuple[str, ...], list[str]] = {}
    weighted = characters = 0.0
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) != 12 or fields[0] != "5" or not fields[11].strip():
            continue
        word = fields[11].strip()
        lines.setdefault(tuple(fields[1:5]), []).append(word)
        weighted += float(fields[10]) * len(word)
        characters += len(word)
    text = "\n".join(" ".join(words) for words in lines.values())
    return Reading(text, weighted / characters if characters else 0.0)


# Chinese characters and the punctuation written with them (CJK symbols, full-width forms).
_CJK = r"\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACE_IN_CHINESE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
# Tesseract reads ASCII punctuation after a Chinese character (with a space); Chinese writes the full-width form.
_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；"}
_HALF_AFTER_CHINESE = re.compile(rf"(?<=[{_CJK}])[ \t]*([,?!:;])")
# A capital I is often read as "|" when it stands alone before an English word.
_BAR_FOR_I = re.compile(r"(?<!\S)\|(?=\s+[a-z])")


def clean(text: str) -> str:
    """Tesseract's text as a person would have typed it: no spaces between Chinese characters, Chinese
    punctuation after Chinese words, lines without a letter or digit (avatars and icons read as "| [") dropped."""
    lines = []
    for line in text.splitlines():
        line = unicodedata.normalize("NFC", line).strip()
        line = _HALF_AFTER_CHINESE.sub(lambda match: _FULL_WIDTH[match.group(1)], line)
        line = _SPACE_IN_CHINESE.sub("", line)
        line = re.sub(r"[ \t]{2,}", " ", _BAR_FOR_I.sub("I", line))
        if any(unicodedata.category(char)[0] in "LN" for char in line):
            lines.append(line)
    return "\n".join(lines)


def best_reading(pgm: bytes) -> Reading:
    """The Simplified Chinese model's reading (it reads English too), or the Traditional one's when the image has
    Chinese and that model is surer of it. Each model writes only its own script, so the surer one also says
    which script the image is in."""
    simplified = run_tesseract(pgm, SIMPLIFIED)
    if not _HAN.search(simplified.text):
        return simplified
    traditional = run_tesseract(pgm, TRADITIONAL)
    return traditional if traditional.confidence > simplified.confidence else simplified


def read_text(data: bytes) -> str:
    """The text in the image, cleaned; "" when it has none Tesseract can read. Raises NotAnImage."""
    return clean(best_reading(for_tesseract(opened_image(data))).text)


def _ocr_executor() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(WORKERS, thread_name_prefix="ocr")
        return _executor


async def screenshot_text(data: bytes) -> str:
    """`read_text` off the event loop, at most WORKERS at a time. Raises NotAnImage."""
    return await asyncio.get_running_loop().run_in_executor(_ocr_executor(), read_text, data)
