"""Chinese text as a reader of Chinese expects it (bot/content/chinese_text.py), Chinese dates and source titles in
Chinese replies, no internal ids in any reply, no web address in simple mode, and each region's ways of paying
scammers with the step that stops each."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from bot.content import cli as content_cli
from bot.content.chinese_text import chinese_findings, chinese_text_problems
from bot.content.render import Audience, localise, render, to_plain
from common.labels import SCAM_TYPES
from testkit import ROOT
from testkit.content_text import in_order, region_steps

CONTENT = ROOT / "content"
HAN = re.compile(r"[\u4e00-\u9fff]")


def check(root: Path) -> str:
    """What `python -m bot content check` prints for `root` (in this process)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        content_cli.check(root)
    return printed.getvalue()


def replace_line(path: Path, needle: str, new_line: str) -> int:
    """Replaces the first line holding `needle` (keeping its indentation); returns its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(index for index, line in enumerate(lines) if needle in line)
    lines[at] = lines[at][: len(lines[at]) - len(lines[at].lstrip())] + new_line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


# --- The rules -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("来源: 重庆市公安局", "ASCII ':' after Chinese text"),
        ("这是诈骗.", "ASCII '.' after Chinese text"),
        ("重庆, 2021年", "ASCII ',' after Chinese text"),
        ("WeChat, 微信", "ASCII ',' before Chinese text"),
        ("拨打110 (报警电话", "ASCII '(' before Chinese text"),
        ("联邦贸易委员会(FTC)", "ASCII '(' after Chinese text"),
        ('说“解冻费"才能放款', "ASCII '\"' after Chinese text"),
        ("真的吗?", "ASCII '?' after Chinese text"),
        ("马上报警!", "ASCII '!' after Chinese text"),
        ("先交钱; 再放款", "ASCII ';' after Chinese text"),
        ("等一下...", "ASCII '...' next to Chinese text"),
        ("王阿姨 正在跟我说", "space between Chinese characters"),
        ("保留证据： 聊天记录", "space between Chinese characters"),
    ],
)
def test_each_rule_is_caught_in_chinese_text(text, rule):
    findings = chinese_findings(text)
    assert [finding.rule for finding in findings] == [rule], findings


@pytest.mark.parametrize(
    "text",
    [
        "拨打110报警",  # digits next to Chinese
        "在 ic3.gov 和 ReportFraud.ftc.gov 举报",  # web addresses, with spaces
        "登录“牌鸿淘.top”游戏",  # a full stop inside a web address
        "1. 陌生人打电话",  # a list number
        "• 2. 把您拉进群",
        "每人1.5万元，10:30到账",  # decimals and times
        "打开WeChat、QQ或App",  # Latin names
        "加WeChat, QQ好友",  # an ASCII comma between two Latin names
        "《郑州日报》：“网络游戏账号交易暗藏陷阱 一玩家轻信网友损失3000多元”",  # a headline as published
        "来源：重庆市公安局刑侦部门通报，2021年4月至5月。",
    ],
)
def test_what_a_reader_of_chinese_accepts_is_not_reported(text):
    assert chinese_findings(text) == []


# --- Content files: file, line and reason --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ('zh: "来源: 重庆"', "ASCII ':' after Chinese text in '来源: 重庆': write '：'"),
        ('zh: "千万别交钱."', "ASCII '.' after Chinese text in '千万别交钱.': write '。'"),
        ('zh: "这是 诈骗"', "space between Chinese characters in '这是 诈骗': remove it"),
    ],
)
def test_a_bad_chinese_text_is_refused_with_file_line_and_reason(content_copy, bad, reason):
    path = content_copy / "regions" / "cn.yml"
    line = replace_line(path, 'zh: "在正规应用商店下载', bad)
    assert f"content/regions/cn.yml:{line}: {reason}" in check(content_copy)


def test_a_placeholder_holding_a_name_counts_as_chinese(content_copy):
    path = content_copy / "messages.yml"
    line = replace_line(
        path, 'standard: "{who}正在跟我说的事情很像{scam}。"', 'standard: "{who} 正在跟我说的事情很像{scam}。"'
    )
    assert re.search(rf"^content/messages.yml:{line}: space between Chinese characters", check(content_copy), re.M)


def test_a_template_writing_an_ascii_mark_next_to_chinese_is_refused_at_its_line(content_copy):
    path = content_copy / "templates" / "case.j2"
    line = replace_line(
        path,
        "📖 <b>{{ text.case_title }}</b>{{ p.colon }}",
        "📖 <b>{{ text.case_title }}</b>: {{ case.place }}{{ p.comma }}{{ case.date }}{{ p.comma }}{{ case.amount }}",
    )
    printed = check(content_copy)
    found = re.search(
        rf"^content/templates/case.j2:{line}: ASCII ':' after Chinese text in '[^']*(真实案例|真事): ", printed, re.M
    )
    assert found and "(rendered for Chinese readers)" in printed, printed


def test_a_space_a_shared_template_writes_between_chinese_words_is_refused_at_its_line(content_copy):
    path = content_copy / "templates" / "_quotes.j2"
    line = replace_line(
        path, "{{ text.you_wrote }}", "{{ text.you_wrote }} “<i>{{ quote.said }}</i>”{{ p.colon }}{{ quote.why }}"
    )
    printed = check(content_copy)
    assert re.search(
        rf"^content/templates/_quotes.j2:{line}: space between Chinese characters in '[^']*您说 “", printed, re.M
    )


def test_an_internal_source_id_in_a_reply_is_refused(content_copy):
    path = content_copy / "scams" / "stock_lecturer.yml"
    replace_line(path, 'zh: "重庆市公安局刑侦部门通报：巴南区', 'zh: "重庆刑侦通报，seed 000"')
    assert "content/templates/case.j2: a reply shows an internal source id 'seed 000'" in check(content_copy)


def test_a_web_address_in_simple_mode_is_refused_with_where_it_is_written(content_copy):
    path = content_copy / "messages.yml"
    text = path.read_text(encoding="utf-8")
    old = 'elderly: "Stop. Do not pay any more."'
    assert text.count(old) == 1
    path.write_text(text.replace(old, 'elderly: "Stop. See www.example.org for help."'), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "www.example.org" in row)
    printed = check(content_copy)
    expected = f"simple mode (elderly) shows a web address 'www.example.org' (written at content/messages.yml:{line})"
    assert expected in printed, printed


def test_an_english_scam_name_must_read_after_this_looks_like_a(content_copy):
    path = content_copy / "scams" / "other_scam.yml"
    line = replace_line(path, 'en: "scam of another kind', 'en: "other scams"')
    assert re.search(
        rf"^content/scams/other_scam.yml:{line}: 'name.en' 'other scams' must read after", check(content_copy), re.M
    )


# --- Shipped content ----------------------------------------------------------------------------------------


def test_shipped_content_passes_every_rule(content):
    assert chinese_text_problems(content) == []


def words_of(content, key: str) -> str:
    return localise(content.messages[key], "zh", "standard")


@pytest.mark.parametrize("scam_type", SCAM_TYPES)
def test_a_chinese_case_gives_its_date_and_source_in_chinese_and_no_internal_id(content, scam_type):
    for index, case in enumerate(content.scams[scam_type]["cases"]):
        for audience in ("standard", "elderly"):
            reader = Audience("zh", audience, "cn")
            message = to_plain(render(content, "case", scam_type=scam_type, reader=reader, case_index=index)[0])
            # The case's heading, its story, its source; then how the scam works (case.j2).
            first, *rest = message.splitlines()
            last = next(line for line in rest if line.startswith(to_plain(words_of(content, "source_label"))))
            assert localise(case["date"], "zh", audience) in first and HAN.search(
                localise(case["date"], "zh", audience)
            )
            assert last.startswith("来源：") and HAN.search(last.split("：", 1)[1]), last
            assert "seed" not in message.lower() and ".txt" not in message
            if audience == "elderly":
                assert "http" not in message and "www." not in message, message


def test_the_english_name_of_every_scam_type_reads_after_an_article(content):
    reader = Audience("en", "standard", "cn")
    for scam_type in SCAM_TYPES:
        first = to_plain(render(content, "ask_money", scam_type=scam_type, reader=reader)[0]).splitlines()[0]
        assert re.search(r"This looks like a [b-df-hj-np-tv-z]", first, re.I) and " a other" not in first, first


def test_every_region_names_how_its_scammers_are_paid_with_an_authority_source(content):
    for code, region in content.regions.items():
        methods = region["payment_methods"]
        assert methods, code
        for method in methods:
            assert method["source"]["url"].startswith("https://"), (code, method["id"])
            assert all(method["step"][lang] and method["method"][lang] for lang in ("en", "zh"))


def test_stop_loss_gives_the_regions_payment_steps_after_its_stop_payment_steps(content):
    for code in ("us", "uk", "au", "hk", "tw", "sg", "cn"):
        # Chinese readers in Hong Kong and Taiwan read it converted to Traditional Chinese (bot/content/script.py).
        for lang in ("en",) if code in ("hk", "tw") else ("en", "zh"):
            reader = Audience(lang, "standard", code)
            first = to_plain(render(content, "stop_loss", scam_type=None, reader=reader, paid=True)[0])
            methods = [f"• {localise(m['method'], lang, 'standard')}" for m in content.regions[code]["payment_methods"]]
            assert in_order(first, *region_steps(reader), *methods), (code, lang, first)
    us = to_plain(render(content, "stop_loss", scam_type=None, reader=Audience("en", "standard", "us"), paid=True)[0])
    assert "gift card" in us.lower() and "receipt" in us and "wallet address" in us


def test_simple_mode_keeps_every_number_to_dial_but_no_web_address(content):
    for code, region in content.regions.items():
        reader = Audience("en", "elderly", code)
        text = " ".join(to_plain(m) for m in render(content, "stop_loss", scam_type=None, reader=reader, paid=True))
        dialled = [entry["number"] for entry in region["numbers"] if "number" in entry]
        assert all(number in text for number in dialled), (code, text)
        assert not any(entry["web"] in text for entry in region["numbers"] if "web" in entry), (code, text)
