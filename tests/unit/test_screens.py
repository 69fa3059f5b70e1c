"""How a turn's kinds become at most two messages with the rest behind buttons (bot/dialogue/screens.py,
issue 16), on made-up rendered pieces and the shipped button labels."""

from __future__ import annotations

import pytest

from bot.content.render import Audience, localise
from bot.dialogue.buttons import Button
from bot.dialogue.screens import Rendered, lay_out, more_data, parse_more
from bot.text_limits import TELEGRAM_MESSAGE_LIMIT


@pytest.fixture(scope="module")
def content(shipped_content):
    """The session's shared content as it is live (tests/conftest.py)."""
    return shipped_content.current

ZH = Audience("zh", "standard", "cn")
MONEY = ((Button("是", "money:paid"), Button("没有", "money:not_paid"), Button("不确定", "money:unsure")),)
SIGNS = ((Button("⬜ 陌生人荐股", "sign:stock_lecturer:stranger:p"),),)


def step(kind: str, *pieces: str, buttons=(), money_gone: bool = False) -> Rendered:
    return Rendered(kind, "stock_lecturer", money_gone, pieces, buttons)


def data(message) -> list[str]:
    return [b.data for row in message.buttons for b in row]


def test_after_paid_the_stop_loss_steps_alone_and_the_story_behind_buttons(content):
    rendered = [
        step("stop_loss", "先报警", "110", money_gone=True),
        step("warning", money_gone=True),  # shown already with the money question: renders nothing
        step("case", "案例", money_gone=True),
        step("checklist", "信号", buttons=SIGNS, money_gone=True),
    ]
    [message] = lay_out(content, ZH, rendered, offer_more=True)
    # After the stop-loss steps (never before them), the offer of help after the loss (issue 17).
    assert message.kinds == ("stop_loss",)
    assert message.text == "先报警\n\n110\n\n" + localise(content.messages["after_loss_offer"], "zh", "standard")
    # The report pack and check-ins first; the numbers are in the stop-loss steps: no "Report" button.
    assert data(message) == ["pack:stock_lecturer", "checkin:stock_lecturer",
                             "more:checklist:stock_lecturer:p", "more:case:stock_lecturer:p"]  # fmt: skip


def test_no_offer_of_help_after_a_loss_when_no_money_has_gone_or_in_a_family_group(content):
    not_paid = [step("warning", "这是荐股诈骗"), step("case", "案例")]
    assert all("pack:" not in d for m in lay_out(content, ZH, not_paid, offer_more=True) for d in data(m))
    paid = [step("stop_loss", "先报警", money_gone=True)]
    [in_group] = lay_out(content, ZH, paid, offer_more=False)
    assert in_group.text == "先报警" and not in_group.buttons


def test_a_story_gets_what_to_do_now_then_the_question_with_its_answers_and_where_to_report(content):
    rendered = [step("stop_now", "先停下"), step("ask_money", "这是荐股诈骗", "转钱了吗？", buttons=MONEY)]
    first, second = lay_out(content, ZH, rendered, offer_more=True)
    assert (first.kinds, first.text, first.buttons) == (("stop_now",), "先停下", ())
    assert second.text == "这是荐股诈骗\n\n转钱了吗？"
    assert data(second) == ["money:paid", "money:not_paid", "money:unsure", "more:report:stock_lecturer:n"]


def test_with_nothing_urgent_what_to_do_comes_first_and_the_rest_is_offered(content):
    rendered = [step("warning"), step("case", "案例"), step("checklist", "信号", buttons=SIGNS)]
    rendered.append(step("prevention", "怎么防"))
    [message] = lay_out(content, ZH, rendered, offer_more=True)
    assert message.text == "怎么防"
    assert data(message) == [
        "more:checklist:stock_lecturer:n", "more:case:stock_lecturer:n", "more:report:stock_lecturer:n"
    ]  # fmt: skip
    assert [[b.label for b in row] for row in message.buttons] == [["🔍 危险信号", "📖 真实案例"], ["☎️ 报警求助"]]


def test_more_than_two_urgent_kinds_are_joined_into_two_messages(content):
    rendered = [step("stop_loss", "报警", money_gone=True), step("intervention", "这是真的劝阻")]
    rendered.append(step("relative_help", "帮家人"))
    messages = lay_out(content, ZH, rendered, offer_more=True)
    assert [m.kinds for m in messages] == [("stop_loss",), ("intervention", "relative_help")]


def test_a_family_group_gets_the_warning_without_buttons(content):
    [message] = lay_out(content, ZH, [step("group_warning", "小心")], offer_more=False)
    assert message.text == "小心" and message.buttons == ()


def test_a_join_past_telegrams_limit_is_split_not_cut(content):
    long = "很长的一段话。" * 500
    rendered = [step("stop_now", "先停下"), step("warning", long), step("ask_money", "转钱了吗？", buttons=MONEY)]
    messages = lay_out(content, ZH, rendered, offer_more=True)
    joined = "\n\n".join(m.text for m in messages)
    assert all(len(m.text) <= TELEGRAM_MESSAGE_LIMIT for m in messages)
    assert joined.count("很长的一段话。") == 500 and joined.endswith("转钱了吗？")
    assert data(messages[-1])[:3] == ["money:paid", "money:not_paid", "money:unsure"]


def test_more_button_data_is_checked_against_the_kinds_and_the_live_scam_types(content):
    assert parse_more(more_data("case", "stock_lecturer", True), content).kind == "case"
    for tampered in ("more:case:nope:p", "more:warning:stock_lecturer:p", "more:case:stock_lecturer:x", "more:", None):
        assert parse_more(tampered, content) is None
    longest = max(len(more_data(k, s, True).encode()) for k in ("checklist", "prevention") for s in content.scams)
    assert longest <= 64
