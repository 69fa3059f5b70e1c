"""The tip schedule: next times in the user's time zone, claiming each due tip once, skipping blocked users.
On SQLite and PostgreSQL (the `sessions` fixture in conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import subscriptions
from bot.storage.subscriptions import claim_due, mark_blocked, next_occurrence, subscribe, unsubscribe

MONDAY_NOON_UTC = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai


def test_daily_and_weekly_times_are_local_and_strictly_later():
    assert next_occurrence("daily", 9, "Asia/Shanghai", MONDAY_NOON_UTC) == datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    assert next_occurrence("daily", 21, "Asia/Shanghai", MONDAY_NOON_UTC) == datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
    # Weekly: Mondays; Monday 9:00 Shanghai has passed, so the next Monday.
    assert next_occurrence("weekly", 9, "Asia/Shanghai", MONDAY_NOON_UTC) == datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def test_nine_in_london_stays_nine_across_the_clock_change():
    before = datetime(2026, 3, 28, 10, 0, tzinfo=UTC)  # Saturday; clocks go forward on Sunday 29 March
    first = next_occurrence("daily", 9, "Europe/London", before)
    second = next_occurrence("daily", 9, "Europe/London", first)
    assert first == datetime(2026, 3, 29, 8, 0, tzinfo=UTC) and second == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def test_a_due_tip_is_claimed_once_then_the_next_one_is_scheduled(sessions):
    due = subscribe(sessions, 1, "daily", 9, "Asia/Shanghai", MONDAY_NOON_UTC)
    assert claim_due(sessions, due - timedelta(seconds=1)) == []
    first = claim_due(sessions, due)
    assert [(t.telegram_id, t.number) for t in first] == [(1, 0)]
    assert claim_due(sessions, due) == []  # a second sender, or the same one after a restart
    row = subscriptions.subscription_of(sessions, 1)
    assert row.tips_sent == 1 and row.next_due.replace(tzinfo=UTC) == due + timedelta(days=1)


def test_a_bot_that_was_down_for_days_sends_one_tip_not_a_backlog(sessions):
    due = subscribe(sessions, 2, "daily", 9, "Asia/Shanghai", MONDAY_NOON_UTC)
    three_days_later = due + timedelta(days=3, hours=2)
    assert len(claim_due(sessions, three_days_later)) == 1
    assert claim_due(sessions, three_days_later) == []
    assert claim_due(sessions, due + timedelta(days=4))[0].number == 1


def test_blocked_users_are_skipped_until_they_subscribe_again_and_unsubscribe_stops(sessions):
    due = subscribe(sessions, 3, "weekly", 9, "Europe/London", MONDAY_NOON_UTC)
    mark_blocked(sessions, 3)
    assert claim_due(sessions, due + timedelta(hours=1)) == []
    due = subscribe(sessions, 3, "daily", 20, "Europe/London", MONDAY_NOON_UTC)
    assert unsubscribe(sessions, 3) is True and unsubscribe(sessions, 3) is False
    assert claim_due(sessions, due) == []


def test_nonsense_is_refused(sessions):
    with pytest.raises(ValueError):
        subscribe(sessions, 4, "hourly", 9, "Asia/Shanghai", MONDAY_NOON_UTC)
    with pytest.raises(ValueError):
        subscribe(sessions, 4, "daily", 24, "Asia/Shanghai", MONDAY_NOON_UTC)
