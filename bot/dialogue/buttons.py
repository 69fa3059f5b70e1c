"""Buttons under the dialogue's messages, as data: "have you already sent money?" and the warning signs.

Telegram returns a button's data verbatim, so anyone can send any string: every payload is parsed against
the known choices (and the live content's checklist ids) and anything else is refused.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from bot.content.model import Content
from bot.content.render import Audience, label, localise
from bot.content.script import for_reader

# "Have you already sent money?" -> the answer the dialogue is given (bot/rasa_client.py ANSWERS).
MONEY_ANSWERS = {"money:paid": "affirm", "money:not_paid": "deny", "money:unsure": "unsure"}
# Their labels in content/messages.yml.
MONEY_LABELS = {"money:paid": "answer_yes", "money:not_paid": "answer_no", "money:unsure": "answer_unsure"}
TICKED, UNTICKED = "✅", "⬜"


@dataclass(frozen=True)
class Button:
    label: str  # plain text, as Telegram shows it
    data: str  # at most 64 bytes


@dataclass(frozen=True)
class SignTap:
    """A tap on a warning sign under the checklist: "this happened to me"."""

    scam_type: str
    item_id: str
    money_gone: bool


def sign_data(scam_type: str, item_id: str, money_gone: bool) -> str:
    # At most 5 + 22 + 1 + 30 + 2 bytes: Telegram allows 64 (content check limits checklist ids to 30).
    return f"sign:{scam_type}:{item_id}:{'p' if money_gone else 'n'}"


def parse_sign(data: str | None, checklist_ids: Mapping[str, Collection[str]]) -> SignTap | None:
    """The sign a checklist button stands for, checked against the live content's checklist ids per scam type."""
    parts = (data or "").split(":")
    if len(parts) != 4 or parts[0] != "sign" or parts[3] not in ("p", "n"):
        return None
    _, scam_type, item_id, money = parts
    if item_id not in checklist_ids.get(scam_type, ()):
        return None
    return SignTap(scam_type, item_id, money == "p")


def money_buttons(content: Content, reader: Audience) -> tuple[tuple[Button, ...], ...]:
    labels = {data: label(content, key, reader) for data, key in MONEY_LABELS.items()}
    return (tuple(Button(labels[data], data) for data in MONEY_ANSWERS),)


def sign_buttons(
    content: Content, scam_type: str, reader: Audience, money_gone: bool, ticked: set[str]
) -> tuple[tuple[Button, ...], ...]:
    """One button per warning sign, labelled with its short (simple-mode) wording; ticked ones carry a mark."""
    rows = []
    for item in content.scams[scam_type]["checklist"]:
        sign = for_reader(localise(item["sign"], reader.lang, "elderly"), reader)  # Traditional in hk and tw
        mark = TICKED if item["id"] in ticked else UNTICKED
        rows.append((Button(f"{mark} {sign}", sign_data(scam_type, item["id"], money_gone)),))
    return tuple(rows)
