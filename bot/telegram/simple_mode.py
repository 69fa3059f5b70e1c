"""Simple mode's big buttons: a reply keyboard with the common answers (Yes / No / Call for help / Ask my
family). Telegram sends a tap as an ordinary message holding the label, so labels are matched back to what
they mean, in either language (a relative may have set the language the older user does not read)."""

from __future__ import annotations

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove

from bot.content.model import Content
from bot.content.render import localise
from bot.content.schema import LANGUAGES

# What each big button means -> its label in content/messages.yml.
BUTTONS = {"yes": "button_yes", "no": "button_no", "call_help": "button_call_help", "ask_family": "button_ask_family"}


def label(content: Content, meaning: str, language: str) -> str:
    return localise(content.messages[BUTTONS[meaning]], language, "elderly")


def keyboard(content: Content, language: str, simple: bool) -> ReplyKeyboardMarkup | ReplyKeyboardRemove:
    """The big buttons in simple mode; otherwise an instruction to take them away."""
    if not simple:
        return ReplyKeyboardRemove()
    rows = [["yes", "no"], ["call_help", "ask_family"]]
    return ReplyKeyboardMarkup(
        [[KeyboardButton(label(content, meaning, language)) for meaning in row] for row in rows],
        resize_keyboard=True,
        is_persistent=True,
    )


def big_buttons(content: Content, user) -> ReplyKeyboardMarkup | ReplyKeyboardRemove:
    """The keyboard for a user's settings: the big buttons in simple mode, their removal otherwise."""
    return keyboard(content, user.language, user.audience == "elderly")


def meaning_of(content: Content, text: str) -> str | None:
    """Which big button a message is, if it is exactly one's label (any language), else None."""
    wanted = text.strip()
    for meaning in BUTTONS:
        if any(wanted == label(content, meaning, language) for language in LANGUAGES):
            return meaning
    return None
