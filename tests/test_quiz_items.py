"""A broken ``quiz.py`` is a content problem: named in one line by every verb, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.content import ContentError, load_course
from tutor.quiz.items import QuizItemError, load_items


def _course_with_quiz(tmp_path: Path, quiz_text: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(load_course().question(1).path, root / "01-derivatives")  # type: ignore[arg-type]
    (root / "01-derivatives" / "quiz.py").write_text(quiz_text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("quiz_text", "problem"),
    [
        ("ITEMS = [\n", "SyntaxError"),
        ("ITEMS = undefined_name\n", "NameError"),
        ("ITEMS = 3\n", "ITEMS must be a list of QuizItem"),
    ],
)
def test_broken_quiz_module_is_a_content_error_naming_the_file(
    tmp_path: Path, quiz_text: str, problem: str
) -> None:
    root = _course_with_quiz(tmp_path, quiz_text)
    with pytest.raises(QuizItemError) as info:
        load_items(load_course(root, cached=False))
    assert isinstance(info.value, ContentError)
    assert info.value.path.endswith("quiz.py")
    assert problem in info.value.problem


@pytest.mark.parametrize("args", [["check", "1a", "2x"], ["quiz", "--plain"], ["progress"]])
def test_verbs_report_a_broken_quiz_module_in_one_line(tmp_path: Path, args: list[str]) -> None:
    root = _course_with_quiz(tmp_path, "ITEMS = [\n")
    env = {**os.environ, "DLTUTOR_CONTENT": str(root), "DLTUTOR_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("dltutor: content problem:")
    assert "quiz.py: SyntaxError" in result.stderr


def test_a_course_loaded_afresh_gets_its_own_items(tmp_path: Path) -> None:
    """Items are cached per loaded course, not per folder: an edit seen by a fresh load counts."""
    root = tmp_path / "content"
    shutil.copytree(load_course().question(1).path, root / "01-derivatives")  # type: ignore[arg-type]
    first = load_course(root, cached=False)
    assert load_items(first) is load_items(first)  # one load per course
    quiz = root / "01-derivatives" / "quiz.py"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace('id="1b"', 'id="1b-renamed"'), encoding="utf-8")
    second = load_course(root, cached=False)
    assert "1b" in {i.id for i in load_items(first)}
    assert "1b-renamed" in {i.id for i in load_items(second)}
