"""Adding and removing list items in the console: a new warning sign, case, red-flag phrase list, stop-loss step,
number or quiz question goes into the trainer's draft in the file's own style (the rest of the file byte for
byte), shows in the preview, and is refused beside its field when a field is empty, its id is not one or a
number has no source; a removal that leaves something pointing at nothing is refused by the content check at
publish, beside the field; no form works without the session's CSRF token."""

from __future__ import annotations

import html
import re

from markupsafe import escape

from bot.content.versions.trees import tree_files
from bot.content.yaml_lines import load
from testkit.web_console import ADDED_SIGN as SIGN
from testkit.web_console import ADMIN, client_for, field_block, form_token, on_page, post_form, signed_in


def draft_text(console, relative: str) -> str:
    return (console.drafts.root(ADMIN) / relative).read_text(encoding="utf-8")


async def add(client, url: str, values: dict[str, str], prefix: str, **extra: str):
    """Opens an add page and posts its form with `values` (names without the `prefix`) and `extra` fields."""
    page = await client.get(url)
    assert page.status_code == 200, page.text
    data = {f"{prefix}{name}": value for name, value in values.items()}
    return await client.post(url, data={**data, **extra, "csrf": form_token(page.text)})


async def test_a_warning_sign_is_added_in_the_files_style_and_the_preview_shows_it(console, client, content_copy):
    await signed_in(client, console)
    relative = "scams/stock_lecturer.yml"
    before = (content_copy / relative).read_text(encoding="utf-8")
    signs = len(load(content_copy / relative, relative)["checklist"])
    page = await client.get("/scams/stock_lecturer")
    assert f'href="/scams/stock_lecturer/add/sign">{on_page("console_add_sign")}</a>' in page.text
    form = await client.get("/scams/stock_lecturer/add/sign")
    assert on_page("console_item_goes_to_draft") in form.text
    assert f'value="sign_{signs + 1}"' in field_block(form.text, "checklist.0.id")  # a free id, suggested
    added = await add(client, "/scams/stock_lecturer/add/sign", {"id": "screen_share", **SIGN}, "checklist.0.")
    assert added.status_code == 303 and added.headers["location"] == "/scams/stock_lecturer?notice=console_item_added"
    # After the last warning sign, written like the others; every other line of the file as it was.
    block = "\n".join([
        "  - id: screen_share", "    sign:", "      en:",
        f'        standard: "{SIGN["sign.en.standard"]}"', f'        elderly: "{SIGN["sign.en.elderly"]}"', "      zh:",
        f'        standard: "{SIGN["sign.zh.standard"]}"', f'        elderly: "{SIGN["sign.zh.elderly"]}"', "    why:",
        "      en:", f'        standard: "{SIGN["why.en.standard"]}"', f'        elderly: "{SIGN["why.en.elderly"]}"',
        "      zh:", f'        standard: "{SIGN["why.zh.standard"]}"', f'        elderly: "{SIGN["why.zh.elderly"]}"',
    ])  # fmt: skip
    assert draft_text(console, relative) == before.replace("\n\nred_flags:\n", f"\n{block}\n\nred_flags:\n", 1)
    assert (content_copy / relative).read_text(encoding="utf-8") == before  # nothing live
    # The page shows it with its remove button, and the preview shows it as Telegram would.
    shown = await client.get(added.headers["location"])
    assert on_page("console_item_added") in shown.text
    assert 'name="remove" value="checklist.6"' in shown.text and "<code>screen_share</code>" in shown.text
    assert str(escape(SIGN["sign.zh.standard"])) in field_block(shown.text, "checklist.6.sign.zh.standard")
    preview = await client.get("/preview?kind=checklist&scam_type=stock_lecturer")
    assert str(escape(SIGN["sign.zh.standard"])) in preview.text
    assert str(escape(SIGN["why.en.standard"])) in preview.text


