"""Commands and buttons that show information or change a user's settings (no dialogue with Rasa)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.content.model import Content
from bot.content.render import localise, render
from bot.content.script import script_of, to_script
from bot.storage.repository import UserSettings
from bot.telegram import simple_mode
from bot.telegram.callback_data import LANGUAGES, REGIONS, parse_setting, setting_data
from bot.telegram.context import BotContext, reader_of


def language_rows(content: Content) -> list[list[InlineKeyboardButton]]:
    """Each language named in its own language: whoever chooses may not read the one the bot speaks now."""
    names = content.messages["language_name"]
    return [
        [InlineKeyboardButton(localise(names, c, "standard"), callback_data=setting_data("lang", c)) for c in LANGUAGES]
    ]


def region_rows(content: Content, language: str, region: str | None = None) -> list[list[InlineKeyboardButton]]:
    """The regions by name in the user's language (and script, for a user in `region`), two to a row."""
    script = script_of(language, region) if region else None
    buttons = [
        InlineKeyboardButton(
            to_script(localise(content.regions[c]["name"], language, "standard"), script),
            callback_data=setting_data("region", c),
        )
        for c in REGIONS
    ]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def settings_keyboard(content: Content, user: UserSettings) -> InlineKeyboardMarkup:
    switch_to = "off" if user.audience == "elderly" else "on"
    # In both languages: whoever set the bot up may not read the language it speaks now.
    key = {"on": "mode_simple", "off": "mode_standard"}[switch_to]
    label = " / ".join(localise(content.messages[key], language, "standard") for language in LANGUAGES)
    simple_row = [InlineKeyboardButton(label, callback_data=setting_data("simple", switch_to))]
    regions = region_rows(content, user.language, user.region)
    return InlineKeyboardMarkup([*language_rows(content), *regions, simple_row])


def reply_with(key: str, doc: str):
    """A handler that answers with one message from content/messages.yml."""

    async def handler(update: Update, context: BotContext) -> None:
        user = await context.user()
        await update.effective_message.reply_text(context.text(user, key))

    handler.__doc__ = doc
    return handler


help_command = reply_with("help", "What the bot does and its commands.")


async def privacy(update: Update, context: BotContext) -> None:
    """What is stored and why, with the retention period the dialogue engine was given."""
    user = await context.user()
    await update.effective_message.reply_text(context.text(user, "privacy", retention_days=str(context.retention_days)))
unsupported = reply_with(
    "unsupported_media", "Photos, voice notes, stickers, documents, locations without text: what the bot can read."
)
unknown_command = reply_with("unknown_command", "A command the bot does not have.")


async def start(update: Update, context: BotContext) -> None:
    """Welcome in the user's language, with buttons for language, region and simple mode."""
    user = await context.user()
    await update.effective_message.reply_text(
        context.text(user, "welcome"), reply_markup=settings_keyboard(context.content, user)
    )


async def report(update: Update, context: BotContext) -> None:
    """The emergency and reporting path of the user's region, right away."""
    user = await context.user()
    for message in render(context.content, "report", scam_type=None, reader=reader_of(user)):
        await update.effective_message.reply_text(message)


async def language(update: Update, context: BotContext) -> None:
    """Buttons to choose the language."""
    user = await context.user()
    await update.effective_message.reply_text(
        context.text(user, "choose_language"), reply_markup=InlineKeyboardMarkup(language_rows(context.content))
    )


async def region(update: Update, context: BotContext) -> None:
    """Buttons to choose the region."""
    user = await context.user()
    await update.effective_message.reply_text(
        context.text(user, "choose_region"),
        reply_markup=InlineKeyboardMarkup(region_rows(context.content, user.language, user.region)),
    )


async def simple(update: Update, context: BotContext) -> None:
    """Switches simple mode (the elderly audience) on or off."""
    user = await context.user()
    user = await context.save_user(user, audience="standard" if user.audience == "elderly" else "elderly")
    key = "simple_on" if user.audience == "elderly" else "simple_off"
    await update.effective_message.reply_text(
        context.text(user, key), reply_markup=simple_mode.big_buttons(context.content, user)
    )


async def setting_button(update: Update, context: BotContext) -> None:
    """A tap on a language, region or simple-mode button; tampered data changes nothing."""
    query = update.callback_query
    user = await context.user()
    choice = parse_setting(query.data)
    if choice is None:
        await query.answer()
        await update.effective_message.reply_text(context.text(user, "unknown_button"))
        return
    change = {
        "lang": {"language": choice.value},
        "region": {"region": choice.value},
        "simple": {"audience": "elderly" if choice.value == "on" else "standard"},
    }[choice.setting]
    user = await context.save_user(user, **change)
    await query.answer(context.text(user, "settings_saved"))
    if choice.setting == "simple":
        await update.effective_message.reply_text(
            context.text(user, f"simple_{choice.value}"), reply_markup=simple_mode.big_buttons(context.content, user)
        )
