"""``dltutor lint`` names what the loader would skip or choke on: stray files, hostile quiz.py, deep math."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.content.lint import check_stray, lint_course
from tutor.content.loader import content_root


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_root(), root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor", "lint", str(root), "--lang", "en"],
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "DLTUTOR_CONTENT": str(root)})


def test_shipped_content_has_nothing_stray() -> None:
    assert check_stray(content_root()) == []


def test_stray_files_and_folders_are_reported(content: Path) -> None:
    (content / "README.md").write_text("notes", encoding="utf-8")
    (content / "_drafts").mkdir()
    (content / "01-derivatives" / "solutoin.en.md").write_text("typo", encoding="utf-8")
    (content / "03-losses" / "images").mkdir()
    (content / ".git").mkdir()  # hidden: not the course's business
    (content / "02-activations" / "__pycache__").mkdir()  # made by Python
    problems, _ = lint_course(content)
    assert len(problems) == 4, problems
    assert any(p.startswith("README.md: a stray file") for p in problems)
    assert any(p.startswith("_drafts/: a stray folder") for p in problems)
    assert any(p.startswith("01-derivatives/solutoin.en.md: a stray file") for p in problems)
    assert any(p.startswith("03-losses/images: a stray folder") for p in problems)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("import sys\nsys.exit(0)\n", "calls sys.exit(0) while being imported (line {n})"),
        ("raise SystemExit('bye')\n", "calls sys.exit('bye') while being imported (line {n})"),
        ("raise KeyboardInterrupt\n", "KeyboardInterrupt (line {n})"),
        ("class Boom(BaseException):\n    pass\nraise Boom('x')\n", "Boom: x (line {n})"),
        ("def f(:\n", "SyntaxError"),
    ],
)
def test_a_hostile_quiz_py_is_named_and_fails_lint(content: Path, code: str, expected: str) -> None:
    quiz = content / "02-activations" / "quiz.py"
    text = quiz.read_text(encoding="utf-8") + "\n" + code
    quiz.write_text(text, encoding="utf-8")
    expected = expected.format(n=text.count("\n"))  # the last line, where it raises
    result = lint(content)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "02-activations/quiz.py" in result.stderr and expected in result.stderr
    # every other verb that needs the items says the same in one line
    check = subprocess.run([sys.executable, "-m", "tutor", "check", "1b", "2x", "--lang", "en"],
                           capture_output=True, text=True, timeout=120, check=False,
                           env={**os.environ, "DLTUTOR_CONTENT": str(content)})
    assert check.returncode == 1 and check.stderr.count("\n") == 1
    assert "quiz.py" in check.stderr and expected in check.stderr


def test_deeply_nested_math_is_one_clear_problem(content: Path) -> None:
    statement = content / "04-fully-connected" / "question.en.md"
    statement.write_text("A formula $" + "\\frac{" * 5000 + "$.\n", encoding="utf-8")
    result = lint(content)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "question.en.md" in line]
    assert len(lines) == 1 and "nested too deeply" in lines[0]
    assert len(lines[0]) < 400  # the formula is quoted by its start, not 30 KB of it
