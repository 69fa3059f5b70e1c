"""Guardian link: a relative (/guardian) gets a one-time code; the older user opens the deep link or sends
/link CODE, reads what the relative will and will not see, and accepts with a button. Either side sees the
link (/family) and can remove it; both are told. When the older user's conversation reaches high risk, or
they tap "Ask my family", every linked relative is alerted."""

from __future__ import annotations

import asyncio
import html
import logging
import time
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.content.model import Content
from bot.content.render import Audience, localise, render
from bot.content.schema import LANGUAGES
from bot.storage import guardians
from bot.storage.repository import UserSettings
from bot.telegram import simple_mode
from bot.telegram.callback_data import REGIONS
from bot.telegram.context import BotContext

log = logging.getLogger(__name__)

GUARDIAN_ACCEPT, GUARDIAN_ACCEPT_WORDS, GUARDIAN_DECLINE = "guardian:accept", "guardian:accept_words", "guardian:no"
UNLINK_PREFIX = "unlink:"
FAILURES = {
    "unknown": "code_unknown",
    "expired": "code_expired",
    "used": "code_used",
    "own_code": "code_own",
    "throttled": "code_throttled",
}


def _now() -> datetime:
    return datetime.now(UTC)


def settings_summary(content: Content, language: str | None, region: str | None, audience: str | None) -> str:
    """The settings a code will give the older user, in both languages: they may read either."""
    mode = content.messages["mode_simple" if audience == "elderly" else "mode_standard"]
    name = content.messages["language_name"]
    parts = [localise(name, language, "standard") if language in LANGUAGES else "—", (region or "—").upper()]
    parts.append(" / ".join(localise(mode, lang, "standard") for lang in LANGUAGES))
    return ", ".join(parts)


async def name_of(context: BotContext, telegram_id: int, user: UserSettings) -> str:
    """A person's first name as Telegram shows it now; never stored. If Telegram cannot say (an error, or an
    answer the library cannot read), "someone": a missing name must not stop a link or an unlink."""
    try:
        chat = await context.bot.get_chat(telegram_id)
        return chat.first_name or chat.title or context.label(user, "someone")
    except Exception:  # noqa: BLE001 - any failure to learn a name falls back the same way
        log.warning("getChat failed; the name falls back to 'someone'", exc_info=True)
        return context.label(user, "someone")


# --- the relative ---------------------------------------------------------------------------------------
def _code_settings(args: list[str], relative: UserSettings) -> dict:
    """/guardian [en|zh] [region] [simple|standard]: what the older user starts with; default: the relative's
    language and region, simple mode on."""
    chosen = {"language": relative.language, "region": relative.region, "audience": "elderly"}
    for arg in (a.lower() for a in args):
        if arg in LANGUAGES:
            chosen["language"] = arg
        elif arg in REGIONS:
            chosen["region"] = arg
        elif arg in ("simple", "standard"):
            chosen["audience"] = "elderly" if arg == "simple" else "standard"
    return chosen


async def guardian(update: Update, context: BotContext) -> None:
    """/guardian: a one-time code and deep link for the relative to send to the older user."""
    relative = await context.user()
    chosen = _code_settings(context.args or [], relative)
    code = await asyncio.to_thread(guardians.create_code, context.sessions, relative.telegram_id, _now(), **chosen)
    link = f"https://t.me/{context.bot.username}?start={code}"
    text = context.text(
        relative, "guardian_code", code=code, link=link, settings=settings_summary(context.content, **chosen)
    )
    await update.effective_message.reply_text(text)


