"""``dltutor progress``: the table, --json, --reset, warnings on stderr."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from quiz_fakes import COURSE, ITEMS

import tutor.content
import tutor.quiz.items
from tutor.cli import main
from tutor.progress import ProgressStore


@pytest.fixture
def fake_course(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stand-in course and items, so the numbers below do not follow content edits."""
    monkeypatch.setattr(tutor.content, "load_course", lambda *a, **k: COURSE)
    monkeypatch.setattr(tutor.quiz.items, "load_items", lambda *a, **k: ITEMS)


def _solve_some(home: Path) -> ProgressStore:
    store = ProgressStore(home)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    store.record_answer("3.1", "p - y_hat", judged=True, correct=False)
    store.record_answer("3.1", "y_hat - p", judged=True, correct=True, score=2)
    store.record_give_up("4.params")
    store.set_position(3, "3.2")
    return store


def test_table(
    fake_course: None, _isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _solve_some(_isolated_environment)
    assert main(["progress", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "\x1b" not in out
    lines = out.splitlines()
    assert lines[0] == "Progress (out of 6 points)"
    assert re.fullmatch(r" 1\. Derivatives +solved +1 / 1", lines[1])
    assert re.fullmatch(r" 2\. Activations +not started +0 / 1", lines[2])
    assert re.fullmatch(r" 3\. Losses +in progress +2 / 3", lines[3])
    assert re.fullmatch(r" 4\. Networks +given up +0 / 1", lines[4])
    assert lines[5] == "Total: 3 / 6"
    assert lines[6] == "Continue at 3.2 (question 3)"
    assert str(_isolated_environment / "progress.json") in lines[7]


def test_table_in_russian_with_nothing_saved(
    fake_course: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["progress", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "Прогресс (из 6 баллов)" in out
    assert re.search(r" 1\. Задача-Derivatives +не начата +0 / 1", out)
    assert "Итого: 0 / 6" in out
    assert "Продолжить" not in out


def test_json(
    fake_course: None, _isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _solve_some(_isolated_environment)
    assert main(["progress", "--json", "--lang", "en"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["score"], report["max"], report["last_item"]) == (3.0, 6.0, "3.2")
    losses = report["questions"][2]
    assert (losses["number"], losses["status"], losses["score"], losses["points"]) == (
        3,
        "in-progress",
        2.0,
        3.0,
    )
    first = losses["items"][0]
    assert (first["id"], first["status"], first["attempts"], first["last_answer"]) == (
        "3.1",
        "solved",
        2,
        "y_hat - p",
    )
    assert losses["items"][1]["status"] == "not-started"
    assert sum(q["score"] for q in report["questions"]) == report["score"]


def test_corrupt_file_warns_on_stderr_and_starts_afresh(
    fake_course: None, _isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (_isolated_environment / "progress.json").write_text("{oops", encoding="utf-8")
    assert main(["progress", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert "Total: 0 / 6" in out
    assert err.count("\n") == 1 and "progress.json.bak" in err
    assert (_isolated_environment / "progress.json.bak").read_text(encoding="utf-8") == "{oops"


def test_reset_keeps_a_backup(
    fake_course: None, _isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _solve_some(_isolated_environment)
    assert main(["progress", "--reset", "--yes", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "progress.json.bak" in out
    backup = json.loads((_isolated_environment / "progress.json.bak").read_text(encoding="utf-8"))
    assert backup["items"]["3.1"]["status"] == "solved"
    assert ProgressStore(_isolated_environment).load().items == {}
    assert main(["progress", "--reset", "--yes", "--lang", "en"]) == 0
    assert "nothing to reset" in capsys.readouterr().out


def test_reset_asks_on_a_terminal(
    fake_course: None,
    _isolated_environment: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _solve_some(_isolated_environment)
    monkeypatch.setattr("tutor.cli.output.is_terminal", lambda stream=None: True)
    answers = iter(["n", "y"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert main(["progress", "--reset", "--lang", "en"]) == 1
    assert "reset cancelled" in capsys.readouterr().out
    assert ProgressStore(_isolated_environment).load().item("1a").status == "solved"
    assert main(["progress", "--reset", "--lang", "en"]) == 0
    assert ProgressStore(_isolated_environment).load().items == {}


def test_reset_that_cannot_write_is_a_clear_error(
    fake_course: None,
    _isolated_environment: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _solve_some(_isolated_environment)

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tutor.progress.os.replace", refuse)
    assert main(["progress", "--reset", "--yes", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"cannot save progress to {_isolated_environment / 'progress.json'}" in err
    assert "Permission denied" in err
    monkeypatch.undo()
    assert ProgressStore(_isolated_environment).load().item("1a").status == "solved"


def test_the_real_verb_runs_end_to_end(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tutor", "progress", "--lang", "en"],
        capture_output=True,
        text=True,
        env={"DLTUTOR_HOME": str(tmp_path), "PATH": "", "LANG": "C.UTF-8"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Progress (out of 10 points)" in result.stdout
    assert "Total: 0 / 10" in result.stdout


def test_progress_imports_nothing_heavy(tmp_path: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from tutor.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['progress', '--lang', 'en'])\n"
        "print(sorted(m for m in ('numpy', 'sympy', 'textual', 'plotext') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"DLTUTOR_HOME": str(tmp_path), "PATH": "", "LANG": "C.UTF-8"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
