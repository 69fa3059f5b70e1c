"""Random Telegram updates for the fuzz test (issue 15): whatever Telegram may deliver, in any mix.

`FuzzUpdates(seed, first_id).take(n)` gives the same n updates (without update_id) for the same seed, so a
failure is reproduced by its seed and position. Shapes are Telegram's own (tests/process/test_fuzz.py pushes
them through the fake Bot API); the content is hostile: every script, control and zero-width characters, up to
Telegram's 4,096 characters, the bot's commands with odd arguments, Rasa's `/intent{...}` syntax, and the
bot's own button payloads mutated the way a tampering client can send them.

Each private user sends only a few updates (`PER_USER`), so no one reaches the bot's per-user rate limit
(bot/telegram/rate_limit.py) and every private message is owed its usual answer.
"""

from __future__ import annotations

import random
import re
from functools import cache

from bot.dialogue.buttons import MONEY_ANSWERS, TICKED, UNTICKED
from bot.telegram.app import command_handlers
from bot.telegram.callback_data import FORGET_NO, FORGET_YES, REGIONS, SIMPLE, setting_data
from bot.telegram.guardian_handlers import GUARDIAN_ACCEPT, GUARDIAN_ACCEPT_WORDS, GUARDIAN_DECLINE
from bot.telegram.tip_handlers import CHOICES as SUBSCRIPTIONS
from common.labels import NONE, SCAM_TYPES
from testkit.content_text import shipped
from testkit.fake_bot_api import BOT_USER
from testkit.telegram_updates import bot_added_update, message_update, sender, tap_update

TEXT_LIMIT = 4096  # Telegram's limit for a message's text (and what the bot reads of it)
PER_USER = 6  # updates a private user sends at most: far below 30 a minute, with room for the test's own
LANGUAGE_CODES = ("en", "en-US", "zh-hans", "zh-hant", "zh-TW", "zh", "ar", "ru", "hi", "xx-YY", "", None)

# Code point ranges per script; random picks from them give text no tokenizer has seen.
SCRIPTS = {
    "latin": [(0x20, 0x7E), (0xC0, 0x24F)],
    "cjk": [(0x4E00, 0x9FFF), (0x3000, 0x303F), (0xFF01, 0xFF5E)],
    "arabic": [(0x600, 0x6FF), (0xFB50, 0xFDFF)],
    "cyrillic": [(0x400, 0x4FF)],
    "other": [(0x900, 0x97F), (0xE00, 0xE7F), (0x590, 0x5FF), (0xAC00, 0xD7A3), (0x1100, 0x11FF)],
    "emoji": [(0x1F300, 0x1FAFF), (0x2600, 0x27BF), (0x1F1E6, 0x1F1FF)],
    "combining": [(0x300, 0x36F), (0x1AB0, 0x1AFF), (0x20D0, 0x20FF)],
    "control": [(0x0, 0x1F), (0x7F, 0x9F)],
    # Everything else that is valid JSON: astral planes and private use (lone surrogates are not).
    "any": [(0xA0, 0xD7FF), (0xE000, 0xFFFF), (0x10000, 0x10FFFF)],
}
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202e\u2066\u2069\u00ad\u180e\u3164"
# Real sentences reach the dialogue's deeper paths (money questions, checklists), in both Chinese scripts.
PHRASES = (
    "群里的老师天天免费荐股，又让我从他发的链接下载一个炒股软件",
    "網貸App說我銀行卡號填錯了，資金被凍結，要先交解凍費才能放款",
    "对方说是公安局的，说我涉嫌洗钱，要把钱转到安全账户",
    "我已经转了3000块过去了", "还没有转", "是", "不是", "不确定", "hello", "thank you", "Yes", "No",
    "the loan app says I must pay an unfreezing fee first", "a man on a dating site wants me to top up a game",
    "My grandson called, he is in jail and needs $5000 in gift cards", "📞 Call for help", "👪 Ask my family",
    "96110", "<b>&amp;</i> <a href='x'>&lt;", "https://example.com/login?token=1", "+86 138 0013 8000",
)  # fmt: skip
# Rasa reads a message starting with "/" as an intent with entities: a user must not steer the dialogue so.
INJECTIONS = (
    "/affirm", '/inform_paid{"amount": "1e309"}', "/stock_lecturer", '/greet{"name": "<b>x</b>"}',
    "/restart", "/session_start", "/nlu_fallback", "/EXTERNAL_alert", '/deny{"scam_type": "../../etc"}',
    "/official_warning{", "/" + "x" * 200,
)  # fmt: skip
# Numbers as a parser may not expect them: digits that str.isdigit() accepts and int() refuses (², ①), other
# scripts' digits, one too large for a database integer, negative, empty.
ODD_NUMBERS = ("²", "①", "٣", "9" * 30, "-1", "0x10", "")
MEDIA_KINDS = (
    "photo", "document", "video", "voice", "sticker", "animation", "audio", "video_note",
    "location", "venue", "contact", "poll", "dice",
)  # fmt: skip
# The fields Bot API 10 requires of a ChatMember that is an administrator, or restricted.
ADMIN_RIGHTS = (
    "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
    "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
    "can_edit_stories", "can_delete_stories",
)  # fmt: skip
RESTRICTIONS = (
    "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos",
    "can_send_video_notes", "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
    "can_add_web_page_previews", "can_change_info", "can_invite_users", "can_pin_messages", "can_manage_topics",
    "can_edit_tag", "can_react_to_messages",
)  # fmt: skip
CAPTIONED = {"photo", "document", "video", "voice", "animation", "audio"}  # what Telegram lets carry a caption


