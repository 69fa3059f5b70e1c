from common.evaluation import score


def test_scores_count_false_alarms_on_none_and_money_answers():
    expected = [
        {"text": "a", "scam_type": "stock_lecturer", "money_sent": True},
        {"text": "b", "scam_type": "stock_lecturer", "money_sent": None},
        {"text": "c", "scam_type": "none", "money_sent": None},
        {"text": "d", "scam_type": "none", "money_sent": None},
    ]
    predicted = [
        {"scam_type": "stock_lecturer", "money_sent": True},
        {"scam_type": "none", "money_sent": None},
        {"scam_type": "stock_lecturer", "money_sent": None},
        {"scam_type": "none", "money_sent": None},
    ]
    report = score(expected, predicted)
    assert report.per_label["stock_lecturer"].precision == 0.5
    assert report.per_label["stock_lecturer"].recall == 0.5
    assert report.none_false_alarm_rate == 0.5
    assert report.money_accuracy == 1.0
    assert report.paid_recall == 1.0
    assert [e["text"] for e in report.errors] == ["b", "c"]
