"""content/quiz/: the /quiz questions ("spot the scam") and their checker."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from bot.content.quiz import MIN_LOOK_ALIKES, MIN_QUESTIONS, QuizQuestion, load_quiz
from bot.content.schema import MAX_BUTTON_ID
from common.labels import NONE, SCAM_TYPES
from testkit import ROOT

CONTENT = ROOT / "content"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def questions() -> list[QuizQuestion]:
    found, problems = load_quiz(CONTENT)
    assert problems == [], "\n".join(str(p) for p in problems)
    return found


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def line_of(lines: list[str], needle: str, start: int = 0) -> int:
    """1-based number of the first line at or after index `start` that contains `needle`."""
    for index in range(start, len(lines)):
        if needle in lines[index]:
            return index + 1
    raise AssertionError(f"{needle!r} not found")


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def problems_of(root: Path) -> list[str]:
    _, problems = load_quiz(root)
    return [str(p) for p in problems]


def test_repo_quiz_loads_with_enough_questions_and_look_alikes_per_type(questions):
    per_type = Counter(q.scam_type for q in questions)
    look_alikes = Counter(q.scam_type for q in questions if q.answer == NONE)
    for scam_type in SCAM_TYPES:
        assert per_type[scam_type] >= MIN_QUESTIONS >= 10, scam_type
        assert look_alikes[scam_type] >= MIN_LOOK_ALIKES >= 3, scam_type
    # Files in SCAM_TYPES order, and every answer is the file's type or none.
    order = [q.scam_type for q in questions]
    assert order == sorted(order, key=SCAM_TYPES.index)
    assert all(q.answer in (q.scam_type, NONE) for q in questions)


def test_repo_quiz_has_both_languages_everywhere(questions):
    for q in questions:
        for field in (q.message, q.explanation):
            assert set(field) == {"en", "zh"}, q.id
            assert field["en"].strip() and field["zh"].strip(), q.id
            assert CJK.search(field["zh"]), f"{q.id}: the zh text has no Chinese"
            assert not CJK.search(field["en"]), f"{q.id}: the en text has Chinese in it"


def test_repo_quiz_ids_are_unique_short_snake_case(questions):
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) and len(i) <= MAX_BUTTON_ID for i in ids)


def test_missing_zh_text_is_reported_at_its_block(content_copy):
    path = content_copy / "quiz" / "stock_lecturer.yml"
    lines = read_lines(path)
    question = line_of(lines, "id: stock_app_from_link")
    message = line_of(lines, "message:", question)
    zh = line_of(lines, "zh:", message)
    del lines[zh - 1]
    path.write_text("".join(lines), encoding="utf-8")
    found = problems_of(content_copy)
    assert f"content/quiz/stock_lecturer.yml:{message}: missing 'questions[3].message.zh'" in found, found


def test_empty_text_is_reported_at_its_line(content_copy):
    path = content_copy / "quiz" / "dating_recharge.yml"
    lines = read_lines(path)
    question = line_of(lines, "id: dating_sexy_video")
    explanation = line_of(lines, "explanation:", question)
    en = line_of(lines, "en:", explanation)
    lines[en - 1] = '      en: "  "\n'
    path.write_text("".join(lines), encoding="utf-8")
    found = problems_of(content_copy)
    assert f"content/quiz/dating_recharge.yml:{en}: 'questions[5].explanation.en' must be non-empty text" in found


def test_wrong_answer_label_is_reported_at_its_line(content_copy):
    path = content_copy / "quiz" / "loan_unfreeze_fee.yml"
    lines = read_lines(path)
    answer = line_of(lines, "answer:", line_of(lines, "id: loan_membership_fee"))
    lines[answer - 1] = "    answer: stock_lecturer\n"
    path.write_text("".join(lines), encoding="utf-8")
    found = problems_of(content_copy)
    expected = (
        f"content/quiz/loan_unfreeze_fee.yml:{answer}: 'questions[3].answer' must be 'loan_unfreeze_fee' "
        "(this file's scam type) or 'none' (a legitimate look-alike), not 'stock_lecturer'"
    )
    assert expected in found, found


def test_duplicate_id_is_reported_at_its_line_even_across_files(content_copy):
    path = content_copy / "quiz" / "other_scam.yml"
    lines = read_lines(path)
    second = line_of(lines, "id: other_mailed_scratch_card")
    lines[second - 1] = lines[second - 1].replace("other_mailed_scratch_card", "stock_researcher_call")
    path.write_text("".join(lines), encoding="utf-8")
    found = problems_of(content_copy)
    expected = (
        f"content/quiz/other_scam.yml:{second}: 'questions[4].id' 'stock_researcher_call' is used twice "
        "(first in content/quiz/stock_lecturer.yml)"
    )
    assert expected in found, found


def test_malformed_and_long_ids_are_reported(content_copy):
    path = content_copy / "quiz" / "part_time_brushing.yml"
    lines = read_lines(path)
    first = line_of(lines, "id: brushing_like_videos_ad")
    second = line_of(lines, "id: brushing_first_commission")
    lines[first - 1] = "  - id: Brushing-Ad\n"
    lines[second - 1] = "  - id: brushing_first_commission_paid_quickly\n"
    path.write_text("".join(lines), encoding="utf-8")
    found = problems_of(content_copy)
    file = "content/quiz/part_time_brushing.yml"
    assert f"{file}:{first}: 'questions[1].id' must be snake_case (a-z, 0-9, _): 'Brushing-Ad'" in found, found
    long_id = "'brushing_first_commission_paid_quickly'"
    assert f"{file}:{second}: 'questions[2].id' is longer than {MAX_BUTTON_ID} characters: {long_id}" in found, found


def test_too_few_questions_is_reported_at_the_list(content_copy):
    path = content_copy / "quiz" / "impersonation_official.yml"
    lines = read_lines(path)
    starts = [number for number, line in enumerate(lines, start=1) if line.startswith("  - id: ")]
    keep = MIN_QUESTIONS - 1
    # Keep the first nine questions: the three look-alikes at the end go, so both counts fall short.
    del lines[starts[keep] - 1 :]
    path.write_text("".join(lines), encoding="utf-8")
    found = problems_of(content_copy)
    questions_line = line_of(lines, "questions:")
    file = "content/quiz/impersonation_official.yml"
    assert f"{file}:{questions_line}: only {keep} question(s); every scam type needs at least 10" in found, found
    assert f"{file}:{questions_line}: only 0 look-alike(s) (answer: none); every scam type needs at least 3" in found


def test_missing_and_unknown_files_are_reported(content_copy):
    (content_copy / "quiz" / "other_scam.yml").unlink()
    shutil.copy(CONTENT / "quiz" / "stock_lecturer.yml", content_copy / "quiz" / "romance.yml")
    found = problems_of(content_copy)
    assert "content/quiz/other_scam.yml: missing: every scam type needs a quiz file (other_scam)" in found, found
    assert any(p.startswith("content/quiz/romance.yml: unknown scam type 'romance'") for p in found), found


def test_yaml_syntax_error_is_a_problem_not_an_exception(content_copy):
    path = content_copy / "quiz" / "fake_customer_service.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: [unclosed\n", encoding="utf-8")
    questions, problems = load_quiz(content_copy)
    assert any(p.file == "content/quiz/fake_customer_service.yml" and "YAML syntax error" in p.reason for p in problems)
    # The other files still load.
    assert {q.scam_type for q in questions} == set(SCAM_TYPES) - {"fake_customer_service"}
