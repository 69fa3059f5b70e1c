"""Families end to end: the bot as its own process, the fake Bot API, the real Rasa server, a SQLite file.
A relative links to an older user with consent and gets alerts; family groups get warnings only for scams."""

from __future__ import annotations

import html
import re
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
import yaml

from bot.content.reassurance import reassuring_phrase
from bot.content.render import Audience, to_plain
from testkit import ROOT
from testkit.bot_process import bot_environment, running_bot
from testkit.content_text import (
    EN,
    ZH,
    ZH_SIMPLE,
    filled,
    in_order,
    numbers,
    opening,
    region_steps,
    rendered,
    scam_name,
    words,
)
from testkit.fake_bot_api import inline_buttons
from testkit.telegram_updates import (
    bot_added_update,
    command_update,
    group_message_update,
    message_update,
    new_id,
    tap_update,
    wait_for_more,
)

pytestmark = pytest.mark.rasa

LOAN_FEE_PAID = "网贷App说我的账户被冻结了，要先交解冻费才能放款，我已经转了3000块过去"


@pytest.fixture
def bot(api, rasa_url, tmp_path):
    with running_bot(api, bot_environment(api, rasa_url, tmp_path), tmp_path / "bot.log") as process:
        yield process


def texts(api, chat_id: int, method: str = "sendMessage") -> list[str]:
    return [html.unescape(m["text"]) for m in api.sent(method, chat_id)]


def wait_for_text(api, chat_id: int, needle: str, method: str = "sendMessage", timeout: float = 60) -> str:
    api.wait_for(lambda a: any(needle in t for t in texts(a, chat_id, method)), timeout=timeout)
    return next(t for t in texts(api, chat_id, method) if needle in t)


def wait_for_entry(api, chat_id: int, key: str, reader: Audience, method: str = "sendMessage") -> dict[str, str]:
    """Waits for the message that is the entry `key` of messages.yml; returns what its placeholders hold."""
    api.wait_for(lambda a: any(filled(key, reader, t) is not None for t in texts(a, chat_id, method)), timeout=60)
    return next(filled(key, reader, t) for t in texts(api, chat_id, method) if filled(key, reader, t) is not None)


def link(api, relative: int, elder: int, *args: str, accept: str = "guardian:accept") -> str:
    """The relative asks for a code, the older user opens the deep link and answers the consent question."""
    api.push_update(command_update(relative, "en", " ".join(["/guardian", *args])))
    code_message = wait_for_entry(api, relative, "guardian_code", EN)
    code = code_message["code"]
    assert re.fullmatch(r"[A-Z0-9]{8}", code)
    assert code_message["link"] == f"https://t.me/anti_fraud_test_bot?start={code}"
    api.push_update(command_update(elder, "zh-hans", f"/start {code}"))
    # The consent question: what the relative will and will not see, in the older user's language.
    wait_for_entry(api, elder, "guardian_consent", ZH)
    before = len(texts(api, relative))
    api.push_update(tap_update(elder, "zh-hans", accept))
    api.wait_for(lambda a: len(texts(a, relative)) > before)
    return code


def alerts_to(api, relative: int) -> list[str]:
    """The family alerts an (English-speaking) relative has received."""
    first_line = html.unescape(opening("guardian_alert", EN))
    return [t for t in texts(api, relative) if t.startswith(first_line)]


def test_relative_links_with_consent_and_gets_one_alert_when_money_has_gone(api, bot, tmp_path):
    relative, elder = new_id(), new_id()
    api.names.update({relative: "Wei", elder: "Lin"})
    link(api, relative, elder, "zh", "cn", "simple")
    assert filled("guardian_linked_relative", EN, texts(api, relative)[-1]) == {"who": "Lin", "words": ""}
    # The settings the relative chose are the older user's now, with simple mode's big buttons.
    with sqlite3.connect(tmp_path / "bot.db") as db:
        assert db.execute("SELECT language, region, audience FROM users WHERE telegram_id = ?", (elder,)).fetchone() \
            == ("zh", "cn", "elderly")  # fmt: skip
    keyboards = [m["reply_markup"] for m in api.sent(chat_id=elder) if "keyboard" in (m.get("reply_markup") or {})]
    big_buttons = [b["text"] for row in keyboards[-1]["keyboard"] for b in row]
    big = ("button_yes", "button_no", "button_call_help", "button_ask_family")
    assert big_buttons == [words(key, ZH_SIMPLE) for key in big]

    api.push_update(message_update(elder, "zh-hans", text=LOAN_FEE_PAID))
    what_to_do, title = words("alert_what_to_do", EN), words("alert_title", EN)
    wait_for_text(api, relative, what_to_do)
    alert = to_plain("\n".join(m["text"] for m in api.sent(chat_id=relative)))
    alert = alert[alert.index(title) :]
    assert words("alert_who_scam", EN, who="Lin", scam=scam_name("loan_unfreeze_fee", EN)) in alert
    # What to do now, in the older user's region's order: 110 with the receiving account, then the bank.
    assert words("alert_money", EN) in alert and in_order(alert, what_to_do, *region_steps(EN)), alert
    assert "网贷" not in alert  # the older user did not agree to share their words

    # More messages in the same episode: still exactly one alert.
    before = len(api.sent(chat_id=elder))
    api.push_update(message_update(elder, "zh-hans", text="他们又让我再交2000块保证金，我已经转了"))
    api.push_update(message_update(elder, "zh-hans", text="谢谢"))
    welcome = html.unescape(rendered("you_are_welcome", ZH_SIMPLE)[0])
    api.wait_for(lambda a: welcome in texts(a, elder)[before:])
    assert len(alerts_to(api, relative)) == 1


