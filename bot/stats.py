"""Trainers' statistics: recognised scams by day, scam type and language, paid or not, as text and as a chart.

Built only from the anonymous `scam_stats` rows (date, scam type, language, paid): no user id, no message text.
Used by `/stats [days]` on Telegram and by `python -m bot stats [--days N] [--png FILE]`.
"""

from __future__ import annotations

import io
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bot.storage import repository
from common.labels import SCAM_TYPES

DEFAULT_DAYS = 7
MAX_DAYS = 366
# The chart's size: FIGSIZE inches at DPI dots per inch -> 1200 x 800 pixels.
FIGSIZE = (12.0, 8.0)
DPI = 100
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Paid first: it is the figure a trainer looks for.
PAID_COLOURS = {"paid": "#d62728", "not paid": "#2ca02c", "unknown": "#9e9e9e"}


@dataclass(frozen=True)
class DayRow:
    """How many stories of one scam type, in one language, were recognised on one day, by whether money went."""

    day: date
    scam_type: str
    language: str
    paid: int
    not_paid: int
    unknown: int

    @property
    def total(self) -> int:
        return self.paid + self.not_paid + self.unknown


@dataclass(frozen=True)
class StatsReport:
    """The days `since`..`until` (both included); rows sorted by day, scam type, language; days without any
    recognised scam have no row."""

    since: date
    until: date
    rows: list[DayRow]

    @property
    def days(self) -> list[date]:
        return [self.since + timedelta(days=i) for i in range((self.until - self.since).days + 1)]

    def totals_by_type(self) -> dict[str, tuple[int, int, int]]:
        """scam type -> (paid, not paid, unknown), in the order of SCAM_TYPES (unknown types after)."""
        totals: dict[str, list[int]] = {}
        for row in self.rows:
            entry = totals.setdefault(row.scam_type, [0, 0, 0])
            entry[0] += row.paid
            entry[1] += row.not_paid
            entry[2] += row.unknown
        return {scam_type: tuple(totals[scam_type]) for scam_type in _type_order(totals)}

    def total(self) -> tuple[int, int, int]:
        """(paid, not paid, unknown) over the whole report."""
        return (
            sum(row.paid for row in self.rows),
            sum(row.not_paid for row in self.rows),
            sum(row.unknown for row in self.rows),
        )


