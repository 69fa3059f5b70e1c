"""The content check for Traditional Chinese (bot/content/script.py): run by loader.load_content, it renders every
message kind x scam type x audience for Chinese readers in Hong Kong and Taiwan, converts each render as such a
reader gets it, and reports `file:line: reason` (the YAML text or template the changed words came from) when
the conversion changed a number (any digits: 18222, 165, 999), a URL or a Latin-script word, or when a name
does not read the same in a reply as it does on its own. Every Chinese text of messages.yml is checked too
(render.message and render.label convert them).

What counts as a name (`content_names`), each a proper noun the content itself lists:
- each region's name (regions/<code>.yml `name.zh`) and each scam type's name (scams/*.yml `name.zh`, the part
  before any bracket);
- each real case's place (`cases[].place.zh`, "湖北黄石");
- every term of three or more characters a region file puts in quotation marks (“防骗视伏器”, “守网者”,
  “165全民防骗网”, “警示账户”; not “监管”, a scammer's word): the official names of that region's services,
  sites, hotlines and account states; book titles 《…》 anywhere;
- the apps and platforms the content names (APP_NAMES: 微信, 支付宝, 抖音...).
A name may change script, and in Taiwan its words (支付宝 -> 支付寶), but in a reply it must read exactly as it
reads converted on its own by the same converter. OpenCC segments a text by its longest dictionary match, so a
name can be taken apart by the words around it: after "码头", a name "发展中心" becomes "髮展中心" (头发, hair),
not "發展中心". The check looks at each run of text OpenCC is given (script.CONVERTIBLE), once per region.

It takes about 0.3-0.5 s of CPU per load (1,320 renders); the conversions it makes are cached for the replies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from jinja2 import TemplateError
from jinja2.sandbox import SecurityError

from bot.content.model import KINDS, Content
from bot.content.render import SAMPLE_EXTRA, Audience, context, find_red_flags, localise
from bot.content.sandbox import render_capped
from bot.content.schema import AUDIENCES
from bot.content.script import CONVERTIBLE, SCRIPTS, for_reader
from bot.content.yaml_lines import LinedDict, LinedList, Problem, display_name
from common.labels import SCAM_TYPES
from common.risk_signals import SIGNALS

# Apps and platforms the content names: their script may change (支付宝 -> 支付寶), nothing else.
APP_NAMES = ("微信", "支付宝", "淘宝", "京东", "拼多多", "闲鱼", "抖音", "快手", "美团", "钉钉", "云闪付", "小红书")
# What must come out of the conversion exactly as it went in: URLs, numbers (any digits), Latin-script words.
KEPT = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”（）()，。；]+|\d+|[A-Za-z\u00c0-\u024f]+")
QUOTED = re.compile(r"“([^”\n]{2,30})”|《([^》\n]{2,40})》")
HAN = re.compile(r"[\u4e00-\u9fff]")
BRACKET = re.compile(r"[（(]")
BRACKETED = re.compile(r"（[^）]*）|\([^)]*\)")
PLACES = re.compile(r"[、，,与和]")
SAMPLE_TEXT = "老师让我下载app充值，teacher says buy, <b>pay 5,000 to unfreeze</b>"
NOTHING = "(nothing)"


def _strings(value, line: int = 0, zh: bool = False) -> Iterator[tuple[str, int, bool]]:
    """Every text in a YAML structure with its line, and whether it is under a `zh` key."""
    if isinstance(value, dict):
        for key, item in value.items():
            at = value.line_of(key) if isinstance(value, LinedDict) else line
            yield from _strings(item, at, zh or key == "zh")
    elif isinstance(value, list):
        lines = value.item_lines if isinstance(value, LinedList) else [line] * len(value)
        for item, at in zip(value, lines, strict=False):
            yield from _strings(item, at, zh)
    elif isinstance(value, str):
        yield value, line, zh


def _name(content: Content, path: str) -> str:
    """A content file as problems name it (content/regions/hk.yml)."""
    return display_name(Path(content.root), Path(content.root) / path)


def content_names(content: Content) -> dict[str, tuple[str, int]]:
    """Every name the check follows (module docstring) -> where it is listed (file, line)."""
    names: dict[str, tuple[str, int]] = {}

    def add(name: str, where: tuple[str, int]) -> None:
        # Only what OpenCC is given: "165全民防骗网" is followed as 全民防骗网 (the 165 is checked as a number).
        for piece in CONVERTIBLE.findall(name):
            if len(HAN.findall(piece)) >= 2:
                names.setdefault(piece.strip(), where)

    for code in sorted(content.regions):
        region, file = content.regions[code], _name(content, f"regions/{code}.yml")
        add(region["name"]["zh"], (file, region["name"].line_of("zh")))
        for text, line, zh in _strings(region):
            for match in QUOTED.finditer(text) if zh else ():
                if len(HAN.findall(match.group(1) or match.group(2))) >= 3:  # not a scammer's word (“监管”)
                    add(match.group(1) or match.group(2), (file, line))
    for scam_type in sorted(content.scams):
        scam, file = content.scams[scam_type], _name(content, f"scams/{scam_type}.yml")
        add(BRACKET.split(scam["name"]["zh"])[0], (file, scam["name"].line_of("zh")))
        for case in scam.get("cases", ()):
            place = case.get("place")
            if isinstance(place, LinedDict) and isinstance(place.get("zh"), str):
                # "北京、湖南长沙", "上海（黄浦警方办案）": each place, without the note in brackets.
                for part in PLACES.split(BRACKETED.sub("", place["zh"])):
                    add(part, (file, place.line_of("zh")))
        for text, line, zh in _strings(scam):
            for match in QUOTED.finditer(text) if zh else ():
                if match.group(2):  # book titles only: a scam file's quotation marks hold scammers' words
                    add(match.group(2), (file, line))
    for app in APP_NAMES:
        add(app, ("bot/content/script_check.py", 0))
    return names


class _Origins:
    """Where a piece of rendered text came from: the content text holding it (file, line), else its template."""

    def __init__(self, content: Content) -> None:
        files = [(content.scams[name], _name(content, f"scams/{name}.yml")) for name in sorted(content.scams)]
        files += [(content.regions[code], _name(content, f"regions/{code}.yml")) for code in sorted(content.regions)]
        files.append((content.messages, _name(content, "messages.yml")))
        self.content = content
        self.texts = [(text, file, line) for data, file in files for text, line, _ in _strings(data)]
        self.root = Path(content.root)

    def template(self, kind: str) -> str:
        return _name(self.content, "messages.yml" if kind == "messages" else f"templates/{kind}.j2")

    def find(self, snippet: str, kind: str) -> tuple[str, int]:
        """The first content text holding `snippet`, else the line of the template, else (template, 0)."""
        snippet = snippet.strip()
        if snippet:
            for text, file, line in self.texts:
                if snippet in text:
                    return file, line
        if kind == "messages":
            return self.template(kind), 0
        try:
            lines = (self.root / "templates" / f"{kind}.j2").read_text(encoding="utf-8").splitlines()
        except OSError:
            return self.template(kind), 0
        for number, source_line in enumerate(lines, start=1):
            if snippet and snippet in source_line:
                return self.template(kind), number
        return self.template(kind), 0

    def around(self, source: str, at: int, length: int, kind: str) -> tuple[str, int]:
        """Where the words around source[at:at + length] came from: the narrower the window, the likelier it
        is a single text's; a bare token is looked up only when it is long enough to say where it is from."""
        start, end = source.rfind("\n", 0, at) + 1, source.find("\n", at)
        line = source[start : end if end >= 0 else len(source)]
        at -= start
        for margin in (6, 3, 1):
            where = self.find(line[max(0, at - margin) : at + length + margin], kind)
            if where[1]:
                return where
        return self.find(line[at : at + length], kind) if length >= 3 else (self.template(kind), 0)


