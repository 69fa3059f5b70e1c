"""Fuzz (issue 15): random updates (testkit/fuzz_updates.py) through the fake Bot API into `python -m bot run`
with the real Rasa server. The process stays up and stops cleanly, its log has no unhandled exception, every
private text message gets a reply, and everything the bot sends Telegram would accept.

FUZZ_UPDATES sets how many (`make test`: a few hundred; `make fuzz`: 10,000), FUZZ_SEED which ones: a failure
names the seed and the update, and the same seed gives the same updates again.

Which reply answers which message: the bot answers a chat's updates one after another (ordering.py), and each
handler awaits its sends. So the test puts a marker, a tap on a button the bot never made, before and after
every private text message: the marker's answerCallbackQuery and its one "unknown button" message frame the
text's replies in the chat's calls, whatever the updates around it sent. Each private user sends a few updates
(fuzz_updates.PER_USER) and their markers, well under rate_limit.py's 30 a minute: every text is owed its answer.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import time

import pytest

from testkit.bot_process import bot_environment, running_bot
from testkit.fuzz_updates import FuzzUpdates
from testkit.telegram_updates import new_id, tap_update

pytestmark = pytest.mark.rasa

UPDATES = int(os.environ.get("FUZZ_UPDATES") or 400)
SEED = int(os.environ.get("FUZZ_SEED") or 15)
PACE = 25  # updates a second, steadily: well under the bot's sustained rate, so none waits for long
MARKER = "fuzz:marker"  # callback data no handler knows: answered with one "unknown button" message
# What the log shows of an exception nobody handled: PTB's error handler (app.py, "update N failed" and its
# traceback), asyncio's "never retrieved", or anything else logged at ERROR or above.
UNHANDLED = re.compile(r"Traceback|\b(ERROR|CRITICAL)\b|Task exception was never retrieved|Exception in callback")
# Telegram HTML: the tags and entities it knows; any other "<", ">" or "&" makes it refuse the message.
TELEGRAM_TAG = re.compile(
    r"</?(b|strong|i|em|u|ins|s|strike|del|code|pre|blockquote|tg-spoiler|a|span)>"
    r'|<a href="[^"<>]*">|<span class="tg-spoiler">|<blockquote expandable>'
)
ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def private_chat(update: dict) -> int | None:
    """The private chat an update belongs to (where the bot answers it, one update after another)."""
    body = next(iter(update.values()))
    chat = (body.get("message") or {}).get("chat") if "callback_query" in update else body.get("chat")
    return chat["id"] if chat and chat.get("type") == "private" else None


def owes_reply(update: dict) -> bool:
    """A private text message or caption that is not a command (PTB's filters.COMMAND: an entity at 0)."""
    message = update.get("message")
    if message is None or private_chat(update) is None:
        return False
    first = (message.get("entities") or [{}])[0]
    command = bool(message.get("text")) and first.get("type") == "bot_command" and first.get("offset") == 0
    return bool((message.get("text") or message.get("caption") or "").strip()) and not command


def telegram_refuses(params: dict) -> str | None:
    """Why Telegram would refuse this sendMessage (HTML it cannot parse, empty, over 4,096), or None."""
    text = params.get("text") or ""
    if params.get("parse_mode", "HTML") == "HTML":
        without_tags = TELEGRAM_TAG.sub("", text)
        if re.search(r"[<>&]", ENTITY.sub("", without_tags)):
            return "HTML Telegram cannot parse"
        text = html.unescape(without_tags)
    if not text.strip():
        return "empty text"
    if len(text.encode("utf-16-le")) // 2 > 4096:
        return "longer than 4,096"
    return None


def test_random_updates_leave_the_bot_running_quiet_in_its_log_and_answering_every_private_text(
    api, rasa_url, tmp_path
):
    updates = FuzzUpdates(SEED, first_id=new_id() * 10_000).take(UPDATES)
    pushed: dict[int, dict] = {}  # update_id -> update, to name the culprit of a failure
    framed: list[tuple[int, int, str, str]] = []  # (update_id, chat, marker before, marker after)
    log_path = tmp_path / "bot.log"

    with running_bot(api, bot_environment(api, rasa_url, tmp_path), log_path) as bot:
        started = time.monotonic()
        last_marker: dict[int, str | None] = {}  # chat -> its marker, if that was the chat's last update
        sent = 0

        def push(update: dict) -> int:
            nonlocal sent
            # A steady pace, not a burst: what a busy day looks like, not a flood test (test_telegram_e2e has one).
            time.sleep(max(0.0, started + sent / PACE - time.monotonic()))
            sent += 1
            update_id = api.push_update(update)
            pushed[update_id] = update
            return update_id

        def marker(chat: int) -> str:
            tap = tap_update(chat, "en", MARKER)
            push(tap)
            last_marker[chat] = tap["callback_query"]["id"]
            return last_marker[chat]

        for update in updates:
            chat = private_chat(update)
            if owes_reply(update):
                before = last_marker.get(chat) or marker(chat)
                update_id = push(update)
                framed.append((update_id, chat, before, marker(chat)))
            else:
                push(update)
                if chat is not None:
                    last_marker[chat] = None
        pushing = time.monotonic() - started

        markers = {m for *_, before, after in framed for m in (before, after)}
        answered = lambda a: {c["callback_query_id"] for c in a.sent("answerCallbackQuery")}  # noqa: E731
        with contextlib.suppress(AssertionError):  # a chat that stopped being answered is reported below
            api.wait_for(lambda a: markers <= answered(a), timeout=120 + UPDATES * 0.05)
        wait_until_quiet(api, seconds=3)
        exited = bot.poll()
    assert exited is None, f"the bot exited with {exited} while taking updates:\n{log_path.read_text()[-5000:]}"
    assert bot.returncode == 0, "the bot did not stop cleanly on SIGTERM"
    print(f"{UPDATES} updates (seed {SEED}), {len(framed)} private texts, pushed in {pushing:.0f} s")

    unhandled = [r for r in log_records(log_path.read_text(errors="replace")) if UNHANDLED.search(r)]
    culprits = sorted({int(n) for record in unhandled for n in re.findall(r"update (\d+) failed", record)})
    calls = api.calls
    answers = {c.params["callback_query_id"]: i for i, c in enumerate(calls) if c.method == "answerCallbackQuery"}
    unanswered = [u for u, chat, *markers in framed if replies_between(calls, answers, chat, *markers) < 1]
    refused = [f"{why}: {c['text'][:300]!r}" for c in api.sent() if (why := telegram_refuses(c))]
    problems = []
    if unhandled:
        problems += ["unhandled exceptions in the bot's log, from:", *shown(pushed, culprits), *unhandled[:10]]
    if unanswered:
        problems += ["private texts without a reply:", *shown(pushed, unanswered)]
    if refused:
        problems += ["messages Telegram would refuse:", *refused[:10]]
    assert not problems, f"FUZZ_SEED={SEED} FUZZ_UPDATES={UPDATES}\n" + "\n".join(problems)


def shown(pushed: dict[int, dict], update_ids: list[int]) -> list[str]:
    """The updates that reproduce a failure (the first ten), as the fake Bot API sent them."""
    return [f"update {u}: {json.dumps(pushed[u])[:3000]}" for u in update_ids[:10]]


def replies_between(calls: list, answers: dict[str, int], chat: int, before: str, after: str) -> int:
    """Messages the bot sent to `chat` between two markers' answers (`answers`: their places in `calls`), less
    the first marker's own reply; -1 if a marker was never answered."""
    if before not in answers or after not in answers:
        return -1
    framed = calls[answers[before] : answers[after]]
    return sum(1 for c in framed if c.method == "sendMessage" and c.params.get("chat_id") == chat) - 1


def log_records(log: str) -> list[str]:
    """The log's records, each with the lines that follow it (a traceback) up to the next timestamp."""
    records: list[str] = []
    for line in log.splitlines():
        if re.match(r"\d{4}-\d\d-\d\d ", line) or not records:
            records.append(line)
        else:
            records[-1] += "\n" + line
    return records


def wait_until_quiet(api, seconds: float, at_most: float = 120) -> None:
    """Until the bot has made no Bot API call for `seconds` (group and channel updates have no marker)."""
    deadline = time.monotonic() + at_most
    while time.monotonic() < deadline:
        count = len(api.calls)
        time.sleep(seconds)
        if len(api.calls) == count:
            return
