"""A turn's messages as the user receives them: at most two, what matters most now first, the rest behind buttons.

A scam story used to arrive as 3-4 messages (12-13 short ones in simple mode): a flood for an older reader, and
a ceiling for the bot, as Telegram lets a bot send about 30 messages a second in all (issue 16). The safety
rules (safety.py) still decide which kinds a turn has and in which order; here they are laid out:
- message 1: the turn's first kind (the stop-loss steps when money or access has gone, else what to do now, the
  warning, or the one reply there is);
- message 2: the other kinds the user must read now (the warning after the stop-loss steps, the money question,
  with its buttons), joined;
- the rest of the scam's story (a real case, the warning signs, what to do, where to report) as buttons under
  the last message; a tap sends that one message (`more_message`).
A warning the conversation has shown already is not shown again (after the money answer): the warning template
gets `already_warned` and leaves it out.
After the stop-loss steps of a paid story, the last message also offers help after the loss (issue 17): a report
pack for the bank and police, and check-ins over the next month (`after_loss_data`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.content.model import Content
from bot.content.render import Audience, label, message, render
from bot.dialogue.buttons import Button, sign_buttons
from bot.text_limits import TELEGRAM_MESSAGE_LIMIT, split_html

# Kinds offered behind a button, in the order of their buttons, with their labels in content/messages.yml.
MORE = {"checklist": "more_signs", "case": "more_case", "prevention": "more_what_to_do", "report": "more_report"}
# When a turn has nothing but these, the first one of this order is shown and the others offered.
MORE_FIRST = ("prevention", "checklist", "case", "report")
# Kinds about a recognised scam: a turn with one offers the rest of that scam's story as buttons.
ABOUT_A_SCAM = frozenset({"stop_loss", "stop_now", "warning", "case", "checklist", "prevention"})


@dataclass(frozen=True)
class Outgoing:
    """One message to send: Telegram HTML, the kinds it holds (the first is what it opens with), and its buttons
    (rows) as data."""

    kinds: tuple[str, ...]
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()

    @property
    def kind(self) -> str:
        return self.kinds[0]


@dataclass(frozen=True)
class Rendered:
    """One kind of the turn, rendered: its pieces (a template may write several) and its own buttons."""

    kind: str
    scam_type: str | None
    money_gone: bool
    pieces: tuple[str, ...]
    buttons: tuple[tuple[Button, ...], ...] = field(default=())


def lay_out(content: Content, reader: Audience, rendered: list[Rendered], offer_more: bool) -> tuple[Outgoing, ...]:
    """At most two messages for the turn's rendered kinds; with `offer_more` (a private chat) the rest of a
    scam's story as buttons under the last one, else (a family group) only what is shown. A kind that renders
    nothing (a warning already shown) takes no place."""
    shown = [r for r in rendered if r.pieces]
    now = [r for r in shown if r.kind not in MORE]
    later = [r for r in shown if r.kind in MORE]
    if not now and later:
        first = min(later, key=lambda r: MORE_FIRST.index(r.kind))
        now, later = [first], [r for r in later if r is not first]
    if not now:
        return ()
    groups = [now[:1], now[1:]] if len(now) > 1 else [now]
    outgoing = [out for group in groups for out in _joined(group)]
    if offer_more:
        rows = _more_buttons(content, reader, now, later)
        if rows:
            last = outgoing[-1]
            outgoing[-1] = Outgoing(last.kinds, last.text, (*last.buttons, *rows))
        paid = next((r for r in now if r.kind == "stop_loss" and r.money_gone and r.scam_type), None)
        if paid is not None:
            outgoing[-1] = _with_after_loss_offer(content, reader, outgoing[-1], paid.scam_type)
    return tuple(outgoing)


def _with_after_loss_offer(content: Content, reader: Audience, last: Outgoing, scam_type: str) -> Outgoing:
    """The offer after the stop-loss steps, never before them: its text ends the last message, its buttons come
    first under it (the stop-loss steps are already on screen)."""
    text = last.text + "\n\n" + message(content, "after_loss_offer", reader)
    if len(text) > TELEGRAM_MESSAGE_LIMIT:
        text = last.text  # the buttons speak for themselves
    offer = (
        Button(label(content, "pack_button", reader), after_loss_data("pack", scam_type)),
        Button(label(content, "checkin_button", reader), after_loss_data("checkin", scam_type)),
    )
    return Outgoing(last.kinds, text, (offer, *last.buttons))


AFTER_LOSS = ("pack", "checkin")


def after_loss_data(offer: str, scam_type: str) -> str:
    """`pack:<scam>` (the report pack's form) or `checkin:<scam>` (check-ins after the loss): at most 40 bytes."""
    return f"{offer}:{scam_type}"


def parse_after_loss(data: str | None, content: Content) -> tuple[str, str | None] | None:
    """(offer, scam type) of an after-loss button; the scam type None when the live content no longer has it.
    None for anything else (button data comes back verbatim, so anyone can send any string)."""
    offer, _, scam_type = (data or "").partition(":")
    if offer not in AFTER_LOSS or not scam_type or len(scam_type) > 32:
        return None
    return offer, scam_type if scam_type in content.scams else None


def _joined(group: list[Rendered]) -> list[Outgoing]:
    """Several kinds in one message; buttons (the money question's, a checklist's) come from the kinds that
    have them. Past Telegram's length limit the text is split rather than cut: nothing the user must read is
    dropped to keep the count."""
    text = "\n\n".join(piece for r in group for piece in r.pieces)
    buttons = tuple(row for r in group for row in r.buttons)
    kinds = tuple(r.kind for r in group)
    pieces = split_html(text, TELEGRAM_MESSAGE_LIMIT)
    return [Outgoing(kinds, piece, buttons if i == len(pieces) - 1 else ()) for i, piece in enumerate(pieces)]


def _more_buttons(
    content: Content, reader: Audience, now: list[Rendered], later: list[Rendered]
) -> tuple[tuple[Button, ...], ...]:
    story = next((r for r in (*now, *later) if r.kind in ABOUT_A_SCAM and r.scam_type in content.scams), None)
    if story is None:
        return ()
    offered = {r.kind for r in later}
    # Where to report: whenever a scam was recognised and the stop-loss steps (which carry the numbers) are not
    # on screen.
    if not any(r.kind == "stop_loss" for r in now):
        offered.add("report")
    shown = {r.kind for r in now}
    kinds = [kind for kind in MORE if kind in offered and kind not in shown]
    buttons = [Button(label(content, MORE[kind], reader), more_data(kind, story.scam_type, story.money_gone))
               for kind in kinds]  # fmt: skip
    # Two to a row: labels stay readable on a phone.
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


@dataclass(frozen=True)
class MoreTap:
    """A tap on a "more" button: which kind, about which scam, with money gone or not."""

    kind: str
    scam_type: str
    money_gone: bool


def more_data(kind: str, scam_type: str, money_gone: bool) -> str:
    # At most 5 + 10 + 1 + 30 + 2 bytes: Telegram allows 64.
    return f"more:{kind}:{scam_type}:{'p' if money_gone else 'n'}"


def parse_more(data: str | None, content: Content) -> MoreTap | None:
    """The message a "more" button stands for, checked against the kinds and the live content's scam types;
    None for anything else (Telegram returns button data verbatim, so anyone can send any string)."""
    parts = (data or "").split(":")
    if len(parts) != 4 or parts[0] != "more" or parts[1] not in MORE or parts[3] not in ("p", "n"):
        return None
    if parts[2] not in content.scams:
        return None
    return MoreTap(parts[1], parts[2], parts[3] == "p")


def more_message(content: Content, tap: MoreTap, reader: Audience) -> list[Outgoing]:
    """The message a "more" button sends (one, unless the content is past Telegram's limit): a checklist comes
    with its sign buttons."""
    pieces = render(content, tap.kind, scam_type=tap.scam_type, reader=reader, paid=tap.money_gone)
    buttons: tuple[tuple[Button, ...], ...] = ()
    if tap.kind == "checklist":
        buttons = sign_buttons(content, tap.scam_type, reader, tap.money_gone, ticked=set())
        pieces[-1] = pieces[-1] + "\n\n" + message(content, "sign_hint", reader)
    return _joined([Rendered(tap.kind, tap.scam_type, tap.money_gone, tuple(pieces), buttons)])
