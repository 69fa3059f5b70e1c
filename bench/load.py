"""Messages into the running bot through the fake Bot API, and what the users saw: latency and throughput.

Every message comes from a chat that has no other message in flight, so each `sendMessage` to that chat after
the update went to the bot belongs to that message's turn. Latency runs from the moment the fake Bot API hands
the update to the bot (`served`: the getUpdates answer, or the webhook POST) to the `sendMessage` call
arriving there; the time from the message's arrival at the fake server (before the long poll picks it up) is
kept too.

Open loop: messages arrive on a schedule (evenly spaced at the offered rate), never waiting for a reply, so a
slow bot shows up as growing latency instead of a politely lowered load.

Windowed (the capped scenarios, where Telegram's 30 sends a second can leave a backlog): what users had `grace`
seconds after the last message was offered is what is measured; a message without any reply by then counts as
unanswered, and the percentiles are over the answered ones. Then the backlog is left to drain (and timed) so the
next scenario starts from an idle bot.
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass

from testkit.fake_bot_api import FakeBotApi
from testkit.telegram_updates import message_update


@dataclass(frozen=True)
class Message:
    chat_id: int
    text: str
    language: str


@dataclass
class Turn:
    """One message and the replies to it."""

    message: Message
    update_id: int
    arrived: float  # when the fake Bot API got it
    served: float | None = None  # when it went to the bot
    first_reply: float | None = None
    last_reply: float | None = None
    replies: int = 0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (no interpolation: p99 of 1,000 values is the 990th)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def summary_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {
        "p50": round(percentile(ms, 0.50), 1),
        "p95": round(percentile(ms, 0.95), 1),
        "p99": round(percentile(ms, 0.99), 1),
        "max": round(max(ms), 1),
    }


def spread(runs: list[dict], key: str) -> dict:
    """Median over repeated runs, with the lowest and highest, for one number of a run's summary."""
    return spread_of([run[key] for run in runs])


def spread_of(values: list[float], digits: int = 1) -> dict:
    """Median with the lowest and highest: the spread of repeated runs on a shared machine."""
    return {
        k: round(v, digits)
        for k, v in (("median", statistics.median(values)), ("min", min(values)), ("max", max(values)))
    }


def _collect(api: FakeBotApi, turns: list[Turn]) -> None:
    """Fills in served time and replies of each turn from what the fake Bot API recorded."""
    by_chat = {turn.message.chat_id: turn for turn in turns}
    served, sends = api.timeline("sendMessage")
    for turn in turns:
        turn.served = served.get(turn.update_id)
        turn.first_reply, turn.last_reply, turn.replies = None, None, 0
    for call in sends:
        turn = by_chat.get(call.params.get("chat_id"))
        if turn is None or turn.served is None or call.at < turn.served:
            continue
        turn.replies += 1
        turn.first_reply = turn.first_reply or call.at
        turn.last_reply = call.at


def _all_answered(api: FakeBotApi, turns: list[Turn], quiet: float) -> bool:
    """Every turn has a reply, and the bot has sent nothing for `quiet` seconds (a turn may have several)."""
    _collect(api, turns)
    if any(turn.first_reply is None for turn in turns):
        return False
    return time.monotonic() - max(turn.last_reply for turn in turns) >= quiet


def wait_answered(api: FakeBotApi, turns: list[Turn], timeout: float, quiet: float = 0.5) -> None:
    deadline = time.monotonic() + timeout
    while not _all_answered(api, turns, quiet):
        if time.monotonic() > deadline:
            missing = sum(1 for turn in turns if turn.first_reply is None)
            raise RuntimeError(f"{missing} of {len(turns)} messages got no reply within {timeout:.0f} s")
        time.sleep(0.05)


def push(api: FakeBotApi, message: Message) -> Turn:
    update = message_update(message.chat_id, message.language, text=message.text)
    arrived = time.monotonic()
    return Turn(message, api.push_update(update), arrived)


def one_at_a_time(api: FakeBotApi, messages: list[Message], timeout: float = 60) -> list[Turn]:
    """Closed loop, one message in flight: the next is sent once every reply to the previous one is in."""
    turns = []
    for message in messages:
        turn = push(api, message)
        wait_answered(api, [turn], timeout, quiet=0.15)
        turns.append(turn)
    return turns


def offer(api: FakeBotApi, messages: list[Message], rate: float) -> list[Turn]:
    """Messages at `rate` a second, evenly spaced, whatever the bot is doing."""
    turns: list[Turn] = []
    start = time.monotonic()
    for index, message in enumerate(messages):
        delay = start + index / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        turns.append(push(api, message))
    return turns


def open_loop(api: FakeBotApi, messages: list[Message], rate: float, timeout: float = 300) -> list[Turn]:
    """Messages at `rate` a second, evenly spaced, whatever the bot is doing; then waits for every reply."""
    turns = offer(api, messages, rate)
    wait_answered(api, turns, timeout)
    return turns


def windowed(api: FakeBotApi, messages: list[Message], rate: float, grace: float) -> list[Turn]:
    """Messages at `rate` a second; the turns as they stood `grace` seconds after the last one was offered (a turn
    with `replies == 0` then is unanswered). The bot may still be working through a backlog: see `settle`."""
    turns = offer(api, messages, rate)
    time.sleep(max(0.0, turns[-1].arrived + grace - time.monotonic()))
    _collect(api, turns)
    return turns


def settle(api: FakeBotApi, turns: list[Turn], timeout: float = 900, quiet: float = 2.0) -> dict:
    """Waits (without failing) until every turn has a reply and the bot has sent nothing for `quiet` seconds:
    the backlog a capped run leaves. Overwrites the turns' replies with the final ones."""
    offered = max(t.arrived for t in turns)
    deadline = time.monotonic() + timeout
    while not _all_answered(api, turns, quiet) and time.monotonic() < deadline:
        time.sleep(0.1)
    _collect(api, turns)
    replied = [t.last_reply for t in turns if t.last_reply is not None]
    return {
        "unanswered": sum(1 for t in turns if t.replies == 0),
        "drained_after_s": round(max(replied) - offered, 1) if replied else None,
    }


def burst(api: FakeBotApi, messages: list[Message], timeout: float = 600) -> list[Turn]:
    """Everything at once: the bot works at saturation until the last reply."""
    pusher = threading.Thread(target=lambda: turns.extend(push(api, m) for m in messages))
    turns: list[Turn] = []
    pusher.start()
    pusher.join()
    wait_answered(api, turns, timeout, quiet=1.0)
    return turns


def latency_report(turns: list[Turn]) -> dict:
    """What one run's users saw: served -> first reply (the issue's measure), arrival -> first reply, and
    served -> last reply of the turn; percentiles over the answered turns, with the unanswered counted."""
    answered = [t for t in turns if t.replies > 0 and t.served is not None]
    report = {
        "messages": len(turns),
        "replies": sum(turn.replies for turn in turns),
        "unanswered": len(turns) - len(answered),
    }
    if answered:
        report |= {
            "first_reply_ms": summary_ms([t.first_reply - t.served for t in answered]),
            "from_arrival_ms": summary_ms([t.first_reply - t.arrived for t in answered]),
            "last_reply_ms": summary_ms([t.last_reply - t.served for t in answered]),
        }
    return report


def throughput(turns: list[Turn]) -> float:
    """Messages a second over the run: from the first arrival to the last reply."""
    elapsed = max(t.last_reply for t in turns) - min(t.arrived for t in turns)
    return len(turns) / elapsed