def test_linking_works_when_telegram_cannot_say_the_relatives_name(api, bot):
    """getChat answered with an incomplete object used to make /link fail outright (issue 15, fault 5)."""
    relative, elder = new_id(), new_id()
    api.names.update({relative: "Wei", elder: "Lin"})
    api.incomplete.add("getChat")
    link(api, relative, elder, "zh", "cn", "simple")
    # The consent question names the relative as "someone" instead of failing.
    assert wait_for_entry(api, elder, "guardian_consent", ZH)["who"] == words("someone", ZH)
    # The link is made: the relative is told, with the older user's name from the update itself.
    assert filled("guardian_linked_relative", EN, texts(api, relative)[-1]) == {"who": "Lin", "words": ""}


def test_sharing_words_asking_family_and_unlinking(api, bot):
    relative, elder = new_id(), new_id()
    api.names.update({relative: "Wei", elder: "Lin"})
    link(api, relative, elder, "zh", accept="guardian:accept_words")
    linked = filled("guardian_linked_relative", EN, texts(api, relative)[-1])
    assert linked == {"who": "Lin", "words": words("guardian_words_shared", EN)}
    # Benign chat: no alert.
    for text in ("你好", "今天天气真好，孙子放学了"):
        api.push_update(message_update(elder, "zh-hans", text=text))
    api.wait_for(lambda a: len(a.sent(chat_id=elder)) >= 4)
    assert alerts_to(api, relative) == []

    # "Ask my family" (the big button): an alert right away, with the words they agreed to share.
    api.push_update(message_update(elder, "zh-hans", text="有个老师让我从链接下载炒股软件"))
    api.push_update(message_update(elder, "zh-hans", text="👪 问问家人"))
    wait_for_text(api, elder, words("ask_family_sent", ZH_SIMPLE))  # simple mode's wording
    alert = alerts_to(api, relative)[-1]
    assert words("alert_who_asks", EN, who="Lin") in alert and "有个老师让我从链接下载炒股软件" in alert

    # Either side can remove the link; both are told; no alerts afterwards.
    api.push_update(command_update(elder, "zh-hans", "/family"))
    family_list = words("family_list", ZH_SIMPLE)
    api.wait_for(lambda a: family_list in texts(a, elder))
    listing = [m for m in api.sent(chat_id=elder) if html.unescape(m["text"]) == family_list][-1]
    buttons = inline_buttons(listing)
    assert len(buttons) == 1
    label, data = buttons[0]
    assert label == f"❌ {words('family_helps_you', ZH_SIMPLE, who='Wei')}" and data.startswith("unlink:")
    api.push_update(tap_update(new_id(), "en", data))  # someone else's tap changes nothing
    api.push_update(tap_update(elder, "zh-hans", data))
    assert wait_for_entry(api, elder, "family_removed", ZH_SIMPLE, method="editMessageText") == {"who": "Wei"}
    assert wait_for_entry(api, relative, "family_removed", EN) == {"who": "Lin"}
    count = len(alerts_to(api, relative))
    api.push_update(message_update(elder, "zh-hans", text=LOAN_FEE_PAID))
    wait_for_text(api, elder, numbers("cn", "advice_line")[0])
    api.push_update(message_update(elder, "zh-hans", text="👪 问问家人"))
    wait_for_text(api, elder, words("ask_family_none", ZH_SIMPLE))
    assert len(alerts_to(api, relative)) == count


