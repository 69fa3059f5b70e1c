"""Scores for the classifier on a labelled file: per-label precision/recall/F1, false alarms, money detection.

Pure Python, no dependencies: the tests (bot environment) and the pipeline benchmark (Rasa environment) share it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

NONE = "none"


@dataclass(frozen=True)
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Report:
    per_label: dict[str, LabelScore]
    macro_f1: float
    # Share of `none` messages the classifier called a scam.
    none_false_alarm_rate: float
    # Share of scam messages whose money_sent (true / false / null) came out right.
    money_accuracy: float
    # Of the messages saying money has already gone, the share recognised as paid.
    paid_recall: float
    # Of the messages where nobody says money has gone, the share the classifier reported as paid.
    false_paid_rate: float
    errors: list[dict]

    def as_dict(self) -> dict:
        return asdict(self)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def score(expected: Sequence[dict], predicted: Sequence[dict]) -> Report:
    """`expected`: held-out entries (scam_type, money_sent); `predicted`: classify output, same order."""
    labels = sorted({e["scam_type"] for e in expected})
    per_label = {}
    for label in labels:
        tp = sum(1 for e, p in zip(expected, predicted) if e["scam_type"] == label and p["scam_type"] == label)
        fp = sum(1 for e, p in zip(expected, predicted) if e["scam_type"] != label and p["scam_type"] == label)
        fn = sum(1 for e, p in zip(expected, predicted) if e["scam_type"] == label and p["scam_type"] != label)
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        f1 = _ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0
        per_label[label] = LabelScore(round(precision, 4), round(recall, 4), round(f1, 4), tp + fn)

    nones = [(e, p) for e, p in zip(expected, predicted) if e["scam_type"] == NONE]
    scams = [(e, p) for e, p in zip(expected, predicted) if e["scam_type"] != NONE]
    paid = [(e, p) for e, p in scams if e.get("money_sent") is True]
    unpaid = [(e, p) for e, p in zip(expected, predicted) if e.get("money_sent") is not True]
    errors = [
        {"text": e["text"], "expected": e["scam_type"], "predicted": p["scam_type"]}
        for e, p in zip(expected, predicted)
        if e["scam_type"] != p["scam_type"]
    ]
    return Report(
        per_label=per_label,
        macro_f1=round(sum(s.f1 for s in per_label.values()) / len(per_label), 4),
        none_false_alarm_rate=round(_ratio(sum(1 for _, p in nones if p["scam_type"] != NONE), len(nones)), 4),
        money_accuracy=round(
            _ratio(sum(1 for e, p in scams if e.get("money_sent") == p.get("money_sent")), len(scams)), 4
        ),
        paid_recall=round(_ratio(sum(1 for _, p in paid if p.get("money_sent") is True), len(paid)), 4),
        false_paid_rate=round(_ratio(sum(1 for _, p in unpaid if p.get("money_sent") is True), len(unpaid)), 4),
        errors=errors,
    )
