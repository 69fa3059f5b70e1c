import pytest

from bot.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("群里的老师让我下载一个app", "zh"),
        ("群裡的老師讓我下載一個app", "zh"),
        ("那个teacher让我买BTC", "zh"),
        ("the loan app says I must pay an unfreezing fee", "en"),
        ("my mum got a text: 您好", "en"),
        ("😀😀😀", "en"),
        ("", "en"),
    ],
)
def test_language_follows_the_dominant_script(text, expected):
    assert detect_language(text) == expected
