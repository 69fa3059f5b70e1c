"""Trainers' statistics (bot/stats/, `python -m bot stats`): numbers, table, chart, command line."""

from __future__ import annotations

import io
import os
from datetime import date, timedelta

import matplotlib.image
import pytest

from bot import stats
from bot.stats import DayRow, StatsReport, build_report, format_text, render_png, stats_words
from bot.storage.database import make_engine, make_sessions, upgrade_schema
from bot.storage.repository import record_scam
from testkit.bot_cli import run_bot

TODAY = date(2026, 11, 23)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WIDTH, HEIGHT = round(stats.FIGSIZE[0] * stats.DPI), round(stats.FIGSIZE[1] * stats.DPI)


def _record_sample(sessions, today: date) -> None:
    """3 stock_lecturer zh today (2 paid, 1 unknown), 1 stock_lecturer en today (not paid), 1 loan_unfreeze_fee
    en 2 days ago (not paid), 1 dating_recharge zh 6 days ago (paid); and 1 older than a week, outside 7 days."""
    for paid in (True, True, None):
        record_scam(sessions, "stock_lecturer", "zh", paid, today)
    record_scam(sessions, "stock_lecturer", "en", False, today)
    record_scam(sessions, "loan_unfreeze_fee", "en", False, today - timedelta(days=2))
    record_scam(sessions, "dating_recharge", "zh", True, today - timedelta(days=6))
    record_scam(sessions, "part_time_brushing", "en", True, today - timedelta(days=7))


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'bot.db'}"


@pytest.fixture
def sessions(db_url):
    engine = make_engine(db_url)
    upgrade_schema(engine)
    yield make_sessions(engine)
    engine.dispose()


@pytest.fixture
def words(shipped_content):
    return stats_words(shipped_content.current, "en")


@pytest.fixture
def report(sessions) -> StatsReport:
    _record_sample(sessions, TODAY)
    return build_report(sessions, 7, TODAY)


def test_build_report_matches_what_was_stored(report):
    assert report.since == TODAY - timedelta(days=6)
    assert report.until == TODAY
    assert report.rows == [
        DayRow(TODAY - timedelta(days=6), "dating_recharge", "zh", paid=1, not_paid=0, unknown=0),
        DayRow(TODAY - timedelta(days=2), "loan_unfreeze_fee", "en", paid=0, not_paid=1, unknown=0),
        DayRow(TODAY, "stock_lecturer", "en", paid=0, not_paid=1, unknown=0),
        DayRow(TODAY, "stock_lecturer", "zh", paid=2, not_paid=0, unknown=1),
    ]
    assert report.totals_by_type() == {
        "stock_lecturer": (2, 1, 1),
        "loan_unfreeze_fee": (0, 1, 0),
        "dating_recharge": (1, 0, 0),
    }
    assert report.total() == (3, 2, 1)


def test_build_report_covers_exactly_the_days_asked_for(sessions):
    _record_sample(sessions, TODAY)
    record_scam(sessions, "other_scam", "en", None, TODAY + timedelta(days=1))  # after "today": not in range
    one_day = build_report(sessions, 1, TODAY)
    assert one_day.since == one_day.until == TODAY
    assert {row.day for row in one_day.rows} == {TODAY}
    eight_days = build_report(sessions, 8, TODAY)
    assert eight_days.total() == (4, 2, 1)  # the part_time_brushing story 7 days ago is now in
    assert "part_time_brushing" in eight_days.totals_by_type()


@pytest.mark.parametrize("days", [0, -1, 367, 1000])
def test_build_report_refuses_days_out_of_range(sessions, days):
    with pytest.raises(ValueError, match=r"days must be a whole number from 1 to 366"):
        build_report(sessions, days, TODAY)


def _line(text: str, *cells) -> str:
    """The one line of `text` whose whitespace-separated cells are exactly `cells`."""
    wanted = [str(cell) for cell in cells]
    matches = [line for line in text.splitlines() if line.split() == wanted]
    assert len(matches) == 1, f"no single line {wanted} in:\n{text}"
    return matches[0]


