"""Outgoing messages: Telegram's flood limits, and no reply lost to a passing Bot API hiccup."""

from __future__ import annotations

import asyncio
import logging

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)


class RetryingRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (about 30 messages a second overall, 20 a minute per group; a 429 is waited out for
    its `retry_after`), which also retries a request when the Bot API answers 5xx, times out or cannot be
    reached. A warning about a scam in progress must not be dropped; a rare duplicate after a timeout whose
    message did arrive is the lesser harm."""

    def __init__(self, *, network_retries: int = 4, first_backoff: float = 0.5, **limits) -> None:
        super().__init__(**limits)
        self._network_retries = network_retries
        self._first_backoff = first_backoff

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        for attempt in range(self._network_retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise  # our request is wrong: sending it again cannot help
            except NetworkError as error:
                if attempt == self._network_retries:
                    raise
                wait = self._first_backoff * 2**attempt
                log.warning("Bot API %s failed (%s); retrying in %.1f s", endpoint, error, wait)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")
