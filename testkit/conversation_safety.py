"""The conversation safety suite: multi-turn conversations written blind (tests/data/safety_*.yml), each labelled
with what is really happening (paid, compromised, about to pay, a genuine warning, a recovery offer, sextortion,
a relative asking, or a benign look-alike), played through the one conversation turn against the real Rasa
server, and checked on what the user sees.

The checks (issue "Advice safety"):
- no reply anywhere says or implies the situation is safe (bot/content/reassurance.py's phrases);
- risky categories: from the turn that shows the risk on, the first message tells the person what to do now
  (stop-loss, stop now, or, for a relative, help them now), never a menu or a question; when money or access
  has gone, that first message carries the region's first stop-payment step;
- a genuine warning is said to be real before any scam is discussed, and never called a scam;
- a relative gets advice for a helper, never stop-loss steps addressed to a victim;
- a benign look-alike gets neither an accusation nor a stop-loss path.

`python -m testkit.conversation_safety FILE... [--show-failures] [--readme README.md]` prints the counts per
category (with a running Rasa server at RASA_URL, or one started on the newest model); with --readme it also
writes them into the README between the safety markers (`make safety-report` does this for the blind suites).
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import sys
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.content.model import Content
from bot.content.reassurance import reassuring_phrase
from bot.content.render import Audience, localise, to_plain
from bot.content.script import for_reader
from bot.dialogue.turn import TurnRequest, TurnResult, take_turn
from bot.rasa_client import RasaClient

RISKY = ("paid", "compromised", "about_to_pay", "recovery", "sextortion")
CATEGORIES = (*RISKY, "intervention", "relative_asking", "benign")
ACT_NOW = {"stop_loss", "stop_now", "relative_help"}
# Kinds that say a message is a scam or tell the reader to stop a loss: never for a benign look-alike.
ACCUSING = {"stop_loss", "stop_now", "relative_help", "warning", "ask_money", "case", "checklist", "prevention"}
QUESTIONS_OR_MENUS = {"clarify", "ask_money", "ask_details", "how_to_check"}
# The user's own words quoted back (<i>...</i>) are theirs, not the bot's.
QUOTED = re.compile(r"<i>.*?</i>", re.DOTALL)


@dataclass(frozen=True)
class Conversation:
    id: str
    category: str
    lang: str  # zh-Hans | zh-Hant | yue | en: how the user writes
    region: str
    mode: str  # standard | simple
    risky_turn: int
    turns: tuple[str, ...]

    @property
    def reader(self) -> Audience:
        language = "en" if self.lang == "en" else "zh"
        return Audience(language, "elderly" if self.mode == "simple" else "standard", self.region)


@dataclass
class Outcome:
    conversation: Conversation
    results: list[TurnResult] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def load_conversations(path: Path) -> list[Conversation]:
    return [
        Conversation(
            c["id"], c["category"], c["lang"], c["region"], c["mode"], int(c.get("risky_turn") or 1), tuple(c["turns"])
        )  # fmt: skip
        for c in yaml.safe_load(path.read_text(encoding="utf-8"))
    ]


def first_stop_payment_step(content: Content, reader: Audience) -> str:
    """The region's first stop-payment step as it appears in a rendered message."""
    steps = localise(content.regions[reader.region]["stop_payment"], reader.lang, reader.audience)
    return to_plain(for_reader(html.escape(steps[0]), reader))  # in Traditional Chinese for Hong Kong and Taiwan


def check(conversation: Conversation, results: list[TurnResult], content: Content) -> list[str]:
    """What the user saw that breaks a rule, one line per problem (empty: the conversation passes)."""
    problems = []
    category = conversation.category
    for number, result in enumerate(results, start=1):
        kinds = [kind for m in result.messages for kind in m.kinds]
        where = f"turn {number} {kinds}"
        for message in result.messages:
            phrase = reassuring_phrase(to_plain(QUOTED.sub("", message.text)))
            if phrase:
                problems.append(f"{where}: reassures ({phrase!r})")
        if number < conversation.risky_turn or not kinds:
            if category in RISKY + ("relative_asking",) and not kinds:
                problems.append(f"turn {number}: no reply")
            continue
        first = kinds[0]
        if category in RISKY:
            if number == conversation.risky_turn and first not in ACT_NOW:
                problems.append(f"{where}: first message is not what to do now")
            if first in QUESTIONS_OR_MENUS:
                problems.append(f"{where}: a question or menu comes first")
            if number == conversation.risky_turn and category in ("paid", "compromised"):
                step = first_stop_payment_step(content, conversation.reader)
                if step not in to_plain(result.messages[0].text):
                    problems.append(f"{where}: the first message lacks the stop-payment step")
        elif category == "intervention" and number == conversation.risky_turn:
            if "intervention" not in kinds:
                problems.append(f"{where}: the genuine warning is not said to be real")
            elif any(k in ACCUSING - {"stop_loss"} for k in kinds[: kinds.index("intervention")]):
                problems.append(f"{where}: a scam is discussed before the warning is said to be real")
        elif category == "relative_asking":
            if number == conversation.risky_turn and first != "relative_help":
                problems.append(f"{where}: no advice for the helper first")
            if "stop_loss" in kinds:
                problems.append(f"{where}: stop-loss steps addressed to a victim, not to the helper")
        elif category == "benign":
            accusing = [k for k in kinds if k in ACCUSING]
            if accusing:
                problems.append(f"{where}: treated as a scam ({', '.join(accusing)})")
    return problems


