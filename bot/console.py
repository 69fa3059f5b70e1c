"""`python -m bot chat`: one conversation in the terminal, scriptable through a pipe (one user turn per line).

Each line goes through the one conversation turn (bot/dialogue/turn.py), as a Telegram message does; replies
are rendered from content/, which is reloaded when a file changes (a broken edit is reported and the previous
content stays live).
"""

from __future__ import annotations

import asyncio
import sys
import uuid
from pathlib import Path
from typing import TextIO

from bot.content.render import Audience, to_plain
from bot.content.store import ContentStore
from bot.content.yaml_lines import ContentError
from bot.dialogue.buttons import MONEY_ANSWERS
from bot.dialogue.screens import more_message, parse_more
from bot.dialogue.turn import TurnRequest, take_turn
from bot.language import detect_language
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.user_text import readable_text


async def converse(
    client: RasaClient,
    store: ContentStore,
    lines: TextIO,
    out: TextIO,
    err: TextIO,
    reader: Audience,
    fixed_language: bool,
    interactive: bool,
) -> int:
    sender_id = f"console-{uuid.uuid4().hex}"
    language_known = fixed_language
    offered: dict[str, str] = {}  # the last messages' button labels -> their data: typing a label taps it
    while True:
        if interactive:
            out.write("you> ")
            out.flush()
        line = await asyncio.to_thread(lines.readline)
        if not line:
            return 0
        text = readable_text(line)
        if not text:
            continue
        if not language_known:
            # Without --lang the conversation follows the language of the user's first real message.
            reader = Audience(detect_language(text), reader.audience, reader.region)
            language_known = True
        for problem in store.refresh():
            print(f"content not reloaded: {problem}", file=err)
        tapped = offered.get(text, "")
        more = parse_more(tapped, store.current)
        if more is not None:
            offered.pop(text)
            _show(more_message(store.current, more, reader), offered, out)
            continue
        answer = MONEY_ANSWERS.get(tapped)
        request = TurnRequest(reader, text="" if answer else text, answer=answer, conversation_id=sender_id)
        try:
            result = await take_turn(client, store.current, request)
        except RasaUnavailable as error:
            print(f"bot> Sorry, I cannot answer right now ({error}).", file=out)
            return 1
        offered.clear()
        _show(result.messages, offered, out)


TELEGRAM_ONLY = ("sign:", "pack:", "checkin:")


def _show(messages, offered: dict[str, str], out: TextIO) -> None:
    """Prints the messages, each button as [label]. Left out: sign buttons, which only tick in Telegram, and the
    offers after a loss (report pack, check-ins), which need Telegram's pictures and a user to come back to."""
    for message in messages:
        print(f"bot> {to_plain(message.text)}", file=out)
        buttons = [b for row in message.buttons for b in row if not b.data.startswith(TELEGRAM_ONLY)]
        if buttons:
            print("     " + "  ".join(f"[{b.label}]" for b in buttons), file=out)
            offered.update({b.label: b.data for b in buttons})
        print(file=out)
    out.flush()


def run(rasa_url: str, token: str | None, content_dir: Path, lang: str | None, audience: str, region: str) -> int:
    try:
        store = ContentStore(content_dir)
    except ContentError as error:
        print(f"content/ has problems; fix them first:\n{error}", file=sys.stderr)
        return 2
    reader = Audience(lang or "en", audience, region)

    async def main() -> int:
        async with RasaClient(rasa_url, token) as client:
            return await converse(
                client, store, sys.stdin, sys.stdout, sys.stderr, reader, lang is not None, sys.stdin.isatty()
            )

    return asyncio.run(main())
