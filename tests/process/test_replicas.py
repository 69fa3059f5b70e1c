"""Several replicas sharing the work (README "Several replicas"): two bot workers behind nginx in webhook mode,
two Rasa servers behind nginx with PostgreSQL as their tracker store and Redis as their lock store, the bots'
own database on the same PostgreSQL. All servers are real, started here from Debian's packages."""

from __future__ import annotations

import socket

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.replicas import answered_by_replica, replica_stack
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import message_update, new_id, tap_update, tapped_message, wait_for_more

pytestmark = pytest.mark.rasa

SCAM = "A stock teacher in my WeChat group keeps giving free picks and now wants me to install his trading app"


def post_to_worker(port: int, update: dict, secret: str) -> None:
    """An update straight to one bot worker, bypassing nginx, so the test decides which worker gets it."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
    response = httpx.post(f"http://127.0.0.1:{port}/telegram", json=update, headers=headers, timeout=30)
    assert response.status_code == 200


def redis_calls(port: int, command: str) -> int:
    """How often Redis has run `command`, from INFO commandstats (a RESP bulk string: "$LENGTH\r\n...")."""
    with socket.create_connection(("127.0.0.1", port)) as sock, sock.makefile("rb") as reply:
        sock.sendall(b"INFO commandstats\r\n")
        length = int(reply.readline()[1:])
        info = reply.read(length).decode()
    for line in info.splitlines():
        if line.startswith(f"cmdstat_{command}:"):
            return int(line.split("calls=")[1].split(",")[0])
    return 0


def test_two_workers_and_two_rasa_servers_share_users_conversations_and_locks(tmp_path):
    with replica_stack(tmp_path, workers=2) as replicas:
        api = replicas.api
        secret = api.sent("setWebhook")[-1]["secret_token"]
        first, second = replicas.ports["bots"]
        users = [new_id() for _ in range(6)]
        for user in users:
            # Turn 1 to worker 1; the money answer to worker 2: the conversation must carry over.
            post_to_worker(first, {"update_id": new_id(), **message_update(user, "en", text=SCAM)}, secret)
        asked = {}
        for user in users:
            question = wait_for_more(api, user, 0, lambda m: m.get("reply_markup"))[-1]
            answers = [data for _, data in inline_buttons(question)][:3]
            assert answers == ["money:paid", "money:not_paid", "money:unsure"]
            asked[user] = len(api.sent(chat_id=user))
            tap = tap_update(user, "en", "money:paid", tapped_message(question))
            post_to_worker(second, {"update_id": new_id(), **tap}, secret)
        for user in users:
            # Worker 2 knew the scam from worker 1's turn: the stock scam's stop-loss path comes first.
            replies = wait_for_more(api, user, asked[user], lambda m: m.get("reply_markup"))
            # The stock scam's first step and the region's numbers; its warning signs one tap away.
            assert replies[0]["text"].startswith("🚨") and "unfreezing fee" in replies[0]["text"]
            assert "96110" in replies[0]["text"]
            assert "more:checklist:stock_lecturer:p" in [data for _, data in inline_buttons(replies[-1])]

        # Updates through nginx (as Telegram sends them) reach both workers; their Rasa calls both servers.
        chats = [new_id() for _ in range(20)]
        for chat in chats:
            api.push_update(message_update(chat, "zh-hans", text="网贷平台说我的账户被冻结了，要先交解冻费才能放款"))
        for chat in chats:
            wait_for_more(api, chat, 0, lambda m: bool(m.get("text")))
        served = answered_by_replica(replicas)
        assert sorted(served["bots"]) == sorted(replicas.ports["bots"]) and min(served["bots"].values()) >= 3
        assert sorted(served["rasa"]) == sorted(replicas.ports["rasa_servers"]) and min(served["rasa"].values()) >= 3

        # nginx passes only the calls the bots make: a user's conversation cannot be read through it, nor the
        # model replaced (issue 15), whatever the token.
        rasa = f"http://127.0.0.1:{replicas.ports['rasa']}"
        assert httpx.get(f"{rasa}/conversations/{users[0]}/tracker").status_code == 403
        assert httpx.put(f"{rasa}/model", json={"model_file": "/tmp/x.tar.gz"}).status_code == 403
        assert httpx.get(f"{rasa}/model/parse").status_code == 403  # right path, wrong method

        # The conversations are in PostgreSQL (Rasa's tracker store), the users in the bots' shared database,
        # and Rasa took its conversation locks in Redis.
        tracker_db = make_url(replicas.database_url).set(database="rasa_tracker")
        engine = create_engine(tracker_db)
        with engine.connect() as connection:
            senders = {row[0] for row in connection.execute(text("SELECT DISTINCT sender_id FROM events"))}
        engine.dispose()
        assert {f"telegram-{u}" for u in users + chats} <= senders
        engine = create_engine(replicas.database_url)
        with engine.connect() as connection:
            stored = {row[0] for row in connection.execute(text("SELECT telegram_id FROM users"))}
        engine.dispose()
        assert set(users + chats) <= stored
        assert redis_calls(replicas.ports["redis"], "set") >= len(users) * 2 + len(chats)
