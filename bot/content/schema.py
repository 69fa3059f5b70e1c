"""What a valid content/ folder holds. Each check appends `file:line: reason` problems; nothing raises."""

from __future__ import annotations

import re

from bot.content.console_words import CONSOLE_MESSAGES
from bot.content.yaml_lines import LinedDict, Problem
from common.labels import SCAM_TYPES

LANGUAGES = ("en", "zh")
AUDIENCES = ("standard", "elderly")
ID = re.compile(r"^[a-z][a-z0-9_]*$")
# What a region's number is for; each kind is shown under its own heading, in this order.
NUMBER_KINDS = ("emergency", "police", "bank", "advice_line", "report")
# Checklist and quiz ids travel in Telegram button data, which holds at most 64 bytes.
MAX_BUTTON_ID = 30
# Messages the bot's code sends by name (commands, buttons); templates' names are checked by rendering.
BOT_MESSAGES = (
    "language_name", "lesson_heading", "message_is", "ask_money_forwarded", "group_message_is",
    "welcome", "help", "privacy", "choose_language", "choose_region", "simple_on", "simple_off", "settings_saved",
    "unknown_button", "unsupported_media", "unknown_command", "ask_details", "forget_confirm", "forget_yes",
    "forget_no", "forget_done", "forget_kept", "forget_failed", "rasa_unavailable", "rasa_restarting", "slow_down",
    "sign_hint", "group_intro", "group_quiet", "group_normal", "group_loud", "group_leaving", "group_only",
    "group_admins_only", "button_yes", "button_no",
    "button_call_help", "button_ask_family", "guardian_code", "guardian_consent", "guardian_accept",
    "guardian_accept_words", "guardian_decline", "guardian_linked_elder", "guardian_linked_relative",
    "guardian_words_shared", "guardian_declined", "guardian_declined_elder", "code_unknown", "code_expired",
    "code_used", "code_own", "code_throttled", "link_usage", "family_none", "family_list", "family_you_help",
    "family_helps_you", "family_removed", "ask_family_none", "ask_family_sent", "someone", "subscribe_choose",
    "subscribe_daily_9", "subscribe_daily_20", "subscribe_weekly_9", "subscribed", "unsubscribed", "not_subscribed",
    "not_allowed", "lessons_title", "lesson_back", "lesson_next", "lesson_menu", "quiz_question", "quiz_not_scam",
    "quiz_right", "quiz_wrong", "quiz_score", "quiz_next", "answer_yes", "answer_no", "answer_unsure",
    "kind_emergency", "kind_police", "kind_bank", "kind_advice_line", "kind_report", "something_went_wrong",
    "mode_simple", "mode_standard", "more_case", "more_signs", "more_what_to_do", "more_report",
    "checkin_started", "checkin_already", "checkin_day_1", "checkin_day_3", "checkin_day_7", "checkin_day_30",
    "checkin_recovery_warning", "checkin_stopped", "checkin_none",
    # After the stop-loss steps, and the report pack (bot/telegram/report_pack_handlers.py).
    "after_loss_offer", "pack_button", "checkin_button", "pack_intro", "pack_skip",
    "pack_type_answer", "pack_q_when", "pack_when_today", "pack_when_yesterday", "pack_when_earlier",
    "pack_q_when_earlier", "pack_q_amount", "pack_q_method", "pack_method_bank_transfer", "pack_method_card",
    "pack_method_alipay_wechat", "pack_method_gift_card", "pack_method_crypto", "pack_method_cash", "pack_q_from",
    "pack_q_to", "pack_q_name", "pack_q_evidence", "pack_evidence_chats", "pack_evidence_receipts",
    "pack_evidence_contacts", "pack_evidence_app", "pack_evidence_calls", "pack_evidence_done", "pack_q_keep",
    "pack_keep_yes", "pack_keep_no", "pack_title", "pack_facts_title", "pack_fact_when",
    "pack_fact_amount", "pack_fact_method", "pack_fact_from", "pack_fact_to", "pack_fact_name",
    "pack_fact_evidence", "pack_not_known", "pack_numbers_title", "pack_script_title", "pack_script",
    "pack_dont_title", "pack_dont", "pack_file_caption", "pack_share_button", "pack_shared",
    "pack_share_none", "pack_share_from", "pack_kept", "pack_not_kept", "pack_none",
    "pack_expired",
)  # fmt: skip


