"""Guardian links (codes, consent, alerts) and family groups in the bot's database.

Every test runs on SQLite and on a real PostgreSQL server (fixtures in conftest.py), with fixed times."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from bot.storage import groups
from bot.storage.database import make_engine, upgrade_schema
from bot.storage.guardians import (
    ALERT_EPISODE,
    ATTEMPT_WINDOW,
    CODE_ALPHABET,
    CODE_LENGTH,
    CODE_VALIDITY,
    MAX_FAILED_ATTEMPTS,
    Accepted,
    ClaimResult,
    LinkView,
    accept_claim,
    claim_alert,
    claim_code,
    create_code,
    decline_claim,
    forget_guardian_data,
    links_of,
    normalise_code,
    relatives_of,
    remove_link,
)
from bot.storage.models import Alert, Base, CodeAttempt, GuardianCode, GuardianLink
from bot.storage.repository import forget_user, get_or_create_user

T0 = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
RELATIVE, ELDER, OTHER_ELDER, STRANGER = 1001, 2002, 3003, 4004


def _rows(sessions, model) -> list:
    with sessions() as session:
        return list(session.scalars(select(model)))


def _count(sessions, model) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def _at_once(count: int, call: Callable[[], object]) -> list[object]:
    """Runs `call` in `count` threads released together; returns their results."""
    barrier, results, errors = threading.Barrier(count), [], []

    def run() -> None:
        barrier.wait()
        try:
            results.append(call())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


# Schema


def test_upgrade_on_an_empty_database_creates_every_table_of_the_models(database_url):
    engine = make_engine(database_url)
    upgrade_schema(engine)
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
    for name, table in Base.metadata.tables.items():
        columns = {c["name"]: c["nullable"] for c in inspector.get_columns(name)}
        assert columns == {c.name: c.nullable for c in table.columns}, name
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []  # types, nullability, indexes and constraints as in models.py
    engine.dispose()


# Codes


def test_a_code_is_stored_only_as_its_hash(sessions):
    code = create_code(sessions, RELATIVE, T0, language="zh", region="hk", audience="elderly")
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    (row,) = _rows(sessions, GuardianCode)
    assert row.code_hash == hashlib.sha256(code.encode()).hexdigest()
    values = [str(getattr(row, column.key)) for column in GuardianCode.__table__.columns]
    assert not any(code.lower() in value.lower() for value in values)
    assert create_code(sessions, RELATIVE, T0) != code


def test_codes_may_be_typed_in_lower_case_with_dashes_or_spaces():
    assert normalise_code("abcd-efgh") == "ABCDEFGH"
    assert normalise_code(" ab cd\u2013ef gh\n") == "ABCDEFGH"
    assert normalise_code("ＡＢＣＤ－ＥＦＧＨ") == "ABCDEFGH"  # full-width, from a Chinese keyboard


def test_a_code_entered_in_lower_case_with_a_dash_is_claimed(sessions):
    code = create_code(sessions, RELATIVE, T0, language="zh", region="hk", audience="elderly")
    typed = f"{code[:4].lower()}-{code[4:].lower()}"
    assert claim_code(sessions, ELDER, typed, T0 + timedelta(minutes=5)) == ClaimResult(
        "ok", RELATIVE, "zh", "hk", "elderly"
    )
    (row,) = _rows(sessions, GuardianCode)
    assert (row.claimed_by, row.used_at) == (ELDER, None)  # claimed, not used up


def test_a_code_expires_after_24_hours(sessions):
    code = create_code(sessions, RELATIVE, T0)
    assert claim_code(sessions, ELDER, code, T0 + CODE_VALIDITY).status == "expired"
    assert _count(sessions, CodeAttempt) == 1  # counts as a failed attempt
    assert claim_code(sessions, ELDER, code, T0 + CODE_VALIDITY - timedelta(seconds=1)).status == "ok"
    assert accept_claim(sessions, ELDER, False, T0 + CODE_VALIDITY) is None  # expired between claim and accept


def test_a_code_links_once(sessions):
    code = create_code(sessions, RELATIVE, T0)
    assert claim_code(sessions, ELDER, code, T0).status == "ok"
    assert accept_claim(sessions, ELDER, True, T0) is not None
    assert accept_claim(sessions, ELDER, True, T0) is None
    assert claim_code(sessions, OTHER_ELDER, code, T0).status == "used"
    assert claim_code(sessions, ELDER, code, T0).status == "used"
    assert accept_claim(sessions, OTHER_ELDER, True, T0) is None
    assert len(links_of(sessions, RELATIVE)) == 1


def test_two_accepts_at_the_same_moment_use_the_code_once(sessions):
    code = create_code(sessions, RELATIVE, T0)
    assert claim_code(sessions, ELDER, code, T0).status == "ok"
    results = _at_once(4, lambda: accept_claim(sessions, ELDER, True, T0))
    assert sum(result is not None for result in results) == 1
    assert len(links_of(sessions, ELDER)) == 1


def test_a_relative_cannot_claim_their_own_code(sessions):
    code = create_code(sessions, RELATIVE, T0)
    for _ in range(MAX_FAILED_ATTEMPTS + 1):
        assert claim_code(sessions, RELATIVE, code, T0).status == "own_code"
    assert _count(sessions, CodeAttempt) == 0  # not a guess
    assert accept_claim(sessions, RELATIVE, True, T0) is None


def test_after_five_wrong_codes_even_the_right_one_waits_for_the_window_to_pass(sessions):
    code = create_code(sessions, RELATIVE, T0)
    for _ in range(MAX_FAILED_ATTEMPTS):
        assert claim_code(sessions, ELDER, "WRONG-CODE", T0).status == "unknown"
    for second in range(5):  # throttled entries are not counted again
        assert claim_code(sessions, ELDER, code, T0 + timedelta(minutes=10, seconds=second)).status == "throttled"
    assert claim_code(sessions, OTHER_ELDER, "WRONG-CODE", T0).status == "unknown"  # per user
    assert claim_code(sessions, ELDER, code, T0 + ATTEMPT_WINDOW - timedelta(seconds=1)).status == "throttled"
    assert claim_code(sessions, ELDER, code, T0 + ATTEMPT_WINDOW).status == "ok"


def test_forget_does_not_lift_the_lockout(sessions):
    """Issue 15, privacy 14: /forget deleted the failed attempts, so a guesser could /forget and go on."""
    code = create_code(sessions, RELATIVE, T0)
    for _ in range(MAX_FAILED_ATTEMPTS):
        claim_code(sessions, ELDER, "WRONG-CODE", T0)
    forget_user(sessions, ELDER)
    assert claim_code(sessions, ELDER, code, T0 + timedelta(minutes=1)).status == "throttled"


def test_accepting_links_the_pair_and_returns_the_settings_the_relative_chose(sessions):
    code = create_code(sessions, RELATIVE, T0, language="zh", region="hk", audience="elderly")
    claim_code(sessions, ELDER, code, T0)
    accepted = accept_claim(sessions, ELDER, True, T0 + timedelta(minutes=1))
    assert accepted == Accepted(accepted.link_id, RELATIVE, ELDER, True, "zh", "hk", "elderly")
    (link,) = links_of(sessions, RELATIVE)
    assert links_of(sessions, ELDER) == [link]
    assert link == LinkView(accepted.link_id, RELATIVE, ELDER, True, T0 + timedelta(minutes=1))
    assert _rows(sessions, GuardianCode)[0].used_at is not None

    again = create_code(sessions, RELATIVE, T0 + timedelta(hours=1))  # linking again changes share_words only
    claim_code(sessions, ELDER, again, T0 + timedelta(hours=1))
    relinked = accept_claim(sessions, ELDER, False, T0 + timedelta(hours=1))
    assert relinked == Accepted(accepted.link_id, RELATIVE, ELDER, False, None, None, None)
    assert [view.share_words for view in links_of(sessions, ELDER)] == [False]


def test_a_newer_claim_replaces_the_older_one(sessions):
    first = create_code(sessions, RELATIVE, T0)
    second = create_code(sessions, STRANGER, T0)
    claim_code(sessions, ELDER, first, T0)
    claim_code(sessions, ELDER, second, T0)
    assert accept_claim(sessions, ELDER, False, T0).relative_id == STRANGER
    assert accept_claim(sessions, ELDER, False, T0) is None  # the first claim is not accepted behind their back
    assert decline_claim(sessions, ELDER) is None


def test_declining_tells_whom_and_leaves_the_code_unused(sessions):
    code = create_code(sessions, RELATIVE, T0)
    assert decline_claim(sessions, ELDER) is None
    claim_code(sessions, ELDER, code, T0)
    assert decline_claim(sessions, ELDER) == RELATIVE
    assert decline_claim(sessions, ELDER) is None
    assert accept_claim(sessions, ELDER, True, T0) is None
    assert links_of(sessions, ELDER) == []
    assert claim_code(sessions, ELDER, code, T0).status == "ok"  # they may change their mind


# Links


def _link(sessions, relative: int, elder: int, share_words: bool = False) -> int:
    claim_code(sessions, elder, create_code(sessions, relative, T0), T0)
    return accept_claim(sessions, elder, share_words, T0).link_id


def test_only_a_side_of_a_link_can_remove_it(sessions):
    link_id = _link(sessions, RELATIVE, ELDER)
    assert remove_link(sessions, link_id, STRANGER) is None
    assert len(links_of(sessions, ELDER)) == 1
    removed = remove_link(sessions, link_id, ELDER)
    assert (removed.link_id, removed.relative_id, removed.elder_id) == (link_id, RELATIVE, ELDER)
    assert remove_link(sessions, link_id, ELDER) is None
    assert links_of(sessions, ELDER) == links_of(sessions, RELATIVE) == []
    other = _link(sessions, RELATIVE, ELDER)
    assert remove_link(sessions, other, RELATIVE).link_id == other


def test_relatives_of_an_older_user(sessions):
    _link(sessions, RELATIVE, ELDER, share_words=True)
    _link(sessions, STRANGER, ELDER)
    _link(sessions, RELATIVE, OTHER_ELDER)
    relatives = relatives_of(sessions, ELDER)
    assert [(view.relative_id, view.share_words) for view in relatives] == [(RELATIVE, True), (STRANGER, False)]
    assert [v.elder_id for v in links_of(sessions, RELATIVE)] == [ELDER, OTHER_ELDER]
    assert relatives_of(sessions, RELATIVE) == []


# Alerts


def test_one_alert_per_six_hour_episode_whatever_the_scam(sessions):
    assert claim_alert(sessions, ELDER, "stock_lecturer", T0) is True
    assert claim_alert(sessions, ELDER, "loan_unfreeze_fee", T0 + timedelta(hours=1)) is False
    assert claim_alert(sessions, ELDER, "stock_lecturer", T0 + ALERT_EPISODE - timedelta(seconds=1)) is False
    assert claim_alert(sessions, OTHER_ELDER, "stock_lecturer", T0 + timedelta(hours=1)) is True
    assert claim_alert(sessions, ELDER, "stock_lecturer", T0 + ALERT_EPISODE) is True
    assert claim_alert(sessions, ELDER, "stock_lecturer", T0 + ALERT_EPISODE + timedelta(hours=5)) is False


def test_two_alerts_at_the_same_moment_give_one(sessions):
    _link(sessions, RELATIVE, ELDER)
    results = _at_once(4, lambda: claim_alert(sessions, ELDER, "stock_lecturer", T0))
    assert sorted(results) == [False, False, False, True]


def test_times_must_carry_a_timezone(sessions):
    with pytest.raises(ValueError, match="timezone"):
        create_code(sessions, RELATIVE, datetime(2026, 11, 23, 9, 30))
    beijing = timezone(timedelta(hours=8))
    code = create_code(sessions, RELATIVE, T0.astimezone(beijing))  # any zone, kept as UTC
    assert claim_code(sessions, ELDER, code, T0 + CODE_VALIDITY - timedelta(seconds=1)).status == "ok"


# Forgetting


def test_forgetting_a_user_removes_all_their_guardian_data(sessions):
    _link(sessions, RELATIVE, ELDER)  # ELDER as the older user
    _link(sessions, ELDER, OTHER_ELDER)  # ELDER as a relative
    _link(sessions, RELATIVE, OTHER_ELDER)  # not about ELDER
    create_code(sessions, ELDER, T0)  # created, unused
    claim_code(sessions, ELDER, create_code(sessions, STRANGER, T0), T0)  # claimed by ELDER
    claim_code(sessions, ELDER, "WRONG", T0)
    claim_code(sessions, OTHER_ELDER, "WRONG", T0)
    claim_alert(sessions, ELDER, "stock_lecturer", T0)
    claim_alert(sessions, OTHER_ELDER, "stock_lecturer", T0)
    get_or_create_user(sessions, ELDER)

    assert forget_user(sessions, ELDER) is True
    assert links_of(sessions, ELDER) == []
    assert [(v.relative_id, v.elder_id) for v in _rows(sessions, GuardianLink)] == [(RELATIVE, OTHER_ELDER)]
    assert all(ELDER not in (row.relative_id, row.claimed_by) for row in _rows(sessions, GuardianCode))
    assert [row.elder_id for row in _rows(sessions, Alert)] == [OTHER_ELDER]
    # Failed attempts stay until they age out: /forget must not lift the lockout (issue 15, privacy 14).
    assert sorted(row.telegram_id for row in _rows(sessions, CodeAttempt)) == sorted([ELDER, OTHER_ELDER])

    _link(sessions, STRANGER, RELATIVE)
    assert forget_user(sessions, STRANGER) is False  # no settings row, but the link is gone all the same
    removed = forget_guardian_data(sessions, RELATIVE)
    assert [(v.relative_id, v.elder_id) for v in removed] == [(RELATIVE, OTHER_ELDER)]
    assert _rows(sessions, GuardianLink) == []


# Family groups


def test_a_group_is_introduced_to_once_until_the_bot_leaves(sessions):
    assert groups.mark_introduced(sessions, -100, T0) is True
    assert groups.mark_introduced(sessions, -100, T0) is False
    assert groups.get_group(sessions, -100).introduced is True
    assert sorted(_at_once(4, lambda: groups.mark_introduced(sessions, -200, T0))) == [False, False, False, True]
    groups.forget_group(sessions, -100)
    groups.forget_group(sessions, -100)
    assert groups.get_group(sessions, -100).introduced is False
    assert groups.mark_introduced(sessions, -100, T0) is True


def test_group_sensitivity_defaults_to_normal_and_takes_only_known_levels(sessions):
    assert groups.get_group(sessions, -100) == groups.GroupView(-100, "normal", False)
    assert groups.set_sensitivity(sessions, -100, "loud") == groups.GroupView(-100, "loud", False)
    assert groups.set_sensitivity(sessions, -300, "quiet").sensitivity == "quiet"  # a group not seen before
    with pytest.raises(ValueError, match="quiet, normal, loud"):
        groups.set_sensitivity(sessions, -100, "shouty")
    assert groups.get_group(sessions, -100).sensitivity == "loud"
    assert {g.sensitivity for g in _at_once(4, lambda: groups.get_group(sessions, -400))} == {"normal"}
