"""TF-IDF features of a message: character n-grams of the normalised text plus Jieba words.

Character n-grams carry typos, slang and amounts (5w, 五万, 50k) and work for Chinese without word
boundaries; words carry meaning Jieba can segment. Sublinear TF-IDF keeps a long pasted message from
outweighing a short one. Our classifiers own their features (instead of Rasa's CountVectorsFeaturizer) so
that both vocabularies and weights are stored together with the classifier that uses them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, List

from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

# Types skops must be told to accept when loading these vectorizers (a data container, no code).
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]


def message_text(message: Message) -> str:
    return message.get(TEXT) or ""


def message_words(message: Message) -> str:
    """The tokenizer's words joined by spaces (Jieba for Chinese, whole words for English)."""
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    return " ".join(token.text for token in tokens if token.text.strip())


class TextFeatures:
    """Fits and applies the two vectorizers; stored as plain sklearn objects."""

    def __init__(self, chars: TfidfVectorizer | None = None, words: TfidfVectorizer | None = None) -> None:
        self.chars = chars or TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True)
        self.words = words or TfidfVectorizer(token_pattern=r"(?u)\S+", lowercase=False, sublinear_tf=True)

    def fit_transform(self, messages: List[Message]) -> csr_matrix:
        return hstack(
            [
                self.chars.fit_transform([message_text(m) for m in messages]),
                self.words.fit_transform([message_words(m) for m in messages]),
            ]
        ).tocsr()

    def dump(self, path: Path, clf: Any) -> None:
        """Stores the vectorizers and the classifier that uses them in one skops file."""
        import skops.io as sio

        sio.dump({"chars": self.chars, "words": self.words, "clf": clf}, path)

    @staticmethod
    def load(path: Path) -> tuple[TextFeatures, Any]:
        """Features and classifier from `dump`; only known-safe types are accepted, so a file cannot run code."""
        import skops.io as sio

        stored = sio.load(path, trusted=TRUSTED_TYPES)
        return TextFeatures(stored["chars"], stored["words"]), stored["clf"]

    def transform(self, messages: List[Message]) -> csr_matrix:
        return hstack(
            [
                self.chars.transform([message_text(m) for m in messages]),
                self.words.transform([message_words(m) for m in messages]),
            ]
        ).tocsr()
