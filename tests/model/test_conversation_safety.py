"""The conversation safety suite (testkit/conversation_safety.py) through the real Rasa server, on the development
suites: every risky conversation gets what to do now first and no reassurance; at least 90% of the benign
look-alikes get neither an accusation nor a stop-loss path.

The development suites (safety_dev*.yml) were written blind by helpers who had seen neither the training data
nor the code. Some were first measured as blind suites and only then read; all were used during development:
their failures were read and fixed, so here they guard against regressions and measure nothing. The measure is
the blind suites (safety_blind*.yml), never read to change the rules: `make safety-report` plays them and
writes the counts into the README; they are not asserted here because they do not meet the target yet (README,
"Safety rules").

The benign target is the issue's, for the suite as a whole (all development files together); the risky
categories must hold in every file.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.content.loader import load_content
from testkit import ROOT
from testkit.conversation_safety import RISKY, counts, load_conversations, play_all, transcript

pytestmark = pytest.mark.rasa

DEVELOPMENT_SUITES = sorted((ROOT / "tests" / "data").glob("safety_dev*.yml"))
BENIGN_TARGET = 0.9


@pytest.fixture(scope="module")
def outcomes(rasa_url, rasa_token):
    """Every development suite played once (its own event loop: the fixture outlives one test's)."""
    content = load_content(ROOT / "content")
    return {
        suite.name: asyncio.run(play_all(rasa_url, rasa_token, content, load_conversations(suite)))
        for suite in DEVELOPMENT_SUITES
    }


@pytest.mark.parametrize("suite", [path.name for path in DEVELOPMENT_SUITES])
def test_every_risky_conversation_gets_what_to_do_now_first(outcomes, suite):
    table = counts(outcomes[suite])
    risky_failures = [o for o in outcomes[suite] if not o.passed and o.conversation.category != "benign"]
    failures = "\n\n".join(transcript(o) for o in risky_failures)
    for category in RISKY + ("intervention", "relative_asking"):
        passed, total = table[category]
        assert passed == total, f"{category}: {passed}/{total}\n{failures}"


def test_benign_look_alikes_get_no_accusation(outcomes):
    benign = [o for played in outcomes.values() for o in played if o.conversation.category == "benign"]
    passed = sum(o.passed for o in benign)
    failures = "\n\n".join(transcript(o) for o in benign if not o.passed)
    assert passed >= BENIGN_TARGET * len(benign), f"benign: {passed}/{len(benign)}\n{failures}"
