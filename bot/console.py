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
        request = TurnRequest(reader, text=text, conversation_id=sender_id)
        try:
            result = await take_turn(client, store.current, request)
        except RasaUnavailable as error:
            print(f"bot> Sorry, I cannot answer right now ({error}).", file=out)
            return 1
        for message in result.messages:
            print(f"bot> {to_plain(message.text)}", file=out)
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