class Checker:
    """Collects problems for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, line: int, reason: str) -> None:
        self.problems.append(Problem(self.file, line, reason))

    def is_mapping(self, data, reason: str) -> bool:
        """Whether a whole file is a mapping; a problem at line 0 with `reason` when it is not."""
        if not isinstance(data, dict):
            self.problem(0, reason)
        return isinstance(data, dict)

    def only(self, parent, allowed: tuple[str, ...], where: str = "") -> None:
        """A key nobody reads is a typo or something smuggled in: named, with its line, so it cannot pass."""
        if not isinstance(parent, dict):
            return
        for key in parent:
            if key not in allowed:
                self.problem(_line(parent, key), f"unknown key '{where}{key}' (allowed: {', '.join(allowed)})")

    def mapping(self, parent, key: str, where: str = ""):
        """parent[key] as a mapping, or None with a problem."""
        name = f"{where}{key}"
        if not isinstance(parent, dict) or key not in parent:
            self.problem(getattr(parent, "line", 0), f"missing '{name}'")
            return None
        value = parent[key]
        if not isinstance(value, dict):
            self.problem(_line(parent, key), f"'{name}' must be a mapping")
            return None
        return value

    def text(self, parent, key: str, where: str = "") -> str | None:
        name = f"{where}{key}"
        if not isinstance(parent, dict) or key not in parent:
            self.problem(getattr(parent, "line", 0), f"missing '{name}'")
            return None
        value = parent[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.problem(_line(parent, key), f"'{name}' must be non-empty text")
            return None
        return value

    def text_list(self, parent, key: str, where: str = "", minimum: int = 1) -> list | None:
        name = f"{where}{key}"
        if not isinstance(parent, dict) or key not in parent:
            self.problem(getattr(parent, "line", 0), f"missing '{name}'")
            return None
        value = parent[key]
        if not isinstance(value, list) or len(value) < minimum:
            self.problem(_line(parent, key), f"'{name}' must be a list of at least {minimum} item(s)")
            return None
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problem(value.item_lines[index], f"'{name}' item {index + 1} must be non-empty text")
        return value

    def per_language(self, parent, key: str, where: str = "", kind: str = "text") -> None:
        """parent[key] = {en: ..., zh: ...}, each text (kind='text') or list of text (kind='list')."""
        block = self.mapping(parent, key, where)
        if block is None:
            return
        for lang in LANGUAGES:
            if kind == "list":
                self.text_list(block, lang, f"{where}{key}.")
            else:
                self.text(block, lang, f"{where}{key}.")

    def per_audience(self, parent, key: str, where: str = "", kind: str = "text") -> None:
        """parent[key] = {en: {standard, elderly}, zh: {standard, elderly}}: every language and audience."""
        block = self.mapping(parent, key, where)
        if block is None:
            return
        for lang in LANGUAGES:
            inner = self.mapping(block, lang, f"{where}{key}.")
            if inner is None:
                continue
            for audience in AUDIENCES:
                if kind == "list":
                    self.text_list(inner, audience, f"{where}{key}.{lang}.")
                else:
                    self.text(inner, audience, f"{where}{key}.{lang}.")

    def mappings(self, parent, key: str, minimum: int, what: str) -> list[tuple[str, dict]]:
        """(where, item) for each mapping in the list parent[key]; problems for a short list or a non-mapping."""
        items = parent.get(key)
        if not isinstance(items, list) or len(items) < minimum:
            self.problem(_line(parent, key), f"'{key}' must list {what}")
            return []
        found = []
        for index, item in enumerate(items):
            where = f"{key}[{index + 1}]."
            if isinstance(item, dict):
                found.append((where, item))
            else:
                self.problem(items.item_lines[index], f"'{where[:-1]}' must be a mapping")
        return found

    def source(self, parent, where: str, seed_files: set[str] | None = None) -> None:
        """parent['source']: a title and a web address; with `seed_files`, a seed file may stand for the address."""
        source = self.mapping(parent, "source", where)
        if source is None:
            return
        where = f"{where}source."
        self.only(source, ("title", "seed", "url") if seed_files is not None else ("title", "url"), where)
        # The title in each language: a Chinese reader reads "来源：重庆市公安局……", never an English title.
        self.per_language(source, "title", where)
        seed = source.get("seed") if seed_files is not None else None
        url = source.get("url") if seed_files is not None else self.text(source, "url", where)
        if seed_files is not None and not seed and not url:
            self.problem(source.line, f"'{where[:-1]}' needs a 'seed' file name or a 'url'")
        if seed and seed not in seed_files:
            self.problem(source.line_of("seed"), f"source file {seed!r} is not in content/sources/")
        if url and not str(url).startswith(("http://", "https://")):
            self.problem(source.line_of("url"), f"'{where}url' must be a web address")

    def identifier(self, parent, key: str, where: str, seen: set) -> str | None:
        value = self.text(parent, key, where)
        if value is None:
            return None
        if not ID.match(value):
            self.problem(_line(parent, key), f"'{where}{key}' must be snake_case (a-z, 0-9, _): {value!r}")
        elif value in seen:
            self.problem(_line(parent, key), f"'{where}{key}' {value!r} is used twice")
        seen.add(value)
        return value


def _line(parent, key) -> int:
    return parent.line_of(key) if isinstance(parent, LinedDict) else 0


# The keys each kind of content file may have (content/README.md describes them).
SCAM_KEYS = (
    "scam_type", "name", "warning", "how_it_works", "cases", "checklist", "red_flags", "prevention", "stop_loss",
)  # fmt: skip
CASE_KEYS = ("id", "date", "place", "amount", "story", "source")
REGION_KEYS = (
    "region", "name", "numbers", "bank", "report_online", "stop_payment", "payment_methods", "genuine_warnings",
    "verify", "evidence",
)  # fmt: skip
PAYMENT_METHOD_KEYS = ("id", "method", "step", "source")
# English scam names follow "This looks like a ..." (messages.yml looks_like, message_is, group_*): a singular
# noun phrase that takes "a", not "an" or none ("a other scams" was a bug).
TAKES_AN = re.compile(r"^\W*[aeiou]", re.IGNORECASE)
PLURAL_HEAD = re.compile(r"\b\w+s\b\s*(?:\(|$)")


def check_scam(data, file: str, stem: str, source_files: set[str]) -> list[Problem]:
    c = Checker(file)
    if not c.is_mapping(data, "the file must be a mapping of keys (scam_type, name, warning, ...)"):
        return c.problems
    scam_type = c.text(data, "scam_type")
    if scam_type is not None and scam_type != stem:
        c.problem(data.line_of("scam_type"), f"scam_type {scam_type!r} does not match the file name {stem!r}")
    if scam_type is not None and scam_type not in SCAM_TYPES:
        c.problem(data.line_of("scam_type"), f"unknown scam type {scam_type!r}; known: {', '.join(SCAM_TYPES)}")
    c.only(data, SCAM_KEYS)
    c.per_language(data, "name")
    english = data.get("name", {}).get("en") if isinstance(data.get("name"), dict) else None
    if isinstance(english, str) and (TAKES_AN.match(english) or PLURAL_HEAD.search(english.split("(")[0] + "(")):
        reason = f"'name.en' {english!r} must read after \"This looks like a\": singular, beginning with a consonant"
        c.problem(data["name"].line_of("en"), reason)
    c.per_audience(data, "warning")
    c.per_audience(data, "how_it_works", kind="list")
    c.per_audience(data, "prevention", kind="list")
    c.per_audience(data, "stop_loss", kind="list")

    seen: set[str] = set()
    for where, case in c.mappings(data, "cases", 2, "at least two real cases"):
        c.only(case, CASE_KEYS, where)
        c.identifier(case, "id", where, seen)
        c.per_language(case, "date", where)
        c.per_language(case, "place", where)
        c.per_language(case, "amount", where)
        c.per_audience(case, "story", where)
        c.source(case, where, seed_files=source_files)

    checklist_ids: set[str] = set()
    for where, item in c.mappings(data, "checklist", 3, "at least three warning signs"):
        c.only(item, ("id", "sign", "why"), where)
        item_id = c.identifier(item, "id", where, checklist_ids)
        if item_id and len(item_id) > MAX_BUTTON_ID:
            c.problem(_line(item, "id"), f"'{where}id' is longer than {MAX_BUTTON_ID} characters: {item_id!r}")
        c.per_audience(item, "sign", where)
        c.per_audience(item, "why", where)

    for where, flag in c.mappings(data, "red_flags", 1, "phrases tied to checklist items"):
        c.only(flag, ("checklist", "phrases"), where)
        target = c.text(flag, "checklist", where)
        if target is not None and checklist_ids and target not in checklist_ids:
            c.problem(flag.line_of("checklist"), f"red flag points at unknown checklist item {target!r}")
        c.per_language(flag, "phrases", where, kind="list")
    return c.problems


def check_region(data, file: str, stem: str) -> list[Problem]:
    c = Checker(file)
    if not c.is_mapping(data, "the file must be a mapping of keys (region, name, numbers, ...)"):
        return c.problems
    c.only(data, REGION_KEYS)
    region = c.text(data, "region")
    if region is not None and region != stem:
        c.problem(data.line_of("region"), f"region {region!r} does not match the file name {stem!r}")
    c.per_language(data, "name")
    c.per_language(data, "bank", kind="text")
    c.per_language(data, "report_online", kind="text")
    c.per_language(data, "evidence", kind="list")
    # What a victim does first to stop money that has gone, in this region's order (cn: 110 before the bank):
    # one list per language, or per language and audience (simple mode names no web address).
    stop_payment = data.get("stop_payment")
    if isinstance(stop_payment, dict) and any(isinstance(v, dict) for v in stop_payment.values()):
        c.per_audience(data, "stop_payment", kind="list")
    else:
        c.per_language(data, "stop_payment", kind="list")
    # The ways scammers here are paid (gift cards, crypto ATMs, e-wallets...) and how to stop each, in order.
    methods: set[str] = set()
    for where, method in c.mappings(data, "payment_methods", 1, "the ways scammers here are paid and how to stop each"):
        c.only(method, PAYMENT_METHOD_KEYS, where)
        c.identifier(method, "id", where, methods)
        c.per_language(method, "method", where)
        c.per_language(method, "step", where)
        c.source(method, where)
    # What real protective warnings look like here, and how to check one.
    c.per_language(data, "genuine_warnings", kind="text")
    c.per_language(data, "verify", kind="text")
    seen: set[str] = set()
    for where, entry in c.mappings(data, "numbers", 1, "the emergency and reporting numbers"):
        c.only(entry, ("id", "kind", "number", "web", "label", "source"), where)
        c.identifier(entry, "id", where, seen)
        kind = c.text(entry, "kind", where)
        if kind is not None and kind not in NUMBER_KINDS:
            c.problem(entry.line_of("kind"), f"'{where}kind' must be one of {', '.join(NUMBER_KINDS)}: {kind!r}")
        # A phone number or short code, or a web address: exactly one.
        if ("number" in entry) == ("web" in entry):
            c.problem(entry.line, f"'{where[:-1]}' needs exactly one of 'number' and 'web'")
        else:
            c.text(entry, "number" if "number" in entry else "web", where)
        c.per_language(entry, "label", where)
        c.source(entry, where)
    return c.problems


def check_messages(data, file: str) -> list[Problem]:
    c = Checker(file)
    if not c.is_mapping(data, "the file must be a mapping of message names to texts"):
        return c.problems
    for key in data:
        c.per_audience(data, key)
    for key in BOT_MESSAGES:
        if key not in data:
            c.problem(0, f"missing message {key!r} (the bot sends it by name)")
    return c.problems


# The commands the bot answers to (bot/telegram/app.py), by where its menu shows them.
MENU_COMMANDS = {
    "private": (
        "start", "report", "help", "language", "region", "simple", "privacy", "forget", "guardian", "link",
        "family", "lessons", "quiz", "subscribe", "unsubscribe", "stop", "pack",
    ),
    "group": ("quiet", "loud", "leave"),
}  # fmt: skip


def check_commands(data, file: str) -> list[Problem]:
    """content/commands.yml: every menu command described in every language, within Telegram's limits."""
    c = Checker(file)
    if not c.is_mapping(data, "the file must be a mapping with 'private' and 'group'"):
        return c.problems
    for menu, names in MENU_COMMANDS.items():
        block = c.mapping(data, menu)
        if block is None:
            continue
        for name in block:
            if name not in names:
                c.problem(_line(block, name), f"'{menu}.{name}': the bot has no such command here")
        for name in names:
            c.per_language(block, name, f"{menu}.")
            for lang in LANGUAGES:
                text = block.get(name, {}).get(lang) if isinstance(block.get(name), dict) else None
                if isinstance(text, str) and not 3 <= len(text) <= 256:
                    c.problem(_line(block[name], lang), f"'{menu}.{name}.{lang}' must be 3 to 256 characters")
    return c.problems


