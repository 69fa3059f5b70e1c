"""One conversation turn: a user's text (or an answer button) in, the messages to send out.

Private chats, family groups and the console all call `take_turn` and nothing else (bot/telegram/
dialogue_handlers.py, group_handlers.py, bot/console.py): text -> Rasa (the NLU and, in a private chat, the
dialogue) -> the safety rules (safety.py) -> wording from content/ -> messages, with their buttons as data.
What the turn learned (a recognised scam, money at stake) comes back with the messages; the adapters record
statistics and alert relatives after sending, so the person reads the warning first.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.content.model import Content
from bot.content.render import Audience, find_red_flags, message, render
from bot.dialogue.buttons import Button, money_buttons, sign_buttons
from bot.dialogue.safety import Plan, Step, plan_group_message, plan_turn
from bot.dialogue.screens import Outgoing, Rendered, lay_out
from bot.rasa_client import RasaClient, RasaUnavailable

# While Rasa is down (restarting after a crash: bot/rasa_supervisor.py), a turn waits for it rather than failing,
# so no message is lost: up to PATIENCE_SECONDS, telling the user "one moment" once it has taken ONE_MOMENT_AFTER.
PATIENCE_SECONDS = 180.0
ONE_MOMENT_AFTER = 3.0


@dataclass(frozen=True)
class TurnRequest:
    """Who is reading and what they sent. `conversation_id` None means a family group: no conversation is
    kept there, each message is judged on its own."""

    reader: Audience
    text: str = ""
    answer: str | None = None  # an answer button of a private chat (bot/rasa_client.py ANSWERS)
    conversation_id: str | None = None
    group_sensitivity: str = "normal"  # family groups: quiet | normal | loud
    asked: bool = False  # family groups: someone mentioned the bot about this message
    forwarded: bool = False  # Telegram says the message was forwarded from someone else
    image_text: str = ""  # the part of `text` read from a photo the user sent: its quotes say "in your screenshot"


@dataclass(frozen=True)
class TurnResult:
    messages: tuple[Outgoing, ...]
    plan: Plan
    # A scam story told in full this turn (its warning shown): counted in the anonymous statistics.
    story_told: str | None = None
    # Money, a code or access gone or about to go: linked relatives of an older user are alerted.
    high_risk: bool = False
    kinds: tuple[str, ...] = field(default=())


def _render_step(
    content: Content, step: Step, plan: Plan, request: TurnRequest, scammer_text: bool, warned: frozenset[str]
) -> Rendered:
    reader = request.reader
    pieces = render(
        content,
        step.kind,
        scam_type=step.scam_type,
        reader=reader,
        paid=step.money_gone,
        user_text=request.text,
        signals=plan.signals,
        relative=plan.relative,
        scammer_text=scammer_text,
        # The warning the conversation has shown already is not repeated (the template leaves it out).
        extra={"already_warned": step.scam_type in warned, "image_text": request.image_text},
    )
    buttons: tuple[tuple[Button, ...], ...] = ()
    if step.kind == "ask_money":
        buttons = money_buttons(content, reader)
    elif step.kind == "checklist" and step.scam_type in content.scams:
        buttons = sign_buttons(content, step.scam_type, reader, step.money_gone, ticked=set())
        pieces[-1] = pieces[-1] + "\n\n" + message(content, "sign_hint", reader)
    return Rendered(step.kind, step.scam_type, step.money_gone, tuple(pieces), buttons)


async def take_turn(nlu: RasaClient, content: Content, request: TurnRequest) -> TurnResult:
    """One turn; raises RasaUnavailable when the NLU cannot be reached (the adapter tells the user)."""
    if request.conversation_id is None:
        parse = await nlu.parse(request.text)
        scam = content.scams.get(parse.scam_type)
        flags = len(find_red_flags(scam, request.text)) if scam else 0
        plan = plan_group_message(parse, flags, request.group_sensitivity, request.asked)
        warned: frozenset[str] = frozenset()
    else:
        dialogue = await nlu.turn(request.conversation_id, text=request.text, answer=request.answer)
        parse = dialogue.parse
        plan = plan_turn(dialogue)
        warned = dialogue.warned_before
    # The scammer's own message, forwarded or pasted: the reply says "this message is a ..." (this turn only).
    scammer_text = request.forwarded or (bool(request.text) and parse.forwarded)
    rendered = [_render_step(content, step, plan, request, scammer_text, warned) for step in plan.steps]
    if plan.steps and not any(r.pieces for r in rendered):
        # Only a warning already shown: say it again rather than nothing.
        rendered = [_render_step(content, step, plan, request, scammer_text, frozenset()) for step in plan.steps]
    messages = lay_out(content, request.reader, rendered, offer_more=request.conversation_id is not None)
    told = next((s.scam_type for s in plan.steps if s.kind in ("warning", "group_warning") and s.scam_type), None)
    high_risk = plan.money_status in ("paid", "about_to_pay") and not plan.relative and bool(plan.steps)
    return TurnResult(tuple(messages), plan, told, high_risk, plan.kinds)


async def take_turn_patiently(
    nlu: RasaClient,
    content: Content,
    request: TurnRequest,
    one_moment: Callable[[], Awaitable[object]],
    patience: float = PATIENCE_SECONDS,
) -> TurnResult:
    """`take_turn`, tried again while Rasa cannot be reached (a crashed server comes back within seconds): the
    user hears `one_moment` once, only if it takes longer than ONE_MOMENT_AFTER. RasaUnavailable after
    `patience`. A retried turn repeats a request Rasa never answered, so nothing is counted twice in the bot."""
    start = time.monotonic()
    delay, told = 0.25, False
    while True:
        try:
            return await take_turn(nlu, content, request)
        except RasaUnavailable:
            waited = time.monotonic() - start
            if waited >= patience:
                raise
            if not told and waited >= ONE_MOMENT_AFTER:
                await one_moment()
                told = True
            await asyncio.sleep(min(delay, patience - waited))
            delay = min(delay * 2, 2.0)
