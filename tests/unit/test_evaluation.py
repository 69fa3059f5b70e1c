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


def test_paid_reported_where_nobody_paid_is_counted_over_every_unpaid_message():
    expected = [
        {"text": "a", "scam_type": "phishing", "money_sent": None},
        {"text": "b", "scam_type": "phishing", "money_sent": False},
        {"text": "c", "scam_type": "none", "money_sent": None},
        {"text": "d", "scam_type": "phishing", "money_sent": True},
    ]
    predicted = [
        {"scam_type": "phishing", "money_sent": True},
        {"scam_type": "phishing", "money_sent": False},
        {"scam_type": "none", "money_sent": None},
        {"scam_type": "phishing", "money_sent": True},
    ]
    assert score(expected, predicted).false_paid_rate == round(1 / 3, 4)
