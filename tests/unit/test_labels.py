from common.labels import SCAM_TYPES, aggregate_ranking, label_for_intent


def test_every_scam_intent_is_its_own_label_and_everything_else_is_none():
    for scam in SCAM_TYPES:
        assert label_for_intent(scam) == scam
    for intent in ("greet", "not_scam", "affirm", "inform_paid", "out_of_scope"):
        assert label_for_intent(intent) == "none"


def test_none_intents_are_summed_before_comparing_with_a_scam():
    ranking = [
        {"name": "stock_lecturer", "confidence": 0.40},
        {"name": "not_scam", "confidence": 0.30},
        {"name": "greet", "confidence": 0.20},
        {"name": "thank", "confidence": 0.10},
    ]
    label, confidence = aggregate_ranking(ranking)
    assert label == "none"
    assert abs(confidence - 0.60) < 1e-9


def test_fallback_pseudo_intent_is_ignored():
    ranking = [{"name": "nlu_fallback", "confidence": 0.7}, {"name": "loan_unfreeze_fee", "confidence": 0.29}]
    assert aggregate_ranking(ranking) == ("loan_unfreeze_fee", 0.29)


def test_empty_ranking_means_none():
    assert aggregate_ranking([]) == ("none", 0.0)
