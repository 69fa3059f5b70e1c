"""`python -m bot chat` scripted through a pipe: what a user reads, turn by turn."""

from __future__ import annotations

import pytest

from bot.content.render import localise, to_plain
from testkit.bot_cli import run_bot
from testkit.content_text import (
    EN,
    ZH,
    ZH_SIMPLE,
    in_order,
    numbers,
    opening,
    opens_as,
    region_steps,
    rendered,
    shipped,
    words,
)

pytestmark = pytest.mark.rasa


def stop_loss(reader) -> str:
    """How the stop-loss path opens, as the chat command prints it."""
    return to_plain(opening("stop_loss", reader, paid=True))


def chat(bot_env, turns: list[str], *args: str) -> list[str]:
    result = run_bot(["chat", *args], env=bot_env, stdin="\n".join(turns) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # Each message, without the line of its buttons ("     [label]  [label]"), which typing a label taps.
    blocks = [block for block in result.stdout.split("bot> ") if block.strip()]
    return ["\n".join(line for line in b.splitlines() if not line.startswith("     [")) for b in blocks]


def more(key: str, reader) -> str:
    """A button under the turn's last message, typed as the chat command shows it ("[📖 真实案例]")."""
    return words(key, reader)


def test_zh_paid_story_gets_the_stop_loss_path_first_and_the_rest_on_request(bot_env):
    story = "群里的股票老师让我从他发的链接下载炒股app，我已经充了5万进去，现在提不了现"
    messages = chat(bot_env, [story, more("more_case", ZH), more("more_signs", ZH)], "--lang", "zh")
    assert messages[0].startswith(stop_loss(ZH))
    # Mainland China: 110 with the receiving account (an emergency stop-payment) before the user's own bank,
    # in the region's order, and the numbers, 96110 included, in the same message.
    assert in_order(messages[0], *region_steps(ZH)), messages[0]
    assert numbers("cn", "advice_line")[0] in messages[0]
    # At most two messages for the story (issue 16); the real case and the signs when asked, in that order.
    case, signs = words("case_title", ZH), words("checklist_title", ZH)
    # (Typing a button's label gets its message only while the button is offered.)
    story_messages = messages[: next(i for i, m in enumerate(messages) if case in m)]
    assert len(story_messages) <= 2
    joined = "\n".join(messages)
    assert in_order(joined, stop_loss(ZH), case, signs), joined
    assert words("source_label", ZH) in joined  # the real case says where it comes from


def test_zh_elderly_paid_story_comes_in_short_steps_before_the_story(bot_env):
    messages = chat(
        bot_env, ["群里的股票老师让我从他发的链接下载炒股app，我已经充了5万进去，现在提不了现",
                  more("more_case", ZH_SIMPLE), more("more_signs", ZH_SIMPLE)], "--lang", "zh",
        "--audience", "elderly",
    )  # fmt: skip
    assert messages[0].startswith(stop_loss(ZH_SIMPLE))
    # One short step per line, in the order to do them (the region's: 110 before the bank).
    lines = messages[0].splitlines()
    at = [i for step in region_steps(ZH_SIMPLE) for i, line in enumerate(lines) if line.endswith(step)]
    assert at and len(at) == len(region_steps(ZH_SIMPLE)) and at == sorted(set(at)), messages[0]
    assert numbers("cn", "advice_line")[0] in messages[0]
    assert any(opens_as(m, "case", ZH_SIMPLE) and words("source_label", ZH_SIMPLE) in m for m in messages)
    assert any(opens_as(m, "checklist", ZH_SIMPLE) for m in messages)


def test_zh_not_paid_story_asks_then_says_what_to_do_with_the_signs_and_a_case_on_request(bot_env):
    story = "网贷客服说我卡号填错了资金被冻结，要先交解冻费才能放款"
    turns = [story, "没有", more("more_signs", ZH), more("more_case", ZH)]
    joined = "\n".join(chat(bot_env, turns))
    headings = [words(key, ZH) for key in ("ask_money", "prevention_title", "checklist_title", "case_title")]
    assert in_order(joined, *headings), joined
    assert stop_loss(ZH) not in joined


def test_en_paid_answer_gets_the_stop_loss_path_first(bot_env):
    messages = chat(
        bot_env,
        ["a teacher in my wechat group gives free stock tips and told me to install his trading app from a link",
         "yes", more("more_case", EN), more("more_signs", EN)],  # fmt: skip
    )
    ask = next(i for i, m in enumerate(messages) if words("ask_money", EN) in m)
    after = messages[ask + 1 :]
    assert after[0].startswith(stop_loss(EN))
    # The scam's own "do not pay" step, then the region's steps (110 first).
    do_not_pay = localise(shipped().scams["stock_lecturer"]["stop_loss"], "en", "standard")[0]
    assert in_order(after[0], do_not_pay, *region_steps(EN)) and numbers("cn", "police")[0] in after[0]
    joined = "\n".join(after)
    assert in_order(joined, stop_loss(EN), words("case_title", EN), words("checklist_title", EN)), joined


def test_en_not_paid_answer_gets_what_to_do_and_no_stop_loss(bot_env):
    messages = chat(
        bot_env, ["the loan app approved me instantly but says I must pay an unfreezing fee before release", "no",
                  more("more_case", EN), more("more_signs", EN)]  # fmt: skip
    )
    joined = "\n".join(messages)
    assert words("ask_money", EN) in joined
    assert stop_loss(EN) not in joined
    headings = [words(key, EN) for key in ("prevention_title", "case_title", "checklist_title")]
    assert in_order(joined, *headings), joined


def test_bad_and_unclear_input_gets_a_helpful_reply(bot_env):
    messages = chat(bot_env, ["", "   ", "asdfgh qwerty", "😀😀😀", "x" * 5000, "hello"], "--lang", "en")
    assert messages, "the bot answered nothing"
    assert messages[-1].strip() == to_plain(rendered("greet", EN)[0])