def kept_changes(source: str, converted: str) -> list[tuple[str, str, int]]:
    """The first number, URL or Latin word the conversion changed: [(what it was, what it became, where in the
    source)], [] when all are kept."""
    before = list(KEPT.finditer(source))
    after = [match.group() for match in KEPT.finditer(converted)]
    for index, match in enumerate(before):
        became = after[index] if index < len(after) else NOTHING
        if match.group() != became:
            return [(match.group(), became, match.start())]  # the rest are shifted: one report per text
    if len(after) > len(before):
        return [(NOTHING, after[len(before)], len(source))]
    return []


def name_changes(run: str, converted: str, names: dict[str, str]) -> list[str]:
    """Names (as written -> as converted on their own) in `run` that `converted` does not show as converted."""
    return [name for name, alone in names.items() if name in run and converted.count(alone) < run.count(name)]


def _snippet_changing(run: str, name: str, alone: str, convert: Callable[[str, Audience], str], reader) -> str:
    """The words around the occurrence of `name` in `run` whose conversion does not show it as `alone`."""
    snippets = []
    at = run.find(name)
    while at >= 0:
        snippets.append(run[max(0, at - 4) : at + len(name) + 4])
        at = run.find(name, at + 1)
    return next((snippet for snippet in snippets if alone not in convert(snippet, reader)), snippets[0])


