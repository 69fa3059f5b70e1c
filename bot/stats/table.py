"""A stats report as a plain-text table (monospace on Telegram, and the terminal)."""

from __future__ import annotations

from bot.stats.report import StatsReport


def range_text(report: StatsReport) -> str:
    n = (report.until - report.since).days + 1
    return f"{report.since.isoformat()} to {report.until.isoformat()} ({n} day{'s' if n != 1 else ''})"


def format_text(report: StatsReport) -> str:
    """A plain-text table for Telegram (best in monospace) and the terminal: one line per day, scam type and
    language, then totals per scam type and overall."""
    title = f"Recognised scams, {range_text(report)}"
    if not report.rows:
        return f"{title}\nNothing recorded in this period."
    header = ("day", "scam type", "lang", "paid", "not paid", "unknown", "total")
    lines = [(r.day.isoformat(), r.scam_type, r.language, r.paid, r.not_paid, r.unknown, r.total) for r in report.rows]
    type_lines = [("", scam_type, "", p, n, u, p + n + u) for scam_type, (p, n, u) in report.totals_by_type().items()]
    p, n, u = report.total()
    total_line = ("", "all scam types", "", p, n, u, p + n + u)

    table = [header, *lines, *type_lines, total_line]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(header))]

    def fmt(row) -> str:
        cells = [str(row[i]).ljust(widths[i]) for i in range(3)]
        cells += [str(row[i]).rjust(widths[i]) for i in range(3, len(header))]
        return "  ".join(cells).rstrip()

    rule = "-" * len(fmt(header))
    out = [title, "", fmt(header), rule, *map(fmt, lines), "", "Totals by scam type", rule]
    out += [fmt(row) for row in type_lines]
    out += [rule, fmt(total_line)]
    return "\n".join(out)
