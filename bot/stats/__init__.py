"""Trainers' statistics: recognised scams by day, scam type and language, paid or not, as text and as a chart.

Built only from the anonymous `scam_stats` rows (date, scam type, language, paid): no user id, no message text.
Used by `/stats [days]` on Telegram and by `python -m bot stats [--days N] [--png FILE]`.
- report.py: the counts for a range of days, read from the database;
- words.py: the table's and chart's words in the trainer's language (content/trainer_messages.yml);
- table.py: the report as a plain-text table;
- chart.py: the report as a PNG chart (matplotlib, headless);
- command.py: the `python -m bot stats` command.
"""

from bot.stats.chart import DPI, FIGSIZE, PNG_SIGNATURE, render_png
from bot.stats.command import run
from bot.stats.report import DEFAULT_DAYS, MAX_DAYS, DayRow, StatsReport, build_report, check_days
from bot.stats.table import format_text
from bot.stats.words import StatsWords, stats_words

__all__ = [
    "DEFAULT_DAYS", "DPI", "FIGSIZE", "MAX_DAYS", "PNG_SIGNATURE", "DayRow", "StatsReport", "build_report",
    "StatsWords", "check_days", "format_text", "render_png", "run", "stats_words",
]  # fmt: skip