def check_days(days: int) -> int:
    """`days` if it is a whole number of days the report can cover, else ValueError saying what is allowed."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be a whole number from 1 to {MAX_DAYS}, not {days!r}")
    return days


def build_report(sessions: sessionmaker[Session], days: int, today: date) -> StatsReport:
    """The last `days` days up to `today` (included), from the stored statistics."""
    check_days(days)
    since = today - timedelta(days=days - 1)
    counts: dict[tuple[date, str, str], Counter] = {}
    for (day, scam_type, language, paid), n in repository.scam_counts(sessions, days, today).items():
        if not since <= day <= today:  # a row dated after `today` (clock change) is not in the range asked for
            continue
        counts.setdefault((day, scam_type, language), Counter())[paid] += n
    rows = [
        DayRow(day, scam_type, language, paid=c[True], not_paid=c[False], unknown=c[None])
        for (day, scam_type, language), c in sorted(counts.items(), key=lambda item: item[0])
    ]
    return StatsReport(since=since, until=today, rows=rows)


def _type_order(scam_types) -> list[str]:
    known = [t for t in SCAM_TYPES if t in scam_types]
    return known + sorted(set(scam_types) - set(SCAM_TYPES))


def _range_text(report: StatsReport) -> str:
    n = (report.until - report.since).days + 1
    return f"{report.since.isoformat()} to {report.until.isoformat()} ({n} day{'s' if n != 1 else ''})"


def format_text(report: StatsReport) -> str:
    """A plain-text table for Telegram (best in monospace) and the terminal: one line per day, scam type and
    language, then totals per scam type and overall."""
    title = f"Recognised scams, {_range_text(report)}"
    if not report.rows:
        return f"{title}\nNothing recorded in this period."
    header = ("day", "scam type", "lang", "paid", "not paid", "unknown", "total")
    lines = [(r.day.isoformat(), r.scam_type, r.language, r.paid, r.not_paid, r.unknown, r.total) for r in report.rows]
    type_lines = [
        ("", scam_type, "", p, n, u, p + n + u) for scam_type, (p, n, u) in report.totals_by_type().items()
    ]
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


def render_png(report: StatsReport) -> bytes:
    """The report as a PNG (FIGSIZE at DPI): recognised scams per day stacked by scam type, and paid / not paid /
    unknown per day. Rendered with Agg, without pyplot or a display; an empty report gives a chart saying so."""
    # Imported here so that commands and handlers that never draw do not load matplotlib.
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    days = report.days
    index = {day: i for i, day in enumerate(days)}
    x = mdates.date2num(days)

    by_type: dict[str, list[int]] = {}
    by_paid = {"paid": [0] * len(days), "not paid": [0] * len(days), "unknown": [0] * len(days)}
    for row in report.rows:
        i = index[row.day]
        by_type.setdefault(row.scam_type, [0] * len(days))[i] += row.total
        by_paid["paid"][i] += row.paid
        by_paid["not paid"][i] += row.not_paid
        by_paid["unknown"][i] += row.unknown

    figure = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    figure.suptitle(f"Recognised scams, {_range_text(report)}", fontsize=14)
    by_type_ax, paid_ax = figure.subplots(2, 1, sharex=True)
    colours = _type_colours()

    def stack(ax, series: dict[str, list[int]], colour_of) -> None:
        bottom = [0] * len(days)
        for name, values in series.items():
            ax.bar(x, values, width=0.8, bottom=bottom, label=name, color=colour_of(name), align="center")
            bottom = [b + v for b, v in zip(bottom, values)]

    stack(by_type_ax, {t: by_type[t] for t in _type_order(by_type)}, lambda t: colours.get(t, "#7f7f7f"))
    stack(paid_ax, by_paid, PAID_COLOURS.get)
    by_type_ax.set_title("Recognised scams per day, by scam type")
    paid_ax.set_title("Money already sent? Per day")
    for ax in (by_type_ax, paid_ax):
        ax.set_ylabel("stories")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", alpha=0.3)
        ax.set_axisbelow(True)
        ax.set_ylim(bottom=0)
    if report.rows:
        by_type_ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", title="scam type")
        paid_ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    else:
        for ax in (by_type_ax, paid_ax):
            ax.set_ylim(0, 1)
            ax.text(0.5, 0.5, "No data: nothing recorded in this period", transform=ax.transAxes,
                    ha="center", va="center", fontsize=13, color="#555555")

    paid_ax.set_xlim(x[0] - 0.6, x[-1] + 0.6)
    step = max(1, -(-len(days) // 14))  # at most about 14 labelled days
    paid_ax.xaxis.set_major_locator(mdates.DayLocator(interval=step))
    short = len(days) > 7 and report.since.year == report.until.year  # the title gives the year
    paid_ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d" if short else "%Y-%m-%d"))
    if len(days) > 7 and not short:
        paid_ax.tick_params(axis="x", labelrotation=30)
    paid_ax.set_xlabel("day")

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _type_colours() -> dict[str, str]:
    palette = ("#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")
    return dict(zip(SCAM_TYPES, palette))


def run(database_url: str, days: int, png: str | None, today: date | None = None) -> int:
    """`python -m bot stats`: the table on stdout; with `png`, the chart written there (said on stderr)."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.storage.database import make_engine, make_sessions, upgrade_schema

    try:
        check_days(days)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    engine = make_engine(database_url)
    try:
        upgrade_schema(engine)
        report = build_report(make_sessions(engine), days, today or date.today())
    except SQLAlchemyError as error:
        print(f"error: database: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(format_text(report))
    if png:
        path = Path(png)
        try:
            path.write_bytes(render_png(report))
        except OSError as error:
            print(f"error: cannot write the chart to {path}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(f"chart written to {path}", file=sys.stderr)
    return 0
