"""Preview: the messages a Telegram user gets, rendered from a trainer's draft (or the live content) by the bot's
own loader and renderer, and shown in the browser as Telegram shows them.

`render` escapes every text and writes Telegram's HTML subset; `telegram_html` passes on only that subset (b, i,
u, s, code, pre, blockquote, and a with an http(s) or tg: address) and escapes anything else, so what a browser
shows can never be more than what Telegram would.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from markupsafe import Markup

from bot.content.loader import load_content
from bot.content.model import Content, content_files
from bot.content.quiz import QuizQuestion
from bot.content.render import SCAM_FLOW, Audience, label, localise, message, render
from bot.content.script import script_of, to_script
from bot.content.yaml_lines import ContentError
from common.labels import SCAM_TYPES

TELEGRAM_TAGS = frozenset({"b", "i", "u", "s", "code", "pre", "blockquote", "a"})
LINK_SCHEMES = ("http://", "https://", "tg://")
STORY = "story"  # the kinds of a scam story in the order a user gets them (SCAM_FLOW)


class _TelegramSubset(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in TELEGRAM_TAGS:
            self.out.append(html.escape(self.get_starttag_text() or ""))
            return
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if not href.startswith(LINK_SCHEMES):
                self.out.append(html.escape(self.get_starttag_text() or ""))
                return
            self.out.append(f'<a href="{html.escape(href)}" rel="noopener noreferrer">')
        else:
            self.out.append(f"<{tag}>")
        self.open.append(tag)

    def handle_endtag(self, tag) -> None:
        if tag in self.open:
            while self.open:  # close what is left open inside it, as a browser would
                inner = self.open.pop()
                self.out.append(f"</{inner}>")
                if inner == tag:
                    break
        else:
            self.out.append(html.escape(f"</{tag}>"))

    def handle_data(self, data) -> None:
        self.out.append(html.escape(data, quote=False))

    def close(self) -> None:
        super().close()
        self.out.extend(f"</{tag}>" for tag in reversed(self.open))


def telegram_html(text: str) -> Markup:
    """One Telegram message (HTML parse mode) as safe browser HTML: Telegram's tags kept, anything else escaped."""
    parser = _TelegramSubset()
    parser.feed(text)
    parser.close()
    return Markup("".join(parser.out))


@dataclass(frozen=True)
class Shown:
    kind: str
    html: Markup


def _fingerprint(root: Path) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in content_files(root))


class DraftContent:
    """Drafts loaded with the bot's own loader (and checked: a broken draft gives its problems), each kept until
    its files change: a load takes a second or two."""

    def __init__(self) -> None:
        self._loaded: dict[Path, tuple[tuple, Content | ContentError]] = {}
        self._lock = threading.Lock()

    def load(self, root: Path) -> Content:
        """The content of `root`; ContentError when it does not pass the check."""
        stamp = _fingerprint(root)
        with self._lock:
            kept = self._loaded.get(root)
            if kept is None or kept[0] != stamp:
                try:
                    loaded: Content | ContentError = load_content(root)
                except ContentError as error:
                    loaded = error
                self._loaded[root] = kept = (stamp, loaded)
        if isinstance(kept[1], ContentError):
            raise kept[1]
        return kept[1]

    def forget(self, root: Path) -> None:
        with self._lock:
            self._loaded.pop(root, None)


def messages(content: Content, kind: str, scam_type: str, reader: Audience, paid: bool) -> list[Shown]:
    """Every Telegram message of one kind (or of the whole story), split as the bot splits them."""
    kinds = SCAM_FLOW[paid] if kind == STORY else (kind,)
    return [
        Shown(each, telegram_html(piece))
        for each in kinds
        for piece in render(content, each, scam_type=scam_type, reader=reader, paid=paid)
    ]


@dataclass(frozen=True)
class QuizShown:
    asked: Markup  # the question as /quiz sends it
    buttons: list[str]  # its answer buttons
    answered: Markup  # the message after a right answer, explanation included


def quiz_messages(content: Content, question: QuizQuestion, reader: Audience) -> QuizShown:
    """A quiz question as /quiz shows it, and as it reads after a right answer (bot/telegram/learning_handlers.py)."""
    script = script_of(reader.lang, reader.region)
    situation = f"<i>{html.escape(to_script(question.message[reader.lang], script))}</i>"
    asked = f"{message(content, 'quiz_question', reader, number='1')}\n\n{situation}"
    names = [to_script(localise(content.scams[t]["name"], reader.lang, "standard"), script) for t in SCAM_TYPES]
    buttons = [label(content, "quiz_not_scam", reader), *(f"⚠️ {name}" for name in names)]
    explanation = html.escape(to_script(question.explanation[reader.lang], script))
    score = message(content, "quiz_score", reader, right="1", answered="1")
    answered = f"{situation}\n\n{message(content, 'quiz_right', reader)}\n{explanation}\n\n{score}"
    return QuizShown(telegram_html(asked), buttons, telegram_html(answered))
