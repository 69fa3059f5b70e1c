"""bot/content/script.py: Traditional Chinese for Chinese readers in Hong Kong (s2hk) and Taiwan (s2twp), with
tags, URLs, numbers and Latin words untouched; bot/content/script_check.py's comparisons."""

from __future__ import annotations

import pytest

from bot.content.render import Audience
from bot.content.script import SCRIPTS, for_reader, script_of, to_script
from bot.content.script_check import kept_changes, name_changes

SAMPLE = (
    '<b>立即拨打18222或999</b>，上网查 <a href="https://www.adcc.gov.hk/zh-hk/">https://www.adcc.gov.hk/zh-hk/</a>；'
    "用App、QQ或USB接口的U盘发信息要当心。转账5,000元前先核实。&lt;网络&gt;"
)


def test_a_hong_kong_reader_gets_hong_kong_traditional_characters_with_everything_else_kept():
    assert for_reader(SAMPLE, Audience("zh", "standard", "hk")) == (
        '<b>立即撥打18222或999</b>，上網查 <a href="https://www.adcc.gov.hk/zh-hk/">https://www.adcc.gov.hk/zh-hk/</a>；'
        "用App、QQ或USB接口的U盤發信息要當心。轉賬5,000元前先核實。&lt;網絡&gt;"
    )


def test_a_taiwan_reader_gets_taiwan_characters_and_words_with_everything_else_kept():
    # s2twp also changes words (接口 -> 介面, 网络 -> 網路); the Latin "U" of U盘 stays (OpenCC alone: 隨身碟).
    assert for_reader(SAMPLE, Audience("zh", "elderly", "tw")) == (
        '<b>立即撥打18222或999</b>，上網查 <a href="https://www.adcc.gov.hk/zh-hk/">https://www.adcc.gov.hk/zh-hk/</a>；'
        "用App、QQ或USB介面的U盤發信息要當心。轉帳5,000元前先核實。&lt;網路&gt;"
    )


@pytest.mark.parametrize("region", ["cn", "sg", "uk", "us", "au", "xx"])
def test_chinese_readers_elsewhere_keep_simplified_chinese(region):
    assert for_reader(SAMPLE, Audience("zh", "standard", region)) == SAMPLE


@pytest.mark.parametrize("region", sorted(SCRIPTS))
def test_english_readers_in_hong_kong_and_taiwan_get_the_text_unchanged(region):
    assert for_reader(SAMPLE, Audience("en", "standard", region)) == SAMPLE
    assert script_of("en", region) is None


def test_plain_ascii_and_empty_text_pass_through():
    assert to_script("", "s2hk") == ""
    assert to_script("Call 999 <b>now</b>", "s2twp") == "Call 999 <b>now</b>"
    assert to_script("信息", None) == "信息"


def test_long_runs_are_converted_too():
    long = "请先核实信息" * 100  # longer than a cached run
    assert to_script(long, "s2hk") == "請先核實信息" * 100


def test_kept_changes_reports_a_number_a_url_or_a_latin_word_that_changed():
    assert kept_changes("拨打18222，App", "撥打18222，App") == []
    assert kept_changes("拨打18222", "撥打18223") == [("18222", "18223", 2)]
    assert kept_changes("插上U盘", "插上隨身碟") == [("U", "(nothing)", 2)]
    assert kept_changes("网址 www.police.gov.hk", "網址 www.police.gov.tw")[0][0] == "www.police.gov.hk"


def test_name_changes_reports_a_name_its_neighbours_took_apart():
    # After 码头 (wharf), OpenCC reads 头发 (hair): the name 发展中心 loses its 發.
    run = "码头发展中心"
    converted = to_script(run, "s2hk")
    alone = to_script("发展中心", "s2hk")
    assert name_changes(run, converted, {"发展中心": alone}) == ["发展中心"]
    assert name_changes("“发展中心”", to_script("“发展中心”", "s2hk"), {"发展中心": alone}) == []
