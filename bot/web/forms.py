"""Which YAML paths each console page edits, and writing a posted form back into the file's round-trip data.

A page is one content file: a scam type (scams/<type>.yml), a region (regions/<code>.yml) or a scam type's quiz
(quiz/<type>.yml). Its fields are built from the file's own data, one per text, language and audience, each with
the lines it spans in the file; the content check's `file:line: reason` is shown beside the field whose lines
hold that line. A form may only change the fields its page lists: any other posted name is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

from bot.content.schema import AUDIENCES, LANGUAGES
from bot.web import yaml_lists
from common.labels import NONE

KINDS = ("text", "lines", "answer", "contact", "source", "id", "choice")  # id, choice: a new item's (list_items.py)
# A changed phone number or web address must come with the official page that gives it (README "Add a region").
CONFIRM_SOURCE = ".source.checked"
WEB_ADDRESS = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Field:
    name: str  # the form field's name: its YAML path, dotted ("checklist.2.sign.zh.elderly")
    path: tuple  # ("checklist", 2, "sign", "zh", "elderly")
    kind: str  # one of KINDS: "lines" is a list, one item per line; "answer" a quiz answer; "contact" a number;
    # "choice" one of `choices`
    value: str
    label: tuple[str, ...]  # word keys (console_*), languages, audiences: the template words them
    first_line: int  # 1-based lines of the file this field's key and value span
    last_line: int
    choices: tuple[str, ...] = ()


@dataclass
class Group:
    item: str | None  # the id of a case, warning sign, number or question; None: the section's own texts
    fields: list[Field] = field(default_factory=list)
    remove: str | None = None  # its remove button's value ("checklist.3"), for an item a trainer may remove


@dataclass
class Section:
    heading: str  # word key
    groups: list[Group] = field(default_factory=list)


@dataclass
class Page:
    relative: str  # the file, relative to content/ ("scams/stock_lecturer.yml")
    sections: list[Section]

    def fields(self) -> list[Field]:
        return [f for section in self.sections for group in section.groups for f in group.fields]

    def fields_at(self, line: int) -> list[Field]:
        """The fields whose lines hold `line`, the narrowest first (a problem belongs beside them)."""
        holding = [f for f in self.fields() if f.first_line <= line <= f.last_line]
        narrowest = min((f.last_line - f.first_line for f in holding), default=None)
        return [f for f in holding if f.last_line - f.first_line == narrowest]


# -------------------------------------------------------------------------------------------- reading fields


def _key_line(parent, key) -> int:
    return (parent.lc.key(key) if isinstance(parent, CommentedMap) else parent.lc.item(key))[0] + 1


def _value_line(parent, key) -> int:
    return (parent.lc.value(key) if isinstance(parent, CommentedMap) else parent.lc.item(key))[0] + 1


def _last_line(value, line: int) -> int:
    if isinstance(value, CommentedSeq) and value:
        return _last_line(value[-1], _value_line(value, len(value) - 1))
    if isinstance(value, CommentedMap) and value:
        last = list(value)[-1]
        return _last_line(value[last], _value_line(value, last))
    return line


def one_field(data, path: tuple, kind: str, label: tuple[str, ...], choices: tuple[str, ...] = ()) -> list[Field]:
    """[the field at `path`], or [] when the file does not have that shape (the content check says why)."""
    try:
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        value = parent[path[-1]]
        first, value_line = _key_line(parent, path[-1]), _value_line(parent, path[-1])
    except (KeyError, IndexError, TypeError, AttributeError):
        return []
    if kind == "lines":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return []
        text = "\n".join(value)
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value)
    else:
        return []
    name = ".".join(str(step) for step in path)
    return [Field(name, path, kind, text, label, first, _last_line(value, value_line), choices)]


def per_language(data, path: tuple, kind: str, part: str) -> list[Field]:
    return [f for lang in LANGUAGES for f in one_field(data, (*path, lang), kind, (part, lang))]


def per_audience(data, path: tuple, kind: str, part: str) -> list[Field]:
    return [
        f
        for lang in LANGUAGES
        for audience in AUDIENCES
        for f in one_field(data, (*path, lang, audience), kind, (part, lang, audience))
    ]


def _items(data, key: str) -> list[tuple[int, str, Any]]:
    """(index, id, item) of each mapping in the list data[key]."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [(i, str(item.get("id", i + 1)), item) for i, item in enumerate(items) if isinstance(item, dict)]


def _section(heading: str, fields: list[Field]) -> Section:
    return Section(heading, [Group(None, fields)])


def scam_page(relative: str, data) -> Page:
    cases = [
        Group(case_id, [
            *per_language(data, ("cases", i, "date"), "text", "console_part_date"),
            *per_language(data, ("cases", i, "place"), "text", "console_part_place"),
            *per_language(data, ("cases", i, "amount"), "text", "console_part_amount"),
            *per_audience(data, ("cases", i, "story"), "text", "console_part_story"),
        ], remove=f"cases.{i}")
        for i, case_id, _ in _items(data, "cases")
    ]  # fmt: skip
    signs = [
        Group(sign_id, [
            *per_audience(data, ("checklist", i, "sign"), "text", "console_part_sign"),
            *per_audience(data, ("checklist", i, "why"), "text", "console_part_why"),
        ], remove=f"checklist.{i}")
        for i, sign_id, _ in _items(data, "checklist")
    ]  # fmt: skip
    flags = [
        Group(str(i + 1), [
            *one_field(data, ("red_flags", i, "checklist"), "text", ("console_part_checklist_id",)),
            *per_language(data, ("red_flags", i, "phrases"), "lines", "console_part_phrases"),
        ], remove=f"red_flags.{i}")
        for i, _, _ in _items(data, "red_flags")
    ]  # fmt: skip
    how_it_works = per_audience(data, ("how_it_works",), "lines", "console_part_how_it_works")
    return Page(relative, [
        _section("console_part_name", per_language(data, ("name",), "text", "console_part_name")),
        _section("console_part_warning", per_audience(data, ("warning",), "text", "console_part_warning")),
        _section("console_part_how_it_works", how_it_works),
        Section("console_part_cases", cases),
        Section("console_part_checklist", signs),
        Section("console_part_red_flags", flags),
        _section("console_part_prevention", per_audience(data, ("prevention",), "lines", "console_part_prevention")),
        _section("console_part_stop_loss", per_audience(data, ("stop_loss",), "lines", "console_part_stop_loss")),
    ])  # fmt: skip


