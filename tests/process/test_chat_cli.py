"""`python -m bot chat` scripted through a pipe: what a user reads, turn by turn."""

from __future__ import annotations

import pytest

from testkit.bot_cli import run_bot

pytestmark = pytest.mark.rasa


def chat(bot_env, turns: list[str], *args: str) -> list[str]:
    result = run_bot(["chat", *args], env=bot_env, stdin="\n".join(turns) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return [block for block in result.stdout.split("bot> ") if block.strip()]


def test_zh_paid_story_gets_the_stop_loss_path_first(bot_env):
    story = "群里的股票老师让我从他发的链接下载炒股app，我已经充了5万进去，现在提不了现"
    messages = chat(bot_env, [story], "--lang", "zh")
    assert messages[0].startswith("🚨")
    # Mainland China: 110 with the receiving account (an emergency stop-payment) before the user's own bank.
    assert messages[0].index("110") < messages[0].index("银行")
    joined = "\n".join(messages)
    assert joined.index("🚨") < joined.index("96110") < joined.index("真实案例")
    assert joined.index("🚨") < joined.index("真实案例") < joined.index("危险信号")
    assert "来源" in joined


def test_zh_elderly_paid_story_comes_in_short_steps_before_the_story(bot_env):
    messages = chat(
        bot_env, ["群里的股票老师让我从他发的链接下载炒股app，我已经充了5万进去，现在提不了现"], "--lang", "zh",
        "--audience", "elderly",
    )  # fmt: skip
    assert messages[0].startswith("🚨")
    stop_steps = messages[: messages.index(next(m for m in messages if m.startswith("⚠️")))]
    steps = [line for line in stop_steps[0].splitlines() if line.startswith("•")]
    assert len(steps) >= 3  # one short step per line, in the order to do them
    assert stop_steps[0].index("110") < stop_steps[0].index("银行")
    assert any("96110" in m for m in stop_steps)
    assert any(m.startswith("📖 真事") and "来源" in m for m in messages)
    assert any(m.startswith("🔍") for m in messages)


def test_zh_not_paid_story_asks_then_gives_warning_signs_and_how_to_verify(bot_env):
    messages = chat(bot_env, ["网贷客服说我卡号填错了资金被冻结，要先交解冻费才能放款", "没有"])
    assert any("您已经转过钱" in m for m in messages)
    joined = "\n".join(messages)
    order = [joined.index(heading) for heading in ("您已经转过钱", "真实案例", "危险信号", "现在该怎么做")]
    assert order == sorted(order)
    assert "🚨" not in joined


def test_en_paid_answer_gets_the_stop_loss_path_first(bot_env):
    messages = chat(
        bot_env,
        ["a teacher in my wechat group gives free stock tips and told me to install his trading app from a link",
         "yes"],  # fmt: skip
    )
    ask = next(i for i, m in enumerate(messages) if "Have you already sent money" in m)
    after = messages[ask + 1 :]
    assert after[0].startswith("🚨")
    assert "Do not pay" in after[0] and "110" in after[0]
    joined = "\n".join(after)
    assert joined.index("🚨") < joined.index("A real case") < joined.index("Warning signs")


def test_en_not_paid_answer_gets_warning_signs_and_no_stop_loss(bot_env):
    messages = chat(
        bot_env, ["the loan app approved me instantly but says I must pay an unfreezing fee before release", "no"]
    )
    joined = "\n".join(messages)
    assert "Have you already sent money" in joined
    assert "🚨" not in joined
    assert joined.index("A real case") < joined.index("Warning signs") < joined.index("What to do now")


def test_bad_and_unclear_input_gets_a_helpful_reply(bot_env):
    messages = chat(bot_env, ["", "   ", "asdfgh qwerty", "😀😀😀", "x" * 5000, "hello"], "--lang", "en")
    assert messages, "the bot answered nothing"
    assert messages[-1].startswith("Hello!")
