"""What loaded content is: one checked snapshot of content/ (scam types, regions, messages, templates, quiz)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2.sandbox import ImmutableSandboxedEnvironment

from bot.content.quiz import QuizQuestion

# Every message kind Rasa's responses name (domain.yml) has a template of the same name, and so do the
# kinds the bot's safety rules add (relative_help), its answer to ticked warning signs ("risk"), its warning
# in a family group ("group_warning"), relatives' alerts, tips and the report pack after a loss.
KINDS: tuple[str, ...] = (
    "stop_now", "ask_money", "stop_loss", "warning", "case", "checklist", "prevention", "ask_details", "clarify",
    "how_to_check", "intervention", "relative_help", "report", "greet", "goodbye", "you_are_welcome",
    "capabilities", "out_of_scope", "risk", "group_warning", "guardian_alert", "tip", "report_pack",
)  # fmt: skip
DEFAULT_REGION = "cn"


@dataclass
class Content:
    """One consistent, checked snapshot of content/."""

    root: Path
    scams: dict[str, dict]
    regions: dict[str, dict]
    messages: dict
    environment: ImmutableSandboxedEnvironment
    templates: dict = field(default_factory=dict)
    # "Spot the scam" questions (content/quiz/), in file order.
    quiz: list[QuizQuestion] = field(default_factory=list)
    # Telegram's command menus (content/commands.yml): {"private"|"group": {command: {language: description}}}.
    commands: dict = field(default_factory=dict)
    # Values derived from this snapshot and computed once, on first use (localised scam types, folded red-flag
    # phrases): a snapshot never changes, and templates cannot change what they are given (an immutable sandbox).
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def region_codes(self) -> list[str]:
        return sorted(self.regions)


def content_files(root: Path) -> list[Path]:
    """Every file whose change should reload the content."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".yml", ".yaml", ".j2"})
