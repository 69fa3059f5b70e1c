"""The sandbox trainers' templates run in: Jinja2's immutable sandbox, with limits on what a template can cost.

Jinja2's sandbox stops templates reaching Python's internals and caps range() at 100,000, but a template could
still build "ab" * 50_000_000 (3 GB in the audit of issue 15) or 9 ** 9 ** 9, or loop without end. Here
repetition and powers are checked before they run (Jinja2's documented `intercepted_binops` hook), and a render
stops once its output passes MAX_RENDERED_CHARS. A template that spins without writing anything is stopped by
the limits of the upload check's own process (bot/content/isolated_check.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import Template
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

# Far above any real reply (the longest, a checklist, is under 10,000 characters; Telegram takes 4,096 a message).
MAX_RENDERED_CHARS = 100_000
MAX_REPEATED_ITEMS = 10_000
MAX_EXPONENT = 64


class ContentSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator: str, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"a power above {MAX_EXPONENT} is not allowed in templates")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
                    if len(sequence) * times > MAX_REPEATED_ITEMS:
                        raise SecurityError(f"repeating text or lists past {MAX_REPEATED_ITEMS} items is not allowed")
        return super().call_binop(context, operator, left, right)


def render_capped(template: Template, values: Mapping) -> str:
    """template.render(values), stopped with SecurityError once the output passes MAX_RENDERED_CHARS."""
    parts: list[str] = []
    size = 0
    for part in template.generate(values):
        size += len(part)
        if size > MAX_RENDERED_CHARS:
            raise SecurityError(f"the template wrote more than {MAX_RENDERED_CHARS} characters")
        parts.append(part)
    return "".join(parts)
