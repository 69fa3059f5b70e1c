"""Publishing from the console: the full content check first (in its own process, as for a Telegram upload), a
new version by the trainer when it passes, the problems beside their fields when it does not (live content
untouched), the history with its diffs, and rollback."""

from __future__ import annotations

import re

from markupsafe import escape

from bot.content.store import ContentStore
from bot.content.versions.trees import tree_files
from testkit.web_console import ADMIN, OTHER_ADMIN, client_for, field_block, form_token, on_page, post_form, signed_in

NEW_WARNING = "陌生人拉您进群教炒股，全是骗局。一分钱也别投。"
OLD_WARNING = "陌生人拉您进群教炒股，是骗局。千万别往里投钱。"


async def publish(client):
    page = await client.get("/publish")
    return await client.post("/publish", data={"csrf": form_token(page.text)})


def problem_items(page: str) -> list[str]:
    """The publish page's problems shown with their fields: one <li> per field."""
    return re.findall(r'<li class="field has-problem" id="p-[^"]+">(.*?)</li>', page, re.S)


async def test_publishing_makes_a_new_version_by_the_trainer_and_the_bot_sees_it(publishing_console, content_copy):
    console = publishing_console
    running_bot = ContentStore(content_copy)  # a bot process reading the same folder
    versions_before = console.versions.list_versions()
    async with client_for(console) as client:
        await signed_in(client, console)
        saved = await post_form(client, "/scams/stock_lecturer", {"warning.zh.elderly": NEW_WARNING})
        assert saved.status_code == 303
        preview = (await client.get("/publish")).text
        assert f"-    elderly: &#34;{OLD_WARNING}&#34;" in preview
        assert f"+    elderly: &#34;{NEW_WARNING}&#34;" in preview
        published = await publish(client)
        assert published.status_code == 303
        number = int(re.search(r"number=(\d+)", published.headers["location"]).group(1))
        history = await client.get(published.headers["location"])
        assert on_page("console_published", number=number) in history.text
        row = re.search(rf"<tr class=\"current\">\s*<td>{number} .*?</tr>", history.text, re.S).group(0)
        assert f"<td>{ADMIN}</td>" in row and "web console: changed scams/stock_lecturer.yml (+1 -1)" in row
        diff = await client.get(f"/history/{number}")
        assert f"+    elderly: &#34;{NEW_WARNING}&#34;" in diff.text and "content/scams/stock_lecturer.yml" in diff.text
    newest = console.versions.list_versions()[0]
    assert (newest.number, newest.by, newest.current) == (number, ADMIN, True)
    assert number == versions_before[0].number + 1  # the content as first seen is version 1
    # Live: the file, the console's own content, and a bot that looks at the folder again.
    assert f'elderly: "{NEW_WARNING}"' in (content_copy / "scams" / "stock_lecturer.yml").read_text(encoding="utf-8")
    assert console.content.current.scams["stock_lecturer"]["warning"]["zh"]["elderly"] == NEW_WARNING
    assert running_bot.refresh() == []
    assert running_bot.current.scams["stock_lecturer"]["warning"]["zh"]["elderly"] == NEW_WARNING
    assert not console.drafts.exists(ADMIN)


async def test_a_red_flag_pointing_at_no_warning_sign_is_refused_beside_its_field(publishing_console, content_copy):
    console = publishing_console
    live_before = tree_files(content_copy)
    versions_before = len(console.versions.list_versions())
    async with client_for(console) as client:
        await signed_in(client, console)
        saved = await post_form(client, "/scams/stock_lecturer", {"red_flags.0.checklist": "no_such_sign"})
        assert saved.status_code == 303
        draft = (console.drafts.root(ADMIN) / "scams" / "stock_lecturer.yml").read_text(encoding="utf-8")
        line = draft.splitlines().index("  - checklist: no_such_sign") + 1
        problem = f"content/scams/stock_lecturer.yml:{line}: red flag points at unknown checklist item 'no_such_sign'"
        refused = await publish(client)
        assert refused.status_code == 422
        assert on_page("console_publish_refused", count=1) in refused.text
        [item] = problem_items(refused.text)
        assert str(escape(problem)) in item and on_page("console_part_checklist_id") in item
        assert 'href="/scams/stock_lecturer#f-red_flags.0.checklist"' in item and "no_such_sign" in item
        # The edit page shows it beside that field, and only there.
        page = await client.get("/scams/stock_lecturer")
        assert str(escape(problem)) in field_block(page.text, "red_flags.0.checklist")
        assert page.text.count(str(escape(problem))) == 1
    assert tree_files(content_copy) == live_before
    assert len(console.versions.list_versions()) == versions_before
    assert console.drafts.exists(ADMIN)  # kept, to be fixed


