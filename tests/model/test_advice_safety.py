"""Each kind of unsafe advice found when the bot was tried as real users would (issue "Advice safety"), replayed
through the one conversation turn and the real Rasa server: what the user reads first, and what they never read.

Wording is trainer-editable, so the checks read the meaning: the message kinds, and the region's own steps and
numbers as content/ renders them.
"""

from __future__ import annotations

import html
import uuid

import pytest

from bot.content.loader import load_content
from bot.content.reassurance import reassuring_phrase
from bot.content.render import Audience, localise, to_plain
from bot.dialogue.turn import TurnRequest, TurnResult, take_turn
from bot.rasa_client import RasaClient
from testkit import ROOT
from testkit.content_text import number_lines, numbers

pytestmark = pytest.mark.rasa


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content")


@pytest.fixture
async def talk(rasa_url, rasa_token, content):
    """talk(reader, *messages) -> the results of each turn of one new conversation."""
    async with RasaClient(rasa_url, rasa_token) as nlu:

        async def conversation(reader: Audience, *messages: str) -> list[TurnResult]:
            sender = f"safety-test-{uuid.uuid4().hex}"
            requests = [TurnRequest(reader, text=message, conversation_id=sender) for message in messages]
            return [await take_turn(nlu, content, request) for request in requests]

        yield conversation


def text_of(result: TurnResult) -> str:
    return "\n".join(to_plain(m.text) for m in result.messages)


def first_step(content, reader: Audience) -> str:
    """The region's first stop-payment step, as a user reads it."""
    steps = localise(content.regions[reader.region]["stop_payment"], reader.lang, reader.audience)
    return to_plain(html.escape(steps[0]))


def message_of(content, key: str, reader: Audience) -> str:
    return localise(content.messages[key], reader.lang, reader.audience)


ZH_SIMPLE = Audience("zh", "elderly", "cn")
ZH = Audience("zh", "standard", "cn")
EN = Audience("en", "standard", "us")


async def test_1_no_reassurance_when_a_bank_clerk_stopped_a_transfer_or_a_bank_login_was_typed_into_an_app(talk):
    clerk = await talk(ZH_SIMPLE, "银行柜员不让我给网上的老师转钱，还叫了警察，银行是不是管太多了")
    login = await talk(EN, "I installed the app they told me to and typed in my bank login")
    for result in (clerk[0], login[0]):
        assert reassuring_phrase(text_of(result)) is None
    assert clerk[0].kinds[0] == "intervention"
    assert login[0].kinds[0] == "stop_loss"


async def test_2_a_96110_call_and_a_12381_text_are_said_to_be_real(talk):
    call = await talk(ZH, "96110打电话给我，叫我不要再转账了，这个电话是真的吗？是不是冒充警察的骗子")
    text = await talk(ZH, "【12381】您好，您近期接触的电话可能涉嫌诈骗，请勿向陌生账户转账，谨防上当")
    for result in (call[0], text[0]):
        assert result.kinds[0] == "intervention"
        assert "warning" not in result.kinds and "clarify" not in result.kinds


@pytest.mark.parametrize(
    ("reader", "message", "first"),
    [
        (ZH_SIMPLE, "已经转出去两万多了", "stop_loss"),
        (EN, "my grandson had a car accident, don't tell his parents he says, I'm on my way to the bank", "stop_now"),
        (EN, "my grandson is in jail and needs me to buy gift cards for his bail", "stop_now"),
    ],
)
async def test_3_emergencies_get_what_to_do_now_not_the_menu(talk, content, reader, message, first):
    (result,) = await talk(reader, message)
    assert result.kinds[0] == first, result.kinds
    assert "clarify" not in result.kinds
    assert first_step(content, reader) in text_of(result)


@pytest.mark.parametrize(
    "message",
    [
        "I gave the caller the verification code from my SMS",
        "I typed my card number and the 3 digits on the back into the link",
        "he had me install AnyDesk and he can see my screen right now",
        "I invested 30,000 on the platform the mentor recommended",
        "the teacher even made me money at first, then I put in more",
    ],
)
async def test_4_a_code_card_details_remote_control_or_money_invested_counts_as_gone(talk, content, message):
    (result,) = await talk(EN, message)
    assert result.kinds[0] == "stop_loss", result.kinds
    assert "ask_money" not in result.kinds
    assert first_step(content, EN) in to_plain(result.messages[0].text)


