"""Incoming updates: each chat answered in order, different chats side by side."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager

from telegram import Update
from telegram.ext import BaseUpdateProcessor

UNLIMITED = 2**31 - 1


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    """Runs updates concurrently (up to `max_concurrent_updates`), except that updates of the same chat wait
    for each other, so one slow conversation never blocks the others and replies keep the order of the
    messages.

    PTB starts the updates' tasks in the order it received them, and an asyncio.Lock hands itself to waiters
    first come, first served, so the per-chat order is the arrival order.
    """

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        # PTB takes its concurrency slot before do_process_update, so a chat's queued updates each held one while
        # they waited for the chat's lock: 600 messages from one chat delayed another user's first reply by
        # 57 s (issue 15). PTB's own slots are therefore made unlimited and ours are taken once the chat's turn
        # has come: a waiting update holds nothing but its place in its own chat's queue.
        super().__init__(UNLIMITED)
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        # chat id -> (lock, number of updates holding or waiting for it); dropped when no one needs it.
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            async with self._slots:
                await coroutine
            return
        async with self.chat_turn(chat.id), self._slots:
            await coroutine

    @asynccontextmanager
    async def chat_turn(self, chat_id: int) -> AsyncIterator[None]:
        """Holds the chat's turn: its other updates wait until this is done. Taken at once when the chat is idle
        (an asyncio.Lock is acquired without yielding when free)."""
        lock, users = self._chats.get(chat_id, (None, 0))
        lock = lock or asyncio.Lock()
        self._chats[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._chats[chat_id]
            if users == 1:
                del self._chats[chat_id]
            else:
                self._chats[chat_id] = (lock, users - 1)

    @property
    def busy_chats(self) -> int:
        """Chats with an update being answered or waiting (for tests and monitoring)."""
        return len(self._chats)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
