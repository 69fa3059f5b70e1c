"""Reassuring phrases the bot must never say: "this looks fine", "没问题", "you are safe".

A public anti-fraud bot that tells one victim "this looks fine" does more harm than good: it cannot see who is
behind a message, and scammers copy real banks, police and relatives. When it finds no red flag it says what it
cannot know and how to check (templates/how_to_check.j2). `content check` rejects these phrases anywhere in
content/, with file and line, so a trainer's edit cannot bring one back. The list is ours to extend: add every
reassuring wording seen in a reply or a review.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.content.model import content_files
from bot.content.yaml_lines import Problem, display_name

REASSURING_EN = (
    "looks fine", "look fine", "looks ok", "looks okay", "looks safe", "it is safe", "it's safe", "this is safe",
    "you are safe", "you're safe", "you are fine", "you're fine", "nothing to worry", "no need to worry",
    "don't worry", "do not worry", "no signs of a scam", "no sign of a scam", "see the signs of a scam",
    "see no scam", "no scam signs", "seems legit", "looks legit", "is legitimate", "looks legitimate",
    "looks genuine", "looks real", "no problem", "nothing wrong", "not a scam",
)  # fmt: skip
# Regular expressions: "是不是诈骗" asks, "不放心" and "让您放心" (a scammer's bait) do not reassure.
REASSURING_ZH = (
    "没问题", "没有问题", "是安全的", "很安全", "(?<![不您你])放心", "不用担心", "别担心", "不必担心",
    "(?<!是)不是诈骗", "(?<!是)不是骗局", "没有看到诈骗", "没看到诈骗", "没有诈骗的迹象", "没看到骗局", "看不出诈骗",
    "是正规的", "很正规", "可以相信", "没有风险",
)  # fmt: skip
# Quiz answer buttons ask the user to judge a made-up situation ("Not a scam" is one of the answers); they
# say nothing about the user's own situation.
QUIZ_ANSWER_KEYS = ("quiz_not_scam:",)
_EN = re.compile(r"\b(" + "|".join(re.escape(p) for p in REASSURING_EN) + r")\b", re.IGNORECASE)
_ZH = re.compile("|".join(REASSURING_ZH))


def reassuring_phrase(text: str) -> str | None:
    """The first reassuring phrase in `text`, if any."""
    found = _EN.search(text) or _ZH.search(text)
    return found.group(0) if found else None


def reassurance_problems(root: Path) -> list[Problem]:
    """`file:line: reason` for every reassuring phrase in the content files (comments included: they are
    copied by trainers)."""
    problems = []
    # Every file the bot reads words from, so a new kind of content file is covered without a list to update.
    for path in content_files(root):
        in_quiz_answer = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.startswith(" "):
                in_quiz_answer = line.startswith(QUIZ_ANSWER_KEYS)
            phrase = None if in_quiz_answer else reassuring_phrase(line)
            if phrase:
                reason = f"reassuring wording {phrase!r}: the bot never says a situation is safe (see how_to_check)"
                problems.append(Problem(display_name(root, path), number, reason))
    return problems
