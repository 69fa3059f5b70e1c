"""The trainers' web console in a real browser (headless Chromium), served by a running bot (`python -m bot run`
with CONSOLE_PORT, against the fake Bot API, on a copy of content/): a trainer signs in through the link the bot
sends for /console, edits a warning sign's Chinese text, sees it in the preview, publishes, and a user of the
same bot gets the new wording on the lesson page of warning signs; a broken edit is refused with its reason beside
its field and nothing live changes; a version is made live again from the history in one click; the statistics
are drawn as charts; a new warning sign added in Chinese and published reaches a user. No Rasa: lessons do not
need it.

With CONSOLE_SCREENSHOTS=docs/images the pages are saved as the README's pictures (docs/images/console-*.png)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from bot.storage.database import make_engine, make_sessions, upgrade_schema
from bot.storage.repository import record_scam
from bot.web.words import Words
from testkit.bot_process import RASA_DOWN, bot_environment, running_bot
from testkit.content_text import shipped
from testkit.fake_bot_api import FakeBotApi
from testkit.local_servers import free_port
from testkit.telegram_updates import command_update, new_id, tap_update
from testkit.web_console import ADDED_SIGN as SIGN_TEXTS

ADMIN = 4242
SCAM = "stock_lecturer"
SCAM_FILE = f"scams/{SCAM}.yml"
# The first warning sign's Chinese text (standard audience), and the first red flag's warning-sign id.
SIGN = "checklist.0.sign.zh.standard"
FLAG = "red_flags.0.checklist"
NEW_SIGN = "陌生人主动加您微信，自称炒股“老师”，说要免费带您炒股、拉您进荐股群"
THIRD_SIGN = "陌生人打电话或加好友，说能免费荐股、教炒股，这是骗局的第一步"
LESSON_CHECKLIST = f"lesson:{SCAM}:2"  # page 3 of 4 of a lesson: the warning signs
# Days of /stats figures put in the bot's database before it starts: (days ago, scam type, language, paid).
STATS = [
    (days_ago, scam_type, language, paid)
    for days_ago in range(14)
    for scam_type, language, paid, every in (
        ("stock_lecturer", "zh", True, 3), ("stock_lecturer", "zh", False, 2), ("phishing", "en", None, 4),
        ("loan_unfreeze_fee", "zh", False, 3), ("part_time_brushing", "zh", True, 5), ("phishing", "zh", False, 2),
    )
    if days_ago % every == 0
]  # fmt: skip



def words(key: str, **values) -> str:
    """A console word as the trainer reads it: they wrote /console in English, so the console speaks English."""
    return Words(shipped(), "en")(key, **values)


def _left(page: WebElement) -> bool:
    """Whether the browser has left the page `page` is the root of. Mid-navigation, chromedriver may answer
    "Node with given id does not belong to the document" instead of a stale element: the node is gone as well."""
    try:
        page.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise
    return False


@dataclass
class Served:
    """The running bot: the fake Bot API it talks to, its console's address, its live content folder."""

    telegram: FakeBotApi
    base: str
    content: Path

    def lesson_page(self, user: int) -> str:
        """The user taps page 3 of the stock lesson; the page the bot shows them, as they read it."""
        before = len(self.telegram.sent("editMessageText", chat_id=user))
        self.telegram.push_update(tap_update(user, "zh-hans", LESSON_CHECKLIST))
        self.telegram.wait_for(lambda a: len(a.sent("editMessageText", chat_id=user)) > before, timeout=30)
        return html.unescape(self.telegram.sent("editMessageText", chat_id=user)[-1]["text"])

    def live_file(self) -> str:
        return (self.content / SCAM_FILE).read_text(encoding="utf-8")

    def live_sign(self) -> str:
        """The first warning sign's Chinese text in the live content folder."""
        return yaml.safe_load(self.live_file())["checklist"][0]["sign"]["zh"]["standard"]


