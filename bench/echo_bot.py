"""The benchmark's yardstick: a plain python-telegram-bot echo bot, run through the same harness as the bot.

An Application that answers every text message with one `sendMessage` of the same text: long polling against
TELEGRAM_BASE_URL, updates handled concurrently (PTB's own `concurrent_updates(True)`: up to 256 at a time), no
database, no Rasa. TELEGRAM_SEND_RATE as the bot reads it: unset, 30 messages a second over all chats with PTB's
AIORateLimiter (Telegram's limit, the bot's default); 0, no rate limiter at all. What the bot costs beyond this
is what our code, Rasa and the extra messages of a turn cost.

    TELEGRAM_BOT_TOKEN=123:TEST TELEGRAM_BASE_URL=http://127.0.0.1:PORT/bot python -m bench.echo_bot
"""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_message(update.effective_chat.id, update.effective_message.text)


def main() -> None:
    send_rate = float(os.environ.get("TELEGRAM_SEND_RATE") or 30)
    builder = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ.get("TELEGRAM_BASE_URL") or "https://api.telegram.org/bot")
        .concurrent_updates(True)
    )
    if send_rate > 0:
        builder = builder.rate_limiter(AIORateLimiter(overall_max_rate=send_rate, overall_time_period=1))
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
