"""Several replicas on one machine, as they would run on several: bot workers in webhook mode behind nginx,
Rasa servers behind nginx, one PostgreSQL server (the bots' database and Rasa's tracker store) and Redis
(Rasa's lock store). Every server is started here from Debian's packages and stopped afterwards.

The configuration is the one README "Several replicas" documents: deploy/nginx-replicas.conf.j2 and
deploy/endpoints-replicas.yml, WEBHOOK_SECRET shared by the bot workers.
"""

from __future__ import annotations

import collections
import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import make_url

from bench.stack import Stack
from bot.config import PROJECT_ROOT, load_settings
from bot.rasa_server import ManagedRasaServer
from testkit.bot_process import bot_environment, running_bot
from testkit.fake_bot_api import FakeBotApi
from testkit.local_servers import free_port, temporary_nginx, temporary_postgres, temporary_redis

NGINX_TEMPLATE = PROJECT_ROOT / "deploy" / "nginx-replicas.conf.j2"
RASA_ENDPOINTS = PROJECT_ROOT / "deploy" / "endpoints-replicas.yml"


@contextlib.contextmanager
def replica_stack(work: Path, workers: int) -> Iterator[Stack]:
    """`workers` bot processes and `workers` Rasa servers sharing PostgreSQL and Redis, behind one nginx.

    The returned Stack's `pids` name each process; `nginx_log` tells which replica served each request."""
    work.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        database_url = stack.enter_context(temporary_postgres(work / "postgres"))
        redis_port = stack.enter_context(temporary_redis(work / "redis"))
        database = make_url(database_url)
        rasa_env = {
            "TRACKER_DB_HOST": database.host, "TRACKER_DB_PORT": str(database.port),
            "TRACKER_DB_USER": database.username, "TRACKER_DB_PASSWORD": "", "TRACKER_DB_NAME": "rasa_tracker",
            "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(redis_port),
        }  # fmt: skip
        pids: dict[str, int] = {}
        rasa_servers = []
        rasa_token = secrets.token_urlsafe(32)  # one for all servers: nginx may send a bot's call to any of them
        for index in range(workers):
            # One after the other: the first creates the tracker database and tables.
            settings = load_settings({**os.environ, "DATA_DIR": str(work / f"rasa{index + 1}")})
            server = ManagedRasaServer(
                settings, log_path=work / f"rasa{index + 1}.log", endpoints=RASA_ENDPOINTS, extra_env=rasa_env,
                token=rasa_token,
            )
            stack.enter_context(server)
            rasa_servers.append(server)
            pids[f"rasa {index + 1}"] = server.pid
        bot_ports = [free_port() for _ in range(workers)]
        webhook_port, rasa_port = free_port(), free_port()
        nginx_folder = stack.enter_context(
            temporary_nginx(
                work / "nginx", NGINX_TEMPLATE,
                bot_ports=bot_ports, rasa_ports=[s.port for s in rasa_servers],
                webhook_port=webhook_port, rasa_port=rasa_port, listen_ports=[webhook_port, rasa_port],
            )
        )  # fmt: skip
        api = stack.enter_context(FakeBotApi())
        secret = secrets.token_urlsafe(32)
        for index, port in enumerate(bot_ports):
            env = bot_environment(
                api, f"http://127.0.0.1:{rasa_port}", work / f"bot{index + 1}",
                DATABASE_URL=database_url, WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port),
                WEBHOOK_SECRET=secret, TELEGRAM_SEND_RATE="0", RASA_TOKEN=rasa_token,
            )  # fmt: skip
            (work / f"bot{index + 1}").mkdir(exist_ok=True)
            webhook = f"http://127.0.0.1:{webhook_port}/telegram"
            bot = stack.enter_context(running_bot(api, env, work / f"bot{index + 1}.log", ("--webhook", webhook)))
            pids[f"bot {index + 1}"] = bot.pid
        ports = {"webhook": webhook_port, "rasa": rasa_port, "bots": bot_ports,
                 "rasa_servers": [s.port for s in rasa_servers], "redis": redis_port}  # fmt: skip
        yield Stack(api, pids, nginx_folder / "access.log", ports, database_url)


def answered_by_replica(replicas: Stack) -> dict[str, dict[int, int]]:
    """Requests each replica answered with success, from nginx's access log: {"bots": {port: n}, "rasa": ...}."""
    front = {replicas.ports["webhook"]: "bots", replicas.ports["rasa"]: "rasa"}
    counts: dict[str, collections.Counter] = {"bots": collections.Counter(), "rasa": collections.Counter()}
    for line in replicas.nginx_log.read_text().splitlines():
        server_port, upstream, status = line.split()
        if status.startswith("2") and int(server_port) in front:
            counts[front[int(server_port)]][int(upstream.rsplit(":", 1)[1])] += 1
    return {name: dict(counter) for name, counter in counts.items()}
