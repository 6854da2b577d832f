"""The app driven by keys through Pilot at 80×24: what a student does, start to finish."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Markdown, Static

from tests.app.conftest import answer_dialog, open_question, wait_until
from tutor.app.screens.help import HelpScreen
from tutor.app.screens.home import HomeScreen
from tutor.app.screens.question import QuestionScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.derivation import Derivation
from tutor.app.widgets.lab_panel import LabPanel
from tutor.app.widgets.prose import Prose
from tutor.app.widgets.question_page import QuestionPage
from tutor.app.widgets.question_table import QuestionTable
from tutor.app.widgets.tanh_plot import TanhPlot
from tutor.content import load_course

SIZE = (80, 24)


def text_of(widget: Static) -> str:
    return str(widget.render())


def progress_file() -> dict:
    from tutor.progress import ProgressStore

    return ProgressStore(Path(os.environ["DLTUTOR_HOME"])).load().to_json()


async def test_home_lists_every_question_with_points_and_total(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(QuestionTable)
        course = load_course()
        assert table.row_count == len(course)
        for q in course:
            row = table.get_row(str(q.number))
            assert row[1] == q.title["en"]
            assert row[2] == f"{q.points:g}"
            assert "not started" in row[3]
        assert (
            text_of(app.screen.query_one("#total", Static)) == f"Total: 0 / {course.total_points:g}"
        )


async def test_open_question_reveal_steps_back_and_all(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, QuestionScreen) and app.screen.query(Derivation))
        screen = app.screen
        assert screen.number == 1
        derivation = screen.query_one(Derivation)
        await wait_until(pilot, lambda: screen.query_one(QuestionPage).has_focus)
        assert derivation.revealed == 0

        def shown() -> list[bool]:  # a step's Markdown is built when first revealed
            return [m.display for m in derivation.query(Markdown).results(Markdown)]

        def hidden() -> list[str]:
            return [text_of(s) for s in derivation.query(".hidden-step").results(Static) if s.display]

        assert not any(shown())
        await pilot.press("space")
        await wait_until(pilot, lambda: derivation.revealed == 1)
        # step 2 states 1a's answer: asked first; "no" leaves it hidden and says why
        await pilot.press("right")
        said = await answer_dialog(pilot, yes=False)
        assert "Step 2 gives the answer away" in said and "Item 1a (0.5 pt)" in said
        assert derivation.revealed == 2 and shown() == [True]
        assert hidden() == ["Step 2 is hidden: it gives away the answer to item 1a. ← then → asks again."]
        title = derivation.query_one("#derivation-title", Static)
        assert text_of(title).startswith("Solution: 1 of ")  # the hidden step is not counted
        assert progress_file()["items"].get("1a", {}).get("status", "not-started") == "not-started"
        await pilot.press("left")
        await wait_until(pilot, lambda: derivation.revealed == 1)
        assert shown() == [True] and hidden() == []
        # all steps: one question for every item they give away
        await pilot.press("a")
        said = await answer_dialog(pilot, yes=True)
        assert "Steps 2, 5 and 6 give answers away" in said
        assert "Items 1a (0.5 pt) and 1b (0.5 pt) will count as given up" in said
        assert derivation.revealed == derivation.total == len(load_course().question(1).steps["en"])
        assert shown() == [True] * derivation.total and hidden() == []
        items = progress_file()["items"]
        assert items["1a"]["status"] == items["1b"]["status"] == "given-up"
        # space at the end is greyed out, not an error
        assert derivation.check_action("next", ()) is None
        await pilot.press("n")
        await wait_until(pilot, lambda: getattr(app.screen, "number", None) == 2)
        await pilot.press("p")
        await wait_until(pilot, lambda: getattr(app.screen, "number", None) == 1)
        assert app.screen.check_action("previous_question", ()) is None


async def _open_on_answers(pilot: object, number: int) -> QuestionScreen:
    app = pilot.app  # type: ignore[attr-defined]
    app.open_question(number, tab="quiz")
    await wait_until(pilot, lambda: isinstance(app.screen, QuestionScreen) and app.screen.query(AnswerBox))
    screen = app.screen
    await wait_until(pilot, lambda: isinstance(app.focused, Input), "the focus in an answer box")
    return screen


async def _enter(pilot: object, box: AnswerBox) -> str:
    """Enter in ``box``: wait for its verdict; returns the verdict's text."""
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: not box.checking, "the verdict")
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    return text_of(box.query_one(".verdict", Static))


