"""The order messages leave in when Telegram's limit (about 30 a second for a bot) is what everyone waits for.

Under a backlog a first-come queue makes every user wait for every earlier turn's later messages. Here each
message has a rank, its place in its turn (0: the first message, what matters most now), and the next free
send goes to the lowest rank waiting, first come first served within a rank: every user's first message of a
turn goes out before anyone's later messages (issue 16).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time


class RankedLimiter:
    """A token bucket of `rate` sends a second (bursts up to `rate`) whose waiters are served by rank."""

    def __init__(self, rate: float) -> None:
        self._rate = rate
        self._tokens = rate
        self._updated = time.monotonic()
        self._waiting: list[tuple[int, int, asyncio.Future]] = []
        self._order = itertools.count()
        self._pump: asyncio.Task | None = None

    async def acquire(self, rank: int = 0) -> None:
        """Returns when this send may go."""
        if not self._waiting and self._take():
            return
        future = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (rank, next(self._order), future))
        if self._pump is None or self._pump.done():
            self._pump = asyncio.create_task(self._serve())
        await future

    def _take(self) -> bool:
        now = time.monotonic()
        self._tokens = min(self._rate, self._tokens + (now - self._updated) * self._rate)
        self._updated = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False

    async def _serve(self) -> None:
        while self._waiting:
            if not self._take():
                await asyncio.sleep((1 - self._tokens) / self._rate)
                continue
            while self._waiting:
                _, _, future = heapq.heappop(self._waiting)
                if not future.done():  # a waiter cancelled meanwhile does not use the send
                    future.set_result(None)
                    break
            else:
                self._tokens += 1  # nobody left to take it
