"""`python -m bot classify`: one JSON object per input line, saying which scam a message describes."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterable
from typing import BinaryIO, TextIO

from bot.language import detect_language
from bot.rasa_client import RasaClient
from bot.user_text import has_words, readable_text
from common.labels import NONE
from common.risk_signals import SIGNALS

# Requests in flight at once: keeps the Rasa server busy while the next request travels.
CONCURRENCY = 4


def decode_lines(stream: BinaryIO) -> Iterable[tuple[int, str | None, str | None]]:
    """(line number, text, error) per input line; invalid UTF-8 gives an error instead of text."""
    for number, raw in enumerate(stream, start=1):
        raw = raw.rstrip(b"\n").rstrip(b"\r")
        try:
            yield number, raw.decode("utf-8"), None
        except UnicodeDecodeError as error:
            yield number, None, f"byte 0x{raw[error.start]:02x} at position {error.start} is not UTF-8"


async def classify_text(client: RasaClient, text: str) -> dict:
    readable = readable_text(text)
    if not has_words(readable):
        # Empty, blank, emoji or punctuation only: nothing describes a scam.
        return {"text": text, "scam_type": NONE, "confidence": 1.0, "language": detect_language(text),
                "money_sent": None, "signals": [], "form": "account"}  # fmt: skip
    parse = await client.parse(readable)
    return {
        "text": text,
        "scam_type": parse.scam_type,
        "confidence": round(parse.confidence, 4),
        "language": detect_language(readable),
        "money_sent": parse.money_sent,
        # Risk signals (common/risk_signals/ SIGNALS): what has gone or is about to, threats, genuine warnings,
        # "recovery" offers. The conversation's own signals (a request, "done") are not listed.
        "signals": [signal for signal in parse.relevant_signals if signal in SIGNALS],
        # "forwarded": the text is the scammer's own message (pasted or forwarded), else "account".
        "form": "forwarded" if parse.forwarded else "account",
    }


async def classify_stream(client: RasaClient, stream: BinaryIO, out: TextIO, err: TextIO) -> int:
    """Classify every line; returns how many lines could not be classified."""
    semaphore = asyncio.Semaphore(CONCURRENCY)

    async def one(text: str) -> dict:
        async with semaphore:
            return await classify_text(client, text)

    failures = 0
    lines = list(decode_lines(stream))
    tasks = [asyncio.ensure_future(one(text)) if text is not None else None for _, text, _ in lines]
    for (number, _, decode_error), task in zip(lines, tasks):
        if task is None:
            print(f"line {number}: skipped: {decode_error}", file=err, flush=True)
            failures += 1
            continue
        try:
            result = await task
        except Exception as error:  # noqa: BLE001 - one bad line must not stop the others
            print(f"line {number}: could not classify: {error}", file=err, flush=True)
            failures += 1
            continue
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return failures


def run(rasa_url: str, token: str | None, path: str | None) -> int:
    async def main() -> int:
        async with RasaClient(rasa_url, token) as client:
            if path and path != "-":
                with open(path, "rb") as stream:
                    return await classify_stream(client, stream, sys.stdout, sys.stderr)
            return await classify_stream(client, sys.stdin.buffer, sys.stdout, sys.stderr)

    failures = asyncio.run(main())
    return 1 if failures else 0
