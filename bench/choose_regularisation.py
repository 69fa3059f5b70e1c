"""Chooses C (inverse regularisation) for our two classifiers by 5-fold cross-validation on the TRAINING data.

The held-out file is never read here. Prints cross-validated macro-F1 per C for the scam label (intents
summed per label, as the bot reports them) and for the money status. Run in the Rasa environment:
`make choose-c`.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402

from common.labels import aggregate_ranking, label_for_intent  # noqa: E402

GRID = (1.0, 10.0, 30.0, 100.0, 300.0, 1000.0)


def main() -> int:
    logging.disable(logging.WARNING)
    from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
    from rasa.shared.nlu.training_data.loading import load_data

    from rasa_addons.nlu.chinese_normalizer import ChineseNormalizer
    from rasa_addons.nlu.money_status import MoneyStatusClassifier
    from rasa_addons.nlu.text_features import TextFeatures, TfidfClassifierComponent

    data = load_data(str(ROOT / "nlu_data"))
    ChineseNormalizer().process_training_data(data)
    # Jieba needs no stored resource unless it has a custom dictionary, which we do not use.
    JiebaTokenizer(JiebaTokenizer.get_default_config(), None, None).process_training_data(data)
    examples = [m for m in data.intent_examples if m.get("text")]
    intents = np.array([m.get("intent") for m in examples])
    money_classifier = MoneyStatusClassifier({}, None, None)
    money = np.array([money_classifier.training_label(m) for m in examples])
    folds = list(StratifiedKFold(5, shuffle=True, random_state=42).split(np.zeros(len(examples)), intents))

    def fit(train_idx, labels, c):
        features = TextFeatures(min_df=TfidfClassifierComponent.get_default_config()["min_df"])
        x = features.fit_transform([examples[i] for i in train_idx])
        clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=42, solver="newton-cg")
        return features, clf.fit(x, labels[train_idx])

    print("C\tscam-label macro-F1\tmoney-status macro-F1")
    for c in GRID:
        label_scores, money_scores = [], []
        for train_idx, test_idx in folds:
            test = [examples[i] for i in test_idx]
            features, clf = fit(train_idx, intents, c)
            rows = clf.predict_proba(features.transform(test))
            predicted = [
                aggregate_ranking([{"name": n, "confidence": p} for n, p in zip(clf.classes_, row)])[0]
                for row in rows
            ]
            label_scores.append(f1_score([label_for_intent(i) for i in intents[test_idx]], predicted, average="macro"))
            features, clf = fit(train_idx, money, c)
            money_scores.append(f1_score(money[test_idx], clf.predict(features.transform(test)), average="macro"))
        print(f"{c:g}\t{np.mean(label_scores):.4f}\t{np.mean(money_scores):.4f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