@cache
def known_commands() -> tuple[str, ...]:
    """The commands the bot registers (bot/telegram/app.py), read from its handlers."""
    return tuple(sorted({name for handler in command_handlers() for name in handler.commands}))


@cache
def real_callback_data() -> dict[str, tuple[str, ...]]:
    """The payloads the bot's own buttons carry, by kind (the part before the first colon), from the code's
    constants and the shipped content. Kinds are picked evenly: hundreds of checklist signs must not drown
    the one `unlink:` format."""
    content = shipped()
    data = [*MONEY_ANSWERS, FORGET_YES, FORGET_NO, GUARDIAN_ACCEPT, GUARDIAN_ACCEPT_WORDS, GUARDIAN_DECLINE]
    data += [setting_data("lang", c) for c in ("en", "zh")] + [setting_data("region", r) for r in REGIONS]
    data += [setting_data("simple", s) for s in SIMPLE] + list(SUBSCRIPTIONS)
    data += ["lessons:menu", "quiz:next", "unlink:1", "unlink:42", "content:apply:abc", "broadcast:send:abc"]
    data += [f"lesson:{t}:{page}" for t in SCAM_TYPES for page in range(4)]
    data += [f"quiz:{q.id}:{answer}" for q in content.quiz for answer in (NONE, *SCAM_TYPES)]
    for scam_type, scam in content.scams.items():
        data += [f"sign:{scam_type}:{item['id']}:{money}" for item in scam["checklist"] for money in "pn"]
    kinds: dict[str, list[str]] = {}
    for payload in data:
        kinds.setdefault(payload.split(":")[0], []).append(payload)
    return {kind: tuple(payloads) for kind, payloads in kinds.items()}