def test_expired_reused_and_guessed_codes_are_refused(api, bot, tmp_path):
    relative, elder, other = new_id(), new_id(), new_id()
    code = link(api, relative, elder)
    api.push_update(command_update(other, "zh-hans", f"/link {code}"))
    api.wait_for(lambda a: texts(a, other))
    assert texts(api, other) == [words("code_used", ZH)]

    api.push_update(command_update(relative, "en", "/guardian"))

    def codes(a) -> list[dict]:
        return [found for t in texts(a, relative) if (found := filled("guardian_code", EN, t)) is not None]

    api.wait_for(lambda a: len(codes(a)) == 2)
    fresh = codes(api)[-1]["code"]
    with sqlite3.connect(tmp_path / "bot.db") as db:  # a day passes
        past = (datetime.now(UTC) - timedelta(hours=25)).isoformat(sep=" ")
        db.execute("UPDATE guardian_codes SET expires_at = ? WHERE used_at IS NULL", (past,))
    api.push_update(command_update(other, "zh-hans", f"/link {fresh}"))
    api.wait_for(lambda a: len(texts(a, other)) == 2)
    assert texts(api, other)[-1] == words("code_expired", ZH)

    # 30 guesses in a row (as many as the per-user limit lets through in a minute): 5 are checked, the rest are
    # throttled without being checked.
    guesser = new_id()
    for attempt in range(30):
        api.push_update(command_update(guesser, "en", f"/link WRONG{attempt:03d}"))
    api.wait_for(lambda a: len(texts(a, guesser)) >= 30, timeout=120)
    replies = texts(api, guesser)
    assert sum(r == words("code_unknown", EN) for r in replies) == 5
    assert sum(r == words("code_throttled", EN) for r in replies) == 25


def test_family_group_intro_once_warns_on_a_forwarded_scam_and_leaves(api, bot):
    group, member = -new_id(), new_id()
    api.push_update(bot_added_update(group, member, "zh-hans"))
    api.push_update(bot_added_update(group, member, "zh-hans"))
    intro = words("group_intro", ZH)  # in the language of whoever added the bot
    wait_for_text(api, group, intro)
    forwarded = {"type": "hidden_user", "date": 0, "sender_user_name": "李老师"}
    scam = "【牛股早知道】李老师今天免费荐股，进VIP群每天直播讲课，下载我们的App跟着老师操作，稳赚不赔！"
    api.push_update(group_message_update(group, member, "zh-hans", text=scam, forward_origin=forwarded))
    # Forwarded: the scammer's own message, so the warning says "this message is a ..." scam.
    lead = words("group_message_is", ZH)
    warning = wait_for_text(api, group, lead)
    assert scam_name("stock_lecturer", ZH) in warning
    reply = [m for m in api.sent(chat_id=group) if lead in html.unescape(m["text"])][-1]
    assert reply.get("reply_parameters", {}).get("message_id") or reply.get("reply_to_message_id")
    assert texts(api, group).count(intro) == 1

    # Asked about an ordinary message (reply + mention, which works with privacy mode on): an answer that
    # does not call it safe; chit-chat without a mention: silence.
    ordinary = group_message_update(group, member, "zh-hans", text="今晚回家吃饭，妈妈做了红烧肉")["message"]
    api.push_update({"message": ordinary})
    mention = "@anti_fraud_test_bot"
    entities = [{"type": "mention", "offset": 0, "length": len(mention)}]
    question = group_message_update(group, member, "zh-hans", text=f"{mention} 这条要紧吗", entities=entities)
    question["message"]["reply_to_message"] = ordinary
    api.push_update(question)
    # Never "nothing found" or "it is fine": what one message cannot tell, and how to check.
    answer = wait_for_text(api, group, words("group_nothing_found", ZH))
    assert reassuring_phrase(answer) is None
    api.admins[group] = {member}  # whoever added the bot here is the group's administrator
    api.push_update(group_message_update(group, member, "zh-hans", text="/leave",
                                         entities=[{"type": "bot_command", "offset": 0, "length": 6}]))  # fmt: skip
    api.wait_for(lambda a: a.sent("leaveChat"), timeout=30)
    assert api.sent("leaveChat")[-1]["chat_id"] == group
    assert texts(api, group)[-1] == words("group_leaving", ZH)


def group_command(group: int, user: int, command: str, **fields) -> dict:
    entities = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return group_message_update(group, user, "en", text=command, entities=entities, **fields)


def test_only_group_administrators_can_quiet_the_bot_or_send_it_away(api, bot):
    """A scammer among the members must not be able to switch the protection down (issue 15)."""
    group, admin, member = -new_id(), new_id(), new_id()
    api.admins[group] = {admin}
    api.push_update(bot_added_update(group, admin, "en"))
    wait_for_text(api, group, words("group_intro", EN))
    refused = words("group_admins_only", EN)
    for command in ("/loud", "/quiet", "/leave"):
        before = len(api.sent(chat_id=group))
        api.push_update(group_command(group, member, command))
        assert [html.unescape(m["text"]) for m in wait_for_more(api, group, before, lambda m: True)] == [refused]
    # Telegram cannot say who the sender is: refused too, not allowed.
    api.fail_next("getChatMember", 400)
    before = len(api.sent(chat_id=group))
    api.push_update(group_command(group, admin, "/loud"))
    assert [html.unescape(m["text"]) for m in wait_for_more(api, group, before, lambda m: True)] == [refused]
    # Nothing the member sent took effect: the admin's /quiet goes from normal to quiet (from loud it would
    # only have reached normal).
    api.push_update(group_command(group, admin, "/quiet"))
    wait_for_text(api, group, words("group_quiet", EN))
    assert all(c["chat_id"] != group for c in api.sent("leaveChat"))
    # An anonymous administrator writes as the group itself.
    anonymous = {"id": group, "type": "group", "title": "Family"}
    api.push_update(group_command(group, 1087968824, "/leave", sender_chat=anonymous))
    api.wait_for(lambda a: any(c["chat_id"] == group for c in a.sent("leaveChat")), timeout=30)


