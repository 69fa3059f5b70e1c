"""A stats report as a plain-text table (monospace on Telegram, and the terminal)."""

from __future__ import annotations

import unicodedata

from bot.stats.report import StatsReport
from bot.stats.words import StatsWords


def format_text(report: StatsReport, words: StatsWords) -> str:
    """A plain-text table for Telegram (best in monospace) and the terminal: one line per day, scam type and
    language, then totals per scam type and overall."""
    title = words.range(report.since, report.until)
    if not report.rows:
        return f"{title}\n{words.empty}"
    header = words.columns
    lines = [(r.day.isoformat(), r.scam_type, r.language, r.paid, r.not_paid, r.unknown, r.total) for r in report.rows]
    type_lines = [("", scam_type, "", p, n, u, p + n + u) for scam_type, (p, n, u) in report.totals_by_type().items()]
    p, n, u = report.total()
    total_line = ("", words.all_types, "", p, n, u, p + n + u)

    table = [header, *lines, *type_lines, total_line]
    widths = [max(_width(str(row[i])) for row in table) for i in range(len(header))]

    def fmt(row) -> str:
        cells = [_pad(str(row[i]), widths[i], left=True) for i in range(3)]
        cells += [_pad(str(row[i]), widths[i], left=False) for i in range(3, len(header))]
        return "  ".join(cells).rstrip()

    rule = "-" * _width(fmt(header))
    out = [title, "", fmt(header), rule, *map(fmt, lines), "", words.totals_by_type, rule]
    out += [fmt(row) for row in type_lines]
    out += [rule, fmt(total_line)]
    return "\n".join(out)


def _width(text: str) -> int:
    """Columns a monospace font gives the text: wide and full-width characters (Chinese) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, left: bool) -> str:
    space = " " * (width - _width(text))
    return text + space if left else space + text
