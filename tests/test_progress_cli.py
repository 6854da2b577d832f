"""``dltutor progress``: the table, --json, --reset, warnings on stderr."""

from __future__ import annotations

import json
import re
import sqlite3
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
    assert lines[2] == "      1a  solved  0.5 / 0.5 · attempts: 1"
    assert lines[3] == "      1b  solved  0.5 / 0.5 · attempts: 1"
    assert re.fullmatch(r" 2\. Activations +not started +0 / 1", lines[4])
    assert re.fullmatch(r" 3\. Losses +in progress +2 / 3", lines[5])
    assert lines[6] == "      3.1  solved  2 / 2 · attempts: 2"
    assert re.fullmatch(r" 4\. Networks +given up +0 / 1", lines[7])
    assert lines[8] == "      4.params  given up  0 / 1"
    assert lines[9] == "Total: 3 / 6"
    assert lines[10] == "Continue at 3.2 (question 3)"
    assert str(_isolated_environment / "progress.db") in lines[11]


def test_table_shows_failed_items_practice_and_open_attempts(
    fake_course: None, _isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ProgressStore(_isolated_environment)
    for answer in ("a", "b", "c", "y_hat - p"):  # out of attempts, then solved in practice
        store.record_answer("3.1", answer, judged=True, correct=answer == "y_hat - p", score=2)
    store.record_hints("3.2", 1)
    store.record_answer("3.2", "p", judged=True, correct=False, score=1)
    assert main(["progress", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert re.search(r" 3\. Losses +in progress +0 / 3", out)
    assert "      3.1  not solved   0 / 2 · attempts: 3 · practice tries: 1 · solved later" in out
    assert "      3.2  in progress  0 / 1 · attempts: 1 of 3 · hints: 1" in out
    store.record_give_up("3.2")
    assert main(["progress", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert re.search(r" 3\. Задача-Losses +не решена +0 / 3", out)
    assert "3.1  не решён          0 / 2 · попыток: 3 · тренировочных попыток: 1 · решён позже" in out
    assert "3.2  решение показано  0 / 1 · попытки: 1 из 3" not in out  # closed: no "of 3"
    assert "3.2  решение показано  0 / 1 · попыток: 1 · подсказки: 1" in out


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
    assert first["closed"] and first["closed_at"] and first["hints_used"] == 0
    assert first["practice"] == {
        "attempts": 0, "solved_later": False, "last_answer": None, "updated_at": None
    }
    assert losses["items"][1]["status"] == "not-started"
    assert sum(q["score"] for q in report["questions"]) == report["score"]
    assert (report["schema"], report["attempt"], report["max_attempts"]) == (2, 1, 3)
    assert report["warnings"] == []


def test_json_reports_practice_and_points_decided_at_close(
    fake_course: None, _isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ProgressStore(_isolated_environment)
    store.record_give_up("1a")
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    assert main(["progress", "--json", "--lang", "en"]) == 0
    report = json.loads(capsys.readouterr().out)
    item = report["questions"][0]["items"][0]
    assert (item["id"], item["status"], item["score"], item["points"]) == ("1a", "given-up", 0, 0.5)
    assert item["practice"]["attempts"] == 1 and item["practice"]["solved_later"] is True
    assert item["practice"]["last_answer"] == "I" and report["score"] == 0


def test_a_newer_progress_file_is_reported_and_left_alone(
    fake_course: None, _isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _isolated_environment / "progress.json"
    path.write_text('{"schema": 3, "items": {"1a": {"status": "solved"}}}', encoding="utf-8")
    assert main(["progress", "--json", "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["score"] == 0 and [w["kind"] for w in report["warnings"]] == ["newer"]
    assert err.count("\n") == 1 and "too old" in err and str(path) in err
    assert main(["progress", "--reset", "--yes", "--lang", "ru"]) == 1
    err = capsys.readouterr().err
    assert "более новой версией" in err and str(path) in err
    assert path.read_text(encoding="utf-8") == '{"schema": 3, "items": {"1a": {"status": "solved"}}}'


def test_corrupt_database_warns_on_stderr_and_starts_afresh(
    fake_course: None, _isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (_isolated_environment / "progress.db").write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    assert main(["progress", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert "Total: 0 / 6" in out
    assert err.count("\n") == 1 and "progress.db.bak" in err
    assert (_isolated_environment / "progress.db.bak").read_bytes().endswith(b"\xff" * 200)


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
    assert "progress.db.bak" in out
    copy = sqlite3.connect(_isolated_environment / "progress.db.bak")
    try:
        assert dict(copy.execute("SELECT item_id, status FROM items"))["3.1"] == "solved"
    finally:
        copy.close()
    fresh = ProgressStore(_isolated_environment).load()
    assert (fresh.items, fresh.attempt) == ({}, 2)
    assert main(["progress", "--reset", "--yes", "--lang", "en"]) == 0
    assert "nothing to reset" in capsys.readouterr().out
    assert main(["progress", "--lang", "en"]) == 0
    assert "Attempt 2 at the homework (after a reset)" in capsys.readouterr().out


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
    assert f"cannot save progress to {_isolated_environment / 'progress.db'}" in err
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


@pytest.mark.parametrize("argv", [["list", "--lang", "en"], ["--help"], ["check", "1a", "I"]])
def test_verbs_without_progress_never_import_sqlite(tmp_path: Path, argv: list[str]) -> None:
    """sqlite3 costs ~10 ms to import: only a verb that reads or writes progress pays it."""
    code = (
        "import sys, io, contextlib\n"
        "import tutor.progress, tutor.quiz.session\n"
        "from tutor.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({argv!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('sqlite3' in sys.modules)\n"
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
    assert result.stdout.strip() == "False"


def test_a_newer_progress_file_is_not_said_to_be_saved_in(
    fake_course: None, _isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _isolated_environment / "progress.json"
    path.write_text('{"schema": 3, "items": {"1a": {"status": "solved"}}}', encoding="utf-8")
    assert main(["progress", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "Saved in" not in out and "left untouched" in out


def test_continue_points_at_the_next_open_item_not_a_closed_one(
    fake_course: None, _isolated_environment: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ProgressStore(_isolated_environment)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    store.set_position(1, "1a")  # solved just now: the next open item is 1b
    assert main(["progress", "--lang", "en"]) == 0
    assert "Continue at 1b (question 1)" in capsys.readouterr().out
    for item in ITEMS:  # every item closed: nothing to continue at
        store.record_give_up(item.id)
    assert main(["progress", "--lang", "en"]) == 0
    assert "Continue at" not in capsys.readouterr().out
