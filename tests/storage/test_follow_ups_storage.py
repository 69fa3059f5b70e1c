"""Check-ins after a loss: day 1, 3, 7 and 30 after the start, each claimed once, missed ones collapsed into the
latest, the row gone after day 30, on /stop and on /forget. On SQLite and PostgreSQL (the `sessions` fixture in
conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage.follow_ups import claim_due, follow_up_of, start, stop
from bot.storage.repository import forget_user, get_or_create_user

TAPPED = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def on_day(day: int, later: timedelta = timedelta(0)) -> datetime:
    return TAPPED + timedelta(days=day) + later


def days_sent(sessions, telegram_id: int, now: datetime) -> list[int]:
    """The days claimed for this user at `now`."""
    return [c.day for c in claim_due(sessions, now) if c.telegram_id == telegram_id]


def test_check_ins_come_on_day_1_3_7_and_30_then_the_schedule_is_gone(sessions):
    schedule = start(sessions, 1, "loan_unfreeze_fee", TAPPED)
    assert schedule.started and (schedule.next_day, schedule.next_due) == (1, on_day(1))
    for day, following in ((1, 3), (3, 7), (7, 30)):
        assert days_sent(sessions, 1, on_day(day, -timedelta(seconds=1))) == []
        assert days_sent(sessions, 1, on_day(day)) == [day]
        row = follow_up_of(sessions, 1)
        assert (row.next_day, row.next_due) == (following, on_day(following))
    assert days_sent(sessions, 1, on_day(30, -timedelta(seconds=1))) == []
    assert days_sent(sessions, 1, on_day(30)) == [30]
    assert follow_up_of(sessions, 1) is None
    assert days_sent(sessions, 1, on_day(60)) == []


def test_a_claimed_check_in_is_not_claimed_again(sessions):
    start(sessions, 2, None, TAPPED)
    now = on_day(1, timedelta(minutes=5))
    first = claim_due(sessions, now)
    assert [(c.telegram_id, c.day, c.scam_type) for c in first] == [(2, 1, None)]
    assert claim_due(sessions, now) == []  # a second sender, or the same one after a restart


def test_check_ins_missed_while_the_bot_was_down_are_sent_once_the_latest(sessions):
    start(sessions, 3, "stock_lecturer", TAPPED)
    back_up = on_day(8)  # down from before day 1 until after day 7
    assert days_sent(sessions, 3, back_up) == [7]
    assert days_sent(sessions, 3, back_up) == []
    row = follow_up_of(sessions, 3)
    assert (row.next_day, row.next_due) == (30, on_day(30))
    # Down past day 30 as well: the last check-in once, then nothing is left.
    start(sessions, 4, "stock_lecturer", TAPPED)
    assert days_sent(sessions, 4, on_day(45)) == [30]
    assert follow_up_of(sessions, 4) is None


def test_tapping_again_neither_restarts_nor_duplicates_the_schedule(sessions):
    start(sessions, 5, "dating_recharge", TAPPED)
    assert days_sent(sessions, 5, on_day(1)) == [1]
    again = start(sessions, 5, "phishing", on_day(2))
    assert not again.started and (again.next_day, again.next_due) == (3, on_day(3))
    row = follow_up_of(sessions, 5)
    assert (row.scam_type, row.started_at, row.next_day) == ("dating_recharge", TAPPED, 3)
    assert days_sent(sessions, 5, on_day(3)) == [3]


def test_stop_ends_the_check_ins_and_says_whether_there_were_any(sessions):
    start(sessions, 6, None, TAPPED)
    assert stop(sessions, 6) is True and stop(sessions, 6) is False
    assert follow_up_of(sessions, 6) is None
    assert days_sent(sessions, 6, on_day(1)) == []


def test_forget_deletes_the_check_ins(sessions):
    get_or_create_user(sessions, 7, language="zh")
    start(sessions, 7, "phishing", TAPPED)
    assert forget_user(sessions, 7) is True
    assert follow_up_of(sessions, 7) is None
    assert days_sent(sessions, 7, on_day(1)) == []
