"""The /quiz questions ("spot the scam"): content/quiz/<scam_type>.yml, checked like the rest of content/.

Each file holds questions for one scam type; a question's answer is that type, or `none` for a legitimate
look-alike. Problems are `file:line: reason`, collected, never raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.content.schema import ID, LANGUAGES, MAX_BUTTON_ID
from bot.content.yaml_lines import ContentError, LinedDict, LinedList, Problem, display_name, load
from common.labels import NONE, SCAM_TYPES

MIN_QUESTIONS = 10
MIN_LOOK_ALIKES = 3
FILE_KEYS = ("scam_type", "questions")
QUESTION_KEYS = ("id", "answer", "message", "explanation")
TEXTS = ("message", "explanation")


@dataclass(frozen=True)
class QuizQuestion:
    id: str
    scam_type: str
    answer: str  # the scam type, or "none" for a legitimate look-alike
    message: dict[str, str]  # language -> the situation the user judges
    explanation: dict[str, str]  # language -> why, shown right after the answer


def load_quiz(root: Path) -> tuple[list[QuizQuestion], list[Problem]]:
    """Every well-formed question under root/quiz (files in SCAM_TYPES order, questions in file order) and
    every problem found; a question with a problem of its own is left out."""
    questions: list[QuizQuestion] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}  # id -> the file that used it first
    folder = root / "quiz"
    for scam_type in SCAM_TYPES:
        path = folder / f"{scam_type}.yml"
        name = display_name(root, path)
        if not path.exists():
            problems.append(Problem(name, 0, f"missing: every scam type needs a quiz file ({scam_type})"))
            continue
        try:
            data = load(path, name)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        check = _FileCheck(name, scam_type, seen)
        questions.extend(check.run(data))
        problems.extend(check.problems)
    for path in sorted(folder.glob("*.yml")):
        if path.stem not in SCAM_TYPES:
            problems.append(
                Problem(display_name(root, path), 0, f"unknown scam type {path.stem!r}; known: {', '.join(SCAM_TYPES)}")
            )
    return questions, problems


class _FileCheck:
    """Checks one quiz file; `run` returns its good questions and leaves problems in `self.problems`."""

    def __init__(self, file: str, scam_type: str, seen: dict[str, str]) -> None:
        self.file = file
        self.scam_type = scam_type
        self.seen = seen
        self.problems: list[Problem] = []

    def problem(self, line: int, reason: str) -> None:
        self.problems.append(Problem(self.file, line, reason))

    def run(self, data) -> list[QuizQuestion]:
        if not isinstance(data, LinedDict):
            self.problem(getattr(data, "line", 0), "the file must be a mapping with 'scam_type' and 'questions'")
            return []
        self.unknown_keys(data, FILE_KEYS, "")
        declared = data.get("scam_type")
        if "scam_type" not in data:
            self.problem(data.line, "missing 'scam_type'")
        elif declared != self.scam_type:
            self.problem(
                data.line_of("scam_type"), f"scam_type {declared!r} does not match the file name {self.scam_type!r}"
            )
        items = data.get("questions")
        if not isinstance(items, LinedList):
            line = data.line_of("questions") if "questions" in data else data.line
            self.problem(line, "'questions' must be a list of questions")
            return []

        good: list[QuizQuestion] = []
        look_alikes = 0
        for index, item in enumerate(items):
            where = f"questions[{index + 1}]"
            if not isinstance(item, LinedDict):
                self.problem(items.item_lines[index], f"'{where}' must be a mapping (id, answer, message, explanation)")
                continue
            if item.get("answer") == NONE:
                look_alikes += 1
            question = self.question(item, where)
            if question is not None:
                good.append(question)

        line = data.line_of("questions")
        if len(items) < MIN_QUESTIONS:
            self.problem(line, f"only {len(items)} question(s); every scam type needs at least {MIN_QUESTIONS}")
        if look_alikes < MIN_LOOK_ALIKES:
            self.problem(
                line,
                f"only {look_alikes} look-alike(s) (answer: {NONE}); every scam type needs at least {MIN_LOOK_ALIKES}",
            )
        return good

    def question(self, item: LinedDict, where: str) -> QuizQuestion | None:
        before = len(self.problems)
        self.unknown_keys(item, QUESTION_KEYS, f"{where}.")
        question_id = self.identifier(item, where)
        answer = self.answer(item, where)
        texts = {key: self.per_language(item, key, where) for key in TEXTS}
        if len(self.problems) > before:
            return None
        return QuizQuestion(question_id, self.scam_type, answer, texts["message"], texts["explanation"])

    def identifier(self, item: LinedDict, where: str) -> str | None:
        value = item.get("id")
        line = item.line_of("id")
        if "id" not in item:
            self.problem(item.line, f"missing '{where}.id'")
            return None
        if not isinstance(value, str) or not ID.match(value):
            self.problem(line, f"'{where}.id' must be snake_case (a-z, 0-9, _): {value!r}")
            return None
        if len(value) > MAX_BUTTON_ID:
            self.problem(line, f"'{where}.id' is longer than {MAX_BUTTON_ID} characters: {value!r}")
            return None
        if value in self.seen:
            self.problem(line, f"'{where}.id' {value!r} is used twice (first in {self.seen[value]})")
            return None
        self.seen[value] = self.file
        return value

    def answer(self, item: LinedDict, where: str) -> str | None:
        if "answer" not in item:
            self.problem(item.line, f"missing '{where}.answer'")
            return None
        value = item["answer"]
        if value not in (self.scam_type, NONE):
            self.problem(
                item.line_of("answer"),
                f"'{where}.answer' must be {self.scam_type!r} (this file's scam type) or {NONE!r} "
                f"(a legitimate look-alike), not {value!r}",
            )
            return None
        return value

    def per_language(self, item: LinedDict, key: str, where: str) -> dict[str, str] | None:
        """item[key] = {en: text, zh: text}; a missing language is reported at the line of `key`."""
        name = f"{where}.{key}"
        if key not in item:
            self.problem(item.line, f"missing '{name}'")
            return None
        block = item[key]
        if not isinstance(block, LinedDict):
            self.problem(item.line_of(key), f"'{name}' must be a mapping of languages (en, zh)")
            return None
        self.unknown_keys(block, LANGUAGES, f"{name}.")
        texts: dict[str, str] = {}
        for lang in LANGUAGES:
            if lang not in block:
                self.problem(item.line_of(key), f"missing '{name}.{lang}'")
                continue
            value = block[lang]
            if not isinstance(value, str) or not value.strip():
                self.problem(block.line_of(lang), f"'{name}.{lang}' must be non-empty text")
                continue
            texts[lang] = value.strip()
        return texts if len(texts) == len(LANGUAGES) else None

    def unknown_keys(self, mapping: LinedDict, known: tuple[str, ...], where: str) -> None:
        for key in mapping:
            if key not in known:
                self.problem(mapping.line_of(key), f"unknown key '{where}{key}'; expected: {', '.join(known)}")
