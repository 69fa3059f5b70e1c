"""The words of the stats table and chart, in the trainer's language, from content/trainer_messages.yml."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.model import Content
from bot.content.render import fill, localise


@dataclass(frozen=True)
class StatsWords:
    title: str  # {since}, {until}, {days}
    empty: str
    columns: tuple[str, ...]  # day, scam type, language, paid, not paid, unknown, total
    totals_by_type: str
    all_types: str
    chart_by_type: str
    chart_paid: str
    chart_stories: str
    no_data: str

    def range(self, since, until) -> str:
        days = (until - since).days + 1
        return fill(self.title, {"since": since.isoformat(), "until": until.isoformat(), "days": str(days)})

    @property
    def paid_kinds(self) -> tuple[str, str, str]:
        """paid, not paid, unknown: the table's column names, reused by the chart's legend."""
        return self.columns[3], self.columns[4], self.columns[5]


def stats_words(content: Content, language: str) -> StatsWords:
    def text(key: str):
        return localise(content.messages[key], language, "standard")

    return StatsWords(
        title=text("trainer_stats_title"),
        empty=text("trainer_stats_empty"),
        columns=tuple(text("trainer_stats_columns")),
        totals_by_type=text("trainer_stats_totals_by_type"),
        all_types=text("trainer_stats_all_types"),
        chart_by_type=text("trainer_stats_chart_by_type"),
        chart_paid=text("trainer_stats_chart_paid"),
        chart_stories=text("trainer_stats_chart_stories"),
        no_data=text("trainer_stats_no_data"),
    )
