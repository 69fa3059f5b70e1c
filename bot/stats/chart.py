"""A stats report as a PNG chart, drawn headless (matplotlib's Agg backend)."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from bot.stats.report import StatsReport, type_order
from bot.stats.words import StatsWords
from common.labels import SCAM_TYPES

# The chart's size: FIGSIZE inches at DPI dots per inch -> 1200 x 800 pixels.
FIGSIZE = (12.0, 8.0)
DPI = 100
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Paid, not paid, unknown: paid first, it is the figure a trainer looks for.
PAID_COLOURS = ("#d62728", "#2ca02c", "#9e9e9e")
# Chinese headings need a CJK font (Debian's fonts-wqy-microhei, installed by `make`); matplotlib falls back
# to it glyph by glyph. Registered by file, as matplotlib's font cache may predate the font's installation.
FONTS = ["DejaVu Sans", "WenQuanYi Micro Hei"]
CJK_FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def _draw(report: StatsReport, words: StatsWords) -> bytes:
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    days = report.days
    index = {day: i for i, day in enumerate(days)}
    x = mdates.date2num(days)

    by_type: dict[str, list[int]] = {}
    paid, not_paid, unknown = ([0] * len(days) for _ in range(3))
    for row in report.rows:
        i = index[row.day]
        by_type.setdefault(row.scam_type, [0] * len(days))[i] += row.total
        paid[i] += row.paid
        not_paid[i] += row.not_paid
        unknown[i] += row.unknown
    by_paid = dict(zip(words.paid_kinds, (paid, not_paid, unknown)))
    paid_colours = dict(zip(words.paid_kinds, PAID_COLOURS))

    figure = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    figure.suptitle(words.range(report.since, report.until), fontsize=14)
    by_type_ax, paid_ax = figure.subplots(2, 1, sharex=True)
    colours = _type_colours()

    def stack(ax, series: dict[str, list[int]], colour_of) -> None:
        bottom = [0] * len(days)
        for name, values in series.items():
            ax.bar(x, values, width=0.8, bottom=bottom, label=name, color=colour_of(name), align="center")
            bottom = [b + v for b, v in zip(bottom, values)]

    stack(by_type_ax, {t: by_type[t] for t in type_order(by_type)}, lambda t: colours.get(t, "#7f7f7f"))
    stack(paid_ax, by_paid, paid_colours.get)
    by_type_ax.set_title(words.chart_by_type)
    paid_ax.set_title(words.chart_paid)
    for ax in (by_type_ax, paid_ax):
        ax.set_ylabel(words.chart_stories)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", alpha=0.3)
        ax.set_axisbelow(True)
        ax.set_ylim(bottom=0)
    if report.rows:
        by_type_ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", title=words.columns[1])
        paid_ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    else:
        for ax in (by_type_ax, paid_ax):
            ax.set_ylim(0, 1)
            ax.text(
                0.5,
                0.5,
                words.no_data,
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=13,
                color="#555555",
            )

    paid_ax.set_xlim(x[0] - 0.6, x[-1] + 0.6)
    step = max(1, -(-len(days) // 14))  # at most about 14 labelled days
    paid_ax.xaxis.set_major_locator(mdates.DayLocator(interval=step))
    short = len(days) > 7 and report.since.year == report.until.year  # the title gives the year
    paid_ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d" if short else "%Y-%m-%d"))
    if len(days) > 7 and not short:
        paid_ax.tick_params(axis="x", labelrotation=30)
    paid_ax.set_xlabel(words.columns[0])

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def render_png(report: StatsReport, words: StatsWords) -> bytes:
    """The report as a PNG (FIGSIZE at DPI): recognised scams per day stacked by scam type, and paid / not paid /
    unknown per day. Rendered with Agg, without pyplot or a display; an empty report gives a chart saying so."""
    import matplotlib  # here, so that commands and handlers that never draw do not load it

    _register_cjk_font()
    with matplotlib.rc_context({"font.family": FONTS}):
        return _draw(report, words)


@lru_cache(maxsize=1)
def _register_cjk_font() -> None:
    """Once per process: adds the Chinese font to matplotlib's list, if it is installed."""
    from matplotlib import font_manager

    if CJK_FONT_FILE.exists():
        font_manager.fontManager.addfont(str(CJK_FONT_FILE))


def _type_colours() -> dict[str, str]:
    palette = ("#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22")
    return dict(zip(SCAM_TYPES, palette))
