"""A student's whole session at 80×24, on the real course and the real checker.

Once in Russian and once in English: open every question, reveal a step, answer
every auto-checked item (some wrong first), take a hint, give one item up
through the confirmation, fail one item and solve it later in quiz mode, run
quiz mode to its summary, switch language, quit; then start the app again and
check every status, attempt count and the score as saved: the given-up item
and the failed one stay at 0.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, Markdown, Static

from tests.app.conftest import answer_dialog, submit, wait_until
from tutor.app.screens.confirm_give_up import ConfirmGiveUp
from tutor.app.screens.home import HomeScreen
from tutor.app.screens.question import QuestionScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.derivation import Derivation
from tutor.app.widgets.self_check_box import SelfCheckBox
from tutor.content.loader import load_course
from tutor.i18n import t
from tutor.quiz.items import load_items, load_quiz_module

SIZE = (80, 24)
#: given up through ``s`` and the confirmation: 0 points
GIVE_UP = "6.relu"
#: three wrong answers (closed: 0 points), then a right one in quiz mode ("solved later")
FAILED = "7"
#: one wrong answer, then the right one: full points
WRONG_ONCE = ("1b", "3.1")
#: a hint first, then the right answer: full points
HINT = "3.2"


def examples() -> dict[str, dict[str, list]]:
    """Each item's accepted answers and rejected mistakes, from the tables beside the items."""
    tables: dict[str, dict[str, list]] = {}
    for question in load_course():
        if question.quiz_path is not None:
            tables.update(load_quiz_module(question.quiz_path, question.number).EXAMPLES)
    return tables


def right(item: object, lang: str, table: dict) -> str:
    answer = table["accept"][0]
    answer = answer[0] if isinstance(answer, tuple) else answer
    if item.kind == "choice":  # type: ignore[attr-defined]
        from tutor.answers.choice import option_letter

        return option_letter(ord(answer) - ord("a"), lang)  # the letters of the student's language
    return answer


def wrong(table: dict, k: int) -> str:
    return table["reject"][k][0]


def text_of(widget: Static) -> str:
    return str(widget.render())


async def _back_home(pilot: object) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    if isinstance(app.focused, Input):
        await pilot.press("escape")  # type: ignore[attr-defined]
    await pilot.press("q")  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")


async def _question(pilot: object, number: int, lang: str, tables: dict) -> None:
    """Open question ``number`` with its digit, reveal a step, answer its items."""
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.press(str(number))  # type: ignore[attr-defined]
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, QuestionScreen) and app.screen.number == number
        and app.screen.filled,
        f"question {number}",
    )
    screen = app.screen
    derivation = screen.query_one(Derivation)
    await wait_until(pilot, lambda: screen.focused is not None)
    await pilot.press("space")  # type: ignore[attr-defined]
    if derivation.steps[0].reveals:  # it would give an item away: keep it hidden
        await answer_dialog(pilot, yes=False)
    await wait_until(pilot, lambda: derivation.revealed == 1, "the first step")
    await pilot.press("2")  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: isinstance(app.focused, Input | SelfCheckBox), "the answer tab")
    for box in list(screen.query(AnswerBox)):
        item = box.item
        if isinstance(box, SelfCheckBox):
            box.focus()
            await pilot.press("enter")  # type: ignore[attr-defined]
            await pilot.pause()  # type: ignore[attr-defined]
            if isinstance(app.screen, ConfirmGiveUp):  # the model answer gives another away
                await answer_dialog(pilot, yes=True)
            await wait_until(pilot, lambda box=box: box.revealed, "the model answer")
            await pilot.press("y")  # type: ignore[attr-defined]
            await wait_until(pilot, lambda box=box: box.matched is True, "the self-assessment")
            continue
        table = tables[item.id]
        if item.id == GIVE_UP:
            box.input.focus()
            await pilot.press("escape", "s")  # type: ignore[attr-defined]
            said = await answer_dialog(pilot, yes=True)
            assert said.splitlines()[0] == t("ui.confirm.title", lang)
            assert item.id in said
            await wait_until(pilot, lambda box=box: box.status == "given-up", "the give-up")
            continue
        if item.id == HINT:
            box.input.focus()
            await pilot.press("escape", "h")  # type: ignore[attr-defined]
            await wait_until(pilot, lambda box=box: box.hints_used == 1, "the hint")
        wrongs = 3 if item.id == FAILED else 1 if item.id in WRONG_ONCE else 0
        for k in range(wrongs):
            await submit(pilot, box, wrong(table, k))
            verdict = text_of(box.query_one(".verdict", Static))
            assert verdict.startswith(t("ui.verdict.incorrect", lang)), (item.id, verdict)
        if item.id == FAILED:
            assert box.status == "failed"
            right_answer = t("ui.answer.model_answer", lang, text="").strip()
            assert right_answer in text_of(box.query_one(".right-answer", Static))
            continue  # solved later, in quiz mode
        await submit(pilot, box, right(item, lang, table))
        verdict = text_of(box.query_one(".verdict", Static))
        assert verdict.startswith(t("ui.verdict.correct", lang).split()[0]), (item.id, verdict)
        assert box.status == "solved", item.id
    await _back_home(pilot)


