"""The counts for a range of days, read from the anonymous `scam_stats` rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.storage import repository
from common.labels import SCAM_TYPES

DEFAULT_DAYS = 7
MAX_DAYS = 366


def type_order(scam_types) -> list[str]:
    """Scam types in the product's order, then any others (older rows) alphabetically."""
    known = [t for t in SCAM_TYPES if t in scam_types]
    return known + sorted(set(scam_types) - set(SCAM_TYPES))


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
        return {scam_type: tuple(totals[scam_type]) for scam_type in type_order(totals)}

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