def _utf16_length(text: str) -> int:
    """Telegram counts entity offsets and lengths in UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


class FuzzUpdates:
    """A seeded stream of random updates; user and chat ids start at `first_id` (groups and channels are
    negative, as Telegram's are)."""

    def __init__(self, seed: int, first_id: int) -> None:
        self.rng = random.Random(seed)
        self._next_id = first_id
        self._users: list[list[int]] = []  # [user id, updates left] of the private users now talking
        # Telegram's chat ids: basic groups small negative numbers, supergroups and channels -100... .
        base = first_id % 10**9
        self._groups = [-(base + 1 + k) for k in range(5)] + [-(10**12 + base + k) for k in range(5)]
        self._channels = [-(2 * 10**12 + base + k) for k in range(3)]

    def take(self, count: int) -> list[dict]:
        return [self.update() for _ in range(count)]

    def update(self) -> dict:
        """One update, by rough weights of what a busy bot receives."""
        kinds = (self._private, self._group, self._channel, self._membership, self._other)
        return self.rng.choices(kinds, weights=(70, 17, 6, 4, 3))[0]()

    # --- the pieces ---------------------------------------------------------------------------------
    def _user(self) -> int:
        """A private user with updates left. About 40 talk at a time, so a user's updates are spread out and
        interleave with others'; whoever has sent their share (at most PER_USER) is not heard from again."""
        if len(self._users) < 40 or self.rng.random() < 0.1:
            self._next_id += 1
            self._users.append([self._next_id, self.rng.randint(1, PER_USER)])
        slot = self.rng.choice(self._users)
        slot[1] -= 1
        if slot[1] == 0:
            self._users.remove(slot)
        return slot[0]

    def text(self, limit: int = TEXT_LIMIT) -> str:
        """Mostly short text in one or more scripts; now and then a real sentence, markup, or up to the limit."""
        rng = self.rng
        style = rng.random()
        if style < 0.2:
            return rng.choice(PHRASES)
        if style < 0.3:  # a real sentence wrapped in invisible and control characters
            noise = "".join(rng.choice(INVISIBLE + "\x00\x1b\x7f\u0085\u2028") for _ in range(rng.randint(1, 5)))
            return noise + rng.choice(PHRASES) + noise[::-1]
        length = rng.choice((1, 2, 5, 20, 80, 300)) if style < 0.95 else rng.choice((1000, 4000, limit))
        scripts = rng.sample(list(SCRIPTS), rng.randint(1, 3))
        chars = []
        for _ in range(length):
            low, high = rng.choice(SCRIPTS[rng.choice(scripts)])
            code = rng.randint(low, high)
            chars.append(chr(code) if not 0xD800 <= code <= 0xDFFF else "\ufffd")
        return "".join(chars)[:limit]

    def _entities(self, text: str) -> list[dict]:
        """A few formatting entities, as a Telegram client attaches them: in UTF-16 units, never splitting a
        character (an emoji is two units)."""
        entities = []
        for _ in range(self.rng.randint(0, 3) if text else 0):
            start = self.rng.randrange(len(text))
            end = self.rng.randint(start + 1, len(text))
            kind = self.rng.choice(("bold", "italic", "url", "mention", "hashtag", "code", "spoiler", "text_link"))
            entity = {"type": kind, "offset": _utf16_length(text[:start]), "length": _utf16_length(text[start:end])}
            if kind == "text_link":
                entity["url"] = "https://example.com/"
            entities.append(entity)
        return sorted(entities, key=lambda e: e["offset"])

    def command(self, names: tuple[str, ...] = ()) -> str:
        """One of the bot's commands (or an unknown one, or one for another bot) with random arguments."""
        rng = self.rng
        name = rng.choice(names or known_commands()) if rng.random() < 0.9 else rng.choice(("foo", "Start", "x" * 40))
        name += rng.choice(("", "", "", "@" + BOT_USER["username"], "@other_bot"))
        words = ("daily", "weekly", "en", "zh", "hk", "simple", "ABCD2345", "lesson", "stock_lecturer")
        if rng.random() < 0.3:  # a word and a number, as in "/subscribe daily 9", where a parser expects them
            args = [rng.choice(("daily", "weekly", "lesson")), rng.choice(ODD_NUMBERS + ("9", "25"))]
        else:
            pick = (lambda: rng.choice(words + ODD_NUMBERS), lambda: self.text(50))
            args = [rng.choices(pick, weights=(7, 3))[0]() for _ in range(rng.randint(0, 3))]
        return " ".join(["/" + name, *args])[:TEXT_LIMIT]

    def callback_data(self) -> str | None:
        """The bot's own payloads, mutated, or anything a client sends (Telegram allows 1-64 bytes)."""
        rng, kinds = self.rng, real_callback_data()
        real = kinds[rng.choice(list(kinds))]
        roll = rng.random()
        if roll < 0.3:
            return rng.choice(real)
        if roll < 0.8:  # one part of a real payload replaced, dropped or added
            parts = rng.choice(real).split(":")
            numbers = [i for i, part in enumerate(parts) if part.isdigit()]  # ids and pages: parsed as int
            index = rng.choice(numbers) if numbers and rng.random() < 0.5 else rng.randrange(len(parts))
            mutation = rng.randrange(4)
            if mutation == 0:
                parts[index] = rng.choice(ODD_NUMBERS + ("..", "🙂", "p", "lessons", NONE))
            elif mutation == 1:
                del parts[index]
            elif mutation == 2:
                parts.insert(index, rng.choice(ODD_NUMBERS))
            else:
                parts[index] = parts[index].upper()
            return ":".join(parts)
        if roll < 0.97:
            return self.text(64).encode()[:64].decode(errors="ignore") or "x"
        return None  # a game's button carries no data

    def _media(self, caption: bool) -> dict:
        """A message's media fields (not the text), a caption on kinds that take one, sometimes on others too."""
        rng = self.rng
        kind = rng.choice(MEDIA_KINDS)
        file = {"file_id": f"f{rng.randrange(10**6)}", "file_unique_id": "u"}
        fields = {
            "photo": {"photo": [{**file, "width": 90, "height": 90}]},
            "document": {"document": {**file, "file_name": self.text(30) or "x", "mime_type": "application/pdf"}},
            "video": {"video": {**file, "width": 1, "height": 1, "duration": 1}},
            "voice": {"voice": {**file, "duration": rng.randint(0, 3600)}},
            "sticker": {"sticker": {**file, "type": "regular", "width": 1, "height": 1, "is_animated": False,
                                    "is_video": False, "emoji": "😀"}},
            "animation": {"animation": {**file, "width": 1, "height": 1, "duration": 1},
                          "document": {**file, "mime_type": "video/mp4"}},
            "audio": {"audio": {**file, "duration": 1, "title": self.text(20)}},
            "video_note": {"video_note": {**file, "length": 1, "duration": 1}},
            "location": {"location": {"latitude": rng.uniform(-90, 90), "longitude": rng.uniform(-180, 180)}},
            "venue": {"venue": {"location": {"latitude": 0.0, "longitude": 0.0}, "title": self.text(20) or "x",
                                "address": self.text(20) or "x"},
                      "location": {"latitude": 0.0, "longitude": 0.0}},
            "contact": {"contact": {"phone_number": "+8613800138000", "first_name": self.text(10) or "x"}},
            "poll": {"poll": {"id": "1", "question": self.text(100) or "?", "options": [
                {"text": "a", "voter_count": 0, "persistent_id": "a"},
                {"text": "b", "voter_count": 0, "persistent_id": "b"}], "total_voter_count": 0,
                "is_closed": False, "is_anonymous": True, "type": "regular", "allows_multiple_answers": False,
                "allows_revoting": False, "members_only": False}},
            "dice": {"dice": {"emoji": "🎲", "value": rng.randint(1, 6)}},
        }[kind]  # fmt: skip
        if caption and (kind in CAPTIONED or rng.random() < 0.1):
            fields["caption"] = self.text(1024)  # Telegram's caption limit
            fields["caption_entities"] = self._entities(fields["caption"])
        return fields

    def _content(self, commands: tuple[str, ...] = ()) -> dict:
        """What a message holds: text (maybe forwarded, maybe an injection), a command, or media."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.5:
            text = self.text()
            fields = {"text": text, "entities": self._entities(text)}
            if rng.random() < 0.1:
                fields["forward_origin"] = {"type": "hidden_user", "sender_user_name": self.text(20) or "x", "date": 1}
            return fields
        if roll < 0.6:  # Rasa's syntax without Telegram's command entity: plain text to the bot
            return {"text": rng.choice(("", "\u200b", " ")) + rng.choice(INJECTIONS)}
        if roll < 0.8:  # a command, as Telegram marks it: an entity over "/name" or "/name@bot"
            text = rng.choice(INJECTIONS) if rng.random() < 0.2 else self.command(commands)
            name = re.match(r"/[A-Za-z0-9_@]*", text).group()
            return {"text": text, "entities": [{"type": "bot_command", "offset": 0, "length": len(name)}]}
        return self._media(caption=rng.random() < 0.6)

    def _tapped_message(self, user: int) -> dict:
        """The bot's message under a tap: with the checklist's buttons (some ticked) or none; date 0 is one too
        old for Telegram to show, which still arrives."""
        rng = self.rng
        message = {"message_id": rng.randrange(1, 10**6), "date": rng.choice((0, 1)), "from": BOT_USER,
                   "chat": {"id": user, "type": "private"}, "text": "…"}  # fmt: skip
        signs = real_callback_data()["sign"]
        if rng.random() < 0.3:
            buttons = [[{"text": f"{rng.choice(TICKED + UNTICKED)} x", "callback_data": rng.choice(signs)}]
                       for _ in range(rng.randint(1, 4))]  # fmt: skip
            message["reply_markup"] = {"inline_keyboard": buttons}
        return message

    @staticmethod
    def _only_content(message: dict) -> dict:
        return {k: v for k, v in message.items() if k not in ("message_id", "date", "chat", "from")}

    def _chat_type(self, chat_id: int) -> str:
        return "channel" if chat_id in self._channels else "group" if chat_id > -(10**12) else "supergroup"

    # --- update kinds -------------------------------------------------------------------------------
    def _private(self) -> dict:
        rng, user = self.rng, self._user()
        language = rng.choice(LANGUAGE_CODES)
        roll = rng.random()
        if roll < 0.2:
            data = self.callback_data()
            update = tap_update(user, language, data or "", self._tapped_message(user))
            update["callback_query"]["id"] = f"fuzz{rng.randrange(10**12)}"  # seeded, unlike tap_update's
            if data is None:
                del update["callback_query"]["data"]
            return update
        message_id = rng.randrange(1, 10**6)
        update = message_update(user, language, message_id=message_id, **self._only_content(self._content()))
        if roll < 0.25:  # edits are read by no one, but reach the bot
            return {"edited_message": {**update["message"], "edit_date": 2}}
        return update

    def _group(self) -> dict:
        """Messages in family groups: text, commands (the group ones more often), media, joins and leaves."""
        rng = self.rng
        chat_id = rng.choice(self._groups)
        chat = {"id": chat_id, "type": self._chat_type(chat_id), "title": self.text(20)}
        who = sender(self._next_id + rng.randint(1, 50), rng.choice(LANGUAGE_CODES))
        roll = rng.random()
        if roll < 0.15:
            fields = {"new_chat_members": [rng.choice((who, BOT_USER))]}
        elif roll < 0.2:
            fields = {"left_chat_member": rng.choice((who, BOT_USER))}
        elif roll < 0.3:  # "@bot, is this a scam?" in reply to a message
            question = f"@{BOT_USER['username']} ?"
            mention = {"type": "mention", "offset": 0, "length": len(BOT_USER["username"]) + 1}
            replied = {"message_id": 1, "date": 1, "chat": chat, "from": who, **self._content()}
            fields = {"text": question, "entities": [mention], "reply_to_message": replied}
        else:
            fields = self._only_content(self._content(commands=("quiet", "loud", "leave", "start", "help")))
        message = {"message_id": rng.randrange(1, 10**6), "date": 1, "chat": chat, "from": who, **fields}
        if rng.random() < 0.1:
            return {"edited_message": {**message, "edit_date": 2}}
        if rng.random() < 0.05:  # a tap on a button under a group's message
            query = {"id": f"fuzz{rng.randrange(10**12)}", "from": who, "chat_instance": "g", "message": message}
            return {"callback_query": query | {"data": self.callback_data() or "x"}}
        return {"message": message}

    def _channel(self) -> dict:
        """Posts in a channel the bot was added to: no sender, only the channel."""
        chat = {"id": self.rng.choice(self._channels), "type": "channel", "title": "News"}
        post = {"message_id": self.rng.randrange(1, 10**6), "date": 1, "chat": chat, "sender_chat": chat,
                **self._only_content(self._content())}  # fmt: skip
        if self.rng.random() < 0.3:
            return {"edited_channel_post": {**post, "edit_date": 2}}
        return {"channel_post": post}

    def _membership(self) -> dict:
        """The bot added to, promoted in, or removed from a group, a channel, or blocked in a private chat."""
        rng = self.rng
        status = rng.choice(("member", "administrator", "left", "kicked", "restricted"))
        if rng.random() < 0.3:  # a private chat: the user blocked (kicked) or unblocked (member) the bot
            user = self._user()
            chat, status = {"id": user, "type": "private"}, rng.choice(("member", "kicked"))
        else:
            chat_id = rng.choice(self._groups + self._channels)
            user = self._next_id + rng.randint(1, 50)
            chat = {"id": chat_id, "type": self._chat_type(chat_id), "title": "F"}
        update = bot_added_update(chat["id"], user, rng.choice(LANGUAGE_CODES), "member")
        change = update["my_chat_member"]
        new = {"status": status, "user": BOT_USER, "until_date": 0}
        if status == "administrator":
            new = {"status": status, "user": BOT_USER, **dict.fromkeys(ADMIN_RIGHTS, rng.random() < 0.5)}
        elif status == "restricted":
            new = {"status": status, "user": BOT_USER, "is_member": True, "until_date": 0,
                   **dict.fromkeys(RESTRICTIONS, False)}  # fmt: skip
        return {"my_chat_member": {**change, "chat": chat, "new_chat_member": new}}

    def _other(self) -> dict:
        """Update kinds the bot has no handler for: they must pass by quietly."""
        rng = self.rng
        who, group = sender(self._next_id + rng.randint(1, 50), "en"), rng.choice(self._groups)
        return rng.choice((
            {"poll_answer": {"poll_id": "1", "user": who, "option_ids": [0], "option_persistent_ids": ["a"]}},
            {"message_reaction": {"chat": {"id": group, "type": self._chat_type(group)}, "message_id": 1,
                                  "user": who, "date": 1, "old_reaction": [],
                                  "new_reaction": [{"type": "emoji", "emoji": "👍"}]}},
            {"chat_join_request": {"chat": {"id": group, "type": self._chat_type(group)}, "from": who,
                                   "user_chat_id": who["id"], "date": 1}},
        ))  # fmt: skip
