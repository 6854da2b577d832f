"""Progress that cannot be saved: one warning line that names the file and the reason.

It appears the first time a save fails (or at once when the data dir cannot
hold the file), stays on every screen until the app ends, follows the language,
and the lesson goes on: answers are still checked, and a verdict that was not
saved says so.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app.conftest import open_question, submit, wait_until
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.save_warning import SaveWarning

SIZE = (80, 24)


def text_of(widget: Static) -> str:
    return str(widget.render())


def warning_on(app: object) -> SaveWarning:
    return app.screen.query_one(SaveWarning)  # type: ignore[attr-defined]


async def _answer_1a(pilot: object, text: str) -> str:
    screen = await open_question(pilot, 1, tab="quiz")
    box = screen.query(AnswerBox).first()  # type: ignore[attr-defined]
    await submit(pilot, box, text)
    return text_of(box.query_one(".verdict", Static))


async def test_a_data_dir_that_is_a_regular_file(
    make_app: Callable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory\n")
    monkeypatch.setenv("DLTUTOR_HOME", str(blocked))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: warning_on(app).display, "the warning on home")
        said = text_of(warning_on(app))
        assert str(blocked) in said and "Not a directory" in said
        # the lesson goes on: the answer is checked, and the verdict says it was not saved
        verdict = await _answer_1a(pilot, "I")
        assert "Correct" in verdict and "not saved" in verdict
        assert warning_on(app).display and str(blocked) in text_of(warning_on(app))
        # it follows the language
        await pilot.press("escape", "ctrl+l")  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: app.lang == "ru")
        assert "Можно продолжать" in text_of(warning_on(app))
    assert blocked.read_text() == "not a directory\n"


async def test_the_first_failed_save_warns_and_the_app_goes_on(
    make_app: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tutor.progress import ProgressError, ProgressStore

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not warning_on(app).display  # saving works: no line

        def full_disk(self: ProgressStore, body: object) -> object:
            raise ProgressError(self.path, "No space left on device")

        monkeypatch.setattr(ProgressStore, "_write", full_disk)
        verdict = await _answer_1a(pilot, "I")
        assert "Correct" in verdict and "not saved" in verdict
        said = text_of(warning_on(app))
        assert "No space left on device" in said and str(Path(os.environ["DLTUTOR_HOME"])) in said
        # later screens show it too (home, after "back")
        await pilot.press("escape", "q")  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await wait_until(pilot, lambda: warning_on(app).display, "the warning on home")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a 0o555 directory")
async def test_a_read_only_data_dir(
    make_app: Callable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_only = tmp_path / "ro"
    read_only.mkdir()
    read_only.chmod(0o555)
    monkeypatch.setenv("DLTUTOR_HOME", str(read_only))
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            verdict = await _answer_1a(pilot, "I")
            assert "Correct" in verdict and "not saved" in verdict
            await wait_until(pilot, lambda: warning_on(app).display, "the warning")
            assert str(read_only) in text_of(warning_on(app))
    finally:
        read_only.chmod(0o755)