async def _quiz_to_summary(pilot: object, lang: str, tables: dict) -> str:
    """Quiz mode over every item (all closed by now): practise the failed one, then the summary."""
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.press("z")  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: isinstance(app.screen, QuizScreen), "quiz mode")
    screen = app.screen
    session = screen.session
    while not session.finished:
        item = session.current
        await wait_until(pilot, lambda item=item: screen.box is not None and screen.box.item is item)
        assert session.state().closed, item.id
        if item.id == FAILED:
            box = screen.box
            await submit(pilot, box, right(item, lang, tables[item.id]))
            verdict = text_of(box.query_one(".verdict", Static))
            assert t("ui.verdict.solved_later", lang, heading="").strip(" —") in verdict
        if isinstance(app.focused, Input):
            await pilot.press("escape")  # type: ignore[attr-defined]
        position = session.index
        await pilot.press("n")  # type: ignore[attr-defined]
        await wait_until(pilot, lambda position=position: session.index > position, "the next item")
    summary = screen.query_one("#summary", Markdown)
    await wait_until(pilot, lambda: summary.display, "the summary")
    return summary.source


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_student_session_and_what_is_saved(lang: str) -> None:
    from tutor.app.app import TutorApp
    from tutor.progress import ProgressStore
    from tutor.quiz.scoring import format_points

    course = load_course()
    items = {item.id: item for item in load_items(course)}
    tables = examples()
    home = Path(os.environ["DLTUTOR_HOME"])
    lost = items[GIVE_UP].points + items[FAILED].points
    expected = float(course.total_points) - float(lost)
    other = "en" if lang == "ru" else "ru"

    app = TutorApp(lang)  # the real course, checker and progress store
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        for question in course:
            await _question(pilot, question.number, lang, tables)
        summary = await _quiz_to_summary(pilot, lang, tables)
        total_line = t("ui.quiz.total", lang, score=format_points(expected),
                       total=format_points(course.total_points))
        assert total_line in summary, summary
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: app.lang == other, "the language switch")
        await pilot.press("q")  # quiz summary → home
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.press("q")  # home: quit
        await wait_until(pilot, lambda: not app.is_running, "the app to end")

    saved = ProgressStore(home).load()
    assert saved.lang == other
    for item_id, item in items.items():
        record = saved.item(item_id)
        done = (record.status, record.score, record.attempts)
        if item_id == GIVE_UP:
            assert done == ("given-up", 0, 0)
        elif item_id == FAILED:
            assert done == ("failed", 0, 3)
            assert (record.practice_attempts, record.solved_later) == (1, True)
        else:
            tries = 2 if item_id in WRONG_ONCE else 1  # a self-assessment counts as one
            assert done == ("solved", pytest.approx(float(item.points)), tries), item_id
    assert saved.item(HINT).hints_used == 1

    again = TutorApp(lang)  # reopened: home shows the saved total
    async with again.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(again.screen, HomeScreen), "home")
        total = again.screen.query_one("#total", Static)
        want = t("ui.home.total", again.lang, score=format_points(expected),
                 total=format_points(course.total_points))
        await wait_until(pilot, lambda: text_of(total) == want, f"the total {want!r}")
