"""How `classify` reads its input, without a Rasa server."""

import io

from bot.classify import decode_lines
from bot.user_text import MAX_ANALYSED_CHARS, has_words, readable_text


def test_control_characters_are_dropped_and_text_trimmed():
    assert readable_text("\x00\x07 老师让我充值\x1b \t") == "老师让我充值"


def test_long_text_is_cut_to_one_telegram_message():
    assert len(readable_text("a" * 10_000)) == MAX_ANALYSED_CHARS


def test_emoji_and_punctuation_have_no_words_but_any_script_does():
    assert not has_words("😀🙏🔥!!! ...")
    assert not has_words("   ")
    assert has_words("解冻费")
    assert has_words("5w")


def test_invalid_utf8_line_is_reported_and_the_others_still_read():
    stream = io.BytesIO("第一行\n".encode() + b"bad \xff\xfe line\n" + b"third line\r\n")
    lines = list(decode_lines(stream))
    assert lines[0] == (1, "第一行", None)
    assert lines[1][0] == 2 and lines[1][1] is None
    assert "0xff" in lines[1][2] and "not UTF-8" in lines[1][2]
    assert lines[2] == (3, "third line", None)
