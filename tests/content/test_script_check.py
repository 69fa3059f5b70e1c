"""Traditional Chinese for Chinese readers in Hong Kong and Taiwan: every render, message and label is converted
(bot/content/script.py), and the content check (bot/content/script_check.py) rejects a content edit whose
conversion would change a number, a URL, a Latin word or a name, with `file:line`."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest

from bot.content import render as render_module
from bot.content.loader import load_content
from bot.content.render import Audience, label, message, render
from bot.content.script import for_reader, to_script
from bot.content.script_check import content_names, script_problems
from bot.content.yaml_lines import ContentError
from testkit import ROOT

CONTENT = ROOT / "content"
SIMPLIFIED_ONLY = re.compile(r"[报险该这说钱骗]")  # characters that differ in Traditional Chinese
HK = Audience("zh", "standard", "hk")
TW = Audience("zh", "elderly", "tw")


def prepend_to_zh_text(path: Path, key: str, words: str) -> int:
    """Puts `words` at the start of the `zh` text under top-level `key` of a region file; returns its line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith(f"{key}:"))
    at = next(number for number in range(start, len(lines)) if lines[number].lstrip().startswith('zh: "'))
    lines[at] = lines[at].replace('zh: "', f'zh: "{words}', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def test_the_shipped_content_converts_without_changing_numbers_or_names(content):
    assert script_problems(content) == []
    names = content_names(content)
    assert {"香港", "台湾", "防骗视伏器", "守网者", "警示账户", "微信", "支付宝"} <= set(names)


@pytest.mark.parametrize("reader", [HK, TW], ids=["hk", "tw"])
@pytest.mark.parametrize("kind", ["report", "stop_loss", "warning", "ask_money"])
def test_every_render_for_hong_kong_and_taiwan_is_the_converted_simplified_render(content, monkeypatch, reader, kind):
    converted = render(content, kind, scam_type="phishing", reader=reader, paid=True)
    monkeypatch.setattr(render_module, "for_reader", lambda text, _reader: text)
    simplified = render(content, kind, scam_type="phishing", reader=reader, paid=True)
    assert "\n".join(converted) == for_reader("\n".join(simplified), reader)
    assert not SIMPLIFIED_ONLY.search("".join(converted))
    assert re.findall(r"\d+", "".join(converted)) == re.findall(r"\d+", "".join(simplified))


def test_hong_kong_gets_its_own_numbers_in_traditional_chinese(content):
    text = "\n".join(render(content, "report", scam_type=None, reader=HK))
    assert "18222" in text and "999" in text
    assert to_script("防骗视伏器", "s2hk") in text


@pytest.mark.parametrize(
    "reader",
    [Audience("zh", "standard", "cn"), Audience("zh", "elderly", "sg"), Audience("en", "standard", "hk"),
     Audience("en", "elderly", "tw")],
    ids=["zh-cn", "zh-sg", "en-hk", "en-tw"],
)  # fmt: skip
def test_other_readers_get_the_text_as_written(content, monkeypatch, reader):
    sent = [render(content, kind, scam_type="phishing", reader=reader) for kind in ("warning", "report")]
    monkeypatch.setattr(render_module, "for_reader", lambda text, _reader: text)
    assert [render(content, kind, scam_type="phishing", reader=reader) for kind in ("warning", "report")] == sent


@pytest.mark.parametrize(("reader", "script"), [(HK, "s2hk"), (TW, "s2twp")], ids=["hk", "tw"])
def test_messages_and_button_labels_are_converted_too(content, reader, script):
    mainland = Audience("zh", reader.audience, "cn")
    for key in ("greet", "button_yes", "button_no", "button_call_help"):
        assert message(content, key, reader) == to_script(message(content, key, mainland), script)
        assert label(content, key, reader) == to_script(label(content, key, mainland), script)


def test_a_name_its_neighbours_would_take_apart_is_reported_where_it_is_written(content_copy):
    # “发展中心” is a name (quoted in a region file); after 码头 (wharf) OpenCC reads 头发 (hair): 髮展中心.
    region = content_copy / "regions" / "hk.yml"
    line = prepend_to_zh_text(region, "report_online", "“发展中心”在码头发展中心旁边。")
    with pytest.raises(ContentError) as error:
        load_content(content_copy)
    found = [p for p in error.value.problems if "发展中心" in p.reason]
    assert found, str(error.value)
    assert (found[0].file, found[0].line) == ("content/regions/hk.yml", line)
    assert "s2hk (hk)" in found[0].reason and "髮展中心" in found[0].reason


def test_a_conversion_that_changes_a_number_is_reported_with_the_file_it_came_from(content):
    def wrong_number(text: str, reader: Audience) -> str:
        return for_reader(text, reader).replace("18222", "18228")

    problems = script_problems(content, wrong_number)
    assert problems
    assert "content/regions/hk.yml" in {p.file for p in problems if "'18222' into '18228'" in p.reason}
    assert all(p.line > 0 for p in problems)


def test_opencc_alone_would_drop_a_latin_letter_and_the_check_says_so(content_copy):
    # s2twp turns 插上U盘 (plug in the USB stick) into 插上隨身碟: the "U" is gone. for_reader keeps it.
    region = content_copy / "regions" / "tw.yml"
    line = prepend_to_zh_text(region, "report_online", "别插上U盘。")
    content = load_content(content_copy)
    whole = {"hk": opencc.OpenCC("s2hk.json"), "tw": opencc.OpenCC("s2twp.json")}

    def whole_text(text: str, reader: Audience) -> str:
        return whole[reader.region].convert(text) if reader.lang == "zh" and reader.region in whole else text

    problems = [p for p in script_problems(content, whole_text) if "'U' into" in p.reason]
    assert [(p.file, p.line) for p in problems] == [("content/regions/tw.yml", line)]
    assert "U盤" in for_reader("别插上U盘。", TW)
