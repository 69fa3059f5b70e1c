"""Command line: `python -m bot train | classify | chat`."""

from __future__ import annotations

import argparse
import sys

from bot import classify, console, training
from bot.config import load_settings
from bot.rasa_server import RasaStartError, rasa_url


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("train", help="validate the training data and train the Rasa model")

    classify_cmd = commands.add_parser(
        "classify", help="classify messages, one per line, into scam types (JSON lines on stdout)"
    )
    classify_cmd.add_argument("file", nargs="?", help="UTF-8 text file; default: standard input")

    chat_cmd = commands.add_parser("chat", help="talk to the bot in the terminal")
    chat_cmd.add_argument("--lang", choices=["en", "zh"], help="reply language; default: the user's first message")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = load_settings()
    if args.command == "train":
        return training.train(settings)
    try:
        with rasa_url(settings) as url:
            if args.command == "classify":
                return classify.run(url, args.file)
            if args.command == "chat":
                from bot.placeholder_wording import render

                return console.run(url, render, args.lang)
    except RasaStartError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 2
