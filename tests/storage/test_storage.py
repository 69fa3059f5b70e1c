"""The bot's database: schema from Alembic migrations, settings, forgetting a user, anonymous statistics.

Every test runs on SQLite (the default) and on a real PostgreSQL server (fixtures in conftest.py): the code uses
nothing SQLite-only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, inspect, select

from bot.storage.database import make_engine, upgrade_schema
from bot.storage.models import LessonProgress, QuizAnswer, Subscription
from bot.storage.repository import forget_user, get_or_create_user, record_scam, scam_counts, update_user
from bot.storage.subscriptions import subscribe


def test_migrations_create_the_tables_and_running_them_again_changes_nothing(database_url):
    engine = make_engine(database_url)
    upgrade_schema(engine)
    upgrade_schema(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"users", "scam_stats", "alembic_version"} <= tables
    engine.dispose()


def test_statistics_have_no_column_that_could_hold_a_message_or_a_user(sessions):
    columns = {c["name"] for c in inspect(sessions.kw["bind"]).get_columns("scam_stats")}
    assert columns == {"id", "day", "scam_type", "language", "paid"}


def test_a_new_user_gets_defaults_and_keeps_changed_settings(sessions):
    user = get_or_create_user(sessions, 42, language="zh")
    assert (user.language, user.region, user.audience) == ("zh", "cn", "standard")
    update_user(sessions, 42, region="hk", audience="elderly")
    again = get_or_create_user(sessions, 42, language="en")
    assert (again.language, again.region, again.audience) == ("zh", "hk", "elderly")
    with pytest.raises(ValueError, match="not a user setting: text"):
        update_user(sessions, 42, text="hello")


def test_forget_deletes_the_user_row(sessions):
    get_or_create_user(sessions, 7)
    assert forget_user(sessions, 7) is True
    assert forget_user(sessions, 7) is False
    assert get_or_create_user(sessions, 7).region == "cn"  # a fresh row, old settings gone


def test_scam_counts_by_day_type_language_and_paid(sessions):
    today = date(2026, 11, 23)
    record_scam(sessions, "stock_lecturer", "zh", True, today)
    record_scam(sessions, "stock_lecturer", "zh", True, today)
    record_scam(sessions, "loan_unfreeze_fee", "en", False, date(2026, 11, 20))
    record_scam(sessions, "dating_recharge", "en", None, date(2026, 10, 1))
    counts = scam_counts(sessions, days=7, today=today)
    assert counts == {
        (today, "stock_lecturer", "zh", True): 2,
        (date(2026, 11, 20), "loan_unfreeze_fee", "en", False): 1,
    }


def test_forget_deletes_the_subscription_and_learning_history_too(sessions):
    get_or_create_user(sessions, 9)
    subscribe(sessions, 9, "daily", 9, "Asia/Shanghai", datetime(2026, 11, 23, tzinfo=UTC))
    with sessions.begin() as session:
        session.add(LessonProgress(telegram_id=9, scam_type="stock_lecturer", page=1, completed=False))
        session.add(QuizAnswer(telegram_id=9, question_id="stock_q1", correct=True))
    forget_user(sessions, 9)
    with sessions() as session:
        for table in (Subscription, LessonProgress, QuizAnswer):
            assert session.scalar(select(func.count()).select_from(table).where(table.telegram_id == 9)) == 0