async def test_a_new_item_with_an_empty_field_or_a_bad_id_is_refused_beside_the_field(console, client):
    await signed_in(client, console)
    url = "/scams/stock_lecturer/add/sign"
    for bad_id, reason in (("Screen Share", "console_item_id_invalid"), ("app_from_link", "console_item_id_used")):
        refused = await add(client, url, {"id": bad_id, **SIGN, "why.zh.elderly": "  "}, "checklist.0.")
        assert refused.status_code == 422 and on_page("console_not_saved") in refused.text
        assert on_page(reason) in field_block(refused.text, "checklist.0.id")
        assert on_page("console_item_field_needed") in field_block(refused.text, "checklist.0.why.zh.elderly")
        # What the trainer typed is still there to fix.
        assert str(escape(SIGN["sign.zh.elderly"])) in field_block(refused.text, "checklist.0.sign.zh.elderly")
    assert not console.drafts.exists(ADMIN)


async def test_a_new_number_needs_its_source_and_goes_before_the_comment_after_the_numbers(
    console, client, content_copy
):
    await signed_in(client, console)
    before = (content_copy / "regions" / "cn.yml").read_text(encoding="utf-8")
    values = {
        "id": "cyber_police", "kind": "report", "number": "12321", "label.en": "report harmful websites",
        "label.zh": "举报不良网站", "source.title.en": "12321 reporting centre", "source.title.zh": "12321举报中心",
        "source.url": "https://www.12321.cn/",
    }  # fmt: skip
    url = "/regions/cn/add/number"
    refused = await add(client, url, values, "numbers.0.")  # the box not ticked
    assert refused.status_code == 422
    assert on_page("console_item_needs_source") in field_block(refused.text, "numbers.0.source.url")
    refused = await add(client, url, {**values, "source.url": "www.12321.cn"}, "numbers.0.", **{
        "numbers.0.source.checked": "yes"})  # fmt: skip
    assert on_page("console_item_needs_source") in field_block(refused.text, "numbers.0.source.url")
    assert not console.drafts.exists(ADMIN)
    added = await add(client, url, values, "numbers.0.", **{"numbers.0.source.checked": "yes"})
    assert added.status_code == 303
    block = (
        "  - id: cyber_police\n    kind: report\n    number: \"12321\"\n"
        '    label: {en: "report harmful websites", zh: "举报不良网站"}\n'
        '    source: {title: {en: "12321 reporting centre", zh: "12321举报中心"}, url: "https://www.12321.cn/"}\n'
    )
    assert draft_text(console, "regions/cn.yml") == before.replace("\n# 12381", f"\n{block}# 12381", 1)


async def test_a_quiz_question_is_added_and_its_preview_shows_question_and_explanation(console, client, content_copy):
    await signed_in(client, console)
    before = (content_copy / "quiz" / "phishing.yml").read_text(encoding="utf-8")
    values = {
        "id": "phish_parcel_fee", "answer": "phishing",
        "message.en": "A text says your parcel is held and asks you to pay a 2 yuan fee through a link.",
        "message.zh": "一条短信说您的包裹被扣，让您点链接支付2元手续费。",
        "explanation.en": "Couriers do not collect fees through text links; the page steals card details.",
        "explanation.zh": "快递公司不会用短信链接收费，这种网页是为了骗取银行卡信息。",
    }  # fmt: skip
    added = await add(client, "/quiz/phishing/add/question", values, "questions.0.")
    assert added.status_code == 303 and added.headers["location"] == "/quiz/phishing?notice=console_item_added"
    # After the last question, a blank line between them as between the others.
    draft = draft_text(console, "quiz/phishing.yml")
    assert draft.startswith(before) and draft[len(before) :] == (
        f"\n  - id: phish_parcel_fee\n    answer: phishing\n    message:\n      en: \"{values['message.en']}\"\n"
        f"      zh: \"{values['message.zh']}\"\n    explanation:\n      en: \"{values['explanation.en']}\"\n"
        f"      zh: \"{values['explanation.zh']}\"\n"
    )
    page = await client.get("/quiz/phishing")
    assert 'href="/quiz/phishing/phish_parcel_fee"' in page.text
    preview = await client.get("/quiz/phishing/phish_parcel_fee")
    assert preview.status_code == 200
    for text in (values["message.zh"], values["explanation.zh"], values["message.en"], values["explanation.en"]):
        assert str(escape(text)) in preview.text


