"""Whatever sits in a content file's place, every verb answers with one line, never a hang.

A FIFO, a link to ``/dev/zero``, a folder, an oversized file, a symlink loop or a
``variants.py`` that exits: each is a content problem naming the file (exit 1),
and ``lint`` lists it (issue 9: never a traceback, never a hang).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor.content import ContentError, load_course
from tutor.content.loader import content_root
from tutor.content.outline import signature
from tutor.content.reading import MAX_CONTENT_BYTES, read_content_bytes

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(content_root(), root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def run(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """A verb on ``root``; a hang fails the test by its timeout instead of blocking the suite."""
    return subprocess.run([sys.executable, "-m", "tutor", *argv, "--lang", "en"],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "DLTUTOR_CONTENT": str(root)})


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _folder(path: Path) -> None:
    path.mkdir()


def _oversized(path: Path) -> None:
    path.write_bytes(b"## step\n" + b"x" * MAX_CONTENT_BYTES)


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.md")


HAZARDS: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "not a regular file (a FIFO)"),
    "dev-zero": (_dev_zero, "not a regular file (a device)"),
    "folder": (_folder, "not a regular file (a folder)"),
    "oversized": (_oversized, f"larger than {MAX_CONTENT_BYTES:,} bytes"),
    "dangling": (_dangling, "missing file"),
}


@pytest.mark.parametrize("hazard", sorted(HAZARDS))
def test_a_content_file_that_is_not_a_plain_file_is_one_error(content: Path, hazard: str) -> None:
    make, problem = HAZARDS[hazard]
    path = content / "02-activations" / "solution.en.md"
    path.unlink()
    make(path)
    with pytest.raises(ContentError) as info:
        load_course(content, cached=False)
    assert info.value.path == str(path) and problem in info.value.problem
    for argv in (["list"], ["show", "1"], ["check", "1b", "2x"], ["lint", str(content)]):
        result = run(content, *argv)
        assert result.returncode == 1, (argv, result.stderr)
        assert "Traceback" not in result.stderr
        named = [line for line in result.stderr.splitlines() if "solution.en.md" in line]
        assert len(named) == 1 and problem in named[0], (argv, result.stderr)
        if argv[0] != "lint":
            assert result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("name", ["quiz.py", "variants.py", "meta.toml"])
def test_a_fifo_in_place_of_any_course_file_is_named(content: Path, name: str) -> None:
    path = content / "03-losses" / name
    path.unlink()
    os.mkfifo(path)
    result = run(content, "lint", str(content))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    named = [line for line in result.stderr.splitlines() if f"03-losses/{name}" in line]
    assert len(named) == 1 and "not a regular file (a FIFO)" in named[0], result.stderr


def test_reading_refuses_before_opening_and_bounds_the_size(tmp_path: Path) -> None:
    small = tmp_path / "small.md"
    small.write_bytes(b"abc")
    assert read_content_bytes(small, limit=3) == b"abc"
    with pytest.raises(ContentError, match="larger than 2 bytes"):
        read_content_bytes(small, limit=2)
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(ContentError, match="FIFO"):
        read_content_bytes(fifo)  # would block forever if it were opened for reading


def test_a_symlink_loop_in_a_question_folder_is_lints_business(content: Path) -> None:
    (content / "02-activations" / "loop").symlink_to(".")
    (content / "02-activations" / "dangling").symlink_to("nowhere")
    (content / "_self").symlink_to(content)  # a loop through the content root (skipped: "_")
    relative = {path for path, _, _ in signature(str(content))}
    assert "02-activations/dangling" in relative and "02-activations/quiz.py" in relative
    assert not any(path.count("loop") > 1 for path in relative)
    for argv in (["list"], ["show", "2"]):
        result = run(content, *argv)
        assert result.returncode == 0, (argv, result.stderr)
        assert result.stderr == ""
    result = run(content, "lint", str(content))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "02-activations/loop: a stray" in result.stderr
    assert "02-activations/dangling: a stray" in result.stderr
    assert "_self/: a stray folder" in result.stderr


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("import sys\nsys.exit(0)\n", "calls sys.exit(0) while being imported (line {n})"),
        ("raise SystemExit(3)\n", "calls sys.exit(3) while being imported (line {n})"),
        ("raise KeyboardInterrupt\n", "KeyboardInterrupt (line {n})"),
        ("class Boom(BaseException):\n    pass\nraise Boom('x')\n", "Boom: x (line {n})"),
        ("def f(:\n", "SyntaxError"),
    ],
)
def test_a_hostile_variants_py_is_named_and_fails_lint(content: Path, code: str, expected: str) -> None:
    variants = content / "02-activations" / "variants.py"
    text = variants.read_text(encoding="utf-8") + "\n" + code
    variants.write_text(text, encoding="utf-8")
    expected = expected.format(n=text.count("\n"))
    result = run(content, "lint", str(content))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "02-activations/variants.py" in result.stderr and expected in result.stderr
    practice = run(content, "practice", "2", "--count", "1", "--seed", "1")
    assert practice.returncode == 1 and practice.stderr.count("\n") == 1, practice.stderr
    assert "variants.py" in practice.stderr and expected in practice.stderr


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("points = 3\n", "points = 1e999\n", "points must be a positive number, not inf"),
        ("points = 3\n", "points = nan\n", "points must be a positive number, not nan"),
        ("points = 3\n", "points = -inf\n", "points must be a positive number, not -inf"),
        ("points = 3\n", "points = 4\n", "the parts' points add up to 3, not the question's 4"),
        ("points = 2\n", "points = inf\n", "parts[0].points must be a number ≥ 0, not inf"),
        ("points = 2\n", "points = -1\n", "parts[0].points must be a number ≥ 0, not -1"),
        ("points = 3\n", "points = 1" + "0" * 400 + "\n", "points must be a positive number, not a huge number"),
        ("points = 3\n", "points = 1" + "0" * 5000 + "\n", "not valid TOML: Exceeds the limit"),
    ],
)
def test_points_are_finite_and_agree(content: Path, old: str, new: str, problem: str) -> None:
    meta = content / "03-losses" / "meta.toml"
    text = meta.read_text(encoding="utf-8")
    assert old in text
    meta.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError, match="points") as info:
        load_course(content, cached=False)
    assert info.value.path == str(meta) and info.value.problem.startswith(problem)
    listed = run(content, "list")
    assert listed.returncode == 1 and listed.stderr.count("\n") == 1 and problem in listed.stderr
    assert "inf" not in listed.stdout and "nan" not in listed.stdout
    linted = run(content, "lint", str(content))
    assert linted.returncode == 1 and problem in linted.stderr and "content OK" not in linted.stdout


@pytest.mark.parametrize(
    ("points", "problem"),
    [
        ("float('nan')", "quiz item 2: points must be a number ≥ 0, not nan"),
        ("1e999", "quiz item 2: points must be a number ≥ 0, not inf"),
        ("10**400", "quiz item 2: points must be a number ≥ 0, not 1000000"),
        ("2", "02-activations/quiz.py: the items' points add up to 2, not the question's 1"),
    ],
)
def test_lint_checks_quiz_item_points(content: Path, points: str, problem: str) -> None:
    from tutor.content.lint import check_points

    quiz = content / "02-activations" / "quiz.py"
    text = quiz.read_text(encoding="utf-8")
    assert text.count("points=1,") == 1
    quiz.write_text(text.replace("points=1,", f"points={points},"), encoding="utf-8")
    problems = check_points(load_course(content, cached=False))
    assert any(p.startswith(problem) and len(p) < 200 for p in problems), problems


def test_shipped_points_pass_the_points_check() -> None:
    from tutor.content.lint import check_points

    assert check_points(load_course(cached=False)) == []


BAD_DRAWINGS = [
    ("network 0 0", "network layer sizes must be at least 1"),
    ("network 3", "network needs two or more whole layer sizes"),
    ("network 3 ５", "network needs two or more whole layer sizes"),  # a fullwidth digit
    ("network " + "9" * 5000 + " 2", "at most 1000000"),
    ("network " + "2 " * 13, "at most 12 layer sizes"),
    ("plot tanh nan inf", "plot tanh needs -50 <= A < B <= 50"),
    ("plot tanh -1e308 1e308", "plot tanh needs -50 <= A < B <= 50"),
    ("plot tanh 0 5e-324", "with B - A >= 0.1"),
    ("plot tanh 1 1", "plot tanh needs"),
    ("plot sigmoid", "plot needs a plot name"),
    ("histogram 1 2", "unknown dltutor directive 'histogram'"),
    ("", "an empty dltutor block"),
]


@pytest.mark.parametrize(("body", "problem"), BAD_DRAWINGS)
def test_a_bad_drawing_is_a_content_error_naming_file_and_block(content: Path, body: str, problem: str) -> None:
    """One rule for every directive kind: a bad block is refused when the content loads."""
    path = content / "02-activations" / "solution.en.md"
    text = path.read_text(encoding="utf-8")
    block = "```dltutor\nplot tanh\n```"
    assert block in text
    line = text[: text.index(block)].count("\n") + 1
    path.write_text(text.replace(block, f"```dltutor\n{body}\n```", 1), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_course(content, cached=False)
    assert info.value.path == str(path)
    assert info.value.problem.startswith(f"the dltutor block at line {line}: ")
    assert problem in info.value.problem and len(info.value.problem) < 300


def test_bad_drawings_stop_show_and_export_with_one_line(content: Path) -> None:
    statement = content / "04-fully-connected" / "question.en.md"
    statement.write_text(statement.read_text(encoding="utf-8") + "\n```dltutor\nnetwork 0 0\n```\n",
                         encoding="utf-8")
    for argv in (["show", "4"], ["show", "2", "--solution"], ["export"], ["list"]):
        result = run(content, *argv)
        assert result.returncode == 1, (argv, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert "04-fully-connected/question.en.md: the dltutor block at line" in result.stderr
    linted = run(content, "lint", str(content))
    assert linted.returncode == 1 and "network layer sizes must be at least 1" in linted.stderr


def test_a_block_cut_by_a_step_heading_is_refused(content: Path) -> None:
    """Steps are split at '## ' outside ``` fences only; a ~~~ block holding one is still refused."""
    path = content / "02-activations" / "solution.en.md"
    text = path.read_text(encoding="utf-8") + "\n## Extra\n~~~dltutor\n## Inside\nnetwork 2 2\n~~~\n"
    path.write_text(text, encoding="utf-8")
    line = text.count("\n") - 3
    with pytest.raises(ContentError, match=f"the dltutor block at line {line}: unknown dltutor directive '##'"):
        load_course(content, cached=False)


def test_directive_problems_checks_without_drawing() -> None:
    from tutor.content.directives import directive_problems

    text = "x\n```python\n```dltutor\n```\n```dltutor\nnetwork 3 5\n```\n~~~dltutor\nplot tanh 9 1\n~~~\n"
    assert directive_problems(text) == [
        "the dltutor block at line 8: plot tanh needs -50 <= A < B <= 50 with B - A >= 0.1, got '9 1'"
    ]
    assert directive_problems("```dltutor\nnetwork 3 5\n") == ["the dltutor block at line 1 is never closed"]


def test_a_fifo_in_place_of_cached_bytecode_is_ignored(content: Path) -> None:
    """A content module's bytecode is read through the same guard: refused, so the source is compiled."""
    cache = content / "02-activations" / "__pycache__"
    cache.mkdir()
    tag = sys.implementation.cache_tag
    for name in ("quiz", "variants"):
        os.mkfifo(cache / f"{name}.{tag}.pyc")
    result = run(content, "check", "2", "1 - tanh(z)^2")
    assert result.returncode == 0, result.stderr
    practice = run(content, "practice", "2", "--count", "1", "--seed", "1")
    assert practice.returncode == 0, practice.stderr
