"""The report pack's questions, in the order a police officer or a bank's fraud line asks them, and what a valid
answer to each is. Telegram-free: the handlers (bot/telegram/report_pack_handlers.py) ask and store.

Answers are kept as the user gave them, except the user's own card or account number, masked to its last four
digits before it is stored (`mask_own_numbers`): the scammer's account is evidence and stays as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# (step, how it is answered): "choice" by buttons, "text" by typing a reply, "many" by ticking buttons then Done.
STEPS: tuple[tuple[str, str], ...] = (
    ("when", "choice"),
    ("amount", "text"),
    ("method", "choice"),
    ("from", "text"),
    ("to", "text"),
    ("name", "text"),
    ("evidence", "many"),
    ("keep", "choice"),
)
HOW = dict(STEPS)
# "when" answered "Earlier": the date is typed.
WHEN_TYPED = "when_typed"
HOW[WHEN_TYPED] = "text"
DONE = "done"
# The buttons of each choice step, by answer id; their labels are content keys pack_<step>_<id>.
CHOICES = {
    "when": ("today", "yesterday", "earlier"),
    "method": ("bank_transfer", "card", "alipay_wechat", "gift_card", "crypto", "cash"),
    "keep": ("yes", "no"),
}
EVIDENCE = ("chats", "receipts", "contacts", "app", "calls")
SKIP = "skip"
# A typed answer longer than this is not an answer to a short question: it is read as a new message.
LONGEST_ANSWER = 200
KEEP_DAYS = 30

# A run of at least 8 digits, possibly grouped by spaces or dashes: a card or account number.
_LONG_NUMBER = re.compile(r"\d(?:[ \-]?\d){7,}")
# ...but not a date written 2026-05-03.
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def mask_own_numbers(text: str) -> str:
    """Every card or account number in `text` with all but its last four digits replaced by '*' (spaces and
    dashes kept, so it still reads as the number it was)."""

    def mask(found: re.Match) -> str:
        number = found.group()
        if _DATE.fullmatch(number):
            return number
        digits = sum(c.isdigit() for c in number)
        seen, out = 0, []
        for c in number:
            if c.isdigit():
                seen += 1
                out.append(c if seen > digits - 4 else "*")
            else:
                out.append(c)
        return "".join(out)

    return _LONG_NUMBER.sub(mask, text)


def next_step(step: str) -> str:
    """The step after `step` (the typed date continues as "when" would), or DONE after the last."""
    if step == WHEN_TYPED:
        step = "when"
    names = [name for name, _ in STEPS]
    index = names.index(step)
    return names[index + 1] if index + 1 < len(names) else DONE


@dataclass(frozen=True)
class Answered:
    """What one answer does: the value to store under `key` (None: nothing stored), and the step that follows."""

    key: str
    value: object
    then: str


def answer_choice(step: str, choice: str, today: date) -> Answered | None:
    """A tapped button of a choice step; None if the button is not one of that step's."""
    if choice not in CHOICES.get(step, ()):
        return None
    if step == "when":
        if choice == "earlier":
            return Answered("when", None, WHEN_TYPED)
        day = today if choice == "today" else today - timedelta(days=1)
        return Answered("when", day.isoformat(), next_step("when"))
    return Answered(step, choice, next_step(step))


def skip(step: str) -> Answered | None:
    """"Skip" under a question: nothing stored. The last two steps have their own way out (Done, Keep or not)."""
    if step not in HOW or step in ("evidence", "keep", DONE):
        return None
    return Answered("when" if step == WHEN_TYPED else step, None, next_step(step))


def fits_an_answer(text: str) -> bool:
    """Whether a message is short enough to be a typed answer (a longer one is a new message)."""
    return len(" ".join(text.split())) <= LONGEST_ANSWER


def answer_text(step: str, text: str) -> Answered | None:
    """A typed answer to a text step; None if it is too long to be one (then it is a new message)."""
    text = " ".join(text.split())
    if HOW.get(step) != "text" or not text or not fits_an_answer(text):
        return None
    key = "when" if step == WHEN_TYPED else step
    value = mask_own_numbers(text) if step == "from" else text
    return Answered(key, value, next_step(step))


def toggle_evidence(ticked: list[str], item: str) -> list[str] | None:
    """The evidence ticked after a tap on `item` (a second tap unticks it), in the buttons' order."""
    if item not in EVIDENCE:
        return None
    chosen = set(ticked) ^ {item}
    return [e for e in EVIDENCE if e in chosen]