async def test_template_syntax_in_a_text_is_refused_beside_each_field(publishing_console, content_copy):
    console = publishing_console
    live_before = tree_files(content_copy)
    injected = {
        "checklist.0.sign.zh.standard": "{{ ''.__class__.__mro__ }}陌生人打电话说免费教炒股",
        "warning.en.standard": "Free stock lessons {% for x in range(9) %}{{ x }}{% endfor %} are a trap.",
    }
    async with client_for(console) as client:
        await signed_in(client, console)
        assert (await post_form(client, "/scams/stock_lecturer", injected)).status_code == 303
        refused = await publish(client)
        assert refused.status_code == 422
        items = problem_items(refused.text)
        for name in injected:
            [item] = [i for i in items if f'#f-{name}"' in i]
            assert "content/scams/stock_lecturer.yml:" in item and "template syntax" in item
        page = await client.get("/scams/stock_lecturer")
        for name in injected:
            assert re.search(r"content/scams/stock_lecturer\.yml:\d+: template syntax", field_block(page.text, name))
    assert tree_files(content_copy) == live_before


async def test_rollback_makes_an_earlier_version_live_again(publishing_console, content_copy):
    console = publishing_console
    original = (content_copy / "scams" / "stock_lecturer.yml").read_text(encoding="utf-8")
    async with client_for(console) as client:
        await signed_in(client, console)
        await post_form(client, "/scams/stock_lecturer", {"warning.zh.elderly": NEW_WARNING})
        published = await publish(client)
        number = int(re.search(r"number=(\d+)", published.headers["location"]).group(1))
        history = await client.get("/history")
        rolled = await client.post(f"/history/{number - 1}/rollback", data={"csrf": form_token(history.text)})
        assert rolled.status_code == 303
        shown = await client.get(rolled.headers["location"])
        assert on_page("console_rolled_back", old=number - 1, number=number + 1) in shown.text
        # The live version cannot be rolled back to: it says why, and changes nothing.
        again = await client.post(f"/history/{number + 1}/rollback", data={"csrf": form_token(shown.text)})
        assert again.status_code == 422 and "is the live content already" in again.text
    assert (content_copy / "scams" / "stock_lecturer.yml").read_text(encoding="utf-8") == original
    assert console.content.current.scams["stock_lecturer"]["warning"]["zh"]["elderly"] == OLD_WARNING
    newest = console.versions.list_versions()[0]
    assert (newest.number, newest.by) == (number + 1, ADMIN)
    assert newest.summary.startswith(f"rollback to version {number - 1}")


async def test_a_draft_whose_file_was_published_meanwhile_is_not_published_over_it(publishing_console, content_copy):
    console = publishing_console
    async with client_for(console) as mine, client_for(console) as theirs:
        await signed_in(mine, console, ADMIN)
        await signed_in(theirs, console, OTHER_ADMIN)
        await post_form(mine, "/scams/stock_lecturer", {"warning.zh.elderly": NEW_WARNING})
        their_warning = "陌生人拉您进群荐股，是骗局。"
        await post_form(theirs, "/scams/stock_lecturer", {"warning.zh.elderly": their_warning})
        assert (await publish(theirs)).status_code == 303
        refused = await publish(mine)
        assert refused.status_code == 422
        assert on_page("console_conflict", files="scams/stock_lecturer.yml") in refused.text
    live = (content_copy / "scams" / "stock_lecturer.yml").read_text(encoding="utf-8")
    assert f'elderly: "{their_warning}"' in live and NEW_WARNING not in live


async def test_a_discarded_draft_is_gone_and_an_empty_one_publishes_nothing(console, client):
    await signed_in(client, console)
    await post_form(client, "/scams/phishing", {"name.en": "phishing scam by fake link"})
    assert console.drafts.exists(ADMIN)
    page = await client.get("/publish")
    discarded = await client.post("/draft/discard", data={"csrf": form_token(page.text)})
    assert discarded.status_code == 303 and not console.drafts.exists(ADMIN)
    assert on_page("console_discarded") in (await client.get(discarded.headers["location"])).text
    nothing = await client.post("/publish", data={"csrf": form_token(page.text)})
    assert nothing.status_code == 200 and on_page("console_no_changes") in nothing.text
