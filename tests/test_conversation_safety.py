"""The conversation safety suite (tests/conversation_safety.py) through the real Rasa server, on the development
suites: every risky conversation gets what to do now first and no reassurance; at least 90% of benign
look-alikes get neither an accusation nor a stop-loss path.

The development suites (safety_dev*.yml) were written blind by helpers who had seen neither the training data
nor the code, then used during development: their failures were read and fixed, so here they guard against
regressions and measure nothing. The measure is the blind suites (safety_blind*.yml), never read to change the
rules: `make safety-report` plays them and writes the counts into the README; they are not asserted here
because they do not meet the target yet (README, "Safety rules").
"""

from __future__ import annotations

import pytest

from bot.content.library import load_content
from tests.conversation_safety import RISKY, counts, load_conversations, play_all, transcript
from tests.helpers import ROOT

pytestmark = pytest.mark.rasa

DEVELOPMENT_SUITES = sorted(path.name for path in (ROOT / "tests" / "data").glob("safety_dev*.yml"))
BENIGN_TARGET = 0.9


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content")


@pytest.mark.parametrize("suite", DEVELOPMENT_SUITES)
async def test_risky_conversations_get_what_to_do_now_and_benign_ones_no_accusation(suite, rasa_url, content):
    conversations = load_conversations(ROOT / "tests" / "data" / suite)
    outcomes = await play_all(rasa_url, content, conversations)
    table = counts(outcomes)
    failures = "\n\n".join(transcript(o) for o in outcomes if not o.passed)
    for category in RISKY + ("intervention", "relative_asking"):
        passed, total = table[category]
        assert passed == total, f"{category}: {passed}/{total}\n{failures}"
    passed, total = table["benign"]
    assert passed >= BENIGN_TARGET * total, f"benign: {passed}/{total}\n{failures}"
