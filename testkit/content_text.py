"""What the bot says, read from content/ the way the bot reads it, so tests check behaviour and not wording.

Trainers edit content/ (messages.yml, templates, regions) without touching code; a test that spells out their
sentences would fail on an edit although nothing broke. These give a test the text the bot sends now:

- text(): an entry of messages.yml exactly as the bot sends it (Telegram HTML, placeholders filled);
- words(): the same entry as the user reads it (plain text), to look for inside a longer message;
- filled(): whether a message is a given entry, whatever its {placeholders} were filled with, and with what;
- rendered(): the messages of one kind (a template) as the bot sends them; opening() and opens_as(): how a
  kind's first message begins, to tell which kind a reply starts with;
- scam_name(), signs(), region_steps(), numbers(): scam types' and regions' facts as content/ states them;
  number_lines(): the lines listing a region's numbers of some kinds under their headings;
- in_order(): whether pieces appear in a text in the given order.
"""

from __future__ import annotations

import html
import re
from functools import cache

from bot.content.loader import load_content
from bot.content.model import Content
from bot.content.render import Audience, context, localise, message, render, to_plain
from common.labels import SCAM_TYPES
from testkit import ROOT

ZH = Audience("zh", "standard", "cn")
ZH_SIMPLE = Audience("zh", "elderly", "cn")
EN = Audience("en", "standard", "cn")
EN_SIMPLE = Audience("en", "elderly", "cn")


@cache
def shipped() -> Content:
    """content/ as shipped, loaded once per test process (a bot started by a test reads the same folder)."""
    return load_content(ROOT / "content")


def text(key: str, reader: Audience = ZH, **values: str) -> str:
    """An entry of content/messages.yml as the bot sends it: Telegram HTML, escaped, {placeholders} filled."""
    return message(shipped(), key, reader, **values)


def words(key: str, reader: Audience = ZH, **values: str) -> str:
    """An entry of content/messages.yml as the user reads it (plain text), {placeholders} filled."""
    return html.unescape(text(key, reader, **values))


def filled(key: str, reader: Audience, plain: str) -> dict[str, str] | None:
    """The values of the {placeholders} if `plain` (a message as the user reads it) is the entry `key` of
    messages.yml, else None."""
    entry = localise(shipped().messages[key], reader.lang, reader.audience)
    pattern, seen = [], set()
    for index, part in enumerate(re.split(r"\{(\w+)\}", entry)):
        if index % 2 == 0:
            pattern.append(re.escape(part))
        else:
            pattern.append(f"(?P={part})" if part in seen else f"(?P<{part}>.*?)")
            seen.add(part)
    found = re.fullmatch("".join(pattern), plain, re.DOTALL)
    return found.groupdict() if found else None


def rendered(kind: str, reader: Audience = ZH, *, scam_type: str | None = None, **options) -> list[str]:
    """The messages of one kind (content/templates/<kind>.j2) as the bot sends them (Telegram HTML)."""
    return render(shipped(), kind, scam_type=scam_type, reader=reader, **options)


def opening(kind: str, reader: Audience = ZH, **options) -> str:
    """The first line of a kind's first message (Telegram HTML): what tells a reader which kind came first."""
    return rendered(kind, reader, **options)[0].splitlines()[0]


def opens_as(sent: str, kind: str, reader: Audience, **options) -> bool:
    """Whether a message begins as the first message of `kind` does for one of the scam types; `sent` is
    Telegram HTML, or plain text as `python -m bot chat` prints it."""
    firsts = {opening(kind, reader, scam_type=scam_type, **options) for scam_type in SCAM_TYPES}
    return any(sent.startswith(first) or sent.startswith(to_plain(first)) for first in firsts)


def scam_name(scam_type: str, reader: Audience = ZH) -> str:
    """A scam type's name as the user reads it."""
    return localise(shipped().scams[scam_type]["name"], reader.lang, reader.audience)


def signs(scam_type: str, reader: Audience, ids: tuple[str, ...]) -> list[str]:
    """The warning signs (checklist items) with these ids, as the user reads them."""
    checklist = localise(shipped().scams[scam_type]["checklist"], reader.lang, reader.audience)
    return [item["sign"] for item in checklist if item["id"] in ids]


def region_steps(reader: Audience) -> list[str]:
    """What a victim does first to stop a payment in the reader's region, in that region's order (plain text)."""
    return localise(shipped().regions[reader.region]["stop_payment"], reader.lang, reader.audience)


def numbers(region: str, *kinds: str) -> list[str]:
    """What to dial or type (number or web address) for a region's numbers of these kinds (all if none given),
    in the order content/regions/<region>.yml lists them."""
    entries = shipped().regions[region]["numbers"]
    return [entry.get("number") or entry["web"] for entry in entries if not kinds or entry["kind"] in kinds]


def number_lines(reader: Audience, *kinds: str) -> list[str]:
    """The lines that list the reader's region's numbers of these kinds, each kind under its own heading
    (content/templates/_numbers.j2), as the bot sends them."""
    content = shipped()
    values = {**context(content, scam_type=None, reader=reader, paid=False), "kinds": list(kinds)}
    return content.environment.get_template("_numbers.j2").render(values).strip().splitlines()


def in_order(haystack: str, *parts: str) -> bool:
    """Whether every part is in `haystack`, each (first occurrence) after the one before."""
    at = [haystack.find(part) for part in parts]
    return -1 not in at and all(a < b for a, b in zip(at, at[1:]))
