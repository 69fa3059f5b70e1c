"""`python -m bot classify`: the JSON-lines contract and what happens with bad input."""

from __future__ import annotations

import json

import pytest

from common.labels import LABELS
from common.risk_signals import SIGNALS
from testkit.bot_cli import run_bot

pytestmark = pytest.mark.rasa

FIELDS = {"text", "scam_type", "confidence", "language", "money_sent", "signals", "form"}


def classify(bot_env, data: bytes | str, *args: str):
    result = run_bot(["classify", *args], env=bot_env, stdin=data)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result, lines


def test_one_json_object_per_line_with_the_contract_fields(bot_env):
    result, lines = classify(
        bot_env,
        "群里的股票老师让我下载他的交易app，我已经充了5万，现在提不了现\n"
        "The loan app says I must pay an unfreezing fee of 5000 before they release my loan\n",
    )
    assert result.returncode == 0, result.stderr
    assert len(lines) == 2
    for line in lines:
        assert set(line) == FIELDS
        assert line["scam_type"] in LABELS
        assert 0.0 <= line["confidence"] <= 1.0
        assert set(line["signals"]) <= set(SIGNALS)
    first, second = lines
    assert first["text"].startswith("群里的股票老师")
    assert (first["scam_type"], first["language"], first["money_sent"]) == ("stock_lecturer", "zh", True)
    assert "money_sent" in first["signals"]
    assert (second["scam_type"], second["language"]) == ("loan_unfreeze_fee", "en")


def test_signals_name_what_has_gone_what_is_pressing_and_genuine_warnings(bot_env):
    _, lines = classify(
        bot_env,
        "客服让我下载了向日葵，他现在能看到我手机屏幕\n"
        "I gave the caller the 6-digit code from my bank's text\n"
        "she says she'll send the video to all my contacts unless I pay\n"
        "刚接到96110的电话，叫我不要再给那个老师转账了\n"
        "a lawyer says he can recover my lost money for a 10% fee upfront\n"
        "paid 180 yuan for electricity in the State Grid app this morning\n",
    )
    remote, code, threat, warning, recovery, everyday = (set(line["signals"]) for line in lines)
    assert "remote_access" in remote and "code_shared" in code and "threat" in threat
    assert "official_warning" in warning and "recovery_offer" in recovery
    assert everyday == set()  # an everyday payment is no sign of a scam


def test_a_pasted_scammer_message_asks_for_what_an_account_says_has_gone(bot_env):
    _, lines = classify(
        bot_env,
        "【工商银行】您的账户存在异常，请立即将验证码和银行卡号发给客服专员进行身份核实，否则账户将被冻结\n"
        "I gave the caller the 6-digit code from my bank's text\n",
    )
    pasted, account = lines
    assert pasted["form"] == "forwarded" and pasted["money_sent"] is not True
    assert not {"code_shared", "card_details"} & set(pasted["signals"])  # the scammer asks; nothing has gone
    assert account["form"] == "account" and account["money_sent"] is True and "code_shared" in account["signals"]


def test_a_plain_not_yet_paid_is_not_reported_as_paid(bot_env):
    _, lines = classify(
        bot_env,
        "They say I must deposit 8,800 to withdraw my task earnings. havent paid, im scared\n"
        "刷单的让我垫三万，我拦住了，还没转\n",
    )
    assert [line["money_sent"] for line in lines] == [False, False]
    assert all("money_sent" not in line["signals"] for line in lines)


def test_reads_a_file_argument(bot_env, tmp_path):
    path = tmp_path / "messages.txt"
    path.write_text("公安局说我的身份证涉嫌洗钱，要我把钱转到安全账户\n", encoding="utf-8")
    result, lines = classify(bot_env, b"", str(path))
    assert result.returncode == 0, result.stderr
    assert [line["scam_type"] for line in lines] == ["impersonation_official"]


def test_traditional_chinese_is_understood(bot_env):
    _, lines = classify(bot_env, "網上貸款說我銀行卡號填錯了，資金被凍結，要先交解凍費才能放款\n")
    assert lines[0]["scam_type"] == "loan_unfreeze_fee"
    assert lines[0]["language"] == "zh"


def test_bad_lines_get_an_answer_or_an_error_and_the_rest_are_still_classified(bot_env):
    data = b"".join(
        [
            b"\n",  # empty
            b"   \t  \n",  # whitespace only
            ("x" * 10_000).encode() + b"\n",  # huge
            "😀😀🙏🔥\n".encode(),  # emoji only
            b"\x00\x07\x1b[31m\x7f\n",  # control characters
            b"\xff\xfe\xfa not utf-8\n",  # invalid UTF-8
            "刷单返利，先垫付3000元才能拿佣金\n".encode(),  # a real message after all of that
        ]
    )
    result, lines = classify(bot_env, data)
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "line 6: skipped: byte 0xff at position 0 is not UTF-8"
    ]
    assert len(lines) == 6
    empty, blank, huge, emoji, control, real = lines
    for line in (empty, blank, emoji, control):
        assert line["scam_type"] == "none"
        assert line["money_sent"] is None
    assert len(huge["text"]) == 10_000 and huge["scam_type"] in LABELS
    assert real["scam_type"] == "part_time_brushing"
    # A skipped line makes the exit status say so, after every other line was written.
    assert result.returncode == 1


def test_no_rasa_server_gives_a_clear_error_not_a_traceback(bot_env):
    env = {**bot_env, "RASA_URL": "http://127.0.0.1:9"}
    result, lines = classify(env, "hello\n")
    assert lines == []
    assert "Traceback" not in result.stderr
    assert "line 1: could not classify: Rasa server at http://127.0.0.1:9" in result.stderr
