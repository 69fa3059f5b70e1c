"""The /stats figures as charts (per day by scam type, by money sent or not, by language; totals per scam type)
and as CSV: built from the same report as /stats (bot/stats/), the anonymous counts only (day, scam type,
language, paid), so no user id or message text can appear. Chart.js, served with the console, draws them.
The CSV's headings are the /stats table's own words (trainer_stats_columns) in the trainer's language; its
values stay machine-readable (ISO dates, scam type ids, language codes) so a spreadsheet sorts and joins them
the same whoever downloaded the file."""

from __future__ import annotations

import asyncio
import csv
import io

from starlette.requests import Request
from starlette.responses import Response

from bot import stats
from bot.content.render import localise
from bot.stats.chart import PAID_COLOURS
from bot.stats.report import StatsReport, type_order
from bot.stats.words import StatsWords
from bot.web.pages import Visitor, console_of, refusal, render, signed_in

DEFAULT_DAYS = 30
# Colour-blind-safe categorical colours (Okabe and Ito), repeated past eight scam types.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


def _days(request: Request) -> int | None:
    raw = request.query_params.get("days", str(DEFAULT_DAYS))
    try:
        return stats.check_days(int(raw)) if raw.isdecimal() else None
    except ValueError:
        return None


def _series(label: str, data: list[int], colour: str) -> dict:
    return {"label": label, "data": data, "colour": colour}


def chart_data(report: StatsReport, words: StatsWords, names: dict[str, str], by_language_title: str) -> list[dict]:
    """The charts the page draws: title, the x-axis labels, and stacked series of counts."""
    days = report.days
    at = {day: i for i, day in enumerate(days)}
    by_type: dict[str, list[int]] = {}
    by_language: dict[str, list[int]] = {}
    paid = [[0] * len(days) for _ in range(3)]
    for row in report.rows:
        i = at[row.day]
        by_type.setdefault(row.scam_type, [0] * len(days))[i] += row.total
        by_language.setdefault(row.language, [0] * len(days))[i] += row.total
        for kind, count in enumerate((row.paid, row.not_paid, row.unknown)):
            paid[kind][i] += count
    labels = [day.isoformat() for day in days]
    totals = report.totals_by_type()
    types = type_order(by_type)
    return [
        {"id": "by-type", "title": words.chart_by_type, "labels": labels,
         "series": [_series(names.get(t, t), by_type[t], PALETTE[n % len(PALETTE)]) for n, t in enumerate(types)]},
        {"id": "paid", "title": words.chart_paid, "labels": labels,
         "series": [_series(words.paid_kinds[k], paid[k], PAID_COLOURS[k]) for k in range(3)]},
        {"id": "by-language", "title": by_language_title, "labels": labels,
         "series": [_series(lang, counts, PALETTE[n % len(PALETTE)])
                    for n, (lang, counts) in enumerate(sorted(by_language.items()))]},
        {"id": "totals", "title": words.totals_by_type, "labels": [names.get(t, t) for t in totals],
         "series": [_series(words.paid_kinds[k], [v[k] for v in totals.values()], PAID_COLOURS[k]) for k in range(3)]},
    ]  # fmt: skip


def csv_text(report: StatsReport, headings: tuple[str, ...]) -> str:
    """One line per day, scam type and language: the counts by money sent, not sent, not said, and their total;
    `headings`: the seven columns' names (StatsWords.columns: day, scam type, language, paid, not paid, unknown,
    total)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headings)
    for row in report.rows:
        counts = (row.paid, row.not_paid, row.unknown, row.total)
        writer.writerow((row.day.isoformat(), row.scam_type, row.language, *counts))
    return out.getvalue()


@signed_in
async def stats_page(request: Request, who: Visitor) -> Response:
    """GET /stats?days=N: the charts, and the totals as a table."""
    days = _days(request)
    if days is None:
        return refusal(request, "trainer_stats_days", 400, who.words, max=stats.MAX_DAYS)
    console = console_of(request)
    content = console.content.current
    report = await asyncio.to_thread(stats.build_report, console.sessions, days, console.today())
    words = stats.stats_words(content, who.words.lang)
    names = {t: localise(scam["name"], who.words.lang, "standard") for t, scam in content.scams.items()}
    charts = chart_data(report, words, names, who.words("console_chart_by_language"))
    return render(
        request, "stats.html", who, days=days, max_days=stats.MAX_DAYS, report=report, words=words, names=names,
        charts=charts,
    )  # fmt: skip


@signed_in
async def stats_csv(request: Request, who: Visitor) -> Response:
    """GET /stats.csv?days=N: the report as CSV, to download, its headings in the trainer's language."""
    days = _days(request)
    if days is None:
        return refusal(request, "trainer_stats_days", 400, who.words, max=stats.MAX_DAYS)
    console = console_of(request)
    report = await asyncio.to_thread(stats.build_report, console.sessions, days, console.today())
    filename = f"scam-stats-{report.since.isoformat()}-{report.until.isoformat()}.csv"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"}
    headings = stats.stats_words(console.content.current, who.words.lang).columns
    # The byte-order mark makes Excel, which many trainers open CSV files with, read UTF-8 (the Chinese headings).
    body = "\ufeff" + csv_text(report, headings)
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
