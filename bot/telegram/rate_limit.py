"""A per-user limit on incoming updates: one flooding user cannot take the bot's time from everyone else.

Over the limit, the user hears one polite "slow down", then nothing until the window has passed; their updates
are dropped unread. Private chats only (buttons included): a family group's messages are all read. Only the
times of a user's recent updates are kept, in memory, never their content.
"""

from __future__ import annotations

import time
from collections import deque

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from bot.telegram.context import BotContext

# Generous for a person, who may forward a scammer's chat as a burst of messages; far below a script.
MAX_UPDATES = 30
WINDOW_SECONDS = 60.0
SWEEP_EVERY = 10_000  # updates between sweeps of users who have gone quiet
RATE_LIMIT = "rate_limit"  # where build_application keeps the UpdateRateLimit, in bot_data


class UpdateRateLimit:
    """Sliding window of update times per user; `allow` says whether an update may be handled, and whether the
    user should hear the notice now."""

    def __init__(self, max_updates: int = MAX_UPDATES, window: float = WINDOW_SECONDS) -> None:
        self.max_updates, self.window = max_updates, window
        self._times: dict[int, deque[float]] = {}
        self._noticed: dict[int, float] = {}  # user -> when they were told to slow down
        self._seen = 0

    def allow(self, user_id: int, now: float | None = None) -> tuple[bool, bool]:
        """(handle it, tell them to slow down now)."""
        now = time.monotonic() if now is None else now
        self._seen += 1
        if self._seen % SWEEP_EVERY == 0:
            self._sweep(now)
        times = self._times.setdefault(user_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.max_updates:
            times.append(now)
            self._noticed.pop(user_id, None)
            return True, False
        noticed = self._noticed.get(user_id)
        if noticed is not None and now - noticed < self.window:
            return False, False
        self._noticed[user_id] = now
        return False, True

    def _sweep(self, now: float) -> None:
        for user_id in [u for u, t in self._times.items() if not t or now - t[-1] >= self.window]:
            del self._times[user_id]
        for user_id in [u for u, at in self._noticed.items() if now - at >= self.window]:
            del self._noticed[user_id]


async def limit_updates(update: Update, context: BotContext) -> None:
    """Runs before every other handler (group -1): drops a flooding user's update, after one notice."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or user.id in context.admin_ids:
        return
    if chat is not None and chat.type != ChatType.PRIVATE:
        # A family group: a forwarded burst of a scammer's messages must all be read, and one group's backlog
        # already waits in its own queue (ordering.py), never in front of other chats.
        return
    allowed, notice = context.bot_data[RATE_LIMIT].allow(user.id)
    if allowed:
        return
    if notice and chat is not None:
        settings = await context.user()
        await chat.send_message(context.text(settings, "slow_down"))
    raise ApplicationHandlerStop
