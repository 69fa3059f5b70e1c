"""TF-IDF features of a message: character n-grams of the normalised text plus Jieba words.

Character n-grams carry typos, slang and amounts (5w, 五万, 50k) and work for Chinese without word
boundaries; words carry meaning Jieba can segment. Sublinear TF-IDF keeps a long pasted message from
outweighing a short one. Our classifiers own their features (instead of Rasa's CountVectorsFeaturizer) so
that both vocabularies and weights are stored together with the classifier that uses them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Tuple, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import csr_matrix, hstack
from scipy.special import expit, softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

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

    def __init__(
        self,
        chars: TfidfVectorizer | None = None,
        words: TfidfVectorizer | None = None,
        use_words: bool = True,
        min_df: int = 1,
    ) -> None:
        self.chars = chars or TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, min_df=min_df)
        # Without words (use_words: false) only the character n-grams count.
        self.words = words or (
            TfidfVectorizer(token_pattern=r"(?u)\S+", lowercase=False, sublinear_tf=True, min_df=min_df)
            if use_words
            else None
        )
        self._fitted_parts: List[Tuple[Any, Dict[str, int], np.ndarray, int, Any]] | None = None

    def _parts(self) -> List[Tuple[TfidfVectorizer, Any]]:
        """Each vectorizer with the function that gives it a message's text."""
        parts = [(self.chars, message_text)]
        return parts + [(self.words, message_words)] if self.words is not None else parts

    def fit_transform(self, messages: List[Message]) -> csr_matrix:
        return hstack([v.fit_transform([text(m) for m in messages]) for v, text in self._parts()]).tocsr()

    def dump(self, path: Path, clf: Any) -> None:
        """Stores the vectorizers and the classifier that uses them in one skops file."""
        import skops.io as sio

        for vectorizer in (self.chars, self.words):
            # Every n-gram min_df dropped, kept by sklearn "for introspection only" (its docs: safe to delete before
            # storing): with min_df 2 that was most of each file, 330 MB of model unpacked, 9 s of gzip per training.
            if vectorizer is not None and hasattr(vectorizer, "stop_words_"):
                del vectorizer.stop_words_
        sio.dump({"chars": self.chars, "words": self.words, "clf": clf}, path)

    @staticmethod
    def load(path: Path) -> tuple[TextFeatures, Any]:
        """Features and classifier from `dump`; only known-safe types are accepted, so a file cannot run code."""
        import skops.io as sio

        stored = sio.load(path, trusted=TRUSTED_TYPES)
        return TextFeatures(stored["chars"], stored["words"], use_words=stored["words"] is not None), stored["clf"]

    def transform(self, messages: List[Message]) -> csr_matrix:
        return hstack([v.transform([text(m) for m in messages]) for v, text in self._parts()]).tocsr()

    def vector(self, message: Message) -> Tuple[np.ndarray, np.ndarray]:
        """One message's row of `transform` as (column indices, values), computed directly.

        The server parses one message at a time, and for a single short text sklearn's batch machinery
        (validation, sparse matrix building, normalisation) cost more than the features themselves: about
        1 ms per vectorizer (py-spy, bench/README.md). Same arithmetic as TfidfVectorizer with sublinear_tf,
        idf and l2 norm; tests/model/test_nlu_fast_path.py checks it against `transform`.
        """
        if self._fitted_parts is None:  # once, after fitting or loading
            self._fitted_parts, offset = [], 0
            for v, text in self._parts():
                self._fitted_parts.append((v.build_analyzer(), v.vocabulary_, v.idf_, offset, text))
                offset += len(v.vocabulary_)
        columns: List[np.ndarray] = []
        values: List[np.ndarray] = []
        for analyzer, vocabulary, idf, offset, text_of in self._fitted_parts:
            text = text_of(message)
            counts: Dict[int, int] = {}
            for gram in analyzer(text):
                index = vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            index = np.fromiter(counts, dtype=np.int64, count=len(counts))
            weight = (np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts))) + 1) * idf[index]
            columns.append(index + offset)
            values.append(weight / np.sqrt(weight @ weight))
        if not columns:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate(columns), np.concatenate(values)


class TfidfClassifierComponent(GraphComponent):
    """What our two classifiers share: TF-IDF features, a balanced logistic regression, one stored file.

    Subclasses set MODEL_FILE and implement `train` (calling `fit`) and `process`.
    """

    MODEL_FILE = "model.skops"

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[str]:
        return ["sklearn", "skops"]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # min_df 2: a character n-gram or word seen in one training example only teaches nothing about other
        # texts, and the long call transcripts made them three quarters of all features (236,000 of 300,000),
        # which took the intent classifier's fit from 1 to over 3 minutes.
        # tol 1e-3 (sklearn's default 1e-4): the intent classifier's fit 89 s -> 64 s, probabilities within 4e-4 of
        # the tighter fit and the same top intent on every message of the development file (README "Training and
        # serving").
        return {"C": 300.0, "max_iter": 2000, "tol": 1e-3, "random_state": 42, "use_words": True, "min_df": 2}

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        features: TextFeatures | None = None,
        clf: LogisticRegression | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.features = features
        self.clf = clf

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TfidfClassifierComponent:
        return cls(config, model_storage, resource)

    def probabilities(self, message: Message) -> np.ndarray:
        """`clf.predict_proba` of one message, in the order of `clf.classes_`.

        Multinomial logistic regression (what sklearn fits here for three or more classes) is the softmax of
        coef . x + intercept, and a two-class one the logistic function of its one score; with the sparse row from
        `TextFeatures.vector` that is a few hundred multiplications. Any other model goes through sklearn."""
        clf = self.clf
        if clf.solver == "liblinear":
            return clf.predict_proba(self.features.transform([message]))[0]
        columns, values = self.features.vector(message)
        if len(clf.classes_) == 2:
            # Two classes: sklearn's logistic function of the one score (the at-risk classifier).
            positive = expit(clf.coef_[0, columns] @ values + clf.intercept_[0])
            return np.array([1.0 - positive, positive])
        multinomial = clf.multi_class == "multinomial" or clf.multi_class == "auto"
        if not multinomial:
            return clf.predict_proba(self.features.transform([message]))[0]
        return softmax(clf.coef_[:, columns] @ values + clf.intercept_)

    def fit(self, examples: List[Message], labels: List[str]) -> Resource:
        """Fits features and classifier on the examples and stores both."""
        self.features = TextFeatures(use_words=self.config["use_words"], min_df=self.config["min_df"])
        self.clf = LogisticRegression(
            C=self.config["C"],
            max_iter=self.config["max_iter"],
            tol=self.config["tol"],
            random_state=self.config["random_state"],
            class_weight="balanced",
            # Same objective and solution as the default lbfgs (coefficients within 1e-4), but it fitted in 4.5 s
            # with +81 MB instead of 16.2 s with +361 MB, which kept training over 1 GB (bench/README.md).
            solver="newton-cg",
        )
        self.clf.fit(self.features.fit_transform(examples), labels)
        with self._model_storage.write_to(self._resource) as model_dir:
            self.features.dump(model_dir / self.MODEL_FILE, self.clf)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TfidfClassifierComponent:
        try:
            with model_storage.read_from(resource) as model_dir:
                features, clf = TextFeatures.load(model_dir / cls.MODEL_FILE)
        except ValueError:
            # Nothing was trained (no examples): the component passes messages through untouched.
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, features, clf)