def test_format_text_has_every_row_and_the_totals(report, words):
    text = format_text(report, words)
    assert text.splitlines()[0] == words.range(date(2026, 11, 17), TODAY)
    assert "2026-11-17" in text.splitlines()[0] and "2026-11-23" in text.splitlines()[0]
    _line(text, "day", "scam", "type", "lang", "paid", "not", "paid", "unknown", "total")
    _line(text, "2026-11-17", "dating_recharge", "zh", 1, 0, 0, 1)
    _line(text, "2026-11-21", "loan_unfreeze_fee", "en", 0, 1, 0, 1)
    _line(text, "2026-11-23", "stock_lecturer", "en", 0, 1, 0, 1)
    _line(text, "2026-11-23", "stock_lecturer", "zh", 2, 0, 1, 3)
    assert words.totals_by_type in text
    _line(text, "stock_lecturer", 2, 1, 1, 4)
    _line(text, "loan_unfreeze_fee", 0, 1, 0, 1)
    _line(text, "dating_recharge", 1, 0, 0, 1)
    _line(text, "all", "scam", "types", 3, 2, 1, 6)
    assert "part_time_brushing" not in text  # outside the 7 days
    # The numbers line up under their headings (monospace in the terminal and in Telegram's <pre>).
    header = _line(text, "day", "scam", "type", "lang", "paid", "not", "paid", "unknown", "total")
    row = _line(text, "2026-11-23", "stock_lecturer", "zh", 2, 0, 1, 3)
    assert len(row) == len(header)


def test_format_text_says_when_nothing_was_recorded(sessions, words):
    text = format_text(build_report(sessions, 7, TODAY), words)
    assert text.splitlines() == [words.range(date(2026, 11, 17), TODAY), words.empty]


def test_a_chinese_table_lines_up_in_monospace(report, shipped_content):
    """Chinese headings take two columns each in a monospace font; the numbers still sit under them."""
    words = stats_words(shipped_content.current, "zh")
    text = format_text(report, words)
    header = next(line for line in text.splitlines() if line.startswith(words.columns[0]))
    row = next(line for line in text.splitlines() if line.startswith("2026-11-23") and " zh " in line)
    wide = sum(1 for ch in header if ch >= "\u2e80")
    assert len(header) + wide == len(row)
    assert row.split() == ["2026-11-23", "stock_lecturer", "zh", "2", "0", "1", "3"]


def _image_size(png: bytes) -> tuple[int, int]:
    image = matplotlib.image.imread(io.BytesIO(png), format="png")
    return image.shape[1], image.shape[0]


def test_render_png_is_a_png_chart_of_the_expected_size(report, words):
    png = render_png(report, words)
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) > 5_000
    assert _image_size(png) == (WIDTH, HEIGHT)


@pytest.mark.parametrize("days", [1, 366])
def test_render_png_works_without_data_and_for_a_long_range(sessions, days, words):
    png = render_png(build_report(sessions, days, TODAY), words)
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) > 5_000
    assert _image_size(png) == (WIDTH, HEIGHT)


def test_a_chinese_chart_finds_a_font_for_every_character(report, shipped_content):
    """Without a CJK font matplotlib draws empty boxes and says so in a 'Glyph … missing' warning."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_png(report, stats_words(shipped_content.current, "zh"))
    assert png.startswith(PNG_SIGNATURE)
    assert [str(w.message) for w in caught if "missing from" in str(w.message)] == []


def _env(db_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": db_url}


def test_cli_prints_the_table_and_writes_the_png(sessions, db_url, tmp_path):
    _record_sample(sessions, date.today())
    png = tmp_path / "stats.png"
    result = run_bot(["stats", "--days", "7", "--png", str(png)], env=_env(db_url), timeout=120)
    assert result.returncode == 0, result.stderr
    today = date.today().isoformat()
    _line(result.stdout, today, "stock_lecturer", "zh", 2, 0, 1, 3)
    _line(result.stdout, "all", "scam", "types", 3, 2, 1, 6)
    assert f"chart written to {png}" in result.stderr
    data = png.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert _image_size(data) == (WIDTH, HEIGHT)


def test_cli_on_a_new_empty_database(tmp_path, words):
    db_url = f"sqlite:///{tmp_path / 'new' / 'bot.db'}"
    result = run_bot(["stats"], env=_env(db_url), timeout=120)
    assert result.returncode == 0, result.stderr
    since = date.today() - timedelta(days=6)
    assert result.stdout.splitlines() == [words.range(since, date.today()), words.empty]


def test_cli_speaks_the_language_asked_for(tmp_path, shipped_content):
    db_url = f"sqlite:///{tmp_path / 'new' / 'bot.db'}"
    result = run_bot(["stats", "--lang", "zh"], env=_env(db_url), timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == stats_words(shipped_content.current, "zh").empty


@pytest.mark.parametrize("days", ["0", "1000"])
def test_cli_refuses_days_out_of_range(db_url, tmp_path, days):
    png = tmp_path / "stats.png"
    result = run_bot(["stats", "--days", days, "--png", str(png)], env=_env(db_url), timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"error: days must be a whole number from 1 to 366, not {days}"]
    assert not png.exists()