# What the trainers' commands say (content/trainer_messages.yml), by name.
TRAINER_MESSAGES = (
    "trainer_stats_title", "trainer_stats_empty", "trainer_stats_columns", "trainer_stats_totals_by_type",
    "trainer_stats_all_types", "trainer_stats_chart_by_type", "trainer_stats_chart_paid",
    "trainer_stats_chart_stories", "trainer_stats_no_data", "trainer_stats_days", "trainer_stats_caption",
    "trainer_reload_rejected", "trainer_reloaded", "trainer_upload_too_large",
    "trainer_upload_rejected", "trainer_upload_preview", "trainer_apply", "trainer_discard",
    "trainer_discarded", "trainer_not_applied", "trainer_applied", "trainer_applied_reload_failed",
    "trainer_rollback_usage", "trainer_not_rolled_back", "trainer_rolled_back", "trainer_broadcast_usage",
    "trainer_broadcast_preview", "trainer_broadcast_send", "trainer_broadcast_cancel",
    "trainer_broadcast_confirm", "trainer_broadcast_gone", "trainer_broadcast_cancelled",
    "trainer_broadcast_started", "trainer_broadcast_sending", "trainer_broadcast_done",
) + CONSOLE_MESSAGES  # fmt: skip


TRAINER_LISTS = ("trainer_stats_columns",)
STATS_COLUMNS = 7  # day, scam type, language, paid, not paid, unknown, total


def check_trainer_messages(data, file: str) -> list[Problem]:
    """content/trainer_messages.yml: every text the trainers' commands send, in every language."""
    c = Checker(file)
    if not c.is_mapping(data, "the file must be a mapping of message names to texts"):
        return c.problems
    for key in data:
        if key not in TRAINER_MESSAGES:
            c.problem(_line(data, key), f"'{key}': the bot sends no trainer message of that name")
    for key in TRAINER_MESSAGES:
        c.per_language(data, key, kind="list" if key in TRAINER_LISTS else "text")
    columns = data.get("trainer_stats_columns")
    if isinstance(columns, dict):
        for lang, names in columns.items():
            if isinstance(names, list) and len(names) != STATS_COLUMNS:
                c.problem(_line(columns, lang), f"'trainer_stats_columns.{lang}' needs {STATS_COLUMNS} headings")
    return c.problems
