"""Outgoing messages: Telegram's flood limits, and no reply lost to a passing Bot API hiccup."""

from __future__ import annotations

import asyncio
import logging

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)


# How long a message to a user is tried again while Telegram answers 429 or 5xx, times out or cannot be reached.
DELIVERY_SECONDS = 600.0
MAX_BACKOFF_SECONDS = 30.0


def _is_delivery(endpoint: str) -> bool:
    """A message to a user (sent or edited): worth minutes of retrying. Other calls (getChat...) fail fast."""
    return endpoint.startswith(("send", "edit"))


class RetryingRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (about 30 messages a second overall, 20 a minute per group; a 429 is waited out for
    its `retry_after`), which also retries a request when the Bot API answers 5xx, times out or cannot be
    reached. A message to a user is tried again with backoff for up to `delivery_seconds` (10 minutes): five
    429s or seven 502s in a row used to drop the warning itself. A warning about a scam in progress must not be
    dropped; a rare duplicate after a timeout whose message did arrive is the lesser harm. Other calls give up
    after `network_retries`."""

    def __init__(
        self,
        *,
        network_retries: int = 4,
        first_backoff: float = 0.5,
        delivery_seconds: float = DELIVERY_SECONDS,
        **limits,
    ) -> None:
        super().__init__(**limits)
        self._network_retries = network_retries
        self._first_backoff = first_backoff
        self._delivery_seconds = delivery_seconds

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (self._delivery_seconds if _is_delivery(endpoint) else 0.0)
        attempt = 0
        while True:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise  # our request is wrong: sending it again cannot help
            except (NetworkError, RetryAfter) as error:
                wait = min(self._first_backoff * 2**attempt, MAX_BACKOFF_SECONDS)
                if isinstance(error, RetryAfter):  # still limited after the rate limiter's own retries
                    wait = max(wait, error.retry_after.total_seconds() if hasattr(error.retry_after, "total_seconds")
                               else float(error.retry_after))  # fmt: skip
                attempt += 1
                if attempt > self._network_retries and loop.time() + wait > deadline:
                    raise
                log.warning("Bot API %s failed (%s); retrying in %.1f s", endpoint, error, wait)
                await asyncio.sleep(wait)
