"""Issue 17: check-ins after a loss survive restarts. `python -m bot run` as its own process against the fake Bot
API and a SQLite file; no Rasa needed (the "Check in on me" button and the job never ask it)."""

from __future__ import annotations

import html
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from bot.storage.database import make_engine, make_sessions
from bot.storage.follow_ups import follow_up_of
from bot.storage.models import FollowUp
from testkit.bot_process import RASA_DOWN, bot_environment, running_bot
from testkit.chat_pictures import Conversation, readme_images
from testkit.content_text import EN, filled, text
from testkit.telegram_updates import new_id, tap_update


def check_ins_to(api, chat_id: int) -> list[str]:
    """The check-ins an English-speaking user has received: each carries the recovery-scam warning."""
    warning = text("checkin_recovery_warning", EN)
    return [m["text"] for m in api.sent(chat_id=chat_id) if m["text"].endswith(warning)]


def confirmed(api, chat_id: int) -> bool:
    """Whether the user was told when the first check-in comes."""
    return any(filled("checkin_started", EN, html.unescape(m["text"])) for m in api.sent(chat_id=chat_id))


def test_check_ins_missed_while_the_bot_was_down_arrive_once_the_latest_across_restarts(api, tmp_path):
    env = bot_environment(api, RASA_DOWN, tmp_path, TIP_CHECK_SECONDS="0.5")
    user = new_id()
    with running_bot(api, env, tmp_path / "bot.log"):
        api.push_update(tap_update(user, "en", "checkin:loan_unfreeze_fee"))
        api.wait_for(lambda a: confirmed(a, user))
        time.sleep(1.5)  # a few rounds of the job: nothing is due yet
    assert check_ins_to(api, user) == []
    # The bot stays down for a week: the check-ins of day 1, 3 and 7 all fall due meanwhile.
    engine = make_engine(env["DATABASE_URL"])
    sessions = make_sessions(engine)
    started = datetime.now(UTC) - timedelta(days=7, hours=1)
    with sessions.begin() as session:
        moved = {"started_at": started, "next_due": started + timedelta(days=1)}
        session.execute(update(FollowUp).where(FollowUp.telegram_id == user).values(**moved))
    with running_bot(api, env, tmp_path / "bot.log"):
        api.wait_for(lambda a: check_ins_to(a, user), timeout=30)
        time.sleep(1.5)  # a few more rounds of the job
    with running_bot(api, env, tmp_path / "bot.log"):
        time.sleep(2)  # started again after the send: nothing more is due
    # One check-in, day 7's, not a backlog of three; the next one is day 30's.
    assert check_ins_to(api, user) == [text("checkin_day_7", EN) + "\n\n" + text("checkin_recovery_warning", EN)]
    if folder := readme_images():  # the README's picture of what the user saw
        seen = Conversation("Anti-fraud helper")
        for message in api.sent(chat_id=user):
            seen.bot(message)
        seen.save_png(folder / "check-in.png")
    row = follow_up_of(sessions, user)
    engine.dispose()
    assert (row.next_day, row.next_due) == (30, started + timedelta(days=30))