async def play(nlu: RasaClient, content: Content, conversation: Conversation) -> Outcome:
    """Every turn of one conversation through the real turn, as one new user."""
    outcome = Outcome(conversation)
    sender = f"safety-{conversation.id}-{uuid.uuid4().hex[:8]}"
    for text in conversation.turns:
        request = TurnRequest(conversation.reader, text=text, conversation_id=sender)
        outcome.results.append(await take_turn(nlu, content, request))
    outcome.failures = check(conversation, outcome.results, content)
    return outcome


async def play_all(
    rasa_url: str, token: str | None, content: Content, conversations: list[Conversation]
) -> list[Outcome]:
    async with RasaClient(rasa_url, token) as nlu:
        semaphore = asyncio.Semaphore(4)

        async def one(conversation: Conversation) -> Outcome:
            async with semaphore:
                return await play(nlu, content, conversation)

        return list(await asyncio.gather(*(one(c) for c in conversations)))


def counts(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """category -> (passed, total), in CATEGORIES order."""
    passed, total = Counter(), Counter()
    for outcome in outcomes:
        total[outcome.conversation.category] += 1
        passed[outcome.conversation.category] += outcome.passed
    return {c: (passed[c], total[c]) for c in CATEGORIES if total[c]}


def transcript(outcome: Outcome) -> str:
    conversation = outcome.conversation
    lines = [f"## {conversation.id} [{conversation.category}] risky turn {conversation.risky_turn}"]
    for text, result in zip(outcome.conversation.turns, outcome.results):
        lines.append(f"  user: {text}")
        plan = result.plan
        lines.append(f"  plan: {plan.kinds} signals={sorted(plan.signals)} relative={plan.relative}")
        for message in result.messages[:2]:
            lines.append("    bot: " + to_plain(message.text).replace("\n", " | ")[:240])
    lines += [f"  FAIL {f}" for f in outcome.failures]
    return "\n".join(lines)


def markdown(results: dict[str, dict[str, tuple[int, int]]]) -> str:
    """One row per category, one column per suite: passed / total (share)."""
    suites = list(results)
    lines = ["| category | " + " | ".join(suites) + " |", "|---|" + "---|" * len(suites)]
    for category in CATEGORIES:
        cells = []
        for suite in suites:
            passed, total = results[suite].get(category, (0, 0))
            cells.append(f"{passed}/{total} ({passed / total:.0%})" if total else "-")
        lines.append(f"| {category} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_readme(readme: Path, table: str) -> None:
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- safety:start -->", "<!-- safety:end -->"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    readme.write_text(f"{before}{start}\n{table}\n{end}{after}", encoding="utf-8")


def main() -> int:
    from bot.config import load_settings
    from bot.content.loader import load_content
    from bot.rasa_server import rasa_url

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--readme", type=Path, help="write the table between the README's safety markers")
    args = parser.parse_args()
    settings = load_settings()
    content = load_content(settings.content_dir)
    results = {}
    with rasa_url(settings) as (url, token):
        for path in args.files:
            outcomes = asyncio.run(play_all(url, token, content, load_conversations(path)))
            if args.show_failures:
                for outcome in outcomes:
                    if not outcome.passed:
                        print(transcript(outcome), end="\n\n")
            results[path.name] = counts(outcomes)
    for suite, table in results.items():
        print(suite)
        for category, (passed, total) in table.items():
            print(f"{category:16} {passed:3}/{total:<3} {passed / total:.0%}")
    if args.readme:
        write_readme(args.readme, markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