@pytest.fixture(scope="module")
def served(content_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One bot for the module, serving the console on a free port; trainer ADMIN; some statistics already."""
    data = tmp_path_factory.mktemp("bot")
    engine = make_engine(f"sqlite:///{data / 'bot.db'}")
    upgrade_schema(engine)
    sessions = make_sessions(engine)
    today = date.today()  # the console's clock: the bot's own
    for days_ago, scam_type, language, paid in STATS:
        record_scam(sessions, scam_type, language, paid, today - timedelta(days=days_ago))
    engine.dispose()
    port = free_port()
    log = data / "bot.log"
    with FakeBotApi() as telegram:
        env = bot_environment(telegram, RASA_DOWN, data, ADMIN_IDS=str(ADMIN), CONSOLE_PORT=str(port),
                              CONTENT_DIR=str(content_folder))  # fmt: skip
        with running_bot(telegram, env, log):
            yield Served(telegram, f"http://127.0.0.1:{port}", content_folder)


@dataclass
class Trainer:
    """The trainer's browser, signed in to the console of `served`."""

    driver: WebDriver
    served: Served
    screenshots: Path | None
    link: str

    def open(self, path: str) -> None:
        self.driver.get(self.served.base + path)

    def find(self, selector: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def finds(self, selector: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def field(self, name: str) -> WebElement:
        """A field's block on an edit page: its label, its input and what is shown beside it."""
        return self.driver.find_element(By.ID, f"f-{name}")

    def type_into(self, name: str, text: str) -> None:
        box = self.driver.find_element(By.ID, f"i-{name}")
        box.clear()
        box.send_keys(text)

    def submit(self, button: WebElement, timeout: float = 60) -> None:
        """Clicks a button or link and waits for the page it leads to (publishing runs the content check)."""
        page = self.find("html")
        button.click()
        WebDriverWait(self.driver, timeout).until(lambda _: _left(page))

    def save(self) -> None:
        self.submit(self.find("form.edit button.primary"))

    def notice(self) -> str:
        return self.find("p.notice").text

    def shot(self, name: str, scroll_to: WebElement | None = None) -> None:
        """Saves what the window shows as console-<name>.png when CONSOLE_SCREENSHOTS is set."""
        if self.screenshots is None:
            return
        if scroll_to is not None:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", scroll_to)
        else:
            self.driver.execute_script("window.scrollTo(0, 0)")
        assert self.driver.save_screenshot(str(self.screenshots / f"console-{name}.png"))

    def console_errors(self) -> list[str]:
        """What the browser's console reported as errors since last asked: a script failing, a style or script
        the Content-Security-Policy refused, a static file missing. (Pages answered 4xx on purpose are not.)"""
        errors = []
        for entry in self.driver.get_log("browser"):
            message = entry["message"]
            if entry["level"] != "SEVERE" or ("Failed to load resource" in message and "/static/" not in message):
                continue
            errors.append(message)
        return errors


@pytest.fixture(scope="module")
def trainer(browser, served: Served, screenshots: Path | None) -> Trainer:
    """The trainer sends /console to the bot, opens the link it answers with and presses "Sign in"."""
    telegram = served.telegram
    telegram.push_update(command_update(ADMIN, "en", "/console"))
    telegram.wait_for(lambda a: any("/login/" in m["text"] for m in a.sent(chat_id=ADMIN)), timeout=30)
    reply = next(m["text"] for m in telegram.sent(chat_id=ADMIN) if "/login/" in m["text"])
    link = html.unescape(re.search(r'<a href="([^"]+)">', reply)[1])
    assert link.startswith(f"{served.base}/login/")
    browser.delete_all_cookies()
    me = Trainer(browser, served, screenshots, link)
    browser.get(link)
    assert me.find("h1").text == words("console_login_title")
    button = me.find("main form button")
    assert button.text == words("console_login_button")
    me.shot("sign-in")
    me.submit(button)
    return me


def test_the_link_from_the_bot_signs_the_trainer_in(trainer: Trainer):
    assert trainer.driver.current_url == trainer.served.base + "/"
    assert trainer.find("header .who").text == words("console_signed_in", admin=ADMIN)
    # The home page lists what can be edited: the stock scam's page among the scam types.
    link = trainer.find(f'a[href="/scams/{SCAM}"]')
    assert link.text == shipped().scams[SCAM]["name"]["en"]
    assert trainer.find("section.draft p").text == words("console_draft_none")
    trainer.shot("content")
    assert trainer.console_errors() == []
    # The link is spent: opened again it signs nobody in, and says how to get a new one.
    trainer.driver.get(trainer.link)
    assert trainer.find("p.message").text == words("console_login_refused", minutes=10)
    trainer.open("/")
    assert trainer.find("header .who").text == words("console_signed_in", admin=ADMIN)  # still signed in


def test_a_chinese_warning_sign_edited_previewed_published_reaches_a_user(trainer: Trainer, served: Served):
    learner = new_id()
    old_sign = shipped().scams[SCAM]["checklist"][0]["sign"]["zh"]["standard"]
    before = served.lesson_page(learner)
    assert old_sign in before and NEW_SIGN not in before

    trainer.open(f"/scams/{SCAM}")
    label = trainer.field(SIGN).find_element(By.TAG_NAME, "label").text
    assert label.startswith(f"{words('console_part_sign')} · {words('console_lang_zh')} · ")
    trainer.type_into(SIGN, NEW_SIGN)
    trainer.save()
    assert trainer.notice() == words("console_saved")
    assert trainer.driver.find_element(By.ID, f"i-{SIGN}").get_attribute("value") == NEW_SIGN
    trainer.shot("edit", scroll_to=trainer.field(SIGN))

    # The preview of the draft: the warning signs as the bot sends them, Chinese and English side by side.
    trainer.submit(trainer.find(f'a[href="/preview?scam_type={SCAM}"]'))
    Select(trainer.find('select[name="kind"]')).select_by_value("checklist")
    trainer.submit(trainer.find("form.choices button"))
    chinese = " ".join(bubble.text for bubble in trainer.finds('section.chat[lang="zh-Hans"] .bubble'))
    english = " ".join(bubble.text for bubble in trainer.finds('section.chat[lang="en"] .bubble'))
    assert NEW_SIGN in chinese and old_sign not in chinese
    assert shipped().scams[SCAM]["checklist"][0]["sign"]["en"]["standard"] in english
    assert words("console_showing_draft") in trainer.find("main").text
    trainer.shot("preview")
    # Until it is published, users still get the old wording.
    assert old_sign in served.lesson_page(learner)

    trainer.submit(trainer.find('header nav a[href="/publish"]'))
    added = [line for line in trainer.find("pre.diff").text.splitlines() if line.startswith("+ ")]
    assert added == [f'+        standard: "{NEW_SIGN}"']
    trainer.submit(trainer.find('form[action="/publish"] button'))
    number = int(re.search(r"number=(\d+)", trainer.driver.current_url)[1])
    assert trainer.notice() == words("console_published", number=number)
    live_row = trainer.find("tr.current")
    assert live_row.find_element(By.CSS_SELECTOR, "td").text == f"{number} ({words('console_live')})"
    assert str(ADMIN) in live_row.text and f"changed {SCAM_FILE}" in live_row.text
    assert f'standard: "{NEW_SIGN}"' in served.live_file()

    after = served.lesson_page(learner)
    assert NEW_SIGN in after and old_sign not in after
    assert trainer.console_errors() == []


def test_a_broken_edit_is_refused_beside_its_field_and_nothing_changes(trainer: Trainer, served: Served):
    learner = new_id()
    live_before, sign_before = served.live_file(), served.live_sign()
    shown_before = served.lesson_page(learner)
    assert sign_before in shown_before
    line = live_before.splitlines().index("  - checklist: stranger_free_tips") + 1

    # A reworded sign, and the first red flag pointed at a warning sign that does not exist.
    trainer.open(f"/scams/{SCAM}")
    trainer.type_into(SIGN, THIRD_SIGN)
    trainer.type_into(FLAG, "no_such_sign")
    trainer.save()
    assert trainer.notice() == words("console_saved")
    trainer.open("/publish")
    trainer.submit(trainer.find('form[action="/publish"] button'))
    reason = f"content/{SCAM_FILE}:{line}: red flag points at unknown checklist item 'no_such_sign'"
    assert trainer.find('p.problem[role="alert"]').text == words("console_publish_refused", count=1)
    problem = trainer.driver.find_element(By.ID, f"p-{FLAG}")
    assert problem.find_element(By.CSS_SELECTOR, "p.problem").text == reason
    assert problem.find_element(By.CSS_SELECTOR, "blockquote.value").text == "no_such_sign"
    trainer.shot("publish-refused")

    # "Go to the field": the edit page, the reason beside the red flag's warning-sign id and nowhere else.
    trainer.submit(problem.find_element(By.CSS_SELECTOR, "a"))
    assert trainer.driver.current_url == f"{served.base}/scams/{SCAM}#f-{FLAG}"
    field = trainer.field(FLAG)
    assert [p.text for p in field.find_elements(By.CSS_SELECTOR, "p.problem")] == [reason]
    assert "has-problem" in field.get_attribute("class")
    assert [p.text for p in trainer.finds("form.edit p.problem")] == [reason]
    trainer.shot("field-problem", scroll_to=field)

    # Nothing live changed: the file, and what a user of the bot reads.
    assert served.live_file() == live_before
    shown = served.lesson_page(learner)
    assert shown == shown_before and THIRD_SIGN not in shown
    # The trainer throws the draft away.
    trainer.open("/publish")
    trainer.submit(trainer.find('form[action="/draft/discard"] button'))
    assert trainer.notice() == words("console_discarded")
    assert trainer.console_errors() == []


def test_a_version_is_made_live_again_from_the_history(trainer: Trainer, served: Served):
    learner = new_id()
    live_before, sign_before = served.live_file(), served.live_sign()
    shown_before = served.lesson_page(learner)
    assert sign_before in shown_before and THIRD_SIGN not in shown_before

    trainer.open(f"/scams/{SCAM}")
    trainer.type_into(SIGN, THIRD_SIGN)
    trainer.save()
    trainer.open("/publish")
    trainer.submit(trainer.find('form[action="/publish"] button'))
    number = int(re.search(r"number=(\d+)", trainer.driver.current_url)[1])
    assert trainer.notice() == words("console_published", number=number)
    assert THIRD_SIGN in served.lesson_page(learner)

    # What the new version changed: its diff, from the history.
    trainer.submit(trainer.find(f'a[href="/history/{number}"]'))
    assert trainer.find("h1").text == words("console_version_title", number=number)
    diff = trainer.find("pre.diff").text.splitlines()
    changed = [line for line in diff if line.startswith(("+ ", "- "))]
    assert changed == [f'-        standard: "{sign_before}"', f'+        standard: "{THIRD_SIGN}"']
    trainer.shot("version-diff")

    # One click on the previous version's button makes it live again, as a new version.
    trainer.open("/history")
    previous = trainer.find(f'form[action="/history/{number - 1}/rollback"] button')
    assert previous.text == words("console_rollback_button")
    trainer.submit(previous)
    assert trainer.notice() == words("console_rolled_back", old=number - 1, number=number + 1)
    assert trainer.find("tr.current td").text == f"{number + 1} ({words('console_live')})"
    trainer.shot("history")
    assert served.live_file() == live_before
    shown = served.lesson_page(learner)
    assert THIRD_SIGN not in shown and shown == shown_before
    assert trainer.console_errors() == []


def test_the_statistics_are_drawn_as_charts(trainer: Trainer):
    trainer.open("/stats?days=14")
    assert trainer.find("h1").text == words("console_nav_stats")
    # Chart.js (served by the console) drew each chart: its datasets hold the counts put in the database.
    drawn = """
        const canvas = document.getElementById(arguments[0]);
        const chart = window.Chart && Chart.getChart(canvas);
        if (!chart) return null;
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        return {sets: chart.data.datasets.map(d => [d.label, d.data.reduce((a, b) => a + b, 0)]), painted};
    """
    by_type = WebDriverWait(trainer.driver, 10).until(lambda d: d.execute_script(drawn, "chart-by-type"))
    names = {scam_type: scam["name"]["en"] for scam_type, scam in shipped().scams.items()}
    expected: dict[str, int] = {}
    for _, scam_type, _, _ in STATS:
        expected[names[scam_type]] = expected.get(names[scam_type], 0) + 1
    assert dict(by_type["sets"]) == expected
    assert by_type["painted"] > 1000  # bars, axes and labels on the canvas, not an empty box
    by_language = trainer.driver.execute_script(drawn, "chart-by-language")
    assert dict(by_language["sets"]) == {
        "en": sum(1 for s in STATS if s[2] == "en"),
        "zh": sum(1 for s in STATS if s[2] == "zh"),
    }
    for chart in ("chart-paid", "chart-totals"):
        assert trainer.driver.execute_script(drawn, chart)["painted"] > 1000
    trainer.shot("stats")
    assert trainer.console_errors() == []


# The warning sign the trainer adds, with its id (testkit/web_console.py has its texts).
ADDED_SIGN = {"id": "screen_share", **SIGN_TEXTS}


def test_a_warning_sign_added_in_chinese_is_published_and_reaches_a_user(trainer: Trainer, served: Served):
    learner = new_id()
    new_sign = ADDED_SIGN["sign.zh.standard"]
    assert new_sign not in served.lesson_page(learner)
    signs_before = len(yaml.safe_load(served.live_file())["checklist"])

    # From the scam type's page, the link under its warning signs opens an empty form for a new one.
    trainer.open(f"/scams/{SCAM}")
    link = trainer.find(f'a[href="/scams/{SCAM}/add/sign"]')
    assert link.text == words("console_add_sign")
    # Scrolled to the middle, as a trainer reads it: at the window's bottom edge the sticky save bar covers it.
    trainer.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    trainer.submit(link)
    assert trainer.find("h1").text.startswith(words("console_add_sign"))
    for name, text in ADDED_SIGN.items():
        trainer.type_into(f"checklist.0.{name}", text)
    trainer.shot("add-sign", scroll_to=trainer.field("checklist.0.sign.zh.standard"))
    trainer.submit(trainer.find("form.edit button.primary"))
    assert trainer.notice() == words("console_item_added")
    shown = f"checklist.{signs_before}.sign.zh.standard"
    assert trainer.driver.find_element(By.ID, f"i-{shown}").get_attribute("value") == new_sign
    assert trainer.find(f'button[name="remove"][value="checklist.{signs_before}"]').text == words("console_remove")
    # Only a draft so far: users still get the signs they had.
    assert new_sign not in served.lesson_page(learner)

    trainer.submit(trainer.find('header nav a[href="/publish"]'))
    diff = trainer.find("pre.diff").text.splitlines()
    assert f'+        standard: "{new_sign}"' in diff and "+  - id: screen_share" in diff
    assert not [line for line in diff if line.startswith("- ")]  # nothing removed or rewritten
    trainer.submit(trainer.find('form[action="/publish"] button'))
    number = int(re.search(r"number=(\d+)", trainer.driver.current_url)[1])
    assert trainer.notice() == words("console_published", number=number)

    # Live: the published file has the new sign last, and a user of the bot reads it among the warning signs.
    live = yaml.safe_load(served.live_file())["checklist"]
    assert len(live) == signs_before + 1 and live[-1]["id"] == "screen_share"
    assert live[-1]["sign"]["zh"] == {"standard": new_sign, "elderly": ADDED_SIGN["sign.zh.elderly"]}
    page = served.lesson_page(learner)
    assert new_sign in page and ADDED_SIGN["why.zh.standard"] in page
    assert trainer.console_errors() == []
