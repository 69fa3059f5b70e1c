"""The console's words in the trainer's language, from content/trainer_messages.yml (`console_*`, `trainer_*`):
every word a trainer reads lives in content/, as the bot's own replies do."""

from __future__ import annotations

from bot.content.model import Content
from bot.content.render import fill, localise
from bot.content.schema import LANGUAGES


class Words:
    """`words("console_saved")`, `words("console_draft_files", count=3)`: plain text (the page escapes it)."""

    def __init__(self, content: Content, lang: str) -> None:
        self.content = content
        self.lang = lang if lang in LANGUAGES else "en"

    def __call__(self, key: str, **values) -> str:
        text = localise(self.content.messages[key], self.lang, "standard")
        return fill(text, {name: str(value) for name, value in values.items()})