async def test_a_stop_loss_step_is_added_to_each_list_and_one_step_removed(console, client, content_copy):
    await signed_in(client, console)
    relative = "scams/phishing.yml"
    old = load(content_copy / relative, relative)["stop_loss"]
    step = {
        "en.standard": "Change the passwords of your bank and payment apps.", "en.elderly": "Change your passwords.",
        "zh.standard": "马上修改网银和支付软件的密码。", "zh.elderly": "马上改密码。",
    }  # fmt: skip
    added = await add(client, "/scams/phishing/add/stop_loss_step", step, "stop_loss.")
    assert added.status_code == 303
    new = load(console.drafts.root(ADMIN) / relative, relative)["stop_loss"]
    for key, text in step.items():
        lang, audience = key.split(".")
        assert new[lang][audience] == [*old[lang][audience], text]
    # Removing the first Chinese simple-mode step: that one line goes, nothing else.
    page = await client.get("/scams/phishing")
    assert on_page("console_remove_step", number=1) in field_block(page.text, "stop_loss.zh.elderly")
    before = draft_text(console, relative)
    removed = await post_form(client, "/scams/phishing", {}, remove="stop_loss.zh.elderly.0")
    assert removed.status_code == 303 and "notice=console_item_removed" in removed.headers["location"]
    assert draft_text(console, relative) == before.replace(f'      - "{old["zh"]["elderly"][0]}"\n', "", 1)
    assert on_page("console_item_removed") in (await client.get(removed.headers["location"])).text


async def test_red_flag_phrases_are_added_pointing_at_a_chosen_warning_sign(console, client, content_copy):
    await signed_in(client, console)
    relative = "scams/stock_lecturer.yml"
    form = await client.get("/scams/stock_lecturer/add/red_flag")
    choices = re.findall(r'<option value="([^"]+)"', field_block(form.text, "red_flags.0.checklist"))
    assert choices == [item["id"] for item in load(content_copy / relative, relative)["checklist"]]
    values = {"checklist": "no_such_sign", "phrases.en": "screen sharing\nshare your screen", "phrases.zh": "屏幕共享"}
    refused = await add(client, "/scams/stock_lecturer/add/red_flag", values, "red_flags.0.")
    assert on_page("console_item_field_needed") in field_block(refused.text, "red_flags.0.checklist")
    added = await add(client, "/scams/stock_lecturer/add/red_flag", {**values, "checklist": "app_from_link"},
                      "red_flags.0.")  # fmt: skip
    assert added.status_code == 303
    block = '  - checklist: app_from_link\n    phrases:\n      en: ["screen sharing", "share your screen"]\n'
    block += '      zh: ["屏幕共享"]\n'
    before = (content_copy / relative).read_text(encoding="utf-8")
    assert draft_text(console, relative) == before.replace("\n\nprevention:\n", f"\n{block}\nprevention:\n", 1)


