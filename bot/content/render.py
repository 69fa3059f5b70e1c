"""Turns a semantic reply (message kind + scam type) into the messages a user receives.

Templates (content/templates/<kind>.j2) write Telegram HTML; every value from the data or from the user is
escaped by the sandboxed environment. A line holding only `---` separates two messages.
"""

from __future__ import annotations

import html
import re
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import TemplateError
from jinja2.sandbox import SecurityError

from bot.content.model import KINDS, Content
from bot.content.sandbox import render_capped
from bot.content.schema import AUDIENCES, LANGUAGES, NUMBER_KINDS
from bot.content.script import for_reader
from bot.content.yaml_lines import Problem
from bot.risk import risk_level
from bot.text_limits import TELEGRAM_MESSAGE_LIMIT, split_html
from common.labels import SCAM_TYPES
from common.risk_signals import ABOUT_TO_PAY, DEVICE_CONTROL, SIGNALS, THREAT
from common.text_normalise import normalise

# Values some templates use beyond the standard context, with what the content check renders them with.
# image_text: the part of the user's text read from a photo they sent (its quotes say "in your screenshot").
EXTRA_DEFAULTS = {"who": "", "their_words": "", "already_warned": False, "pack": {}, "image_text": ""}
SAMPLE_PACK = {
    "when": "2026-05-03", "amount": "30,000 <元>", "method": "alipay_wechat", "from": "**** **** **** 6789",
    "to": "6217 0000 1111 2222 <b>", "name": "“王老师” & co", "evidence": ["chats", "receipts"],
}  # fmt: skip
SAMPLE_EXTRA = {"who": "Lin <Mum>", "their_words": "老师让我下载app充值 <b>now</b>", "pack": SAMPLE_PACK,
                "image_text": "teacher says buy, <b>pay 5,000 to unfreeze</b>"}  # fmt: skip
SEPARATOR = re.compile(r"^\s*---\s*$", re.MULTILINE)
# What a user receives for a scam story, by whether money has gone (mirrors stories/scam_report_rules.yml).
SCAM_FLOW = {
    True: ("stop_loss", "warning", "case", "checklist"),
    False: ("warning", "case", "checklist", "prevention"),
}


@dataclass(frozen=True)
class Audience:
    """Who is reading: language, audience (standard / elderly) and region."""

    lang: str = "en"
    audience: str = "standard"
    region: str = "cn"


def localise(value, lang: str, audience: str):
    """Picks the language, then the audience, at every level of a content structure."""
    if isinstance(value, dict):
        if set(value) == set(LANGUAGES):
            return localise(value[lang], lang, audience)
        if set(value) == set(AUDIENCES):
            return localise(value[audience], lang, audience)
        return {key: localise(item, lang, audience) for key, item in value.items()}
    if isinstance(value, list):
        return [localise(item, lang, audience) for item in value]
    return value


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each {name} replaced by its value; other braces are left as they are (a trainer's text may
    contain them)."""
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", value)
    return text


def label(content: Content, key: str, reader: Audience, **values: str) -> str:
    """One text of content/messages.yml in the reader's language and audience as plain text (button labels,
    captions), with its {placeholders} filled."""
    return for_reader(fill(localise(content.messages[key], reader.lang, reader.audience), values), reader)


def message(content: Content, key: str, reader: Audience, **values: str) -> str:
    """One text of content/messages.yml in the reader's language and audience, escaped for Telegram HTML, with
    its {placeholders} filled (values escaped too)."""
    text = html.escape(localise(content.messages[key], reader.lang, reader.audience))
    return for_reader(fill(text, {name: html.escape(value) for name, value in values.items()}), reader)


def find_red_flags(scam: dict, user_text: str) -> list[dict]:
    """The user's own words that match a red-flag phrase, with the checklist item they point at.

    Phrases of both languages are searched: people mix them ("老师让我download the app").
    """
    if not user_text:
        return []
    # normalise() keeps offsets, so a match in the folded text is the same span of the user's own words.
    folded = normalise(user_text)
    items = {item["id"]: item for item in scam["checklist"]}
    found: dict[str, dict] = {}  # one quote per checklist item
    for flag in scam["red_flags"]:
        if flag["checklist"] in found:
            continue
        phrases = (phrase for lang in LANGUAGES for phrase in flag["phrases"][lang])
        for phrase in phrases:
            at = folded.find(_folded(phrase))
            if at >= 0:
                found[flag["checklist"]] = {"said": user_text[at : at + len(phrase)], "item": items[flag["checklist"]]}
                break
    return list(found.values())


@lru_cache(maxsize=65536)
def _folded(phrase: str) -> str:
    """A red-flag phrase as normalise() folds it: the same few thousand phrases are searched on every message."""
    return normalise(phrase)


def _localised(content: Content, part: str, key: str | None, lang: str, audience: str):
    """content.<part>[key] (or the whole part) localised, computed once per snapshot (Content.derived)."""
    cache_key = (part, key, lang, audience)
    if cache_key not in content.derived:
        value = getattr(content, part)
        value = localise(value[key] if key is not None else value, lang, audience)
        if part == "regions":
            for entry in value["numbers"]:
                entry["contact"] = entry.get("number") or entry.get("web")  # what to dial or type, for templates
        content.derived[cache_key] = value
    return content.derived[cache_key]


def context(
    content: Content,
    *,
    scam_type: str | None,
    reader: Audience,
    paid: bool,
    user_text: str = "",
    case_index: int = 0,
    ticked: tuple[str, ...] = (),
    extra: Mapping | None = None,
    signals: frozenset[str] | tuple[str, ...] = (),
    relative: bool = False,
    scammer_text: bool = False,
) -> dict:
    lang, audience = reader.lang, reader.audience
    region_code = reader.region if reader.region in content.regions else "cn"
    scam_raw = content.scams.get(scam_type) if scam_type else None
    scam = _localised(content, "scams", scam_type, lang, audience) if scam_raw else None
    case = scam["cases"][case_index % len(scam["cases"])] if scam else None
    region = _localised(content, "regions", region_code, lang, audience)
    quotes = []
    if scam_raw:
        for match in find_red_flags(scam_raw, user_text):
            quotes.append({"said": match["said"], **localise(match["item"], lang, audience)})
    return {
        "lang": lang,
        "audience": audience,
        "elderly": audience == "elderly",
        "paid": paid,
        "scam": scam,
        "case": case,
        "quotes": quotes,
        # Warning signs the user tapped ("this happened to me"), in checklist order, and the risk they add up to.
        "ticked_signs": [item for item in scam["checklist"] if item["id"] in ticked] if scam else [],
        "risk": risk_level(len(ticked), paid),
        "region": region,
        # The region's numbers under one heading per kind (police, bank, advice line...), in NUMBER_KINDS order.
        "number_kinds": [
            {"kind": kind, "entries": [e for e in region["numbers"] if e["kind"] == kind]}
            for kind in NUMBER_KINDS
            if any(e["kind"] == kind for e in region["numbers"])
        ],
        # Risk signals the turn acted on (common/risk_signals/): control of the phone is cut first.
        "signals": [signal for signal in SIGNALS if signal in signals],
        "device_control": bool(DEVICE_CONTROL & set(signals)),
        "pressure": bool({ABOUT_TO_PAY, THREAT} & set(signals)),
        # The reader is helping someone else at risk (a relative writing for a parent).
        "relative": relative,
        # The message is the scammer's own text, pasted or forwarded: "this message is a ...".
        "scammer_text": scammer_text,
        "text": _localised(content, "messages", None, lang, audience),
        # Values only some kinds use (a guardian alert's who and their_words); absent ones are empty.
        **EXTRA_DEFAULTS,
        **(extra or {}),
        "scam_names": [
            {"label": label, "name": _localised(content, "scams", label, lang, audience)["name"]}
            for label in SCAM_TYPES
            if label in content.scams
        ],
    }


def render(
    content: Content,
    kind: str,
    *,
    scam_type: str | None,
    reader: Audience,
    paid: bool = False,
    user_text: str = "",
    case_index: int = 0,
    ticked: tuple[str, ...] = (),
    extra: Mapping | None = None,
    signals: frozenset[str] | tuple[str, ...] = (),
    relative: bool = False,
    scammer_text: bool = False,
) -> list[str]:
    """The messages (Telegram HTML) for one reply, each within Telegram's length limit."""
    template = content.templates.get(kind) or content.templates["clarify"]
    values = context(
        content,
        scam_type=scam_type,
        reader=reader,
        paid=paid,
        user_text=user_text,
        case_index=case_index,
        ticked=ticked,
        extra=extra,
        signals=signals,
        relative=relative,
        scammer_text=scammer_text,
    )
    # Traditional Chinese for readers in Hong Kong and Taiwan (bot/content/script.py), before the length split.
    rendered = for_reader(render_capped(template, values), reader)
    messages = [part.strip() for part in SEPARATOR.split(rendered)]
    return [piece for part in messages if part for piece in split_html(part, TELEGRAM_MESSAGE_LIMIT)]


