"""Chinese text as a reader of Chinese expects it, and replies without internal ids or (in simple mode) web
addresses. Run by loader.load_content; every problem is `file:line: reason`.

What a reader of Chinese expects (GB/T 15834, the national standard on punctuation):
- full-width punctuation in Chinese text: 、，。：；？！“”‘’（）……, never an ASCII , . : ; ? ! ( ) " ' or ...
  next to a Chinese character ("来源: 重庆" and "诈骗." are wrong; "来源：重庆" and "诈骗。" are right);
- no space between two Chinese characters or Chinese punctuation marks ("王阿姨 正在", "删： 聊天" are wrong),
  except inside a quotation or title: a news headline is quoted as published ("“网络游戏账号交易暗藏陷阱 一玩家…”").
Digits, phone numbers, URLs and Latin names (WeChat, QQ, App, ic3.gov) may sit next to Chinese with or without
a space ("拨打110报警", "在 ic3.gov 举报"), an ASCII mark between two of them is theirs ("1.5万", "10:30",
"ReportFraud.ftc.gov"), and a number heading a list item may take a full stop ("1. 陌生人打电话").

Where the text is checked:
- every string under a `zh` key of every content/*.yml file (scams, regions, messages, quiz, menus, trainer
  texts), at its own line, with each {placeholder} read as a Chinese word (a name or a scam type is filled in);
- every message kind rendered for Chinese readers (each scam type, audience and money state; regions, a relative
  reading and the risk signals rotating), so the punctuation a template adds in its Chinese branch is checked
  too: a problem is reported at the template line whose literal text holds the offending mark or space.

Every reply, in every language, is also checked for a source's internal id (a `sources/` file name, "seed 000"),
and every simple-mode (elderly) reply for a web address: an older reader is never sent to a website.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from jinja2 import TemplateError
from jinja2.sandbox import SecurityError

from bot.content.model import KINDS, Content
from bot.content.render import SEPARATOR, Audience, context
from bot.content.sandbox import render_capped
from bot.content.schema import AUDIENCES, LANGUAGES
from bot.content.yaml_lines import ContentError, LinedDict, LinedList, Problem, display_name, load
from common.labels import SCAM_TYPES
from common.risk_signals import SIGNALS

# Chinese characters (CJK ideographs and their extensions).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
# Chinese punctuation: CJK symbols (、。《》「」【】), full-width forms (，：；？！（）), Chinese quotation marks,
# the ellipsis and the dash.
_CJK_PUNCTUATION = (
    "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026\u2014"
)
CHINESE = re.compile(f"[{_HAN}{_CJK_PUNCTUATION}]")
HAN = re.compile(f"[{_HAN}]")
# ASCII marks that have a full-width form a Chinese sentence uses instead.
FULL_WIDTH = {
    ",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）", '"': "“”", "'": "‘’",
}  # fmt: skip
ASCII_MARK = re.compile(r"\.\.\.|[,.:;?!()\"']")
STRAY_SPACE = re.compile(f"(?<=[{_HAN}{_CJK_PUNCTUATION}])[ \t]+(?=[{_HAN}{_CJK_PUNCTUATION}])")
# A quotation or a title: “…”, 《…》, 「…」 (a quoted news headline keeps the space that splits it in two).
QUOTED = re.compile(r"“[^”\n]*”|《[^》\n]*》|「[^」\n]*」")
# A number heading a list item: "1. ", "• 2. " (GB/T 15834 writes Arabic ordinals with a full stop).
LIST_NUMBER = re.compile(r"^\W*\d{1,3}$")
PLACEHOLDER = re.compile(r"\{\w+\}")
# The {placeholders} of messages.yml that a Chinese reader gets filled with Chinese words (a relative's name, a
# scam type, "每天晚上8点"); the others hold numbers, codes and links.
CHINESE_PLACEHOLDERS = frozenset({"who", "name", "names", "scam", "words", "when", "settings", "language"})
# A source's internal id: a content/sources/ file name or a "seed 000" reference.
INTERNAL_ID = re.compile(r"\bseed\s+\d{3}\b|\b\d{3}_[0-9a-f]{16}(?:\.txt)?\b", re.IGNORECASE)
# A web address as a reader sees it: with a scheme, www., or a domain under a common ending (ic3.gov,
# reportfraud.police.uk, cyberdefender.hk/en-us/scameter/).
WEB_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov|com|org|net|uk|au|sg|hk|tw|cn|info)\b(?:/\S*)?",
    re.IGNORECASE,
)
# Telegram HTML in pieces: a tag, an entity, a run of text, or a lone < or &.
HTML_PIECE = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);|[^<&]+|[<&]")
INCLUDE = re.compile(r"""\{%-?\s*(?:include|import|from)\s+["']([^"']+)["']""")
# What the renders fill in for a Chinese reader: Chinese values, so a stray space next to them shows.
SAMPLE_EXTRA = {"who": "王阿姨", "their_words": "老师让我下载软件充值"}


def chinese_text_problems(content: Content) -> list[Problem]:
    """Every problem in content/'s Chinese text and in the rendered replies (module docstring)."""
    problems = yaml_problems(content.root)
    seen = {(p.file, p.line, p.reason) for p in problems}
    for problem in render_problems(content, fallback=not problems):
        if (problem.file, problem.line, problem.reason) not in seen:
            seen.add((problem.file, problem.line, problem.reason))
            problems.append(problem)
    return problems


# --- Rules -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One rule broken in a text: where (index of the offending character), which rule, the text around it and
    what to write instead."""

    at: int
    rule: str
    excerpt: str
    advice: str

    @property
    def reason(self) -> str:
        return f"{self.rule} in {self.excerpt!r}: {self.advice}"


def chinese_findings(text: str) -> list[Finding]:
    """The places where Chinese `text` breaks a rule of the module docstring, in order."""
    findings = []
    for match in ASCII_MARK.finditer(text):
        mark = match.group()
        before = _neighbour(text, match.start() - 1, -1)
        after = _neighbour(text, match.end(), +1)
        after_chinese, before_chinese = bool(before and CHINESE.match(before)), bool(after and CHINESE.match(after))
        if not (after_chinese or before_chinese) or (mark == "." and _list_number(text, match.start())):
            continue
        if mark in ".:" and _inside_token(text, match.start()):
            continue  # a web address or a time: "牌鸿淘.top", "10:30"
        excerpt = _excerpt(text, match.start(), match.end())
        if mark == "...":
            findings.append(Finding(match.start(), "ASCII '...' next to Chinese text", excerpt, "write '……'"))
        else:
            rule = f"ASCII {mark!r} {'after' if after_chinese else 'before'} Chinese text"
            findings.append(Finding(match.start(), rule, excerpt, f"write {FULL_WIDTH[mark]!r}"))
    quoted = [match.span() for match in QUOTED.finditer(text)]
    for match in STRAY_SPACE.finditer(text):
        if any(start < match.start() < end for start, end in quoted):
            continue  # a quoted headline keeps the spacing it was published with
        excerpt = _excerpt(text, match.start(), match.end())
        findings.append(Finding(match.start(), "space between Chinese characters", excerpt, "remove it"))
    return sorted(findings, key=lambda finding: finding.at)


def _neighbour(text: str, index: int, step: int) -> str:
    """The first character from `index` in direction `step` that is not a space or tab, on the same line."""
    while 0 <= index < len(text) and text[index] in " \t":
        index += step
    return text[index] if 0 <= index < len(text) and text[index] != "\n" else ""


def _inside_token(text: str, index: int) -> bool:
    """Whether the mark at `index` joins two pieces of one token: a letter or digit follows it at once."""
    return index + 1 < len(text) and text[index + 1].isascii() and text[index + 1].isalnum() and index > 0


def _list_number(text: str, index: int) -> bool:
    line_start = text.rfind("\n", 0, index) + 1
    return bool(LIST_NUMBER.match(text[line_start:index]))


def _excerpt(text: str, start: int, end: int) -> str:
    return text[max(0, start - 6) : end + 6].replace("\n", " ")


# --- Content files -----------------------------------------------------------------------------------------


def yaml_problems(root: Path) -> list[Problem]:
    """`file:line: reason` for each Chinese text in content/*.yml that breaks a rule."""
    problems = []
    for path in sorted(root.rglob("*.yml")):
        name = display_name(root, path)
        try:
            data = load(path, name)
        except ContentError:
            continue  # the loader reports it
        for text, line in zh_strings(data):
            for finding in chinese_findings(PLACEHOLDER.sub(_sample_value, text)):
                problems.append(Problem(name, line, finding.reason))
    return problems


def _sample_value(placeholder: re.Match) -> str:
    """What a {placeholder} is filled with for a Chinese reader: a Chinese word for a name, a scam type or a
    time ("每天晚上8点"), a digit for a number, a code or a link."""
    return "某" if placeholder.group()[1:-1] in CHINESE_PLACEHOLDERS else "0"


def zh_strings(value, line: int = 0, zh: bool = False, every: bool = False) -> Iterator[tuple[str, int]]:
    """Every text under a `zh` key of a YAML structure (with `every`, every text), with its line."""
    if isinstance(value, dict):
        for key, item in value.items():
            at = value.line_of(key) if isinstance(value, LinedDict) else line
            yield from zh_strings(item, at, zh or key == "zh", every)
    elif isinstance(value, list):
        lines = value.item_lines if isinstance(value, LinedList) else [line] * len(value)
        for item, at in zip(value, lines, strict=False):
            yield from zh_strings(item, at, zh, every)
    elif isinstance(value, str) and (zh or every):
        yield value, line


# --- Rendered replies --------------------------------------------------------------------------------------


def render_problems(content: Content, fallback: bool = True) -> list[Problem]:
    """Problems in the replies every kind renders. Chinese punctuation is reported at the template line that
    wrote it; with `fallback`, also at line 0 of the template when no line did (the text it came from is then
    reported by yaml_problems, unless the mark sits where a template joins two values)."""
    problems: list[Problem] = []
    reported: set[tuple] = set()  # one problem per template line and rule, per address, per id

    def report(key: tuple, problem: Problem) -> None:
        if key not in reported:
            reported.add(key)
            problems.append(problem)

    templates = _TemplateText(content.root)
    addresses = _Addresses(content)
    for kind, reader, messages in _renders(content):
        name = f"content/templates/{kind}.j2"
        for message in messages:
            plain, where = _plain(message)
            found = INTERNAL_ID.search(plain)
            if found:
                reason = f"a reply shows an internal source id {found.group()!r}"
                report((name, found.group()), Problem(name, 0, reason))
            if reader.audience == "elderly":
                for found in WEB_ADDRESS.finditer(plain):
                    if plain[found.start() - 1 : found.start()] == "“" and plain[found.end() : found.end() + 1] == "”":
                        continue  # a name in quotation marks, such as the SMS sender ID “gov.sg”
                    origin = addresses.origin(found.group())
                    reason = f"simple mode (elderly) shows a web address {found.group()!r}{origin}: leave it out"
                    report((name, found.group()), Problem(name, 0, reason))
            if reader.lang != "zh":
                continue
            for finding in chinese_findings(plain):
                file, line = templates.origin(kind, message, where[finding.at])
                if line or fallback:
                    problem = Problem(file, line, f"{finding.reason} (rendered for Chinese readers)")
                    report((file, line, finding.rule), problem)
    return problems


def _renders(content: Content) -> Iterator[tuple[str, Audience, list[str]]]:
    """(kind, reader, messages) for every kind, scam type and money state: for Chinese readers of both audiences
    and for English readers in simple mode. Regions, a relative reading and the signals rotate across them; a
    real case is rendered once for each case, the other kinds take one case in turn."""
    regions = content.region_codes
    # Chinese readers of both audiences (punctuation), and English readers in simple mode (web addresses).
    readers = [
        (lang, audience) for lang in LANGUAGES for audience in AUDIENCES if lang == "zh" or audience != "standard"
    ]
    variant = 0
    sources = _TemplateText(content.root)
    for kind in KINDS:
        template = content.templates.get(kind)
        if template is None:
            continue
        # The user's red-flag words only matter to a template that quotes them (finding them takes time).
        quotes = any("quote" in piece for piece, _, _ in sources.tags(f"{kind}.j2"))
        for scam_type in (*SCAM_TYPES, None):
            scam = content.scams.get(scam_type) if scam_type else None
            ticked = tuple(item["id"] for item in scam["checklist"][:2]) if scam else ()
            user_text = _red_flag_words(scam) if quotes else ""
            cases = range(len(scam["cases"])) if scam and kind in ("case", "tip") else (None,)
            for (lang, audience), paid, case_index in product(readers, (True, False), cases):
                variant += 1
                reader = Audience(lang, audience, regions[variant % len(regions)])
                try:
                    values = context(
                        content,
                        scam_type=scam_type,
                        reader=reader,
                        paid=paid,
                        user_text=user_text,
                        case_index=variant if case_index is None else case_index,
                        ticked=ticked,
                        extra=SAMPLE_EXTRA,
                        signals=SIGNALS if variant // 5 % 2 else (),
                        relative=variant // 3 % 2 == 1,
                        scammer_text=variant // 7 % 2 == 1,
                    )
                    rendered = render_capped(template, values)
                except (TemplateError, SecurityError, TypeError, KeyError, AttributeError):
                    continue  # sample_problems reports it
                yield kind, reader, [part.strip() for part in SEPARATOR.split(rendered) if part.strip()]


def _red_flag_words(scam: dict | None) -> str:
    """A user's message holding the scam type's first Chinese red-flag phrase, so its quote is rendered."""
    try:
        return f"对方说{scam['red_flags'][0]['phrases']['zh'][0]}" if scam else ""
    except (KeyError, IndexError, TypeError):
        return ""


def _plain(message: str) -> tuple[str, list[int]]:
    """Telegram HTML as the reader sees it, and for each of its characters the index it has in `message`."""
    plain: list[str] = []
    where: list[int] = []
    for piece in HTML_PIECE.finditer(message):
        text = piece.group()
        if text.startswith("<") and len(text) > 1:
            continue  # a tag: nothing the reader sees
        if text.startswith("&") and len(text) > 1:
            text = html.unescape(text)
            where.extend([piece.start()] * len(text))
        else:
            where.extend(range(piece.start(), piece.end()))
        plain.append(text)
    return "".join(plain), where


class _TemplateText:
    """The literal text of each template (and of the templates it includes), by line: what a template writes
    itself, so a mark or space in a reply can be traced to the line that wrote it."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "templates"
        self.root = root
        self.pieces: dict[str, list[tuple[str, str, int]]] = {}
        self.tag_texts: dict[str, list[tuple[str, str, int]]] = {}

    def origin(self, kind: str, message: str, at: int) -> tuple[str, int]:
        """(template file, line) of the longest literal piece that covers `message[at]`; line 0 when none does."""
        best: tuple[int, str, int] | None = None
        for piece, file, line in self._pieces(f"{kind}.j2"):
            start = message.find(piece)
            while start >= 0:
                if start <= at < start + len(piece) and (best is None or len(piece) > best[0]):
                    best = (len(piece), file, line)
                start = message.find(piece, start + 1)
        if best is None:
            return f"content/templates/{kind}.j2", 0
        return best[1], best[2]

    def _pieces(self, name: str, seen: frozenset[str] = frozenset()) -> list[tuple[str, str, int]]:
        if name in self.pieces:
            return self.pieces[name]
        path = self.folder / name
        try:
            source = path.read_text(encoding="utf-8")
        except OSError:
            return []
        file = display_name(self.root, path)
        pieces = []
        # Comments write nothing (and may span lines): blanked, keeping the line numbers.
        source = COMMENT.sub(lambda comment: "\n" * comment.group().count("\n"), source)
        tags = []
        for number, line in enumerate(source.splitlines(), start=1):
            for piece in _literal_pieces(line):
                pieces.append((piece, file, number))
            tags.extend((tag, file, number) for tag in LITERAL_SPLIT.findall(line))
        for included in INCLUDE.findall(source):
            if included not in seen and included != name:
                pieces.extend(self._pieces(included, seen | {name}))
                tags.extend(self.tag_texts.get(included, []))
        self.pieces[name] = pieces
        self.tag_texts[name] = tags
        return pieces

    def tags(self, name: str) -> list[tuple[str, str, int]]:
        """The Jinja tags ({{ }}, {% %}) of a template and of the templates it includes, with file and line."""
        self._pieces(name)
        return self.tag_texts.get(name, [])


COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
LITERAL_SPLIT = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
STRING_LITERAL = re.compile(r"""["']([^"'\n]+)["']""")


def _literal_pieces(line: str) -> list[str]:
    """What a template line writes itself: the text between its tags, and the strings inside its tags (a join's
    separator, a set value)."""
    pieces = [piece.strip("\n") for piece in LITERAL_SPLIT.split(line)]
    for tag in LITERAL_SPLIT.finditer(line):
        if not tag.group().startswith("{#"):
            pieces.extend(STRING_LITERAL.findall(tag.group()))
    return [piece for piece in pieces if piece.strip(" \t")]


class _Addresses:
    """Where a web address in a reply is written in content/ (file and line), to say where to change it."""

    def __init__(self, content: Content) -> None:
        self.root = content.root
        self.texts: list[tuple[str, str, int]] | None = None

    def origin(self, address: str) -> str:
        if self.texts is None:
            self.texts = []
            for path in sorted(self.root.rglob("*.yml")):
                name = display_name(self.root, path)
                try:
                    data = load(path, name)
                except ContentError:
                    continue
                self.texts.extend((text, name, line) for text, line in zh_strings(data, every=True))
        # The text that holds it in a sentence, rather than a bare `web:` entry that simple mode leaves out.
        found = [(text.strip() == address, file, line) for text, file, line in self.texts if address in text]
        return f" (written at {min(found)[1]}:{min(found)[2]})" if found else ""
