"""A user's messages through the real Application, a real Rasa server and the fake Bot API over HTTP."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from telegram import Update

from bot.content.store import ContentStore
from bot.rasa_client import RasaClient
from bot.storage.database import make_engine, make_sessions, upgrade_schema
from bot.storage.repository import scam_counts
from bot.telegram.app import build_application
from tests.fake_bot_api import FakeBotApi
from tests.helpers import ROOT

pytestmark = pytest.mark.rasa
_ids = itertools.count(1000)


@pytest.fixture
def api():
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture
async def app(api, rasa_url, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    upgrade_schema(engine)
    rasa = RasaClient(rasa_url)
    application = build_application(
        "123:TEST",
        api.base_url,
        {"content": ContentStore(ROOT / "content"), "sessions": make_sessions(engine), "rasa": rasa,
         "default_region": "cn"},
    )  # fmt: skip
    await application.initialize()
    yield application
    await application.shutdown()
    await rasa.aclose()
    engine.dispose()


def sender(user_id: int, language_code: str) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Wang", "language_code": language_code}


async def say(app, user_id: int, text: str, language_code: str = "zh-hans", **extra) -> None:
    who = sender(user_id, language_code)
    message = {"message_id": next(_ids), "date": 0, "chat": {"id": user_id, "type": "private"}, "from": who,
               "text": text, **extra}  # fmt: skip
    await app.process_update(Update.de_json({"update_id": next(_ids), "message": message}, app.bot))


async def tap(app, user_id: int, data: str, language_code: str = "zh-hans") -> None:
    who = sender(user_id, language_code)
    message = {"message_id": next(_ids), "date": 0, "chat": {"id": user_id, "type": "private"}, "text": "…"}
    query = {"id": str(next(_ids)), "from": who, "chat_instance": "1", "data": data, "message": message}
    await app.process_update(Update.de_json({"update_id": next(_ids), "callback_query": query}, app.bot))


def texts_to(api, chat_id: int) -> list[str]:
    return [m["text"] for m in api.sent() if m["chat_id"] == chat_id]


async def test_chinese_story_then_yes_button_gives_the_stop_loss_path_first(app, api):
    user_id = next(_ids)
    await say(app, user_id, "群里有个老师天天免费荐股，让我从链接下载一个炒股app")
    question = [m for m in api.sent() if m["chat_id"] == user_id][-1]
    assert "您已经转过钱" in question["text"]
    buttons = [b["callback_data"] for row in question["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["money:paid", "money:not_paid", "money:unsure"]

    before = len(texts_to(api, user_id))
    await tap(app, user_id, "money:paid")
    after = texts_to(api, user_id)[before:]
    assert after[0].startswith("🚨") and "96110" in after[0]
    joined = "\n".join(after)
    assert joined.index("真实案例") < joined.index("危险信号")
    counts = scam_counts(app.bot_data["sessions"], days=1, today=date.today())
    assert counts == {(date.today(), "stock_lecturer", "zh", True): 1}


async def test_english_story_then_no_button_gives_warning_signs_without_stop_loss(app, api):
    user_id = next(_ids)
    await say(app, user_id, "the loan app says I must pay an unfreezing fee before they release my loan", "en")
    await tap(app, user_id, "money:not_paid", "en")
    joined = "\n".join(texts_to(api, user_id))
    assert "Have you already sent money" in joined
    assert "🚨" not in joined
    assert joined.index("A real case") < joined.index("Warning signs") < joined.index("What to do now")


async def test_forwarded_caption_is_read_and_emoji_only_gets_a_request_for_details(app, api):
    user_id = next(_ids)
    await say(app, user_id, "😀🙏", "en")
    assert texts_to(api, user_id)[-1].startswith("Tell me what happened")
    who = sender(user_id, "zh-hans")
    photo = {"message_id": next(_ids), "date": 0, "chat": {"id": user_id, "type": "private"}, "from": who,
             "caption": "【公安局】您的身份证涉嫌洗钱案件，请立即将资金转入安全账户配合调查",
             "photo": [{"file_id": "x", "file_unique_id": "x", "width": 1, "height": 1}]}  # fmt: skip
    await app.process_update(Update.de_json({"update_id": next(_ids), "message": photo}, app.bot))
    # The user chose English on first contact; the pasted Chinese caption is recognised and quoted back.
    warning = next(t for t in texts_to(api, user_id) if "This looks like a" in t)
    assert "fake police" in warning
    assert "You wrote “<i>安全账户</i>”" in warning
