"""Editing content in the console: a saved field changes that text in the trainer's draft and nothing else in the
file (comments, key order, quoting), the live content stays as it is, a changed number needs its source, the
preview shows the draft as Telegram would, and unknown pages are 404."""

from __future__ import annotations

import io
import re

import pytest

from bot.content.yaml_lines import load
from bot.web.drafts import round_trip
from bot.web.preview import telegram_html
from testkit import ROOT
from testkit.web_console import ADMIN, OTHER_ADMIN, client_for, field_block, on_page, post_form, signed_in

NEW_SIGN = "陌生人主动打电话加好友，自称“老师”，要免费带您炒股"


def edited_path(console, relative: str):
    return console.drafts.root(ADMIN) / relative


@pytest.mark.parametrize("path", sorted((ROOT / "content").rglob("*.yml")), ids=lambda p: p.name)
def test_every_shipped_file_is_written_back_byte_for_byte(path):
    text = path.read_text(encoding="utf-8")
    yaml = round_trip()
    out = io.StringIO()
    yaml.dump(yaml.load(text), out)
    assert out.getvalue() == text


async def test_a_chinese_warning_sign_is_saved_with_the_files_comments_and_order(console, client, content_copy):
    await signed_in(client, console)
    live_file = content_copy / "scams" / "stock_lecturer.yml"
    before = live_file.read_text(encoding="utf-8")
    old_sign = "陌生人打电话或加好友，自称股票研究员、证券公司员工或“老师”，说免费教炒股、拉您进群"
    assert before.count(f'"{old_sign}"') == 1
    saved = await post_form(client, "/scams/stock_lecturer", {"checklist.0.sign.zh.standard": NEW_SIGN})
    assert saved.status_code == 303 and "notice=console_saved" in saved.headers["location"]
    # The draft is the file as it was, with that one quoted text replaced: comments, order, quotes, flow mappings.
    draft = edited_path(console, "scams/stock_lecturer.yml").read_text(encoding="utf-8")
    assert draft == before.replace(f'"{old_sign}"', f'"{NEW_SIGN}"')
    assert draft.startswith('# Fake "stock teacher" investment scam')
    # Nothing live changed; the trainer sees their draft, with a notice.
    assert live_file.read_text(encoding="utf-8") == before
    page = await client.get(saved.headers["location"])
    assert on_page("console_saved") in page.text and on_page("console_showing_draft") in page.text
    assert NEW_SIGN in field_block(page.text, "checklist.0.sign.zh.standard")
    # Another trainer still sees the live content.
    async with client_for(console) as other:
        await signed_in(other, console, OTHER_ADMIN)
        theirs = await other.get("/scams/stock_lecturer")
        assert NEW_SIGN not in theirs.text and old_sign in field_block(theirs.text, "checklist.0.sign.zh.standard")


async def test_a_list_is_edited_one_item_per_line_and_only_its_lines_change(console, client, content_copy):
    await signed_in(client, console)
    relative = "scams/phishing.yml"
    before = (content_copy / relative).read_text(encoding="utf-8")
    old = load(content_copy / relative, relative)
    steps = list(old["prevention"]["en"]["elderly"])
    new_steps = [steps[0], "Call your bank on the number on your card.", *steps[2:]]
    saved = await post_form(client, "/scams/phishing", {"prevention.en.elderly": "\r\n".join(new_steps) + "\r\n\r\n"})
    assert saved.status_code == 303
    path = edited_path(console, relative)
    new = load(path, relative)
    assert new["prevention"]["en"]["elderly"] == new_steps
    changed = [(a, b) for a, b in zip(before.splitlines(), path.read_text(encoding="utf-8").splitlines()) if a != b]
    assert changed == [(f'      - "{steps[1]}"', '      - "Call your bank on the number on your card."')]


async def test_fields_the_page_does_not_list_are_ignored(console, client):
    await signed_in(client, console)
    answer = await post_form(client, "/scams/phishing", {}, scam_type="stock_lecturer", **{"cases.0.id": "x"})
    assert answer.status_code == 303 and "console_nothing_changed" in answer.headers["location"]
    assert not console.drafts.exists(ADMIN)


async def test_a_changed_phone_number_needs_its_source(console, client):
    await signed_in(client, console)
    refused = await post_form(client, "/regions/cn", {"numbers.0.number": "112"})
    assert refused.status_code == 422 and on_page("console_not_saved") in refused.text
    block = field_block(refused.text, "numbers.0.number")
    assert on_page("console_number_needs_source") in block and 'value="112"' in block  # what was typed is kept
    assert not console.drafts.exists(ADMIN)
    # A source address without the tick is not enough either.
    source = "https://www.gov.cn/new-emergency-number"
    unticked = await post_form(client, "/regions/cn", {"numbers.0.number": "112", "numbers.0.source.url": source})
    assert unticked.status_code == 422 and not console.drafts.exists(ADMIN)
    saved = await post_form(
        client, "/regions/cn", {"numbers.0.number": "112", "numbers.0.source.url": source},
        **{"numbers.0.source.checked": "yes"},
    )  # fmt: skip
    assert saved.status_code == 303
    draft = edited_path(console, "regions/cn.yml").read_text(encoding="utf-8")
    assert '    number: "112"\n' in draft and f'url: "{source}"' in draft
    # A label edit needs no source.
    relabel = await post_form(client, "/regions/cn", {"numbers.1.label.en": "National anti-fraud line"})
    assert relabel.status_code == 303