async def test_answers_verdicts_hint_and_solution(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_on_answers(pilot, 1)
        box_a, box_b = screen.query(AnswerBox)
        assert box_a.input.has_focus
        # focus the second item (1b) and type a wrong answer: named mistake shown
        box_b.input.focus()
        await pilot.press("x")
        echo = box_b.query_one(".echo", Static)
        await wait_until(pilot, lambda: text_of(echo) == "interpreted as: x", "the echo")
        verdict = await _enter(pilot, box_b)
        assert "Not right" in verdict and "you forgot the factor 2" in verdict
        assert box_b.query_one(".verdict").has_class("-incorrect")
        # an unreadable answer: the reader's message with its column
        box_b.input.value = ")x"
        await wait_until(pilot, lambda: "column 1" in text_of(echo), "the reader's message")
        # the right answer
        box_b.input.value = "2x"
        assert "Correct" in await _enter(pilot, box_b)
        assert box_b.has_class("-solved")
        saved = progress_file()["items"]["1b"]
        assert saved["status"] == "solved" and saved["attempts"] == 2 and saved["score"] == 0.5
        # h and s act on 1a once the student leaves the input (letters type while in it)
        box_a.input.focus()
        await pilot.press("h")
        assert box_a.input.value == "h"
        await pilot.press("backspace", "escape")
        await pilot.press("h")
        hints = box_a.query_one(".hints", Static)
        await wait_until(pilot, lambda: "first hint for 1a" in text_of(hints), "the first hint")
        assert box_a.input.has_focus  # the hint is there to answer with: the cursor waits
        await pilot.press("escape", "h")
        await wait_until(pilot, lambda: "second hint for 1a" in text_of(hints), "the second hint")
        await pilot.press("escape")
        assert screen.check_action("hint", ()) is None  # the ladder is used up
        # s on an open item asks first; no keeps it open
        await pilot.press("s")
        said = await answer_dialog(pilot, yes=False)
        assert said.splitlines()[0] == "Show the solution?"
        assert "Item 1a (0.5 pt) will count as given up: 0 points." in said
        assert progress_file()["items"]["1a"]["status"] == "in-progress"
        assert not box_a.given_up
        await pilot.press("s")
        await answer_dialog(pilot, yes=True)
        assert "given up" in text_of(box_a.query_one(".verdict", Static))
        assert "given up" in text_of(box_a.query_one(".item-title", Static))
        # the solution of part 1a is on the question tab
        derivation = screen.query_one(Derivation)
        last_1a = max(s.index for s in load_course().question(1).steps["en"] if s.part == "1a")
        assert derivation.revealed == last_1a
        assert progress_file()["items"]["1a"]["status"] == "given-up"
        assert progress_file()["items"]["1a"]["hints_used"] == 2
        # a closed item still takes answers: practice, which never changes its points
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.focused, Input))
        box_a.input.focus()
        note = box_a.query_one(".practice-note", Static)
        assert "answers now are practice" in text_of(note)
        box_a.input.value = "I"
        assert "✓ Correct — solved later, 0 pt" in await _enter(pilot, box_a)
        saved = progress_file()["items"]["1a"]
        assert (saved["status"], saved["score"], saved["practice_attempts"]) == ("given-up", 0, 1)
        assert "practice tries: 1 · solved later" in text_of(note)
        assert "given up" in text_of(box_a.query_one(".item-title", Static))


async def test_language_switch_is_live(make_app: Callable) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: app.lang == "ru")
        statement = app.screen.query_one("#statement", Prose)
        assert load_course().question(1).title["ru"] in statement.source
        # the footer descriptions follow
        page = app.screen.query_one(QuestionPage)
        assert {b.description for _, b in page._bindings} >= {"Дальше", "Назад"}
        assert progress_file()["lang"] == "ru"
        await pilot.press("q")
        await pilot.pause()
        assert (
            app.screen.query_one(QuestionTable).get_row("1")[1]
            == load_course().question(1).title["ru"]
        )