async def test_a_case_is_added_with_its_source(console, client, content_copy):
    await signed_in(client, console)
    relative = "scams/stock_lecturer.yml"
    values = {
        "id": "shanghai_app_2024", "date.en": "March 2024", "date.zh": "2024年3月", "place.en": "Shanghai",
        "place.zh": "上海", "amount.en": "300,000 yuan", "amount.zh": "30万元",
        "story.en.standard": "A 'teacher' in a chat group got Mr Wang to install a trading app; he lost 300,000 yuan.",
        "story.en.elderly": "Mr Wang put money in a fake app and lost it.",
        "story.zh.standard": "群里的“老师”让王先生下载炒股软件，他被骗30万元。",
        "story.zh.elderly": "王先生在假软件里投钱，钱没了。",
        "source.title.en": "Shanghai police notice", "source.title.zh": "上海警方通报",
        "source.url": "https://example.gov.cn/notice",
    }  # fmt: skip
    added = await add(client, "/scams/stock_lecturer/add/case", values, "cases.0.", **{"cases.0.source.checked": "yes"})
    assert added.status_code == 303
    case = load(console.drafts.root(ADMIN) / relative, relative)["cases"][-1]
    assert case["id"] == "shanghai_app_2024" and case["story"]["zh"]["elderly"] == values["story.zh.elderly"]
    assert case["source"] == {"title": {"en": "Shanghai police notice", "zh": "上海警方通报"},
                              "url": "https://example.gov.cn/notice"}  # fmt: skip
    assert '    date: {en: "March 2024", zh: "2024年3月"}\n' in draft_text(console, relative)


async def test_removing_a_warning_sign_a_red_flag_points_at_is_refused_at_publish_beside_the_field(
    publishing_console, content_copy
):
    console = publishing_console
    relative = "scams/stock_lecturer.yml"
    live_before = tree_files(content_copy)
    async with client_for(console) as client:
        await signed_in(client, console)
        before = (content_copy / relative).read_text(encoding="utf-8")
        removed = await post_form(client, "/scams/stock_lecturer", {}, remove="checklist.0")
        assert removed.status_code == 303 and "notice=console_item_removed" in removed.headers["location"]
        draft = draft_text(console, relative)
        assert "- id: stranger_free_tips" not in draft and "  - checklist: stranger_free_tips" in draft
        assert len(before.splitlines()) - len(draft.splitlines()) == 15  # the sign's own lines, nothing else
        # Publishing runs the content check: the red flag now points at nothing, and says so beside its field.
        page = await client.get("/publish")
        refused = await client.post("/publish", data={"csrf": form_token(page.text)})
        assert refused.status_code == 422 and on_page("console_publish_refused", count=1) in refused.text
        line = draft.splitlines().index("  - checklist: stranger_free_tips") + 1
        problem = f"content/{relative}:{line}: red flag points at unknown checklist item 'stranger_free_tips'"
        assert str(escape(problem)) in refused.text
        assert 'href="/scams/stock_lecturer#f-red_flags.0.checklist"' in refused.text
        edit = await client.get("/scams/stock_lecturer")
        assert str(escape(problem)) in field_block(edit.text, "red_flags.0.checklist")
    assert tree_files(content_copy) == live_before  # nothing live changed


async def test_removing_an_item_saves_the_fields_changed_with_it(console, client):
    await signed_in(client, console)
    relative = "scams/stock_lecturer.yml"
    removed = await post_form(
        client, "/scams/stock_lecturer", {"warning.en.elderly": "A stranger's stock group is a trap."}, remove="cases.2"
    )
    assert removed.status_code == 303
    draft = load(console.drafts.root(ADMIN) / relative, relative)
    assert draft["warning"]["en"]["elderly"] == "A stranger's stock group is a trap."
    assert [case["id"] for case in draft["cases"]] == ["chongqing_ms_lin_2021", "hainan_chen_gang_2021"]


async def test_adding_and_removing_need_the_csrf_token(console, client):
    await signed_in(client, console)
    form = await client.get("/scams/stock_lecturer/add/sign")
    data = {f"checklist.0.{name}": value for name, value in {"id": "screen_share", **SIGN}.items()}
    for extra in ({}, {"csrf": "0" * 64}):
        refused = await client.post("/scams/stock_lecturer/add/sign", data={**data, **extra})
        assert refused.status_code == 403 and on_page("console_csrf_refused") in refused.text
        removal = await client.post("/scams/stock_lecturer", data={"remove": "checklist.0", **extra})
        assert removal.status_code == 403 and on_page("console_csrf_refused") in removal.text
    assert not console.drafts.exists(ADMIN)
    assert form_token(form.text)  # the page's own token is there for the browser to send