def _renders(content: Content, readers: list[Audience]) -> Iterator[tuple[str, Audience, str]]:
    """(kind, reader, rendered source before conversion) for every kind x scam type x reader; what does not render
    is left to render.sample_problems."""
    variant = 0
    for kind in KINDS:
        template = content.templates.get(kind)
        for scam_type in (*SCAM_TYPES, None):
            scam = content.scams.get(scam_type) if scam_type else None
            if template is None or (scam_type and scam is None):
                continue
            ticked = tuple(item["id"] for item in scam["checklist"][:2]) if scam else ()
            # The sample's red-flag words, found once per scam type (context() would search on every render).
            flags = find_red_flags(scam, SAMPLE_TEXT) if scam else []
            for reader in readers:
                variant += 1
                try:
                    values = context(
                        content,
                        scam_type=scam_type,
                        reader=reader,
                        paid=variant % 2 == 0,
                        ticked=ticked,
                        extra=SAMPLE_EXTRA,
                        signals=SIGNALS if variant // 3 % 2 else (),
                        relative=variant // 5 % 2 == 1,
                        scammer_text=variant // 7 % 2 == 1,
                    )
                    values["quotes"] = [
                        {"said": flag["said"], **localise(flag["item"], reader.lang, reader.audience)} for flag in flags
                    ]
                    yield kind, reader, render_capped(template, values)
                except (TemplateError, SecurityError, TypeError, KeyError, AttributeError):
                    continue


def script_problems(content: Content, convert: Callable[[str, Audience], str] = for_reader) -> list[Problem]:
    """What converting the content for Chinese readers in hk and tw changes that it must not (module docstring).
    `convert` is how a reader's text is converted (script.for_reader)."""
    problems: dict[tuple[str, int, str], Problem] = {}
    origins = _Origins(content)
    readers = [Audience("zh", audience, region) for region in sorted(SCRIPTS) for audience in AUDIENCES]
    runs: dict[tuple[str, str], str] = {}  # (run of text, region) -> a kind that rendered it

    def report(where: tuple[str, int], reason: str) -> None:
        problems.setdefault((*where, reason), Problem(where[0], where[1], reason))

    def check(kind: str, reader: Audience, source: str) -> None:
        for was, became, at in kept_changes(source, convert(source, reader)):
            where = origins.around(source, at, len(was), kind) if was != NOTHING else (origins.template(kind), 0)
            report(where, f"{SCRIPTS[reader.region]} ({reader.region}) changes {was!r} into {became!r}")
        for run in CONVERTIBLE.findall(source):
            runs.setdefault((run, reader.region), kind)

    for kind, reader, source in _renders(content, readers):
        check(kind, reader, source)
    # Everyday texts and button labels: render.message and render.label convert them as well.
    for text, _line, zh in _strings(content.messages):
        for reader in readers[:: len(AUDIENCES)] if zh else ():
            check("messages", reader, text)

    listed = content_names(content)
    for region, script in sorted(SCRIPTS.items()):
        reader = Audience("zh", "standard", region)
        alone = {name: convert(name, reader) for name in listed}
        by_first: dict[str, list[str]] = {}
        for name in listed:
            by_first.setdefault(name[0], []).append(name)
        for (run, run_region), kind in runs.items():
            candidates = {name for char in set(run) for name in by_first.get(char, ())} if run_region == region else ()
            if not candidates:
                continue
            for name in name_changes(run, convert(run, reader), {name: alone[name] for name in candidates}):
                file, line = listed[name]
                snippet = _snippet_changing(run, name, alone[name], convert, reader)
                reason = (
                    f"{script} ({region}) writes the name “{name}” ({file}:{line}) as “{alone[name]}” on its own "
                    f"but “{snippet}” becomes “{convert(snippet, reader)}”: reword so the name stands apart"
                )
                report(origins.find(snippet, kind), reason)
    return list(problems.values())