def to_plain(message: str) -> str:
    """Telegram HTML as terminal text: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"</?(b|i|u|s|code|pre|blockquote)>", "", message))


def _template_line(error: BaseException, kind: str) -> int:
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(f"{kind}.j2"):
            return frame.lineno or 0
    return getattr(error, "lineno", 0) or 0


def sample_problems(content: Content) -> list[Problem]:
    """Renders every kind for every scam type, language, audience and money state; reports what breaks.

    Regions, a relative reading and the risk signals rotate across the renders, so each is covered without
    multiplying the renders by each of them."""
    problems: list[Problem] = []
    sample_text = "老师让我下载app充值，teacher says buy, <b>pay 5,000 to unfreeze</b>"
    regions = content.region_codes
    variant = 0
    for kind in KINDS:
        name = f"content/templates/{kind}.j2"
        reported = False
        for scam_type in (*SCAM_TYPES, None):
            ticked = tuple(item["id"] for item in content.scams[scam_type]["checklist"][:2]) if scam_type else ()
            for lang in LANGUAGES:
                for audience in AUDIENCES:
                    for paid in (True, False):
                        if reported:
                            continue
                        variant += 1
                        reader = Audience(lang, audience, regions[variant % len(regions)])
                        try:
                            messages = render(
                                content,
                                kind,
                                scam_type=scam_type,
                                reader=reader,
                                paid=paid,
                                user_text=sample_text,
                                ticked=ticked,
                                # Every value given, or none (a skipped question, no words shared).
                                extra=SAMPLE_EXTRA if variant % 2 else {},
                                signals=SIGNALS if variant // 5 % 2 else (),
                                relative=variant // 3 % 2 == 1,
                                scammer_text=variant // 7 % 2 == 1,
                            )
                        except (TemplateError, SecurityError, TypeError, KeyError, AttributeError) as error:
                            problems.append(Problem(name, _template_line(error, kind), f"does not render: {error}"))
                            reported = True
                            continue
                        money = "paid" if paid else "not paid"
                        where = f"{scam_type or 'no scam'}, {lang}, {audience}, {money}, {reader.region}"
                        if not messages:
                            problems.append(Problem(name, 0, f"renders nothing ({where})"))
                            reported = True
                        elif any("{{" in m or "{%" in m or "}}" in m for m in messages):
                            problems.append(Problem(name, 0, f"leaves template syntax in the output ({where})"))
                            reported = True
    return problems
