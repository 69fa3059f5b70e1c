"""The classifier on held-out messages that no training file contains (nlu_data/SOURCES.md lists them).

- heldout_third_party.yml: public text no one here wrote (FTC robocall transcripts, TeleAntiFraud call
  dialogues). Only its `test` two thirds are scored here; its `validation` third may guide choices.
- heldout_blind.yml and heldout_blind2.yml: written blind, never looked at while choosing anything.
- heldout.yml: written by the team and used during development (its errors were read): the weakest measure.

The targets are issue 14's. A target a file does not reach is listed in SHORTFALLS with the figure measured on
the finished build: its test is an expected failure that fails outright once the figure improves, so the list
can only shrink. Nothing here was tuned on these files.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter

import pytest
import yaml

from common.evaluation import Report, score
from common.labels import NONE, SCAM_TYPES
from testkit import ROOT
from testkit.bot_cli import run_bot

pytestmark = pytest.mark.rasa

HELDOUT_FILES = ("heldout_third_party.yml", "heldout_blind.yml", "heldout_blind2.yml", "heldout.yml")
NLU_DATA = ROOT / "nlu_data"
# Written blind, together: the first covers the types of issues 2 and 8, the second the five issue 14 added.
BLIND_FILES = ("heldout_blind.yml", "heldout_blind2.yml")
# Issue 14's targets: on third-party text, and on our own blind (and development) files.
THIRD_PARTY_TARGETS = {"macro_f1": 0.85, "none_flagged": 0.05, "type_recall": 0.80}
OWN_TARGETS = {"macro_f1": 0.95, "none_flagged": 0.03, "paid_recall": 0.90, "false_paid": 0.03}

# Measured on the build that last changed the model (2026-11-30, third stop of issue 14; model trained from the
# same commit). A strict expected failure fails when its figure reaches the target: then the line goes. Two
# entries are regressions of this stop, recorded rather than tuned away: `none` flagged on the third-party test
# (2 to 4 texts) and on blind file 2 (3 to 4 texts). The way up is breadth of real training data (README
# "Real-world recognition"), not these files.
SHORTFALLS: dict[tuple[str, str], str] = {
    ("heldout_third_party.yml", "macro_f1"): "0.671 (0.685 at the second stop, 0.569 at the first)",
    ("heldout_third_party.yml", "none_flagged"): "5.5% (2.7% at the second stop)",
    ("heldout_third_party.yml", "type_recall"): "fake_credit_repair 0.67, fake_customer_service 0.70, "
    "impersonation_acquaintance 0.45, impersonation_official 0.67",
    ("heldout_blind.yml", "macro_f1"): "0.943",
    ("heldout_blind.yml", "none_flagged"): "3.3%",
    ("heldout_blind.yml", "type_f1"): "impersonation_acquaintance 0.88, phishing 0.89",
    ("heldout_blind.yml", "paid_recall"): "0.892 (0.860 at the second stop)",
    ("heldout_blind.yml", "false_paid"): "6.7%",
    ("heldout_blind2.yml", "none_flagged"): "4.0% (3.0% at the second stop)",
    ("heldout_blind2.yml", "paid_recall"): "0.898 (0.875 at the second stop)",
    ("heldout_blind2.yml", "false_paid"): "6.3%",
    ("heldout.yml", "macro_f1"): "0.897",
    ("heldout.yml", "type_f1"): "fake_credit_repair 0.75, fake_customer_service 0.90, remote_access 0.0 (one text)",
    ("heldout.yml", "false_paid"): "4.6%",
}


def entries_of(name: str) -> list[dict]:
    entries = yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))
    # The third-party file's validation third may guide choices, so only its test two thirds are a measure.
    return [e for e in entries if e.get("split", "test") == "test"]


@pytest.fixture(scope="module", params=HELDOUT_FILES)
def heldout(request) -> tuple[str, list[dict]]:
    return request.param, entries_of(request.param)


@pytest.fixture(scope="module")
def report(heldout, rasa_url, tmp_path_factory) -> tuple[str, Report, list[dict]]:
    name, entries = heldout
    path = tmp_path_factory.mktemp("heldout") / "messages.txt"
    # One message per line: a call transcript's line breaks become spaces.
    path.write_text("\n".join(" ".join(e["text"].split()) for e in entries) + "\n", encoding="utf-8")
    result = run_bot(["classify", str(path)], env={**os.environ, "RASA_URL": rasa_url})
    assert result.returncode == 0, result.stderr
    predicted = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(predicted) == len(entries)
    return name, score(entries, predicted), predicted


def check(name: str, target: str, reached: bool, figure: str) -> None:
    """Asserts a target, or expects the recorded shortfall (and fails if it is no longer one)."""
    recorded = SHORTFALLS.get((name, target))
    if recorded is None:
        assert reached, f"{name}: {target} {figure}"
        return
    assert not reached, f"{name}: {target} now reaches its target ({figure}): remove it from SHORTFALLS"
    pytest.xfail(f"{name}: {target} {figure}, recorded {recorded}")


def test_the_blind_files_cover_every_label_in_both_languages():
    entries = [e for name in BLIND_FILES for e in entries_of(name)]
    for label in (*SCAM_TYPES, NONE):
        of_label = [e for e in entries if e["scam_type"] == label]
        assert len(of_label) >= 20, label
        # Both languages well represented: at least 40% each (relabelling moved some texts between types).
        chinese = sum(1 for e in of_label if e["lang"] == "zh")
        assert 0.4 <= chinese / len(of_label) <= 0.6, label


def test_the_third_party_file_says_where_each_text_comes_from():
    entries = yaml.safe_load((ROOT / "tests" / "data" / "heldout_third_party.yml").read_text(encoding="utf-8"))
    assert {e["source"] for e in entries} == {"ftc_robocalls", "teleantifraud"}
    assert all(e["ref"] and e["split"] in ("validation", "test") for e in entries)
    assert {e["scam_type"] for e in entries} <= {*SCAM_TYPES, NONE}


def training_examples() -> set[str]:
    """Every training example, annotations removed, whitespace folded, lower case."""
    examples = set()
    for path in NLU_DATA.glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in block.get("examples", "").splitlines():
                text = re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", line.strip().removeprefix("- "))
                examples.add(" ".join(text.split()).lower())
    return examples


def test_heldout_messages_never_appear_in_training_data(heldout):
    training = training_examples()
    _, entries = heldout
    assert [e["text"] for e in entries if " ".join(e["text"].split()).lower() in training] == []


def shingles(text: str, size: int = 8) -> set[str]:
    folded = "".join(text.lower().split())
    return {folded[i : i + size] for i in range(max(1, len(folded) - size + 1))}


@pytest.fixture(scope="module")
def training_pieces() -> dict[str, set[int]]:
    """Each 8-character piece of the training data, with the numbers of the examples it occurs in."""
    by_piece: dict[str, set[int]] = {}
    for number, example in enumerate(training_examples()):
        for piece in shingles(example):
            by_piece.setdefault(piece, set()).add(number)
    return by_piece


def test_no_heldout_message_is_a_near_copy_of_a_training_example(heldout, training_pieces):
    """Edited copies count too: a held-out text most of whose 8-character pieces sit in one training example.
    Short everyday phrases ("are you a real person or a bot?") are bound to be written twice, so they do not."""
    by_piece = training_pieces
    _, entries = heldout
    copied = []
    for entry in entries:
        pieces = shingles(entry["text"])
        if len(pieces) < 40:
            continue
        shared = Counter(number for piece in pieces for number in by_piece.get(piece, ()))
        if shared and shared.most_common(1)[0][1] >= 0.6 * len(pieces):
            copied.append(entry["text"])
    assert copied == []


def test_macro_f1(report):
    name, scores, _ = report
    bar = THIRD_PARTY_TARGETS["macro_f1"] if name == "heldout_third_party.yml" else OWN_TARGETS["macro_f1"]
    check(name, "macro_f1", scores.macro_f1 >= bar, f"{scores.macro_f1:.3f} (target {bar})")


def test_ordinary_messages_are_rarely_called_a_scam(report):
    name, scores, _ = report
    bar = THIRD_PARTY_TARGETS["none_flagged"] if name == "heldout_third_party.yml" else OWN_TARGETS["none_flagged"]
    rate = scores.none_false_alarm_rate
    check(name, "none_flagged", rate <= bar, f"{rate:.1%} of `none` flagged (target {bar:.0%})")


def test_every_scam_type_is_recognised(report):
    name, scores, _ = report
    if name == "heldout_third_party.yml":
        bar = THIRD_PARTY_TARGETS["type_recall"]
        # Types with at least five test texts: fewer cannot show a rate.
        weak = {t: s.recall for t, s in scores.per_label.items() if t != NONE and s.support >= 5 and s.recall < bar}
        check(name, "type_recall", not weak, f"recall under {bar}: {weak}")
    else:
        weak = {t: s.f1 for t, s in scores.per_label.items() if s.f1 < 0.9}
        check(name, "type_f1", not weak, f"F1 under 0.9: {weak}")


def test_money_already_sent_is_recognised(report):
    name, scores, _ = report
    if name == "heldout_third_party.yml":
        pytest.skip("the third-party texts are scammers' words: three say money went, too few to measure")
    bar = OWN_TARGETS["paid_recall"]
    check(name, "paid_recall", scores.paid_recall >= bar, f"{scores.paid_recall:.3f} (target {bar})")


def test_money_is_not_reported_sent_where_nobody_paid(report):
    name, scores, _ = report
    bar = OWN_TARGETS["false_paid"]
    rate = scores.false_paid_rate
    check(name, "false_paid", rate <= bar, f"{rate:.1%} reported paid where nobody paid (target {bar:.0%})")


def test_a_pasted_scammer_message_is_recognised_as_such(report):
    """blind2 marks each text as the user's account or the scammer's own message (pasted or forwarded)."""
    name, _, predicted = report
    if name != "heldout_blind2.yml":
        pytest.skip("only heldout_blind2.yml marks the form of each text")
    entries = entries_of(name)
    forwarded = [p["form"] for e, p in zip(entries, predicted) if e["form"] == "forwarded"]
    accounts = [p["form"] for e, p in zip(entries, predicted) if e["form"] == "account"]
    recognised = forwarded.count("forwarded") / len(forwarded)
    mistaken = accounts.count("forwarded") / len(accounts)
    check(name, "form", recognised >= 0.9 and mistaken <= 0.05, f"{recognised:.1%} recognised, {mistaken:.1%} mistaken")
