"""The conversation safety suite (tests/conversation_safety.py) through the real Rasa server: every risky
conversation gets what to do now first and no reassurance; at least 90% of benign look-alikes get neither an
accusation nor a stop-loss path.

safety_blind.yml (142 conversations) was written by a helper who had seen neither the training data nor the
code, and is the measure reported in the README; it was run once the rules were settled and never read to
change them. safety_dev*.yml were written blind the same way by three other helpers and used during
development: their failures were read and fixed, so they guard against regressions but measure nothing.
"""

from __future__ import annotations

import pytest

from bot.content.library import load_content
from tests.conversation_safety import RISKY, counts, load_conversations, play_all, transcript
from tests.helpers import ROOT

pytestmark = pytest.mark.rasa

SUITES = ("safety_blind.yml", "safety_dev.yml", "safety_dev2.yml", "safety_dev3.yml")
BENIGN_TARGET = 0.9


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content")


@pytest.mark.parametrize("suite", SUITES)
async def test_risky_conversations_get_what_to_do_now_and_benign_ones_no_accusation(suite, rasa_url, content):
    conversations = load_conversations(ROOT / "tests" / "data" / suite)
    outcomes = await play_all(rasa_url, content, conversations)
    table = counts(outcomes)
    # The blind suite's failures are named, not shown: reading them to change the rules would spoil the measure.
    shown = (lambda o: o.conversation.id) if suite == "safety_blind.yml" else transcript
    failures = "\n\n".join(shown(o) for o in outcomes if not o.passed)
    for category in RISKY + ("intervention", "relative_asking"):
        passed, total = table[category]
        assert passed == total, f"{category}: {passed}/{total}\n{failures}"
    passed, total = table["benign"]
    assert passed >= BENIGN_TARGET * total, f"benign: {passed}/{total}\n{failures}"