async def test_add_pages_exist_only_for_the_kinds_each_file_has(console, client):
    await signed_in(client, console)
    for url in ("/regions/cn/add/sign", "/quiz/phishing/add/number", "/scams/phishing/add/nope",
                "/scams/nope/add/sign", "/regions/zz/add/number"):  # fmt: skip
        page = await client.get(url)
        assert page.status_code == 404 and on_page("console_not_found") in page.text, url
    page = await client.get("/regions/cn")
    assert html.unescape(on_page("console_add_number")) in html.unescape(page.text)
    assert 'href="/regions/cn/add/sign"' not in page.text


async def test_removing_the_last_number_or_question_keeps_what_follows_the_list(console, client, content_copy):
    await signed_in(client, console)
    region = (content_copy / "regions" / "cn.yml").read_text(encoding="utf-8")
    numbers = load(content_copy / "regions" / "cn.yml", "regions/cn.yml")["numbers"]
    removed = await post_form(client, "/regions/cn", {}, remove=f"numbers.{len(numbers) - 1}")
    assert removed.status_code == 303 and "notice=console_item_removed" in removed.headers["location"]
    draft = draft_text(console, "regions/cn.yml")
    gone = f"  - id: {numbers[-1]['id']}\n"
    start = region.index(gone)
    # The number's five lines go; the comment after the list stays right after the number before it.
    assert draft == region[:start] + region[region.index("# 12381", start) :]
    quiz = (content_copy / "quiz" / "phishing.yml").read_text(encoding="utf-8")
    questions = load(content_copy / "quiz" / "phishing.yml", "quiz/phishing.yml")["questions"]
    await post_form(client, "/quiz/phishing", {}, remove=f"questions.{len(questions) - 1}")
    # The last question and the blank line before it go: the file ends with the question before, as before.
    assert draft_text(console, "quiz/phishing.yml") == quiz[: quiz.index(f"\n  - id: {questions[-1]['id']}\n")]
    page = await client.get("/quiz/phishing")
    assert f"<code>{questions[-1]['id']}</code>" not in page.text and f"<code>{questions[-2]['id']}</code>" in page.text


PAYMENT_METHOD = {
    "id": "stored_value_cards", "method.en": "Stored-value cards", "method.zh": "储值卡",
    "step.en": "Call the card's issuer at once with the card number and the receipt.",
    "step.zh": "马上打给发卡公司，报出卡号、出示收据。",
    "source.title.en": "Hong Kong Police Force: scam advice", "source.title.zh": "香港警务处：防骗提示",
    "source.url": "https://www.adcc.gov.hk/en-hk/home.html",
}  # fmt: skip


