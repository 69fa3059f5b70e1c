"""YAML loading that remembers the line of every value, so problems can be reported as `file:line: reason`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file; `line` is 1-based, 0 when the whole file is meant."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}" if self.line else f"{self.file}: {self.reason}"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class LinedDict(dict):
    """A mapping from YAML that knows the line of each key (`line_of`) and of itself (`line`)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LinedList(list):
    line: int = 0
    item_lines: list


def _build(node: yaml.Node, scalars: yaml.constructor.SafeConstructor):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = LinedDict()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _build(key_node, scalars)
            if isinstance(key, (dict, list)):
                raise yaml.constructor.ConstructorError(None, None, "a key must be plain text", key_node.start_mark)
            result[key] = _build(value_node, scalars)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LinedList(_build(item, scalars) for item in node.value)
        result.line, result.item_lines = line, [item.start_mark.line + 1 for item in node.value]
        return result
    # Scalars: let PyYAML's safe constructor decide the type (null, numbers, booleans, text).
    return scalars.construct_object(node, deep=True)


# libyaml's parser when PyYAML was built with it (several times faster on the content's large files); its
# error texts differ, so a file it rejects is parsed again by the Python parser for the reason users read.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str) -> yaml.Node | None:
    try:
        _refuse_aliases(text, FAST_LOADER)
        return yaml.compose(text, Loader=FAST_LOADER)
    except AliasRefused:
        raise  # its wording is ours: no second parse for the reason
    except yaml.YAMLError:
        _refuse_aliases(text, yaml.SafeLoader)
        return yaml.compose(text, Loader=yaml.SafeLoader)


class AliasRefused(yaml.MarkedYAMLError):
    """An alias (`*name`) in a content file."""


def _refuse_aliases(text: str, loader) -> None:
    """Content files never need YAML aliases, and aliases of aliases expand exponentially: a 320-byte file of them
    took minutes and gigabytes to read (issue 15). The parser's events show each alias before anything expands."""
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise AliasRefused(None, None, f"aliases (*{event.anchor}) are not allowed in content files",
                               event.start_mark)  # fmt: skip


def load(path: Path, display_name: str):
    """Parsed YAML with line numbers; raises ContentError with the file and line on a syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError([Problem(display_name, 0, f"not UTF-8 text ({error.reason})")]) from error
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        reason = " ".join(filter(None, [error.context, error.problem]))
        raise ContentError([Problem(display_name, line, f"YAML syntax error: {reason}")]) from error
    if node is None:
        raise ContentError([Problem(display_name, 0, "the file is empty")])
    try:
        return _build(node, yaml.constructor.SafeConstructor())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError([Problem(display_name, mark.line + 1 if mark else 0, str(error))]) from error


def display_name(root: Path, path: Path) -> str:
    """How problems name a file: relative to the content folder's parent (content/scams/x.yml)."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
