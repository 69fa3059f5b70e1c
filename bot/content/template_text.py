"""Template syntax in a text of the YAML files: `{{ ... }}`, `{% ... %}` or `{# ... #}` in a warning, a case or
a quiz question is refused with its file and line.

Texts are data: templates insert them escaped and never run them, so `{{ ''.__class__ }}` in a warning sign
cannot reach Python. But a reader would see the braces, and the render check would report them only at the
template that printed them, far from the field a trainer typed them into (the web console shows each problem
beside its field by line). A {placeholder} in single braces stays allowed.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.content.model import content_files
from bot.content.yaml_lines import Problem, display_name

TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#")


def template_syntax_problems(root: Path) -> list[Problem]:
    """`file:line: reason` for every line of a YAML content file whose text holds Jinja2 syntax (comments aside)."""
    problems = []
    for path in content_files(root):
        if path.suffix not in (".yml", ".yaml"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found = TEMPLATE_SYNTAX.search(line)
            if found and not line.lstrip().startswith("#"):
                reason = (
                    f"template syntax {found.group(0)!r} in a text: texts are shown as written and never run as "
                    "templates; remove it ({placeholders} take single braces)"
                )
                problems.append(Problem(display_name(root, path), number, reason))
    return problems