async def test_progress_restored_on_reopen(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2, tab="quiz")
        await pilot.press(*"1-tanh(z)^2", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = again.screen.query_one(QuestionTable).get_row("2")
        assert "solved" in row[3] and row[4] == "1/1"
        assert text_of(again.screen.query_one("#total", Static)).startswith("Total: 1 / ")
        await pilot.press("c")  # continue where the student was
        await pilot.pause()
        assert isinstance(again.screen, QuestionScreen) and again.screen.number == 2
        box = again.screen.query_one(AnswerBox)
        assert "solved" in text_of(box.query_one(".item-title", Static))


async def test_quiz_mode_to_summary_and_review(make_app: Callable) -> None:
    from tests.app.conftest import FAKE_ITEMS

    app = make_app(mode="quiz")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        assert "Item 1 of 9" in text_of(screen.query_one("#quiz-header", Static))
        # 1a: right; 1b: wrong three times (failed); 2: hint then skip; the rest right
        await pilot.press("I", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("x", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("backspace")
        assert "No attempts left" in text_of(screen.box.query_one(".verdict", Static))
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape", "h")
        assert "first hint for 2" in text_of(screen.box.query_one(".hints", Static))
        await pilot.press("escape", "k")
        await pilot.pause()
        for item in FAKE_ITEMS[3:]:
            await pilot.press(*item.spec, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
        assert screen.session.finished
        summary = screen.query_one("#summary", Markdown).source
        assert "**This run: 8.5 / 10**" in summary
        assert "**1b**" in summary and "**2**" in summary and "**1a**" not in summary
        # review: only the missed items come back
        await pilot.press("r")
        await pilot.pause()
        assert [i.id for i in screen.session.items] == ["1b", "2"]


async def test_tanh_plot_zoom_pan_and_readout(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_question(pilot, 2, tab="plot")
        plot = screen.query_one(TanhPlot)
        await wait_until(pilot, lambda: plot.has_focus, "the focus on the plot")
        assert (plot.z_min, plot.z_max, plot.point) == (-6, 6, 2)
        readout = text_of(plot.query_one(".readout", Static))
        assert readout == f"tanh′(2.00) = {1 - math.tanh(2) ** 2:.4g}"
        await pilot.press("plus")
        assert (plot.z_min, plot.z_max) == (-4.8, 4.8)
        await pilot.press("minus", "right")
        assert math.isclose(plot.z_min, -6 + 1.5) and math.isclose(plot.z_max, 6 + 1.5)
        await pilot.press("0")
        for _ in range(10):
            await pilot.press("full_stop")
        assert math.isclose(plot.point, 2 + 10 * 12 / 48)  # 4.5
        readout = text_of(plot.query_one(".readout", Static))
        assert f"{1 - math.tanh(4.5) ** 2:.4g}" in readout and "< 0.01" in readout
        assert math.acosh(10) > 2.99 and f"{math.acosh(10):.3f}" in readout


async def test_lab_panel_changes_a_parameter(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2, tab="lab")
        await app.workers.wait_for_complete()
        await pilot.pause()
        lab = app.screen.query_one(LabPanel)
        assert lab.has_focus and lab.result is not None
        depth_row = [k.param.name for k in lab.knobs].index("depth")
        for _ in range(depth_row):
            await pilot.press("down")
        await pilot.press("right")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert lab.values["depth"] == 11 and lab.result.depth == 11


async def test_help_and_command_palette(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        source = app.screen.query_one("#help", Markdown).source
        for key, text in (
            ("space", "Next step"),
            ("h", "Hint"),
            ("ctrl+l", "switch the language (Русский)"),
            ("+", "Zoom in"),
        ):
            assert f"`{key}` {text}" in source or f"`{key} / " in source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Question 4")

        def first_hit() -> str:
            found = app.screen.query("CommandList")
            if not found or not found.first().option_count:
                return ""
            return str(found.first().get_option_at_index(0).prompt)

        await wait_until(pilot, lambda: "4" in first_hit(), "the palette's hit")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, QuestionScreen) and app.screen.number == 4, "question 4")


async def test_every_binding_has_a_description_and_an_id() -> None:
    from tutor.app.bindings import NUMBERED, binding_text
    from tutor.app.screens.help import binding_groups
    from tutor.i18n import strings

    for _, node in binding_groups():
        for binding in node.BINDINGS:  # type: ignore[attr-defined]
            assert binding.id and binding.description
            numbered = NUMBERED.match(binding.id)
            key = f"key.{numbered['family']}_n" if numbered else f"key.{binding.id}"
            for lang in ("en", "ru"):
                assert key in strings(lang)
                assert binding_text(binding.id, lang)


async def test_lab_panel_explains_a_refused_combination_in_the_app_language(
    make_app: Callable,
) -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2, tab="lab")
        await app.workers.wait_for_complete()
        lab = app.screen.query_one(LabPanel)
        lab.values = {**lab.values, "z_min": 3.0, "z_max": -3.0}
        lab.recompute()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert lab.error is not None
        assert "допустимо" in lab.error and "--z-min" in lab.error
        assert "allowed" not in lab.error
