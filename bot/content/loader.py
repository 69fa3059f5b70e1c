"""Loads content/ into memory, all or nothing: any problem rejects the whole load with `file:line: reason`."""

from __future__ import annotations

from pathlib import Path

from jinja2 import StrictUndefined, TemplateSyntaxError

from bot.content import schema
from bot.content.chinese_text import chinese_text_problems
from bot.content.model import DEFAULT_REGION, KINDS, Content
from bot.content.quiz import load_quiz
from bot.content.reassurance import reassurance_problems
from bot.content.render import sample_problems
from bot.content.sandbox import ContentSandbox
from bot.content.script_check import script_problems
from bot.content.template_text import template_syntax_problems
from bot.content.yaml_lines import ContentError, Problem, display_name, load
from common.labels import SCAM_TYPES

# Templates may not touch attributes like __class__: the sandbox blocks them, this says where.
FORBIDDEN_IN_TEMPLATES = "__"


def make_environment(root: Path) -> ContentSandbox:
    from jinja2 import FileSystemLoader

    # Immutable: templates read the content and never change it (renders share its derived values, model.py).
    return ContentSandbox(
        loader=FileSystemLoader(str(root / "templates")),
        undefined=StrictUndefined,
        # Telegram HTML: every value from data or from the user is escaped; templates add the tags.
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def load_content(root: Path) -> Content:
    """Reads and checks every file; raises ContentError listing every problem found."""
    problems: list[Problem] = []
    scams = _load_scams(root, problems)
    regions = _load_regions(root, problems)
    messages = _load_file(root, "messages.yml", schema.check_messages, problems)
    trainer = _load_file(root, "trainer_messages.yml", schema.check_trainer_messages, problems)
    commands = _load_file(root, "commands.yml", schema.check_commands, problems)
    environment = make_environment(root)
    templates = _load_templates(root, environment, problems)
    quiz, quiz_problems = load_quiz(root)
    problems.extend(quiz_problems)
    # No wording that tells anyone their situation is safe (bot/content/reassurance.py).
    problems.extend(reassurance_problems(root))
    # Texts are never run as templates: `{{ ... }}` in one is refused at its own line (bot/content/template_text.py).
    problems.extend(template_syntax_problems(root))
    if problems:
        raise ContentError(problems)
    # Trainers' texts are looked up like everyone's; their names never collide (schema.check_trainer_messages).
    content = Content(root, scams, regions, {**messages, **trainer}, environment, templates, quiz, commands)
    # Render every combination once with sample data: an undefined name or a bad filter fails here, not
    # in front of a user.
    problems.extend(sample_problems(content))
    problems.extend(script_problems(content))  # Traditional Chinese for hk and tw keeps numbers and names
    problems.extend(chinese_text_problems(content))  # Chinese punctuation; no ids in replies, no URLs in simple mode
    if problems:
        raise ContentError(problems)
    return content


def _read(root: Path, path: Path, problems: list[Problem]):
    try:
        return load(path, display_name(root, path))
    except ContentError as error:
        problems.extend(error.problems)
        return None


def _load_file(root: Path, name: str, check, problems: list[Problem]):
    """One top-level file, read and checked; None when it is missing or broken (the problems say why)."""
    path = root / name
    if not path.exists():
        problems.append(Problem(display_name(root, path), 0, "missing"))
        return None
    data = _read(root, path, problems)
    if data is not None:
        problems.extend(check(data, display_name(root, path)))
    return data


def _load_scams(root: Path, problems: list[Problem]) -> dict[str, dict]:
    sources = {p.name for p in (root / "sources").glob("*") if p.is_file()}
    scams: dict[str, dict] = {}
    for scam_type in SCAM_TYPES:
        path = root / "scams" / f"{scam_type}.yml"
        if not path.exists():
            missing = f"missing: every scam type needs a file ({scam_type})"
            problems.append(Problem(display_name(root, path), 0, missing))
            continue
        data = _read(root, path, problems)
        if data is not None:
            problems.extend(schema.check_scam(data, display_name(root, path), scam_type, sources))
            scams[scam_type] = data
    for path in sorted((root / "scams").glob("*.yml")):
        if path.stem not in SCAM_TYPES:
            problems.append(Problem(display_name(root, path), 0, f"unknown scam type {path.stem!r}"))
    return scams


def _load_regions(root: Path, problems: list[Problem]) -> dict[str, dict]:
    regions: dict[str, dict] = {}
    for path in sorted((root / "regions").glob("*.yml")):
        data = _read(root, path, problems)
        if data is not None:
            problems.extend(schema.check_region(data, display_name(root, path), path.stem))
            regions[path.stem] = data
    if DEFAULT_REGION not in regions:
        regions_dir = display_name(root, root / "regions")
        problems.append(Problem(regions_dir, 0, f"the default region {DEFAULT_REGION!r} is missing"))
    return regions


def _load_templates(root: Path, environment: ContentSandbox, problems: list[Problem]) -> dict:
    templates = {}
    for kind in KINDS:
        path = root / "templates" / f"{kind}.j2"
        name = display_name(root, path)
        if not path.exists():
            problems.append(Problem(name, 0, f"missing: every message kind needs a template ({kind})"))
            continue
        source = path.read_text(encoding="utf-8")
        for number, line in enumerate(source.splitlines(), start=1):
            if FORBIDDEN_IN_TEMPLATES in line:
                problems.append(Problem(name, number, "templates may not use '__' names (Python internals)"))
        try:
            templates[kind] = environment.get_template(f"{kind}.j2")
        except TemplateSyntaxError as error:
            problems.append(Problem(name, error.lineno or 0, f"template syntax error: {error.message}"))
    return templates