def test_ordinary_family_chat_gets_no_more_than_two_percent_false_alarms(api, bot):
    group, member = -new_id(), new_id()
    api.push_update(bot_added_update(group, member, "en"))
    wait_for_text(api, group, words("group_intro", EN))
    messages = yaml.safe_load((ROOT / "tests" / "data" / "family_chat.yml").read_text(encoding="utf-8"))["messages"]
    assert len(messages) >= 100
    for item in messages:
        api.push_update(group_message_update(group, member, "zh-hans", text=item["text"]))
    # The group's messages are answered in order: once the bot has warned about this last one, it has read
    # all the others.
    marker = "有个老师让我下载App投资，说稳赚不赔，先交保证金"
    api.push_update(group_message_update(group, member, "zh-hans", text=marker))
    wait_for_text(api, group, words("group_warning_lead", ZH), timeout=120)
    leads = [words(key, reader) for key in ("group_warning_lead", "group_message_is") for reader in (ZH, EN)]
    warnings = [t for t in texts(api, group) if any(lead in t for lead in leads)]
    false_alarms = len(warnings) - 1
    assert false_alarms / len(messages) <= 0.02, f"{false_alarms} false alarms in {len(messages)} messages"


def family_rates(api, sections: dict[int, str], group: int) -> dict[str, float]:
    """Per section of a family file, the share of its messages the bot warned about (warnings reply to them)."""
    replied = set()
    for sent in api.sent(chat_id=group):
        target = (sent.get("reply_parameters") or {}).get("message_id") or sent.get("reply_to_message_id")
        if target is not None:
            replied.add(target)
    totals: dict[str, int] = {}
    warned: dict[str, int] = {}
    for message_id, section in sections.items():
        totals[section] = totals.get(section, 0) + 1
        warned[section] = warned.get(section, 0) + (message_id in replied)
    return {section: warned[section] / totals[section] for section in totals}


def test_blind_family_file_warns_on_scams_and_stays_quiet_on_talk_and_chat(api, bot):
    """tests/data/family_blind2.yml, written blind: forwarded or described scams, relatives talking about scams,
    ordinary chat. Targets (issue 14): warn on at least 80% of the scams, at most 2% of each of the others."""
    group, member = -new_id(), new_id()
    api.push_update(bot_added_update(group, member, "en"))
    wait_for_text(api, group, words("group_intro", EN))
    data = yaml.safe_load((ROOT / "tests" / "data" / "family_blind2.yml").read_text(encoding="utf-8"))
    sections: dict[int, str] = {}
    for section, items in data.items():
        for item in items:
            update = group_message_update(group, member, "zh-hans" if item["lang"] == "zh" else "en", text=item["text"])
            sections[update["message"]["message_id"]] = section
            api.push_update(update)
    marker = group_message_update(group, member, "zh-hans", text="有个老师让我下载App投资，说稳赚不赔，先交保证金")
    api.push_update(marker)
    api.wait_for(
        lambda a: any(
            (m.get("reply_parameters") or {}).get("message_id") == marker["message"]["message_id"]
            for m in a.sent(chat_id=group)
        ),
        timeout=300,
    )
    rates = family_rates(api, sections, group)
    assert rates["ordinary"] <= 0.02, rates
    assert rates["scams"] >= 0.80, rates
    # Measured on the build that added this file (2026-11-30): 4 of the 40 scam-talk messages (10%) were warned
    # about, against a target of at most 2%; 2 of 40 (5%) after the second stop of issue 14 (family scam talk in
    # the training data), still 2 of 40 after the third (scams warned about 82.5% -> 88.8%). Recorded, not tuned
    # away: the test fails once it is met.
    assert rates["scam_talk"] > 0.02, f"scam talk now within target ({rates}): remove this expected failure"
    pytest.xfail(
        f"relatives talking about scams warned about: {rates['scam_talk']:.1%} (target 2%); "
        f"scams warned about {rates['scams']:.1%}, ordinary messages {rates['ordinary']:.1%}"
    )