async def test_a_way_of_paying_is_added_with_its_source_before_the_comment_after_the_list(
    console, client, content_copy
):
    await signed_in(client, console)
    before = (content_copy / "regions" / "hk.yml").read_text(encoding="utf-8")
    page = await client.get("/regions/hk")
    assert f'href="/regions/hk/add/payment_method">{on_page("console_add_payment_method")}</a>' in page.text
    url = "/regions/hk/add/payment_method"
    form = await client.get(url)
    assert 'value="method_3"' in field_block(form.text, "payment_methods.0.id")  # a free id, suggested
    # An empty field, and a source not ticked as checked, are refused beside their fields; nothing saved.
    refused = await add(client, url, {**PAYMENT_METHOD, "step.zh": " "}, "payment_methods.0.")
    assert refused.status_code == 422 and on_page("console_not_saved") in refused.text
    assert on_page("console_item_field_needed") in field_block(refused.text, "payment_methods.0.step.zh")
    assert on_page("console_item_needs_source") in field_block(refused.text, "payment_methods.0.source.url")
    refused = await add(client, url, {**PAYMENT_METHOD, "source.url": "adcc.gov.hk"}, "payment_methods.0.", **{
        "payment_methods.0.source.checked": "yes"})  # fmt: skip
    assert on_page("console_item_needs_source") in field_block(refused.text, "payment_methods.0.source.url")
    assert not console.drafts.exists(ADMIN)
    added = await add(client, url, PAYMENT_METHOD, "payment_methods.0.", **{"payment_methods.0.source.checked": "yes"})
    assert added.status_code == 303 and added.headers["location"] == "/regions/hk?notice=console_item_added"
    block = (
        "  - id: stored_value_cards\n"
        '    method: {en: "Stored-value cards", zh: "储值卡"}\n'
        f'    step:\n      en: "{PAYMENT_METHOD["step.en"]}"\n      zh: "{PAYMENT_METHOD["step.zh"]}"\n'
        '    source: {title: {en: "Hong Kong Police Force: scam advice", zh: "香港警务处：防骗提示"}, '
        'url: "https://www.adcc.gov.hk/en-hk/home.html"}\n'
    )
    # After the last way of paying, before the comment that follows the list; nothing live.
    comment = "\n# The Anti-Deception"
    assert draft_text(console, "regions/hk.yml") == before.replace(comment, f"\n{block}{comment[1:]}", 1)
    assert (content_copy / "regions" / "hk.yml").read_text(encoding="utf-8") == before
    shown = await client.get(added.headers["location"])
    assert 'name="remove" value="payment_methods.2"' in shown.text and "<code>stored_value_cards</code>" in shown.text
    preview = await client.get("/preview?kind=stop_loss&region=hk")
    # As the bot sends it: the way of paying in bold, its step after it, lower-cased.
    assert "<b>Stored-value cards</b>: call the card's issuer at once" in html.unescape(preview.text)


async def test_removing_a_way_of_paying_keeps_the_comments_and_blank_lines_around_it(console, client, content_copy):
    await signed_in(client, console)
    region = (content_copy / "regions" / "hk.yml").read_text(encoding="utf-8")
    methods = load(content_copy / "regions" / "hk.yml", "regions/hk.yml")["payment_methods"]
    page = await client.get("/regions/hk")
    assert f'name="remove" value="payment_methods.{len(methods) - 1}"' in page.text
    removed = await post_form(client, "/regions/hk", {}, remove=f"payment_methods.{len(methods) - 1}")
    assert removed.status_code == 303 and "notice=console_item_removed" in removed.headers["location"]
    # The last way of paying's lines go; the comment before the list and the one after it stay where they were.
    start = region.index(f"  - id: {methods[-1]['id']}\n")
    assert draft_text(console, "regions/hk.yml") == region[:start] + region[region.index("# The Anti-Deception"):]
    # The first of a list (the United States'): its own lines go, the comment above the list stays.
    us = (content_copy / "regions" / "us.yml").read_text(encoding="utf-8")
    first, second = load(content_copy / "regions" / "us.yml", "regions/us.yml")["payment_methods"][:2]
    removed = await post_form(client, "/regions/us", {}, remove="payment_methods.0")
    assert removed.status_code == 303 and "notice=console_item_removed" in removed.headers["location"]
    start, end = us.index(f"  - id: {first['id']}\n"), us.index(f"  - id: {second['id']}\n")
    assert draft_text(console, "regions/us.yml") == us[:start] + us[end:]


async def test_adding_and_removing_a_way_of_paying_need_the_csrf_token(console, client):
    await signed_in(client, console)
    data = {f"payment_methods.0.{name}": value for name, value in PAYMENT_METHOD.items()}
    data["payment_methods.0.source.checked"] = "yes"
    for extra in ({}, {"csrf": "0" * 64}):
        refused = await client.post("/regions/hk/add/payment_method", data={**data, **extra})
        assert refused.status_code == 403 and on_page("console_csrf_refused") in refused.text
        removal = await client.post("/regions/hk", data={"remove": "payment_methods.0", **extra})
        assert removal.status_code == 403 and on_page("console_csrf_refused") in removal.text
    assert not console.drafts.exists(ADMIN)
