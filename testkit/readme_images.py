"""The README's pictures of what a user receives, made from the shipped content by the bot's own code:
`.venv/bin/python -m testkit.readme_images` writes docs/images/. (The web console's screenshots are taken by its
browser tests.)"""

from __future__ import annotations

from bot.content.render import Audience, render
from bot.report_pack.image import pack_png
from testkit import ROOT
from testkit.content_text import shipped
from testkit.screenshots import STOCK_GROUP_CHAT, chat_screenshot

IMAGES = ROOT / "docs" / "images"
# A loan-scam victim's answers as the form stores them: the own card already masked, the scammer's account as given.
ANSWERS = {
    "zh": {"when": "2026-11-28", "amount": "3万元", "method": "bank_transfer", "from": "工商银行 **** **** **** 6789",
           "to": "6217 0000 1111 2222 建设银行 张伟", "evidence": ["chats", "receipts"]},
    "en": {"when": "2026-11-28", "amount": "£2,400", "method": "bank_transfer", "from": "Barclays ****6789",
           "to": "sort code 04-00-04, account 12345678, “J Smith”", "name": "“Sarah from the bank's fraud team”",
           "evidence": ["chats", "receipts", "contacts"]},
}  # fmt: skip


def report_pack_images() -> list[str]:
    content = shipped()
    written = []
    for name, reader in (("report-pack-zh.png", Audience("zh", "standard", "cn")),
                         ("report-pack-en.png", Audience("en", "standard", "uk"))):  # fmt: skip
        messages = render(content, "report_pack", scam_type="loan_unfreeze_fee", reader=reader, paid=True,
                          extra={"pack": ANSWERS[reader.lang]})  # fmt: skip
        (IMAGES / name).write_bytes(pack_png("\n".join(messages)))
        written.append(name)
    return written


def screenshot_image() -> str:
    """The stock-lecturer group chat the screenshot test sends (tests/process/test_screenshot_e2e.py)."""
    name = "screenshot-stock-chat.png"
    (IMAGES / name).write_bytes(chat_screenshot("股票交流群（88）", list(STOCK_GROUP_CHAT), "zh-Hans").png)
    return name


if __name__ == "__main__":
    IMAGES.mkdir(parents=True, exist_ok=True)
    print("\n".join(f"docs/images/{name}" for name in [*report_pack_images(), screenshot_image()]))