async def test_5_while_screen_sharing_is_live_ending_it_comes_first(talk, content):
    (result,) = await talk(ZH, "客服让我下载了向日葵，现在他还在远程看着我的手机屏幕，叫我打开银行app")
    first = to_plain(result.messages[0].text)
    steps = [line for line in first.splitlines() if line.startswith("•")]
    assert steps[0] == "• " + message_of(content, "cut_device_control", ZH)
    assert first.index(message_of(content, "cut_device_control", ZH)) < first.index(first_step(content, ZH))


async def test_6_a_recovery_offer_gets_its_warning_first_and_can_i_get_it_back_the_stop_loss(talk, content):
    (offer,) = await talk(EN, "a lawyer says his recovery team can get my money back if I pay a 10% fee first")
    assert offer.kinds[0] in ("stop_now", "stop_loss")
    scam_first_step = localise(content.scams["recovery_scam"]["stop_loss"], "en", "standard")[0]
    assert to_plain(html.escape(scam_first_step)) in to_plain(offer.messages[0].text)
    (back,) = await talk(EN, "Can I get my money back?")
    assert back.kinds[0] == "stop_loss" and "clarify" not in back.kinds
    assert to_plain(html.escape(message_of(content, "recovery_warning", EN))) in to_plain(back.messages[0].text)


@pytest.mark.parametrize(
    "message",
    [
        "I lost 20k to a stock teacher's group last year, now a lawyer says he can recover it for a 10% fee upfront",
        "之前网贷被骗了两万，现在有个律师团队说能帮我追回损失，要先交服务费",
    ],
)
async def test_6_a_recovery_offer_after_another_scam_is_the_recovery_scam_not_the_old_one(talk, content, message):
    (result,) = await talk(EN, message)
    assert result.plan.scam_type == "recovery_scam"
    assert result.kinds[0] in ("stop_now", "stop_loss")
    scam_first_step = localise(content.scams["recovery_scam"]["stop_loss"], "en", "standard")[0]
    assert to_plain(html.escape(scam_first_step)) in to_plain(result.messages[0].text)


async def test_7_sextortion_starts_with_do_not_pay(talk, content):
    (result,) = await talk(EN, "pay me $500 or we send the video to all your contacts")
    assert result.kinds[0] == "stop_now"
    scam_first_step = localise(content.scams["sextortion"]["stop_loss"], "en", "standard")[0]
    assert to_plain(html.escape(scam_first_step)) in to_plain(result.messages[0].text)
    assert "dating_recharge" not in {step.scam_type for step in result.plan.steps}


async def test_8_a_relative_asking_how_to_persuade_gets_advice_for_a_helper(talk):
    (result,) = await talk(EN, "my father sent 100,000 to a stock teacher and won't believe me, how do I persuade him?")
    assert result.kinds[0] == "relative_help"
    assert "stop_loss" not in result.kinds
    assert result.plan.relative and result.plan.steps[0].money_gone


async def test_9_region_numbers_are_shown_under_their_kind(talk, content):
    uk = Audience("en", "standard", "uk")
    (result,) = await talk(uk, "I already transferred 2,000 pounds to the 'bank security team'")
    listed = next(m.text for m in result.messages if number_lines(uk, "bank")[0] in m.text).splitlines()
    # 159 reaches your bank: it is listed under the bank's heading, never under the police's (Scotland reports
    # to Police Scotland on 101); every number of the region is there, each under its kind.
    bank = number_lines(uk, "bank")
    others = number_lines(uk, "emergency", "police", "advice_line", "report")
    assert all(line in listed for line in bank + others), listed
    assert all(any(number in line for line in bank) for number in numbers("uk", "bank"))
    assert not any(number in line for line in others for number in numbers("uk", "bank"))
    assert all(any(number in line for line in others) for number in numbers("uk", "police", "report"))
    us = Audience("en", "standard", "us")
    (result,) = await talk(us, "my mom already wired 9,000 dollars to a fake lawyer")
    # The advice lines, the DOJ Elder Fraud Hotline among them.
    assert all(number in text_of(result) for number in numbers("us", "advice_line"))