# --- the older user -------------------------------------------------------------------------------------
async def redeem(update: Update, context: BotContext, elder: UserSettings, code: str) -> None:
    """A code from /link CODE or the deep link's /start CODE: checked, then the consent question."""
    result = await asyncio.to_thread(guardians.claim_code, context.sessions, elder.telegram_id, code, _now())
    if result.status != "ok":
        await update.effective_message.reply_text(context.text(elder, FAILURES[result.status]))
        return
    who = await name_of(context, result.relative_id, elder)
    settings = settings_summary(context.content, result.language, result.region, result.audience)
    answers = {"guardian_accept": GUARDIAN_ACCEPT, "guardian_accept_words": GUARDIAN_ACCEPT_WORDS,
               "guardian_decline": GUARDIAN_DECLINE}  # fmt: skip
    buttons = [[InlineKeyboardButton(context.label(elder, key), callback_data=d)] for key, d in answers.items()]
    await update.effective_message.reply_text(
        context.text(elder, "guardian_consent", who=who, settings=settings),
        reply_markup=InlineKeyboardMarkup(buttons),
    )


async def link(update: Update, context: BotContext) -> None:
    """/link CODE."""
    elder = await context.user()
    if not context.args:
        await update.effective_message.reply_text(context.text(elder, "link_usage"))
        return
    await redeem(update, context, elder, "".join(context.args))


async def consent_button(update: Update, context: BotContext) -> None:
    """Accept / Accept and share my words / No, under the consent question."""
    query = update.callback_query
    await query.answer()
    elder = await context.user()
    sessions = context.sessions
    if query.data == GUARDIAN_DECLINE:
        relative_id = await asyncio.to_thread(guardians.decline_claim, sessions, elder.telegram_id)
        await query.edit_message_text(context.text(elder, "guardian_declined_elder"))
        if relative_id is not None:
            relative = await context.user_by_id(relative_id)
            await context.bot.send_message(relative_id, context.text(relative, "guardian_declined"))
        return
    share_words = query.data == GUARDIAN_ACCEPT_WORDS
    accepted = await asyncio.to_thread(guardians.accept_claim, sessions, elder.telegram_id, share_words, _now())
    if accepted is None:
        await query.edit_message_text(context.text(elder, "code_used"))
        return
    chosen = {"language": accepted.language, "region": accepted.region, "audience": accepted.audience}
    elder = await context.save_user(elder, **{k: v for k, v in chosen.items() if v is not None})
    relative = await context.user_by_id(accepted.relative_id)
    relative_name = await name_of(context, accepted.relative_id, elder)
    await query.edit_message_text(context.text(elder, "guardian_linked_elder", who=relative_name))
    await update.effective_chat.send_message(
        context.text(elder, "simple_on" if elder.audience == "elderly" else "settings_saved"),
        reply_markup=simple_mode.big_buttons(context.content, elder),
    )
    elder_name = update.effective_user.first_name or context.label(relative, "someone")
    words = context.label(relative, "guardian_words_shared") if share_words else ""
    text = context.text(relative, "guardian_linked_relative", who=elder_name, words=words)
    await context.bot.send_message(accepted.relative_id, text)


# --- both sides -----------------------------------------------------------------------------------------
async def family(update: Update, context: BotContext) -> None:
    """/family: the user's links, each a button that removes it."""
    user = await context.user()
    links = await asyncio.to_thread(guardians.links_of, context.sessions, user.telegram_id)
    if not links:
        await update.effective_message.reply_text(context.text(user, "family_none"))
        return
    rows = []
    for item in links:
        helps = item.relative_id == user.telegram_id
        other = item.elder_id if helps else item.relative_id
        who = await name_of(context, other, user)
        label = context.text(user, "family_you_help" if helps else "family_helps_you", who=who)
        data = f"{UNLINK_PREFIX}{item.link_id}"
        rows.append([InlineKeyboardButton(f"❌ {html.unescape(label)}", callback_data=data)])
    await update.effective_message.reply_text(
        context.text(user, "family_list"), reply_markup=InlineKeyboardMarkup(rows)
    )


