"""`python -m bot run`: the Telegram bot, by long polling or behind a webhook, with its shared services.

Services that need the running event loop (the Rasa HTTP client, the database engine) are opened in PTB's
`post_init` and closed in `post_shutdown`; the content is checked before any update is taken, so a broken
content/ folder stops the start with `file:line: reason` instead of failing on the first message.

A Rasa server the bot starts takes most of a cold start (its imports, TensorFlow's above all, and the model,
10-15 s): the bot launches it first, does its own start work while it loads (content check, database upgrade,
Telegram's command menus) and then takes updates at once. Commands, menus and buttons that need no analysis
(/start, /help, /report, settings) are answered straight away; a message to analyse waits for Rasa in
`take_turn_patiently`, as during a Rasa restart, and its user hears "one moment" (with what to do meanwhile if
money is at stake) when the wait is long. A Rasa server that fails to load stops the bot with exit status 2.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
import sys
from collections.abc import Awaitable, Callable
from urllib.parse import urlparse

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats, Update
from telegram.ext import Application

from bot.config import Settings
from bot.content.schema import LANGUAGES
from bot.content.store import ContentStore
from bot.content.versions import ContentVersions
from bot.content.yaml_lines import ContentError
from bot.rasa_client import RasaClient, url_for_logs
from bot.rasa_server import ManagedRasaServer, RasaStartError, rasa_starting
from bot.rasa_supervisor import supervise
from bot.storage.database import make_engine, make_sessions, upgrade_schema
from bot.telegram import follow_up_handlers, guardian_handlers, report_pack_handlers, tip_handlers
from bot.telegram.app import build_application
from bot.telegram.delivery import deliver_pending

log = logging.getLogger(__name__)


def _services(
    settings: Settings,
    url: str,
    token: str | None,
    rasa_ready: Callable[[], Awaitable[None]],
    rasa_server: ManagedRasaServer | None,
):
    async def post_init(application: Application) -> None:
        engine = make_engine(settings.database_url)
        # A new version of the bot may bring new tables: upgrade before the first update is handled.
        await asyncio.to_thread(upgrade_schema, engine)
        sessions = make_sessions(engine)
        application.bot_data.update(engine=engine, sessions=sessions, rasa=RasaClient(url, token))
        _start_console(settings, application, sessions)
        await _start_outbox(application, sessions)
        await set_command_menus(application.bot, application.bot_data["content"].current.commands)
        _schedule_jobs(application, settings)
        _mark_stopping_on_signals(application)
        log.info("bot @%s taking updates", application.bot.username)
        # A Rasa server we started is still loading its model: the bot does not wait for it (see above).
        application.bot_data["rasa_start"] = asyncio.get_running_loop().create_task(
            _once_rasa_is_ready(application, rasa_ready, rasa_server, url)
        )

    async def post_shutdown(application: Application) -> None:
        if "web_console" in application.bot_data:
            await application.bot_data["web_console"].stop()
        for delivery in application.bot_data.get("earlier_deliveries", []):
            delivery.cancel()  # still failing: the rest stays in the outbox for the next start
        for task in ("rasa_start", "rasa_supervisor"):
            if task in application.bot_data:
                application.bot_data[task].cancel()
        if "rasa" in application.bot_data:
            await application.bot_data["rasa"].aclose()
        if "engine" in application.bot_data:
            application.bot_data["engine"].dispose()

    return post_init, post_shutdown


def _schedule_jobs(application: Application, settings: Settings) -> None:
    """The repeating jobs. Schedules live in the database, so each job sends whatever is due, also right after a
    restart."""
    jobs = application.job_queue
    jobs.run_repeating(tip_handlers.send_due_tips, interval=settings.tip_check_seconds, first=1)
    # Check-ins after a loss, the same way: the latest one missed while the bot was down goes out now.
    jobs.run_repeating(follow_up_handlers.send_due_follow_ups, interval=settings.tip_check_seconds, first=1)
    # Older users' last messages, kept for their relatives, go after an hour.
    jobs.run_repeating(guardian_handlers.forget_old_words, interval=600, first=600)
    # Report packs past their 30 days, and forms left unfinished for a day.
    jobs.run_repeating(report_pack_handlers.forget_old_packs, interval=3600, first=60)


def _start_console(settings: Settings, application: Application, sessions) -> None:
    """The trainers' web console, when CONSOLE_PORT is set: in this loop, on the bot's database and live content,
    so a version published there is live for users at once. post_shutdown stops it."""
    if settings.console_port:
        from bot.web.server import start_in_bot  # Starlette and uvicorn load only when the console is on

        shared = application.bot_data
        shared["web_console"] = start_in_bot(settings, sessions, shared["content"], shared["content_versions"])


STOPPING = "stopping"
RASA_FAILED = "rasa_failed"


async def _once_rasa_is_ready(
    application: Application,
    rasa_ready: Callable[[], Awaitable[None]],
    rasa_server: ManagedRasaServer | None,
    url: str,
) -> None:
    """Waits for the Rasa server; then supervises our own (a server at RASA_URL has its own service manager).
    One that cannot load its model stops the bot: without it no message can be analysed."""
    try:
        await rasa_ready()
    except RasaStartError as error:
        log.error("%s", error)
        application.bot_data[RASA_FAILED] = str(error)
        application.stop_running()
        return
    if rasa_server is not None:
        application.bot_data["rasa_supervisor"] = asyncio.get_running_loop().create_task(supervise(rasa_server))
    log.info("bot @%s ready (Rasa at %s)", application.bot.username, url_for_logs(url))


async def _start_outbox(application: Application, sessions) -> None:
    """Every message to a chat is kept until Telegram takes it; what the last run could not deliver goes first."""
    application.bot.rate_limiter.keep_in(sessions, stopping=lambda: application.bot_data.get(STOPPING, False))
    application.bot_data["earlier_deliveries"] = await deliver_pending(
        application.bot, sessions, application.update_processor
    )


def _mark_stopping_on_signals(application: Application) -> None:
    """PTB stops on SIGINT, SIGTERM and SIGABRT by raising SystemExit in the event loop; this does the same and
    first notes that the bot is stopping, so a message Telegram keeps refusing is left in the outbox for the
    next start instead of holding up the stop for up to ten minutes. Installed at the end of post_init: until
    then PTB's own handlers stop the start at once."""

    def stop() -> None:
        application.bot_data[STOPPING] = True
        raise SystemExit

    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGABRT):
        loop.add_signal_handler(number, stop)


