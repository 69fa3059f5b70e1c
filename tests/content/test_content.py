"""content/: the checker, rendering of every combination, quoting with escaping, hot reload."""

from __future__ import annotations

import contextlib
import io
import os
import re
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from bot.content import cli as content_cli
from bot.content.loader import load_content
from bot.content.model import KINDS
from bot.content.render import SCAM_FLOW, Audience, localise, render, to_plain
from bot.content.schema import AUDIENCES, LANGUAGES
from bot.content.store import ContentStore
from bot.content.yaml_lines import ContentError
from bot.text_limits import TELEGRAM_MESSAGE_LIMIT
from common.labels import SCAM_TYPES
from testkit import ROOT
from testkit.bot_cli import run_bot
from testkit.content_text import in_order, number_lines, numbers, region_steps, words

CONTENT = ROOT / "content"
CJK = re.compile(r"[\u4e00-\u9fff]")


def check_cli(root: Path):
    """`python -m bot content check` as a trainer runs it, in its own process."""
    return run_bot(["content", "check"], env={**os.environ, "CONTENT_DIR": str(root)})


def check(root: Path) -> SimpleNamespace:
    """The same check and the same printed lines, in this process: a new Python process per broken file would
    cost seconds each. The command-line wiring is covered by the tests that call check_cli."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        returncode = content_cli.check(root)
    return SimpleNamespace(returncode=returncode, stdout=printed.getvalue())


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_repo_content_passes_the_check_with_a_one_line_summary():
    result = check_cli(CONTENT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith(f"content OK: {len(SCAM_TYPES)} scam types")
    assert len(result.stdout.strip().splitlines()) == 1


def test_yaml_syntax_error_is_reported_with_file_and_line(content_copy):
    path = content_copy / "scams" / "stock_lecturer.yml"
    path.write_text(path.read_text(encoding="utf-8") + "broken: [unclosed\n", encoding="utf-8")
    result = check_cli(content_copy)
    assert result.returncode == 1
    # The parser notices the missing bracket at the end of that last line, or at the end of the file after it.
    last_line = path.read_text(encoding="utf-8").count("\n")
    found = re.search(r"^content/scams/stock_lecturer.yml:(\d+): YAML syntax error", result.stdout, re.M)
    assert found and int(found.group(1)) in (last_line, last_line + 1), result.stdout


def test_unknown_keys_are_reported_with_file_and_line(content_copy):
    """A key nobody reads is a typo or something smuggled in: it does not pass silently (issue 15)."""
    path = content_copy / "scams" / "phishing.yml"
    text = path.read_text(encoding="utf-8").replace("scam_type: phishing\n", "scam_type: phishing\ncolour: red\n", 1)
    text = text.replace("  - id: ", "  - extra: 1\n    id: ", 1)
    path.write_text(text, encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1
    assert f"content/scams/phishing.yml:{line_of(path, 'colour: red')}: unknown key 'colour'" in result.stdout
    assert f"content/scams/phishing.yml:{line_of(path, 'extra: 1')}: unknown key 'cases[1].extra'" in result.stdout


def test_missing_language_is_reported_with_file_and_line(content_copy):
    path = content_copy / "scams" / "loan_unfreeze_fee.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["warning"]["zh"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1
    expected = f"content/scams/loan_unfreeze_fee.yml:{line_of(path, 'warning:') + 1}: missing 'warning.zh'"
    assert expected in result.stdout, result.stdout


def test_a_command_the_bot_lacks_or_an_undescribed_one_is_reported_with_file_and_line(content_copy):
    path = content_copy / "commands.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^  quiz: .*\n", "", text, count=1, flags=re.M)  # private: comes first
    text = text.replace("group:\n", '  pay: {en: "pay a fee", zh: "交费"}\ngroup:\n')
    path.write_text(text, encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1
    assert f"content/commands.yml:{line_of(path, '  pay:')}: 'private.pay': the bot has no such command here" in (
        result.stdout
    ), result.stdout
    assert "content/commands.yml:" in result.stdout and "missing 'private.quiz'" in result.stdout, result.stdout


def test_template_with_an_undefined_variable_is_reported_at_its_line(content_copy):
    path = content_copy / "templates" / "case.j2"
    path.write_text(path.read_text(encoding="utf-8") + "{{ no_such_variable }}\n", encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1
    line = line_of(path, "no_such_variable")
    assert f"content/templates/case.j2:{line}: does not render: 'no_such_variable' is undefined" in result.stdout


def test_template_reaching_python_internals_is_rejected(content_copy):
    path = content_copy / "templates" / "greet.j2"
    path.write_text("{{ ''.__class__ }}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1
    assert "content/templates/greet.j2:1: templates may not use '__' names (Python internals)" in result.stdout


def test_sandbox_blocks_internals_even_without_underscores_in_the_source(content_copy):
    path = content_copy / "templates" / "greet.j2"
    path.write_text("{{ text.greet.format.__self__ }}\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_content(content_copy)
    assert any(p.file.endswith("greet.j2") and p.line == 1 for p in error.value.problems)


def test_red_flag_pointing_at_an_unknown_checklist_item_is_reported(content_copy):
    path = content_copy / "scams" / "dating_recharge.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["red_flags"][0]["checklist"] = "no_such_item"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1
    line = line_of(path, "checklist: no_such_item")
    assert (
        f"content/scams/dating_recharge.yml:{line}: red flag points at unknown checklist item 'no_such_item'"
        in result.stdout
    )


def test_a_checklist_id_too_long_for_a_button_is_reported(content_copy):
    path = content_copy / "scams" / "stock_lecturer.yml"
    long_id = "a_stranger_offers_free_stock_tips_on_the_phone"
    path.write_text(path.read_text(encoding="utf-8").replace("stranger_free_tips", long_id), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_content(content_copy)
    line = line_of(path, f"id: {long_id}")
    expected = f"content/scams/stock_lecturer.yml:{line}: 'checklist[1].id' is longer than 30 characters"
    assert expected in str(error.value)


def test_a_message_the_bot_sends_by_name_cannot_be_deleted(content_copy):
    path = content_copy / "messages.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("forget_confirm:")
    path.write_text(text[:start] + text[text.index("forget_yes:") :], encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1
    assert "content/messages.yml: missing message 'forget_confirm' (the bot sends it by name)" in result.stdout


@pytest.mark.parametrize("scam_type", SCAM_TYPES)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("paid", [True, False])
def test_every_combination_renders_complete_messages(content, scam_type, lang, audience, paid):
    reader = Audience(lang, audience, "cn")
    for kind in SCAM_FLOW[paid]:
        messages = render(content, kind, scam_type=scam_type, reader=reader, paid=paid)
        assert messages, kind
        for message in messages:
            assert message.strip()
            assert "{{" not in message and "{%" not in message and "}}" not in message
            assert len(message) <= TELEGRAM_MESSAGE_LIMIT
            if lang == "zh":
                assert CJK.search(message), (kind, message)
    if paid:
        # Money gone: the stop-loss path comes first, with the region's numbers.
        assert SCAM_FLOW[paid][0] == "stop_loss"
        stop_loss = " ".join(render(content, "stop_loss", scam_type=scam_type, reader=reader, paid=True))
        assert all(number in stop_loss for number in numbers("cn"))


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_without_a_known_scam(content, kind):
    for lang in LANGUAGES:
        for audience in AUDIENCES:
            assert render(content, kind, scam_type=None, reader=Audience(lang, audience, "cn"))


def test_every_region_gives_its_own_numbers(content):
    for region in ("cn", "hk", "tw", "sg", "uk", "us", "au"):
        text = " ".join(render(content, "report", scam_type=None, reader=Audience("en", "standard", region)))
        assert numbers(region) and all(number in text for number in numbers(region)), region


def test_the_users_own_red_flag_words_are_quoted_back(content):
    reader = Audience("zh", "standard", "cn")
    scam = content.scams["loan_unfreeze_fee"]
    flag = scam["red_flags"][0]
    phrase = flag["phrases"]["zh"][0]
    why = next(localise(item["why"], "zh", "standard") for item in scam["checklist"] if item["id"] == flag["checklist"])
    messages = render(
        content, "warning", scam_type="loan_unfreeze_fee", reader=reader, user_text=f"客服说要先交{phrase}才能放款"
    )
    # The words as the user typed them, in italics, with why they are a red flag.
    assert f"<i>{phrase}</i>" in messages[0]
    quotes = [line for line in to_plain(messages[0]).splitlines() if line.startswith(words("you_wrote", reader))]
    assert any(phrase in line and why in line for line in quotes), messages[0]


def test_quoted_user_text_is_escaped_for_telegram_html(content_copy):
    path = content_copy / "scams" / "loan_unfreeze_fee.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["red_flags"][0]["phrases"]["en"].append("a<b>fee")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    content = load_content(content_copy)
    messages = render(
        content, "warning", scam_type="loan_unfreeze_fee", reader=Audience(), user_text="they want a<b>FEE now"
    )
    assert "a&lt;b&gt;FEE" in messages[0]
    assert "a<b>FEE" not in messages[0]


def test_hot_reload_takes_a_good_edit_and_keeps_old_content_on_a_broken_one(content_copy):
    store = ContentStore(content_copy)
    reader = Audience("en", "standard", "cn")
    path = content_copy / "messages.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["greet"]["en"]["standard"] = "Welcome! Tell me in your own words what is happening."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert store.refresh() == []
    assert render(store.current, "greet", scam_type=None, reader=reader)[0].startswith("Welcome!")

    path.write_text(path.read_text(encoding="utf-8") + "greet: [broken\n", encoding="utf-8")
    problems = store.refresh()
    assert problems and problems[0].file == "content/messages.yml" and problems[0].line > 0
    assert "YAML syntax error" in problems[0].reason
    assert render(store.current, "greet", scam_type=None, reader=reader)[0].startswith("Welcome!")


def test_a_reload_for_the_event_loop_happens_elsewhere_and_a_failure_keeps_the_old_content(
    content_copy, monkeypatch, caplog
):
    """The bot's handlers call refresh_soon: the reload must not hold up the message that noticed the edit (it
    stalled every user's reply for over a second), and no error of any kind may replace live content."""
    import bot.content.store as store_module

    store = ContentStore(content_copy)
    reader = Audience("en", "standard", "cn")
    old = render(store.current, "greet", scam_type=None, reader=reader)[0]
    path = content_copy / "messages.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["greet"]["en"]["standard"] = "Welcome back! Tell me what is happening."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    may_finish, loaded = threading.Event(), threading.Event()
    real_load = store_module.load_content

    def slow_load(root):
        may_finish.wait(30)
        try:
            return real_load(root)
        finally:
            loaded.set()

    monkeypatch.setattr(store_module, "load_content", slow_load)
    store.refresh_soon()  # returns while the load waits
    assert not loaded.is_set()
    assert render(store.current, "greet", scam_type=None, reader=reader)[0] == old
    may_finish.set()
    assert loaded.wait(30)
    for _ in range(100):  # the thread swaps the content in just after the load returns
        if render(store.current, "greet", scam_type=None, reader=reader)[0] != old:
            break
        time.sleep(0.05)
    assert render(store.current, "greet", scam_type=None, reader=reader)[0].startswith("Welcome back!")

    # Not a content error but anything else (here a bug in the loader): the old content stays, and it is logged.
    def broken_load(root):
        raise RuntimeError("loader bug")

    monkeypatch.setattr(store_module, "load_content", broken_load)
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    problems = store.reload()
    assert problems and "loader bug" in problems[0].reason
    assert render(store.current, "greet", scam_type=None, reader=reader)[0].startswith("Welcome back!")
    assert "content reload failed" in caplog.text