async def unlink_button(update: Update, context: BotContext) -> None:
    """Removes a link; only its two sides can, and both are told."""
    query = update.callback_query
    user = await context.user()
    link_id = query.data.removeprefix(UNLINK_PREFIX)
    removed = None
    if link_id.isdecimal() and int(link_id) < 2**31:  # guardian_links.id is a 32-bit Integer
        removed = await asyncio.to_thread(guardians.remove_link, context.sessions, int(link_id), user.telegram_id)
    await query.answer()
    if removed is None:
        await update.effective_message.reply_text(context.text(user, "unknown_button"))
        return
    other = removed.elder_id if removed.relative_id == user.telegram_id else removed.relative_id
    await query.edit_message_text(context.text(user, "family_removed", who=await name_of(context, other, user)))
    other_user = await context.user_by_id(other)
    me = update.effective_user.first_name or context.label(other_user, "someone")
    await context.bot.send_message(other, context.text(other_user, "family_removed", who=me))


# --- alerts ---------------------------------------------------------------------------------------------
# An older user's last message, for an alert or "Ask my family" to the relatives they let see their words: kept
# in memory only (never stored), only while such a link exists, and for at most WORDS_KEPT_SECONDS.
LAST_WORDS = "last_words"
WORDS_KEPT_SECONDS = 3600.0


async def keep_words_for_family(context: BotContext, user: UserSettings, text: str) -> None:
    if context.user_data is None:
        return
    if await asyncio.to_thread(guardians.shares_words, context.sessions, user.telegram_id):
        context.user_data[LAST_WORDS] = (text, time.monotonic())
    else:
        context.user_data.pop(LAST_WORDS, None)


def recent_words(user_data: dict | None) -> str:
    """The kept last message if it is under an hour old, else ""."""
    text, at = (user_data or {}).get(LAST_WORDS) or ("", 0.0)
    return text if time.monotonic() - at <= WORDS_KEPT_SECONDS else ""


async def forget_old_words(context: BotContext) -> None:
    """Job: drops every kept last message older than an hour (a user who never writes again keeps nothing)."""
    for user_data in context.application.user_data.values():
        if LAST_WORDS in user_data and not recent_words(user_data):
            del user_data[LAST_WORDS]


async def alert_relatives(
    update: Update,
    context: BotContext,
    elder: UserSettings,
    scam_type: str | None,
    money_at_stake: bool,
    asked: bool,
) -> int:
    """Alerts every linked relative about the older user of `update`; returns how many were told. Automatic
    alerts come once per episode (guardians.ALERT_EPISODE); an explicit "Ask my family" always goes out."""
    elder_name = update.effective_user.first_name or ""
    words = recent_words(context.user_data)
    sessions = context.sessions
    relatives = await asyncio.to_thread(guardians.relatives_of, sessions, elder.telegram_id)
    if not relatives:
        return 0
    first = await asyncio.to_thread(guardians.claim_alert, sessions, elder.telegram_id, scam_type or "", _now())
    if not first and not asked:
        return 0
    content = context.content
    told = 0
    for item in relatives:
        relative = await context.user_by_id(item.relative_id)
        reader = Audience(relative.language, relative.audience, elder.region)
        extra = {"who": elder_name, "their_words": words if item.share_words else ""}
        messages = render(
            content, "guardian_alert", scam_type=scam_type, reader=reader, paid=money_at_stake, extra=extra
        )
        try:
            for message in messages:
                await context.bot.send_message(item.relative_id, message)
            told += 1
        except TelegramError:
            log.exception("could not alert a relative")  # e.g. they blocked the bot; the others still get it
    return told


async def ask_family(update: Update, context: BotContext, elder: UserSettings) -> None:
    """The older user tapped "Ask my family"."""
    told = await alert_relatives(update, context, elder, None, False, asked=True)
    key = "ask_family_sent" if told else "ask_family_none"
    await update.effective_message.reply_text(
        context.text(elder, key), reply_markup=simple_mode.big_buttons(context.content, elder)
    )


async def start_with_code(update: Update, context: BotContext) -> None:
    """/start CODE: the older user opened the relative's t.me/<bot>?start=CODE link."""
    elder = await context.user()
    await redeem(update, context, elder, "".join(context.args or []))
