"""``dltutor quiz --plain`` driven through stdin: in-process with stand-ins, then end to end."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from quiz_fakes import COURSE, ITEMS, fake_checker

from tutor.answers.verdict import Verdict
from tutor.cli.quiz_cmd import PlainQuiz
from tutor.progress import ProgressStore
from tutor.quiz.items import QuizItem
from tutor.quiz.session import QuizSession

ESCAPE = re.compile(r"\x1b|\x9b")


def drive(
    script: str,
    *,
    lang: str = "en",
    store: ProgressStore | None = None,
    code: int = 0,
    **kwargs: object,
) -> tuple[str, str]:
    session = QuizSession(
        ITEMS,
        lang=lang,
        store=store,
        checker=fake_checker,
        course=COURSE,
        **kwargs,  # type: ignore[arg-type]
    )
    out, err = io.StringIO(), io.StringIO()
    assert PlainQuiz(session, io.StringIO(script), out, err).run() == code
    return out.getvalue(), err.getvalue()


def test_a_full_run_with_hint_skip_solution_and_retries() -> None:
    script = "\n".join(
        [
            "I",  # 1a correct
            "?",  # 1b: hint 1
            "x",  # wrong
            "???",  # unreadable: free
            "2x",  # correct
            "s",  # 3.1 skipped
            "!",  # 3.2 solution: asks first
            "n",  # kept open
            "!",
            "y",  # given up
            "1",
            "2",
            "3",  # 4.params: three wrong answers, out of attempts
        ]
    )
    out, err = drive(script + "\n")
    assert err == ""
    assert not ESCAPE.search(out)
    assert "[1/5] Item 1a · 0.5 pt — Derivatives" in out
    assert "[5/5] Item 4.params · 1 pt — Networks" in out
    assert "question 1b" in out  # the prompt
    assert "hint 1/3: hint 1" in out
    assert "> x\ninterpreted as: x\nincorrect: en:False\nattempts left: 2" in out
    assert "  ???\n  ^\ncannot read this answer: cannot read" in out
    assert "correct: en:True" in out
    assert "skipped" in out
    assert "Solution of 3.2" in out and "body 2 of 3" in out and "body 1 of 3" not in out
    assert "counted as given up: 0 points" in out
    # the solution of an open item is shown only after a yes, and says what it costs
    assert out.count("Show the solution? Item 3.2 (1 pt) will count as given up") == 2
    assert "the item stays open" in out
    assert out.index("the item stays open") < out.index("Solution of 3.2")
    assert "no attempts left" in out
    assert " 1. Derivatives: 1 / 1" in out
    assert " 3. Losses: 0 / 3" in out
    assert "Score: 1 / 5" in out
    assert "hints used: 1" in out
    review = out[out.index("To review:") :]
    assert "3.1  Losses, part 3.1: skipped" in review
    assert "3.2  Losses, part 3.2: given up" in review
    assert "4.params  Networks: not solved" in review
    assert "1a" not in review


def test_end_of_input_mid_quiz_still_summarises_and_saves(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    out, _ = drive("I\n", store=store)
    assert "[2/5] Item 1b" in out
    assert "Score: 0.5 / 5" in out
    assert "1b  Derivatives, part 1b: not reached" in out
    assert "All saved progress: 0.5 / 5" in out
    assert store.load().item("1a").status == "solved"
    assert store.load().last_item == "1b"


def test_quit_and_russian_text() -> None:
    out, _ = drive("?\n?\n?\nq\n2x\n", lang="ru")
    assert "[1/5] Пункт 1a · 0.5 б. — Задача-Derivatives" in out
    assert "подсказка 1/2: подсказка 1" in out
    assert "подсказок больше нет" in out
    assert "Баллы: 0 / 5" in out
    assert "> 2x" not in out  # nothing is read after q


def test_review_with_nothing_left(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    drive("I\n2x\ny_hat - p\ny_hat - p\n44\n", store=store)
    out, _ = drive("", store=store, review=True)
    assert "nothing to review" in out


def test_unwritable_progress_is_reported_once_and_grading_goes_on(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    out, err = drive("I\n2x\n", store=ProgressStore(blocker / "sub"), code=6)
    assert err.count("progress is not being saved") == 1
    assert str(blocker / "sub" / "progress.db") in err
    assert "Score: 1 / 5" in out
    assert "All saved progress" not in out and "were not saved" in out


def test_self_check_item() -> None:
    item = QuizItem("8.2", 4, None, "self-check", {"ru": "объясните", "en": "explain"}, (), 1)
    session = QuizSession([item], lang="en", checker=fake_checker, course=COURSE)
    out = io.StringIO()
    PlainQuiz(session, io.StringIO("\ny\n"), out, io.StringIO()).run()
    text = out.getvalue()
    assert "Solution of 8.2" in text and "body 1 of 4" in text
    assert "Score: 1 / 1" in text


# -- end to end, through the real checker and items ----------------------------


def dltutor(*args: str, stdin: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DLTUTOR_HOME": str(home), "NO_COLOR": "", "TERM": "xterm-256color"}
    return subprocess.run(
        [sys.executable, "-m", "tutor", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_end_to_end_one_question(tmp_path: Path) -> None:
    result = dltutor(
        "quiz", "--plain", "--only", "1", "--lang", "en", stdin="?\nI\n2x\n", home=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert not ESCAPE.search(result.stdout)
    assert "[1/2] Item 1a" in result.stdout
    assert "hint 1/" in result.stdout
    assert "interpreted as:" in result.stdout
    assert "\nCorrect" in result.stdout and "correct: Correct" not in result.stdout
    assert "Score: 1 / 1" in result.stdout
    assert "Nothing to review" in result.stdout
    saved = ProgressStore(tmp_path).load().to_json()
    assert saved["items"]["1a"]["status"] == saved["items"]["1b"]["status"] == "solved"
    assert saved["items"]["1a"]["hints_used"] == 1


def test_end_to_end_skip_solution_and_eof(tmp_path: Path) -> None:
    result = dltutor(
        "quiz", "--plain", "--only", "3", "--lang", "en", stdin="s\n!\n", home=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert not ESCAPE.search(result.stdout)
    assert "Score: 0 / 3" in result.stdout
    assert "To review:" in result.stdout
    assert "skipped" in result.stdout and "given up" in result.stdout


def test_end_to_end_full_quiz_eof_mid_way(tmp_path: Path) -> None:
    result = dltutor("quiz", "--plain", "--lang", "ru", stdin="I\n", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not ESCAPE.search(result.stdout)
    assert "Баллы: 0.5 / 10" in result.stdout
    assert "Повторить:" in result.stdout


def test_unknown_question_is_a_usage_error(tmp_path: Path) -> None:
    result = dltutor("quiz", "--plain", "--only", "42", "--lang", "en", stdin="", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no question 42" in result.stderr


def test_commands_are_not_sent_to_the_checker() -> None:
    calls: list[str] = []

    def spy(item: QuizItem, text: str, lang: str) -> Verdict:
        calls.append(text)
        return fake_checker(item, text, lang)

    session = QuizSession(ITEMS, lang="en", checker=spy, course=COURSE, only=1)
    PlainQuiz(session, io.StringIO("?\ns\nI\n"), io.StringIO(), io.StringIO()).run()
    assert calls == ["I"]  # hints and skips are commands, not answers


def test_without_plain_on_a_terminal_the_app_opens_in_quiz_mode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import types

    from tutor.cli import main

    calls: list[tuple[object, ...]] = []
    fake_app = types.ModuleType("tutor.cli.app_cmd")
    fake_app.launch = lambda lang, mode="home", question=None: (
        calls.append(  # type: ignore[attr-defined]
            (lang, mode, question)
        )
        or 0
    )
    monkeypatch.setitem(sys.modules, "tutor.cli.app_cmd", fake_app)
    monkeypatch.setattr("tutor.cli.output.is_terminal", lambda stream=None: True)
    assert main(["quiz", "--only", "1", "--lang", "ru"]) == 0
    assert calls == [("ru", "quiz", 1)]


def test_without_plain_when_piped_the_plain_quiz_runs(tmp_path: Path) -> None:
    result = dltutor("quiz", "--only", "2", "--lang", "en", stdin="q\n", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[1/" in result.stdout and "Score: 0 / 1" in result.stdout


def test_end_to_end_choice_options_are_listed(tmp_path: Path) -> None:
    result = dltutor("quiz", "--plain", "--only", "8", "--lang", "en", stdin="b\n", home=tmp_path)
    assert result.returncode == 0, result.stderr
    for letter in "abcd":
        assert re.search(rf"^  {letter}\) \S", result.stdout, re.MULTILINE), letter


# -- the checker failing, long lines, progress not saved, markdown as plain text ----


@pytest.mark.parametrize("how", ["raises", "returns-error"])
def test_a_checker_failure_is_not_an_attempt_and_the_quiz_goes_on(how: str) -> None:
    def checker(item: QuizItem, text: str, lang: str) -> Verdict:
        if text == "boom":
            if how == "raises":
                raise RecursionError("maximum recursion depth exceeded")
            return Verdict(item.id, "error", None, "internal error")  # type: ignore[arg-type]
        return fake_checker(item, text, lang)

    session = QuizSession(ITEMS, lang="en", checker=checker, course=COURSE, only=1)
    out, err = io.StringIO(), io.StringIO()
    assert PlainQuiz(session, io.StringIO("boom\nI\nx\nboom\n2x\n"), out, err).run() == 0
    text = out.getvalue()
    assert text.count("not judged: the checker failed") == 2
    assert "attempts left: 2" in text and "attempts left: 1" not in text  # boom cost nothing
    assert "Score: 1 / 1" in text
    lines = err.getvalue().splitlines()
    assert len(lines) == 2 and all("item 1" in line for line in lines)


def test_the_real_quiz_passes_a_strict_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor.answers import judge
    from tutor.cli import main

    real = judge.check_answer

    def checker(item: QuizItem, text: str, lang: str = "en") -> Verdict:
        if text == "boom":
            raise ValueError("bug")
        return real(item, text, lang)

    monkeypatch.setattr(judge, "check_answer", checker)
    monkeypatch.setattr("sys.stdin", io.StringIO("boom\nI\n"))
    assert main(["quiz", "--plain", "--only", "1", "--lang", "en"]) == 0
    store = ProgressStore()
    assert store.load().item("1a").status == "solved"
    assert store.load().item("1a").attempts == 1  # the failure was not recorded


def test_an_over_long_line_is_skipped_with_one_message() -> None:
    out, _ = drive("x" * 200_000 + "\nI\n")
    assert out.count("longer than 65536 characters") == 1
    assert "xxxx" not in out
    assert "correct: en:True" in out


def test_solution_steps_have_no_markdown_fences_or_emphasis(tmp_path: Path) -> None:
    result = dltutor("quiz", "--plain", "--only", "7", "--lang", "en", stdin="!\ny\n", home=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "nn.BatchNorm2d(64)" in out and "2C learnable parameters" in out
    assert "```" not in out and "**" not in out and "`" not in out
    assert "\n    bn = nn.BatchNorm2d(64)" in out  # code keeps its lines, indented


def test_progress_that_cannot_be_saved_gives_exit_6_and_one_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = dltutor("quiz", "--plain", "--only", "1", "--lang", "en", stdin="I\n2x\n",
                     home=blocker / "sub")
    assert result.returncode == 6
    assert result.stderr.count("progress is not being saved") == 1
    assert str(blocker / "sub") in result.stderr and "Traceback" not in result.stderr
    assert "Score: 1 / 1" in result.stdout


# -- on a real terminal (a pty): line editing, history, wrapping ------------------

@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_on_a_terminal_lines_can_be_edited_and_recalled(tmp_path: Path) -> None:
    from terminal import run_on_pty

    # 1a: "I". 1b: "x" (wrong), then Up recalls "x", Ctrl-A goes to its start, "2" makes "2x".
    keys = [b"I\r", b"x\r", b"\x1b[A\x012\r"]
    out = run_on_pty(["quiz", "--plain", "--only", "1", "--lang", "en"], keys, columns=100,
                     home=tmp_path)
    assert "interpreted as: 2·x" in out, out
    assert "Score: 1 / 1" in out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_on_a_terminal_text_wraps_at_word_boundaries(tmp_path: Path) -> None:
    from terminal import run_on_pty

    out = run_on_pty(["quiz", "--plain", "--only", "7", "--lang", "en"], [b"!\ry\r"], columns=40,
                     home=tmp_path)
    lines = out.splitlines()
    assert "Batch normalization adds two trainable" in out.replace("\n", " ")
    prose = [line for line in lines if not line.startswith("    ") and not line.startswith("|")]
    too_wide = [line for line in prose if len(line) > 40 and " " in line.strip()]
    assert not too_wide, too_wide
    words = {w for line in lines for w in line.split()}
    assert "normalization" in words  # whole words, not cut at the edge


def test_the_right_answer_is_shown_when_an_item_closes_and_not_before(tmp_path: Path) -> None:
    """On the real course and checker: three wrong answers to 1b close it, then 2x is shown."""
    from tutor.content import load_course
    from tutor.progress import ProgressStore
    from tutor.quiz.items import load_items
    from tutor.quiz.session import QuizSession

    course = load_course()
    session = QuizSession(load_items(course), lang="en", store=ProgressStore(tmp_path), course=course, only=1)
    out = io.StringIO()
    PlainQuiz(session, io.StringIO("E\n3x\nx\n4x\n"), out, io.StringIO()).run()
    text = out.getvalue()
    closed = text.index("no attempts left")
    assert "the right answer: 2·x" in text[closed:]
    assert "the right answer" not in text[:closed]