async def test_the_preview_shows_the_draft_side_by_side_as_telegram_does(console, client):
    await signed_in(client, console)
    warning = "A message with a link to <b>your bank</b> & a deadline: <script>alert(1)</script>"
    saved = await post_form(client, "/scams/phishing", {"warning.en.standard": warning})
    assert saved.status_code == 303
    page = await client.get("/preview", params={"scam_type": "phishing", "kind": "warning", "region": "uk"})
    assert page.status_code == 200 and on_page("console_showing_draft") in page.text
    columns = re.findall(r'<section class="chat" lang="([^"]+)">(.*?)</section>', page.text, re.S)
    assert [lang for lang, _ in columns] == ["zh-Hans", "en"]
    english = columns[1][1]
    # The text is escaped by the renderer and shown as text: the browser gets no tag from it.
    assert "A message with a link to &lt;b&gt;your bank&lt;/b&gt; &amp; a deadline: &lt;script&gt;" in english
    assert "<script>" not in page.text
    async with client_for(console) as other:
        await signed_in(other, console, OTHER_ADMIN)
        live = await other.get("/preview", params={"scam_type": "phishing", "kind": "warning"})
        assert "a deadline" not in live.text and on_page("console_showing_live") in live.text


async def test_a_long_message_is_shown_split_as_the_bot_splits_it(console, client):
    await signed_in(client, console)
    story = " ".join(f"Sentence {n} of a very long case story, told in full." for n in range(120))
    assert len(story) > 4096
    assert (await post_form(client, "/scams/phishing", {"cases.0.story.en.standard": story})).status_code == 303
    page = await client.get("/preview", params={"scam_type": "phishing", "kind": "case"})
    english = re.findall(r'<section class="chat" lang="en">(.*?)</section>', page.text, re.S)[0]
    assert on_page("console_message_number", number=1, count=2) in english
    assert on_page("console_message_number", number=2, count=2) in english
    assert "Sentence 0 of" in english and "Sentence 119 of" in english


def test_only_telegrams_tags_reach_the_browser():
    shown = telegram_html(
        '<b>bold</b> <i>i</i> <a href="https://gov.uk">ok</a> <a href="javascript:alert(1)">bad</a> '
        "<img src=x onerror=alert(1)> <blockquote>q</blockquote> &lt;b&gt; <code>c</code>"
    )
    assert "<b>bold</b>" in shown and "<blockquote>q</blockquote>" in shown and "<code>c</code>" in shown
    assert '<a href="https://gov.uk" rel="noopener noreferrer">ok</a>' in shown
    assert "javascript:" not in shown.replace("&lt;a href=&quot;javascript:", "")
    assert "<img" not in shown and "&lt;img" in shown and "&lt;b&gt;" in shown
    assert str(telegram_html("<b>unclosed")) == "<b>unclosed</b>"


async def test_a_quiz_question_is_edited_and_previewed_with_its_explanation(console, client):
    await signed_in(client, console)
    explanation = "陌生人免费荐股，是为了把您拉进诈骗群，千万别进。"
    saved = await post_form(client, "/quiz/stock_lecturer", {"questions.0.explanation.zh": explanation})
    assert saved.status_code == 303
    draft = edited_path(console, "quiz/stock_lecturer.yml").read_text(encoding="utf-8")
    assert f'      zh: "{explanation}"' in draft
    page = await client.get("/quiz/stock_lecturer/stock_researcher_call")
    assert page.status_code == 200
    chinese = re.findall(r'<section class="chat" lang="zh-Hans">(.*?)</section>', page.text, re.S)[0]
    answered = re.search(r'data-kind="quiz_answer"><div class="bubble">(.*?)</div>', chinese, re.S).group(1)
    assert explanation in answered
    assert "一个从没见过的女人打来电话" in chinese  # the situation, in both bubbles
    # Hong Kong readers get it in Traditional Chinese.
    hong_kong = await client.get("/quiz/stock_lecturer/stock_researcher_call", params={"region": "hk"})
    assert "陌生人免費薦股" in hong_kong.text


@pytest.mark.parametrize(
    "url",
    ["/scams/no_such_scam", "/regions/zz", "/regions/CN", "/quiz/no_such_scam", "/quiz/phishing/no_such_question",
     "/quiz/phishing/stock_researcher_call", "/preview?scam_type=nope", "/preview?region=zz", "/preview?kind=nope",
     "/history/999", "/history/x", "/no/such/page"],
)  # fmt: skip
async def test_unknown_scam_types_regions_and_quiz_ids_are_not_found(console, client, url):
    await signed_in(client, console)
    answer = await client.get(url)
    assert answer.status_code == 404 and on_page("console_not_found") in answer.text
