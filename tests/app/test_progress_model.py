"""One source of truth: the App's progress model, and every open screen showing it.

After an answer in quiz mode the home screen, a question screen open beneath and
the quiz itself show the new state at once; a change saved by another dltutor
process appears when a screen is shown again.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from tests.app.conftest import FAKE_ITEMS, open_question
from tutor.app.screens.home import HomeScreen
from tutor.app.screens.question import QuestionScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.question_table import QuestionTable
from tutor.progress import ProgressStore

SIZE = (80, 24)


def item_title(box: AnswerBox) -> str:
    return str(box.query_one(".item-title", Static).render())


async def test_an_answer_in_quiz_mode_shows_everywhere_at_once(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        await open_question(pilot, 2, tab="quiz")
        question = app.screen
        assert isinstance(question, QuestionScreen)
        box = question.query_one(AnswerBox)
        assert "not started" in item_title(box)
        app.open_quiz(only=2)  # e.g. from the palette, over the question
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await pilot.press(*FAKE_ITEMS[2].spec, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        # the screens beneath have already heard, before anyone goes back to them
        assert "solved" in item_title(box)
        assert "solved" in home.query_one(QuestionTable).get_row("2")[3]
        assert "solved" in item_title(quiz.box)
        await pilot.press("n")  # the quiz's summary shows the saved total
        await pilot.pause()
        assert "All saved progress: 1 /" in quiz.query_one("#summary").source


async def test_a_change_by_another_process_shows_when_a_screen_is_shown_again(
    make_app: Callable,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_question(pilot, 1, tab="quiz")
        question = app.screen
        box_1b = question.query_one("#item-1b", AnswerBox)
        await pilot.press("f1")
        await pilot.pause()
        # another dltutor (the plain quiz, say) solves 1b meanwhile
        ProgressStore().record_answer("1b", "2x", judged=True, correct=True, score=0.5)
        await pilot.press("escape")  # back from the help: the question is shown again
        await pilot.pause()
        await pilot.pause()
        assert app.screen is question and "solved" in item_title(box_1b)
        await pilot.press("escape", "q")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        row = app.screen.query_one(QuestionTable).get_row("1")
        assert "in progress" in row[3] and row[4] == "0.5/1"
