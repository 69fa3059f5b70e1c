"""Short answers to "have you already sent money?" in Cantonese (Hong Kong) and Taiwanese Mandarin, typed instead
of tapping a button, are read as yes / no / not sure by the trained model (nlu_data/answers.yml)."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.rasa

# After the money question a statement of paying or not paying leads where yes or no does
# (stories/scam_report_rules.yml): those intents count as the same answer.
SAME_ANSWER = {"affirm": {"affirm", "inform_paid"}, "deny": {"deny", "inform_not_paid"}, "unsure": {"unsure"}}
ANSWERS = {
    "affirm": ["係", "係呀", "有", "俾咗", "是的", "係啊", "有呀", "轉咗", "對呀", "有的"],
    "deny": ["冇", "冇呀", "未", "唔係", "沒有", "未呀", "唔係呀", "冇啊", "還沒", "還沒有"],
    "unsure": ["唔知", "唔清楚", "唔肯定", "不確定", "唔知呀", "唔記得", "我唔太肯定", "不清楚", "唔係好肯定"],
}


@pytest.fixture(scope="module")
def rasa(rasa_url, rasa_token):
    with httpx.Client(base_url=rasa_url, params={"token": rasa_token or ""}, timeout=60) as client:
        yield client


@pytest.mark.parametrize(
    ("expected", "answer"), [(intent, answer) for intent, answers in ANSWERS.items() for answer in answers]
)
def test_a_cantonese_or_taiwanese_answer_is_read_as_yes_no_or_not_sure(rasa, expected, answer):
    intent = rasa.post("/model/parse", json={"text": answer}).json()["intent"]
    assert intent["name"] in SAME_ANSWER[expected], (answer, intent)
