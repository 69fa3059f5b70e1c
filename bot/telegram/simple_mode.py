"""Simple mode's big buttons: a reply keyboard with the common answers (Yes / No / Call for help / Ask my
family). Telegram sends a tap as an ordinary message holding the label, so labels are matched back to what
they mean, in either language (a relative may have set the language the older user does not read)."""

from __future__ import annotations

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove

from bot.content.model import DEFAULT_REGION, Content
from bot.content.render import localise
from bot.content.schema import LANGUAGES
from bot.content.script import SCRIPTS, script_of, to_script

# What each big button means -> its label in content/messages.yml.
BUTTONS = {"yes": "button_yes", "no": "button_no", "call_help": "button_call_help", "ask_family": "button_ask_family"}


def label(content: Content, meaning: str, language: str, region: str = DEFAULT_REGION) -> str:
    """A big button's label as a reader of `language` in `region` sees it (Traditional Chinese in hk and tw)."""
    return to_script(localise(content.messages[BUTTONS[meaning]], language, "elderly"), script_of(language, region))


def keyboard(
    content: Content, language: str, simple: bool, region: str = DEFAULT_REGION
) -> ReplyKeyboardMarkup | ReplyKeyboardRemove:
    """The big buttons in simple mode; otherwise an instruction to take them away."""
    if not simple:
        return ReplyKeyboardRemove()
    rows = [["yes", "no"], ["call_help", "ask_family"]]
    return ReplyKeyboardMarkup(
        [[KeyboardButton(label(content, meaning, language, region)) for meaning in row] for row in rows],
        resize_keyboard=True,
        is_persistent=True,
    )


def big_buttons(content: Content, user) -> ReplyKeyboardMarkup | ReplyKeyboardRemove:
    """The keyboard for a user's settings: the big buttons in simple mode, their removal otherwise."""
    return keyboard(content, user.language, user.audience == "elderly", user.region)


def meaning_of(content: Content, text: str) -> str | None:
    """Which big button a message is, if it is exactly one's label, else None: in either language and in either
    script (a keyboard sent before the user changed region still shows the other script's labels)."""
    if "simple_mode_labels" not in content.derived:
        content.derived["simple_mode_labels"] = {
            label(content, meaning, language, region): meaning
            for region in (DEFAULT_REGION, *SCRIPTS)
            for language in LANGUAGES
            for meaning in reversed(BUTTONS)  # the first meaning wins should two labels be the same
        }
    return content.derived["simple_mode_labels"].get(text.strip())
