"""Commands and buttons that show information or change a user's settings (no dialogue with Rasa)."""

from __future__ import annotations

import asyncio
import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.content.render import Audience, localise, render
from bot.storage import repository
from bot.storage.models import User
from bot.telegram import simple_mode
from bot.telegram.callbacks import LANGUAGES, REGIONS, parse_setting, setting_data

LANGUAGE_NAMES = {"en": "English", "zh": "中文"}


def language_for(telegram_language: str | None) -> str:
    """A new user's (or a group's) language from their Telegram app: Chinese for any zh variant, else English."""
    return "zh" if (telegram_language or "").lower().startswith("zh") else "en"


async def load_user(update: Update, context: ContextTypes.DEFAULT_TYPE) -> User:
    tg_user = update.effective_user
    return await asyncio.to_thread(
        repository.get_or_create_user,
        context.bot_data["sessions"],
        tg_user.id,
        language=language_for(tg_user.language_code),
        region=context.bot_data["default_region"],
    )


def reader_of(user: User) -> Audience:
    return Audience(user.language, user.audience, user.region)


def label_for(context: ContextTypes.DEFAULT_TYPE, user: User, key: str) -> str:
    """A text from content/messages.yml in the user's language and audience, as plain text (button labels)."""
    messages = context.bot_data["content"].current.messages
    return localise(messages[key], user.language, user.audience)


def text_for(context: ContextTypes.DEFAULT_TYPE, user: User, key: str) -> str:
    """A message from content/messages.yml in the user's language and audience, escaped for HTML."""
    return html.escape(label_for(context, user, key))


def fill(text: str, **values: str) -> str:
    """Puts values into a message's {placeholders}; the message is already escaped, the values are escaped here."""
    for key, value in values.items():
        text = text.replace(f"{{{key}}}", html.escape(value))
    return text


async def load_user_by_id(context: ContextTypes.DEFAULT_TYPE, telegram_id: int) -> User:
    """Another user's settings (a linked relative or older user), to write to them in their language."""
    sessions, region = context.bot_data["sessions"], context.bot_data["default_region"]
    return await asyncio.to_thread(repository.get_or_create_user, sessions, telegram_id, region=region)


def language_rows() -> list[list[InlineKeyboardButton]]:
    return [[InlineKeyboardButton(LANGUAGE_NAMES[c], callback_data=setting_data("lang", c)) for c in LANGUAGES]]


def region_rows() -> list[list[InlineKeyboardButton]]:
    buttons = [InlineKeyboardButton(c.upper(), callback_data=setting_data("region", c)) for c in REGIONS]
    return [buttons[:4], buttons[4:]]


def settings_keyboard(user: User) -> InlineKeyboardMarkup:
    switch_to = "off" if user.audience == "elderly" else "on"
    label = {"on": "Simple mode / 简易模式", "off": "Standard mode / 标准模式"}[switch_to]
    simple_row = [InlineKeyboardButton(label, callback_data=setting_data("simple", switch_to))]
    return InlineKeyboardMarkup([*language_rows(), *region_rows(), simple_row])


async def save(context: ContextTypes.DEFAULT_TYPE, user: User, **changes) -> User:
    return await asyncio.to_thread(repository.update_user, context.bot_data["sessions"], user.telegram_id, **changes)


def reply_with(key: str, doc: str):
    """A handler that answers with one message from content/messages.yml."""

    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = await load_user(update, context)
        await update.effective_message.reply_text(text_for(context, user, key))

    handler.__doc__ = doc
    return handler


help_command = reply_with("help", "What the bot does and its commands.")
privacy = reply_with("privacy", "What is stored and why.")
unsupported = reply_with(
    "unsupported_media", "Photos, voice notes, stickers, documents, locations without text: what the bot can read."
)
unknown_command = reply_with("unknown_command", "A command the bot does not have.")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome in the user's language, with buttons for language, region and simple mode."""
    user = await load_user(update, context)
    await update.effective_message.reply_text(text_for(context, user, "welcome"), reply_markup=settings_keyboard(user))


async def report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The emergency and reporting path of the user's region, right away."""
    user = await load_user(update, context)
    for message in render(context.bot_data["content"].current, "report", scam_type=None, reader=reader_of(user)):
        await update.effective_message.reply_text(message)


async def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons to choose the language."""
    user = await load_user(update, context)
    await update.effective_message.reply_text(
        text_for(context, user, "choose_language"), reply_markup=InlineKeyboardMarkup(language_rows())
    )


async def region(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Buttons to choose the region."""
    user = await load_user(update, context)
    await update.effective_message.reply_text(
        text_for(context, user, "choose_region"), reply_markup=InlineKeyboardMarkup(region_rows())
    )


async def simple(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Switches simple mode (the elderly audience) on or off."""
    user = await load_user(update, context)
    user = await save(context, user, audience="standard" if user.audience == "elderly" else "elderly")
    key = "simple_on" if user.audience == "elderly" else "simple_off"
    await update.effective_message.reply_text(text_for(context, user, key), reply_markup=big_buttons(context, user))


def big_buttons(context: ContextTypes.DEFAULT_TYPE, user: User):
    """Simple mode's reply keyboard, or its removal when simple mode is off."""
    return simple_mode.keyboard(context.bot_data["content"].current, user.language, user.audience == "elderly")


async def setting_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A tap on a language, region or simple-mode button; tampered data changes nothing."""
    query = update.callback_query
    user = await load_user(update, context)
    choice = parse_setting(query.data)
    if choice is None:
        await query.answer()
        await update.effective_message.reply_text(text_for(context, user, "unknown_button"))
        return
    change = {
        "lang": {"language": choice.value},
        "region": {"region": choice.value},
        "simple": {"audience": "elderly" if choice.value == "on" else "standard"},
    }[choice.setting]
    user = await save(context, user, **change)
    await query.answer(text_for(context, user, "settings_saved"))
    if choice.setting == "simple":
        await update.effective_message.reply_text(
            text_for(context, user, f"simple_{choice.value}"), reply_markup=big_buttons(context, user)
        )

