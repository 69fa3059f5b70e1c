"""Run in the Rasa environment: the largest difference between the NLU classifiers' direct one-message
arithmetic (TfidfClassifierComponent.probabilities) and sklearn's batch path, over the held-out messages.

Usage: python fast_path_difference.py MODEL.tar.gz HELDOUT.yml -> prints {"messages": N, "max_difference": x}
"""

from __future__ import annotations

import json
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from common.text_normalise import normalise
from rasa_addons.nlu.text_features import TextFeatures, TfidfClassifierComponent


def main(model: str, heldout: str) -> None:
    texts = [entry["text"] for entry in yaml.safe_load(Path(heldout).read_text(encoding="utf-8"))]
    tokenizer = JiebaTokenizer(JiebaTokenizer.get_default_config(), None, None)
    messages = [Message(data={TEXT: normalise(text)}) for text in texts]
    tokenizer.process(messages)
    largest, compared = 0.0, 0
    with tempfile.TemporaryDirectory() as unpacked:
        with tarfile.open(model) as archive:
            archive.extractall(unpacked)
        stored = sorted(Path(unpacked).rglob("*.skops"))
        for path in stored:
            features, clf = TextFeatures.load(path)
            component = TfidfClassifierComponent({}, None, None, features, clf)
            batch = clf.predict_proba(features.transform(messages))
            for message, expected in zip(messages, batch):
                largest = max(largest, float(abs(component.probabilities(message) - expected).max()))
                compared += 1
    print(json.dumps({"classifiers": len(stored), "messages": compared, "max_difference": largest}))


if __name__ == "__main__":
    main(*sys.argv[1:])
