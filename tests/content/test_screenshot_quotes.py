"""Red-flag words read from a screenshot are quoted back as the screenshot's, words the user typed (a photo's
caption) as theirs, in every language and audience, through the turn's own path (TurnRequest.image_text)."""

from __future__ import annotations

import pytest

from bot.content.render import Audience, render, to_plain
from bot.content.schema import AUDIENCES
from testkit.content_text import words

CAPTION = "他说要先交解冻费"
IMAGE_TEXT = "您的贷款已审批，银行卡号填错，资金被冻结\n需要先交解冻金，解冻后连同贷款退还"


def quoted(line: str) -> str:
    return line.split("“", 1)[1].split("”", 1)[0]


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_phrase_in_the_screenshot_is_introduced_as_the_screenshots_and_one_in_the_caption_as_the_users(
    content, lang, audience
):
    reader = Audience(lang, audience, "cn")
    messages = render(content, "warning", scam_type="loan_unfreeze_fee", reader=reader,
                      user_text=f"{CAPTION}\n{IMAGE_TEXT}", extra={"image_text": IMAGE_TEXT})  # fmt: skip
    lines = to_plain("\n".join(messages)).splitlines()
    from_image = [line for line in lines if line.startswith(words("in_your_screenshot", reader))]
    typed = [line for line in lines if line.startswith(words("you_wrote", reader))]
    assert from_image and all(quoted(line) in IMAGE_TEXT for line in from_image), lines
    assert typed and all(quoted(line) in CAPTION for line in typed), lines


def test_without_a_screenshot_every_quote_is_what_the_user_wrote(content):
    reader = Audience("zh", "standard", "cn")
    messages = render(content, "warning", scam_type="loan_unfreeze_fee", reader=reader, user_text=IMAGE_TEXT)
    plain = to_plain("\n".join(messages))
    assert words("you_wrote", reader) in plain and words("in_your_screenshot", reader) not in plain
