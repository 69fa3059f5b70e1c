"""Command line: `python -m bot train | classify | chat | run | console | stats | content check | content preview`."""

from __future__ import annotations

import argparse
import sys

from bot import classify, console, training
from bot.config import ConfigError, load_settings
from bot.content import cli as content_cli
from bot.content.schema import AUDIENCES, LANGUAGES
from bot.rasa_server import RasaStartError, rasa_url
from common.labels import SCAM_TYPES

REGIONS = ("cn", "hk", "tw", "sg", "uk", "us", "au")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Anti-fraud education chatbot.")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("train", help="train the Rasa model (its data validated first, warnings included)")

    classify_cmd = commands.add_parser(
        "classify", help="classify messages, one per line, into scam types (JSON lines on stdout)"
    )
    classify_cmd.add_argument("file", nargs="?", help="UTF-8 text file; default: standard input")

    chat_cmd = commands.add_parser("chat", help="talk to the bot in the terminal")
    chat_cmd.add_argument("--lang", choices=LANGUAGES, help="reply language; default: the user's first message")
    chat_cmd.add_argument("--audience", choices=AUDIENCES, default="standard", help="elderly: simple mode")
    chat_cmd.add_argument("--region", choices=REGIONS, default=None, help="reporting numbers; default: DEFAULT_REGION")

    run_cmd = commands.add_parser("run", help="run the Telegram bot (long polling, or a webhook with --webhook)")
    run_cmd.add_argument(
        "--webhook", metavar="URL", help="public HTTPS URL for Telegram to post updates to; default: WEBHOOK_URL"
    )

    commands.add_parser(
        "console",
        help="the trainers' web console alone (CONSOLE_PORT, default 8088); `run` serves it when CONSOLE_PORT is set",
    )

    stats_cmd = commands.add_parser(
        "stats", help="recognised scams by day, scam type and language, paid or not (table; chart with --png)"
    )
    stats_cmd.add_argument(
        "--days", type=int, default=7, metavar="N", help="the last N days, today included (1-366); default: 7"
    )
    stats_cmd.add_argument("--png", metavar="FILE", help="also write the chart to FILE (PNG)")
    stats_cmd.add_argument("--lang", choices=LANGUAGES, default="en", help="the table's and chart's language")

    content_cmd = commands.add_parser("content", help="check or preview the trainer-editable content/")
    content_sub = content_cmd.add_subparsers(dest="content_command", required=True)
    content_sub.add_parser("check", help="validate every file in content/ (file:line: reason per problem)")
    preview_cmd = content_sub.add_parser("preview", help="print what a user receives for a scam story")
    preview_cmd.add_argument("scam_type", choices=SCAM_TYPES)
    preview_cmd.add_argument("--lang", choices=LANGUAGES, default="en")
    preview_cmd.add_argument("--audience", choices=AUDIENCES, default="standard")
    preview_cmd.add_argument("--region", choices=REGIONS, default="cn")
    preview_cmd.add_argument("--paid", action="store_true", help="money has already gone to the scammer")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.command == "train":
        return training.train(settings)
    if args.command == "run":
        from bot.telegram import runner  # PTB is imported only by the command that needs it

        return runner.run(settings, args.webhook or settings.webhook_url)
    if args.command == "console":
        from bot.web import server  # Starlette and uvicorn are loaded only by the command that needs them

        return server.run(settings)
    if args.command == "stats":
        from bot import stats  # matplotlib and the database are loaded only by the command that needs them

        return stats.run(settings.database_url, settings.content_dir, args.days, args.png, args.lang)
    if args.command == "content":
        if args.content_command == "check":
            return content_cli.check(settings.content_dir)
        return content_cli.preview(
            settings.content_dir, args.scam_type, args.lang, args.audience, args.region, args.paid
        )
    try:
        with rasa_url(settings) as (url, token):
            if args.command == "classify":
                return classify.run(url, token, args.file)
            if args.command == "chat":
                return console.run(
                    url, token, settings.content_dir, args.lang, args.audience, args.region or settings.default_region
                )
    except RasaStartError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 2