def test_preview_of_a_paid_stock_story_for_an_elderly_chinese_reader(content):
    result = run_bot(
        ["content", "preview", "stock_lecturer", "--lang", "zh", "--audience", "elderly", "--paid"],
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    messages = re.split(r"^--- message \d+ \((\w+)\)\n", result.stdout, flags=re.M)[1:]
    kinds = messages[0::2]
    texts = messages[1::2]
    assert kinds[0] == "stop_loss"
    stop_loss = [t for k, t in zip(kinds, texts) if k == "stop_loss"]
    # Simple mode: the steps as short lines of one message, in mainland China's order (110 with the receiving
    # account for an emergency stop-payment, then the bank), then the numbers to call.
    reader = Audience("zh", "elderly", "cn")
    steps = stop_loss[0].splitlines()
    at = [i for step in region_steps(reader) for i, line in enumerate(steps) if line.endswith(step)]
    assert at and len(at) == len(region_steps(reader)) and at == sorted(set(at)), stop_loss[0]
    assert all(number in stop_loss[1] for number in numbers("cn", "advice_line"))
    assert kinds.index("case") < kinds.index("checklist")
    case = texts[kinds.index("case")]
    assert words("source_label", reader) in case  # the real case says where it comes from


@pytest.mark.parametrize(
    ("file", "key", "reassuring"),
    [
        ("messages.yml", "how_to_check:", "This looks fine, nothing to worry about."),
        ("messages.yml", "how_to_check:", "这件事看着没问题。"),
        ("scams/stock_lecturer.yml", "warning:", "You are safe if the app is in the app store."),
    ],
)
def test_reassuring_wording_is_rejected_with_file_and_line(content_copy, file, key, reassuring):
    path = content_copy / file
    lines = path.read_text(encoding="utf-8").splitlines()
    at = line_of(path, key) + 2  # the first language's standard text under the key
    indent, _, _ = lines[at].partition("standard:")
    lines[at] = f'{indent}standard: "{reassuring}"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1
    assert re.search(rf"^content/{re.escape(file)}:{at + 1}: reassuring wording", result.stdout, re.M), result.stdout


@pytest.mark.parametrize(
    ("file", "key", "reassuring"),
    [
        ("commands.yml", "  help:", 'help: {en: "no need to worry, ask me", zh: "我能做什么"}'),
        ("trainer_messages.yml", "trainer_reloaded:", 'en: "Content reloaded: looks fine."'),
    ],
)
def test_reassuring_wording_in_menus_and_trainer_texts_is_rejected_too(content_copy, file, key, reassuring):
    path = content_copy / file
    lines = path.read_text(encoding="utf-8").splitlines()
    at = line_of(path, key) - 1 + (0 if key.startswith(" ") else 1)  # the key's line, or its first language
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = indent + reassuring
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1
    assert re.search(rf"^content/{re.escape(file)}:{at + 1}: reassuring wording", result.stdout, re.M), result.stdout


def test_a_region_number_needs_a_known_kind_and_one_of_number_or_web(content_copy):
    path = content_copy / "regions" / "uk.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("kind: bank", "kind: helpdesk", 1)
    text = text.replace('number: "7726"', 'number: "7726"\n    web: "example.org"', 1)
    path.write_text(text, encoding="utf-8")
    result = check(content_copy)
    assert result.returncode == 1
    line = line_of(path, "kind: helpdesk")
    assert f"content/regions/uk.yml:{line}: 'numbers[2].kind' must be one of" in result.stdout
    assert "needs exactly one of 'number' and 'web'" in result.stdout


def test_every_region_has_the_kinds_a_victim_needs_each_with_a_source(content):
    for code, region in content.regions.items():
        kinds = {entry["kind"] for entry in region["numbers"]}
        assert kinds & {"police", "emergency"}, code
        assert "advice_line" in kinds or "bank" in kinds, code
        assert all(entry["source"]["url"].startswith("http") for entry in region["numbers"]), code


def test_stop_loss_puts_mainland_chinas_110_before_the_bank_and_the_uks_bank_first(content):
    # Each region's stop-payment steps, in its order: mainland China's first goes to the police (110, with the
    # receiving account), before the bank; the UK's first goes to the bank (159), before reporting.
    cn_reader, uk_reader = Audience("zh", "standard", "cn"), Audience("en", "standard", "uk")
    cn = to_plain(render(content, "stop_loss", scam_type=None, reader=cn_reader, paid=True)[0])
    assert in_order(cn, *region_steps(cn_reader)), cn
    assert all(number in region_steps(cn_reader)[0] for number in numbers("cn", "police"))
    uk = render(content, "stop_loss", scam_type=None, reader=uk_reader, paid=True)
    assert in_order(to_plain(uk[0]), *region_steps(uk_reader)), uk[0]
    first, *later = region_steps(uk_reader)
    assert all(number in first for number in numbers("uk", "bank"))
    assert any(number in step for step in later for number in numbers("uk", "report"))
    # Numbers under their own headings: 159 is a bank line, not "the police".
    listed = uk[1].splitlines()
    bank = number_lines(uk_reader, "bank")
    others = number_lines(uk_reader, "emergency", "police", "advice_line", "report")
    assert all(line in listed for line in bank + others), uk[1]
    assert words("kind_bank", uk_reader) in to_plain(bank[0])
    assert all(any(number in line for line in bank) for number in numbers("uk", "bank"))
    assert not any(number in line for line in others for number in numbers("uk", "bank"))
    assert all(number in uk[1] for number in numbers("uk"))  # Police Scotland's 101 and 7726 among them


def test_remote_control_is_cut_before_anything_else(content):
    reader = Audience("en", "standard", "cn")
    first = render(content, "stop_loss", scam_type="fake_customer_service", reader=reader, paid=True,
                   signals=("remote_access",))[0]  # fmt: skip
    steps = [line for line in to_plain(first).splitlines() if line.startswith("•")]
    # Ending the screen sharing or remote control is the first step, before the scam's and the region's steps.
    cut = words("cut_device_control", reader)
    assert steps[0].endswith(cut) and not any(step in steps[0] for step in region_steps(reader))
    scam_first = localise(content.scams["fake_customer_service"]["stop_loss"], "en", "standard")[0]
    assert in_order(to_plain(first), cut, scam_first, *region_steps(reader)), first


@pytest.mark.parametrize("reader", [Audience("zh", "standard", "cn"), Audience("en", "elderly", "uk")])
def test_a_second_money_question_does_not_repeat_the_warning(content, reader):
    """Issue 16: the money question opens with the scam's warning once; asked again in the same conversation
    (Rasa reports the warning as shown), only the question remains."""
    warning = to_plain(localise(content.scams["stock_lecturer"]["warning"], reader.lang, reader.audience))
    first = to_plain(" ".join(render(content, "ask_money", scam_type="stock_lecturer", reader=reader)))
    again = to_plain(" ".join(render(content, "ask_money", scam_type="stock_lecturer", reader=reader,
                                     extra={"already_warned": True})))  # fmt: skip
    assert warning in first and warning not in again
    question = to_plain(localise(content.messages["ask_money"], reader.lang, reader.audience))
    assert question in again
