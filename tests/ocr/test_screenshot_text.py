"""Screenshots read with Tesseract (bot/screenshot_text.py): the generated chat, SMS and web-page screenshots of
tests/data/screenshot_texts.yml read back in Simplified Chinese, Traditional Chinese and English, and what hostile
or useless images get. Needs the `tesseract` command and its Han models (deploy/system-packages.sh)."""

from __future__ import annotations

import io
import statistics
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from matplotlib import cbook
from PIL import Image, ImageOps

from bot import screenshot_text
from bot.screenshot_text import MAX_FILE_BYTES, NotAnImage, clean, for_tesseract, read_text, run_tesseract
from testkit import ROOT
from testkit.screenshots import Bubble, character_accuracy, chat_screenshot, draw_entry, picture_without_text

TEXTS = yaml.safe_load((ROOT / "tests" / "data" / "screenshot_texts.yml").read_text(encoding="utf-8"))


def test_at_least_95_percent_of_the_characters_of_clean_screenshots_are_read_right_in_each_script():
    accuracy: dict[str, list[float]] = {}
    for seed, entry in enumerate(TEXTS):
        shot = draw_entry(entry, seed=seed)
        accuracy.setdefault(entry["script"], []).append(character_accuracy(shot.text, read_text(shot.png)))
    means = {script: round(statistics.mean(values), 3) for script, values in accuracy.items()}
    assert set(means) == {"zh-Hans", "zh-Hant", "en"}
    assert all(mean >= 0.95 for mean in means.values()), means


def test_the_red_flag_words_of_a_scam_chat_are_read_as_the_chat_wrote_them():
    bubbles = [
        Bubble("各位早上好，今天老师带大家炒股，跟着操作稳赚不赔", sender="王老师"),
        Bubble("怎么参加？", mine=True),
        Bubble("先下载这个app，注册后充值就能进内部群", sender="助理小美"),
    ]
    read = read_text(chat_screenshot("牛股交流群(268)", bubbles, "zh-Hans", seed=7).png)
    assert "老师带大家炒股" in read and "下载这个app" in read, read


def test_a_traditional_chinese_sms_is_read_in_traditional_characters():
    entry = next(e for e in TEXTS if e["script"] == "zh-Hant" and e["layout"] == "sms")
    shot = draw_entry(entry, seed=3)
    read = read_text(shot.png)
    assert "無法投遞" in read or "帳單金額" in read, read
    assert character_accuracy(shot.text, read) >= 0.8, read


def test_ocr_spacing_is_cleaned_for_chinese_and_kept_for_english():
    raw = "老 师 带 大 家 炒 股 , 下 载 app 吗 ?\nDownload  the app  now\n| [ ]\n| will pay you back"
    assert clean(raw) == "老师带大家炒股，下载app吗？\nDownload the app now\nI will pay you back"


@pytest.mark.parametrize("kind", ["JPEG", "WEBP"])
def test_a_jpeg_or_webp_photo_is_read_too(kind):
    entry = next(e for e in TEXTS if e["script"] == "en" and e["layout"] == "sms")
    shot = draw_entry(entry, seed=1)
    assert character_accuracy(shot.text, read_text(shot.encoded(kind, quality=85))) >= 0.9


def test_a_dark_mode_screenshot_is_read_as_well_as_a_light_one():
    entry = next(e for e in TEXTS if e["script"] == "zh-Hant" and e["scam_type"] == "stock_lecturer")
    shot = draw_entry(entry, seed=4)
    dark = io.BytesIO()
    ImageOps.invert(Image.open(io.BytesIO(shot.png)).convert("RGB")).save(dark, "PNG")
    assert character_accuracy(shot.text, read_text(dark.getvalue())) >= 0.9


def test_the_status_bar_and_message_times_are_left_out():
    entry = next(e for e in TEXTS if e["script"] == "en" and e["layout"] == "chat")
    shot = draw_entry(entry, seed=0)
    read = read_text(shot.png).splitlines()
    assert shot.times and not set(shot.times) & set(read), read
    assert "Football Parents" in read


def test_a_photo_without_writing_gives_no_text():
    assert read_text(picture_without_text(seed=2)) == ""
    # A real photograph (a portrait shipped with matplotlib).
    assert read_text(Path(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)).read_bytes()) == ""


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height pixels, its data cut short: what a decompression bomb or a
    corrupt upload looks like before decoding."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"just some text, not an image",
        png_claiming(100_000, 100_000),  # a decompression bomb: ten billion pixels in 100 bytes
        png_claiming(30_000, 2),  # wider than any screen
        png_claiming(400, 300),  # truncated: the pixels are missing
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 200,  # a PNG signature and rubbish
        b"\xff" * (MAX_FILE_BYTES + 1),  # over the size limit
    ],
    ids=["empty", "text", "bomb", "too-wide", "truncated", "rubbish", "too-large"],
)
def test_hostile_or_broken_input_is_refused_cleanly(data):
    with pytest.raises(NotAnImage):
        read_text(data)


@pytest.mark.parametrize("kind", ["GIF", "BMP", "TIFF"])
def test_formats_outside_png_jpeg_webp_are_refused(kind):
    out = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(out, kind)
    with pytest.raises(NotAnImage):
        read_text(out.getvalue())


def test_a_large_image_is_scaled_down_and_a_narrow_one_up_before_reading():
    def size_read(width: int, height: int) -> tuple[int, int]:
        pgm = for_tesseract(Image.new("RGB", (width, height), "white"))
        magic, dimensions = pgm.split(b"\n")[:2]
        assert magic == b"P5"
        read_width, read_height = map(int, dimensions.split())
        return read_width, read_height

    width, height = size_read(4000, 5000)  # 20 million pixels
    assert width * height <= screenshot_text.MAX_READ_PIXELS and abs(width / height - 0.8) < 0.01
    assert size_read(576, 1280)[0] == screenshot_text.MIN_READ_WIDTH  # a screenshot Telegram shrank


def test_a_tesseract_that_hangs_or_is_missing_gives_no_text_and_no_crash(monkeypatch):
    pgm = for_tesseract(Image.open(io.BytesIO(draw_entry(TEXTS[0], seed=0).png)))
    assert run_tesseract(pgm, "HanS", timeout=0.01).text == ""
    monkeypatch.setenv("PATH", "/nonexistent")
    assert run_tesseract(pgm, "HanS", timeout=10).text == ""


def test_nothing_is_written_to_disk_while_reading(tmp_path, monkeypatch):
    # Temporary files of Python and of Tesseract would land in TMPDIR (passed on to the child process).
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert read_text(draw_entry(TEXTS[2], seed=0).png)
    assert list(tmp_path.iterdir()) == []
