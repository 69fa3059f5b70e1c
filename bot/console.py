"""`python -m bot chat`: one conversation in the terminal, scriptable through a pipe (one user turn per line)."""

from __future__ import annotations

import asyncio
import sys
import uuid
from collections.abc import Callable
from typing import TextIO

from bot.classify import readable_text
from bot.language import detect_language
from bot.rasa_client import BotReply, RasaClient, RasaUnavailable

Render = Callable[[BotReply, str], list[str]]


async def converse(
    client: RasaClient, lines: TextIO, out: TextIO, render: Render, lang: str | None, interactive: bool
) -> int:
    sender_id = f"console-{uuid.uuid4().hex}"
    language = lang
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
        # Without --lang the conversation follows the language of the user's first real message.
        language = language or detect_language(text)
        try:
            replies = await client.send(sender_id, text)
        except RasaUnavailable as error:
            print(f"bot> Sorry, I cannot answer right now ({error}).", file=out)
            return 1
        for reply in replies:
            for message in render(reply, language):
                print(f"bot> {message}", file=out)
        out.flush()


def run(rasa_url: str, render: Render, lang: str | None) -> int:
    async def main() -> int:
        async with RasaClient(rasa_url) as client:
            return await converse(client, sys.stdin, sys.stdout, render, lang, sys.stdin.isatty())

    return asyncio.run(main())