def run(settings: Settings, webhook_url: str | None) -> int:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    # One line per Bot API request would drown the log (as PTB's examples do).
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if not settings.telegram_bot_token:
        print("error: TELEGRAM_BOT_TOKEN is not set (get one from @BotFather in Telegram: /newbot)", file=sys.stderr)
        return 2
    try:
        with rasa_starting(settings) as (url, token, rasa_ready, rasa_server):
            try:
                content = ContentStore(settings.content_dir)
            except ContentError as error:
                print(f"error: content/ has problems, not starting:\n{error}", file=sys.stderr)
                return 1
            post_init, post_shutdown = _services(settings, url, token, rasa_ready, rasa_server)
            bot_data = {
                "content": content,
                "content_versions": ContentVersions(settings.content_dir, settings.data_dir / "content_versions"),
                "default_region": settings.default_region,
                "admin_ids": settings.admin_ids,
                "console_url": settings.console_url,  # where /console links point (bot/telegram/console_handlers.py)
                "rasa_patience": settings.rasa_patience,
                "retention_days": settings.conversation_retention_days,
            }
            application = build_application(
                settings.telegram_bot_token,
                settings.telegram_base_url,
                bot_data,
                post_init,
                post_shutdown,
                send_rate=settings.send_rate,
            )
            _serve(application, settings, webhook_url)
            if RASA_FAILED in application.bot_data:
                print(f"error: {application.bot_data[RASA_FAILED]}", file=sys.stderr)
                return 2
    except RasaStartError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _serve(application: Application, settings: Settings, webhook_url: str | None) -> None:
    """Runs until stopped: a webhook server when a public URL is given, else long polling."""
    if webhook_url:
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlparse(webhook_url).path.lstrip("/"),
            webhook_url=webhook_url,
            # Telegram sends it back in a header with every update: requests without it are refused.
            secret_token=settings.webhook_secret or secrets.token_urlsafe(32),
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)


async def set_command_menus(bot, commands: dict) -> None:
    """Telegram's command menus from content/commands.yml; English for every language without its own."""
    scopes = {"private": BotCommandScopeAllPrivateChats(), "group": BotCommandScopeAllGroupChats()}
    for menu, scope in scopes.items():
        for language in LANGUAGES:
            described = [BotCommand(name, texts[language]) for name, texts in commands[menu].items()]
            await bot.set_my_commands(described, scope, None if language == "en" else language)