def region_page(relative: str, data) -> Page:
    numbers = []
    for i, number_id, entry in _items(data, "numbers"):
        contact = "number" if "number" in entry else "web"
        numbers.append(Group(number_id, [
            *one_field(data, ("numbers", i, contact), "contact", (f"console_part_{contact}",)),
            *one_field(data, ("numbers", i, "source", "url"), "source", ("console_part_source_url",)),
            *per_language(data, ("numbers", i, "label"), "text", "console_part_label"),
        ], remove=f"numbers.{i}"))  # fmt: skip
    stop_payment = data.get("stop_payment") if isinstance(data, dict) else None
    by_audience = isinstance(stop_payment, dict) and any(isinstance(v, dict) for v in stop_payment.values())
    per = per_audience if by_audience else per_language
    steps = per(data, ("stop_payment",), "lines", "console_part_stop_payment")
    methods = [
        Group(method_id, [
            *per_language(data, ("payment_methods", i, "method"), "text", "console_part_method"),
            *per_language(data, ("payment_methods", i, "step"), "text", "console_part_step"),
        ], remove=f"payment_methods.{i}")
        for i, method_id, _ in _items(data, "payment_methods")
    ]  # fmt: skip
    texts = [(key, "text") for key in ("bank", "report_online", "genuine_warnings", "verify")] + [("evidence", "lines")]
    return Page(relative, [
        _section("console_part_name", per_language(data, ("name",), "text", "console_part_name")),
        Section("console_part_numbers", numbers),
        _section("console_part_stop_payment", steps),
        Section("console_part_payment_methods", methods),
        *(_section(f"console_part_{k}", per_language(data, (k,), kind, f"console_part_{k}")) for k, kind in texts),
    ])  # fmt: skip


def quiz_page(relative: str, data, scam_type: str) -> Page:
    questions = [
        Group(question_id, [
            *one_field(data, ("questions", i, "answer"), "answer", ("console_part_answer",), (scam_type, NONE)),
            *per_language(data, ("questions", i, "message"), "text", "console_part_message"),
            *per_language(data, ("questions", i, "explanation"), "text", "console_part_explanation"),
        ], remove=f"questions.{i}")
        for i, question_id, _ in _items(data, "questions")
    ]  # fmt: skip
    return Page(relative, [Section("console_part_questions", questions)])


def page_for(relative: str, data) -> Page | None:
    """The page that edits `relative` (a path under content/), or None for a file the console does not edit."""
    folder, _, name = relative.partition("/")
    stem = name.removesuffix(".yml")
    if folder == "scams":
        return scam_page(relative, data)
    if folder == "regions":
        return region_page(relative, data)
    if folder == "quiz":
        return quiz_page(relative, data, stem)
    return None


# ------------------------------------------------------------------------------------------- writing a form


@dataclass(frozen=True)
class Edit:
    """What a posted form did: the fields it changed, or why it was refused (field name -> word key)."""

    changed: list[str]
    refused: dict[str, str]


def normalised(text: str, kind: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "lines":
        return "\n".join(line.strip() for line in lines.split("\n") if line.strip())
    return lines.strip()


def styled(old, text: str):
    """`text` in the quoting of the value it replaces: a double-quoted text stays double-quoted."""
    return type(old)(text) if isinstance(old, ScalarString) else text


def set_value(data, target: Field, text: str) -> None:
    parent = data
    for step in target.path[:-1]:
        parent = parent[step]
    key = target.path[-1]
    if target.kind != "lines":
        parent[key] = styled(parent[key], text)
        return
    sequence, items = parent[key], text.split("\n") if text else []
    model = sequence[0] if sequence else None
    for index, item in enumerate(items):
        if index < len(sequence):
            sequence[index] = styled(sequence[index], item)
        else:
            yaml_lists.append(sequence, styled(model, item))
    while len(sequence) > len(items):  # the lines after the list (a blank line, a comment) stay where they were
        yaml_lists.remove(sequence, len(sequence) - 1)


def apply_form(page: Page, data, form) -> Edit:
    """Writes the posted values that differ into `data` (nothing at all when any is refused)."""
    changes: dict[str, tuple[Field, str]] = {}
    for target in page.fields():
        posted = form.get(target.name)
        if not isinstance(posted, str):
            continue
        if target.kind == "answer" and posted not in target.choices:
            continue
        text = normalised(posted, target.kind)
        if text != normalised(target.value, target.kind):
            changes[target.name] = (target, text)
    refused = {}
    for name, (target, _) in changes.items():
        if target.kind != "contact":
            continue
        prefix = name.rpartition(".")[0]
        source = changes.get(f"{prefix}.source.url", (None, form.get(f"{prefix}.source.url") or ""))[1]
        if not WEB_ADDRESS.match(source.strip()) or form.get(f"{prefix}{CONFIRM_SOURCE}") != "yes":
            refused[name] = "console_number_needs_source"
    if refused:
        return Edit([], refused)
    for target, text in changes.values():
        set_value(data, target, text)
    return Edit(list(changes), {})
