"""The statistics page and its CSV: the /stats figures per day, scam type, language and paid, from the anonymous
counts only: the users' ids, which the database also holds, appear nowhere."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta

from bot.stats.words import stats_words
from bot.storage.repository import get_or_create_user, record_scam
from testkit.content_text import EN, scam_name, shipped
from testkit.web_console import ADMIN, on_page, signed_in

TODAY = date(2026, 11, 30)
USERS = (987654321, 123456789)


def headings(lang: str) -> tuple[str, ...]:
    """The CSV's column headings in `lang`: the /stats table's (content/trainer_messages.yml)."""
    return stats_words(shipped(), lang).columns


def add_stats(sessions) -> None:
    for user in USERS:
        get_or_create_user(sessions, user, language="zh")
    record_scam(sessions, "stock_lecturer", "zh", True, TODAY)
    record_scam(sessions, "stock_lecturer", "zh", False, TODAY)
    record_scam(sessions, "stock_lecturer", "en", None, TODAY)
    record_scam(sessions, "phishing", "en", True, TODAY - timedelta(days=2))
    record_scam(sessions, "phishing", "en", True, TODAY - timedelta(days=40))  # outside 30 days


async def test_the_csv_has_the_counts_and_no_user_ids(console, client):
    add_stats(console.sessions)
    console.today = lambda: TODAY
    await signed_in(client, console)
    answer = await client.get("/stats.csv", params={"days": 30})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert 'filename="scam-stats-2026-11-01-2026-11-30.csv"' in answer.headers["content-disposition"]
    assert answer.content.startswith("\ufeff".encode())  # a UTF-8 byte-order mark, for Excel
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    # The headings are the /stats table's words in the trainer's language (English: no /language set).
    assert rows == [
        list(headings("en")),
        ["2026-11-28", "phishing", "en", "1", "0", "0", "1"],
        ["2026-11-30", "stock_lecturer", "en", "0", "0", "1", "1"],
        ["2026-11-30", "stock_lecturer", "zh", "1", "1", "0", "2"],
    ]
    assert rows[0] == ["day", "scam type", "lang", "paid", "not paid", "unknown", "total"]
    longer = await client.get("/stats.csv", params={"days": 60})
    assert len(list(csv.reader(io.StringIO(longer.content.decode("utf-8-sig"))))) == 5
    for user in USERS:
        assert str(user) not in answer.text and str(user) not in longer.text


async def test_a_chinese_trainers_csv_has_chinese_headings_and_the_same_values(console, client):
    add_stats(console.sessions)
    get_or_create_user(console.sessions, ADMIN, language="zh")  # the trainer's /language in the bot
    console.today = lambda: TODAY
    await signed_in(client, console)
    answer = await client.get("/stats.csv", params={"days": 30})
    chinese = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert chinese[0] == list(headings("zh")) and chinese[0][:2] == ["日期", "骗局类型"]
    assert chinese[0] != list(headings("en"))
    # Only the headings follow the language: dates, scam type ids and language codes stay as they are.
    assert chinese[1:] == [
        ["2026-11-28", "phishing", "en", "1", "0", "0", "1"],
        ["2026-11-30", "stock_lecturer", "en", "0", "0", "1", "1"],
        ["2026-11-30", "stock_lecturer", "zh", "1", "1", "0", "2"],
    ]
    for user in (*USERS, ADMIN):
        assert str(user) not in "\n".join(",".join(row) for row in chinese)


async def test_the_page_draws_the_charts_from_the_same_counts(console, client):
    add_stats(console.sessions)
    console.today = lambda: TODAY
    await signed_in(client, console)
    page = await client.get("/stats", params={"days": 7})
    assert page.status_code == 200
    data = re.search(r'<script type="application/json" id="stats-data">(.*?)</script>', page.text, re.S)
    charts = json.loads(data[1])
    assert [chart["id"] for chart in charts] == ["by-type", "paid", "by-language", "totals"]
    by_type = charts[0]
    assert by_type["labels"][0] == "2026-11-24" and by_type["labels"][-1] == "2026-11-30"
    today = {s["label"]: s["data"][-1] for s in by_type["series"]}
    assert today == {scam_name("stock_lecturer", EN): 3, scam_name("phishing", EN): 0}
    assert [s["data"][-1] for s in charts[1]["series"]] == [1, 1, 1]  # paid, not paid, unknown today
    assert {s["label"]: sum(s["data"]) for s in charts[2]["series"]} == {"en": 2, "zh": 2}
    # The libraries are the console's own files, the figures a JSON block: no inline script runs.
    assert '<script src="/static/vendor/chart.umd.min.js" defer></script>' in page.text
    assert (await client.get("/static/vendor/chart.umd.min.js")).status_code == 200
    for user in USERS:
        assert str(user) not in page.text
    assert (await client.get("/stats", params={"days": 0})).status_code == 400
    assert on_page("trainer_stats_days", max=366) in (await client.get("/stats.csv", params={"days": "x"})).text
