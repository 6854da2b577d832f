"""Question 2's plot inside the solution: the ``plot tanh`` directive, read back and recomputed.

The seed asks the student to draw tanh and its derivative, so the worked solution
carries the drawing itself wherever it is shown (``show --solution``, ``export``,
the app). The plot is read back from its text, cell by cell, and compared with
1 − tanh²(z) computed here.
"""

from __future__ import annotations

import math

import pytest
from textplot_reading import plot_block, read_series

from tutor.content.directives import PLOT_HEIGHT, PLOT_WIDTH, expand_directives
from tutor.content.loader import load_course

LANGS = ("ru", "en")
KEY = {"en": "tanh′ < 0.01", "ru": "tanh′ < 0.01"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_derivative_drawn_in_the_solution_is_one_minus_tanh_squared(lang: str) -> None:
    question = load_course().question(2)
    assert question is not None
    graphs = next(s for s in question.steps[lang] if "```dltutor\nplot tanh\n```" in s.body)
    lines = plot_block(expand_directives(graphs.body, lang))
    assert len(lines) == PLOT_HEIGHT + 5 and max(map(len, lines)) <= 72
    assert "tanh′(z)" in lines[0] and KEY[lang] in lines[0]  # the key names every series
    derivative = read_series(lines, "•")
    saturated = read_series(lines, "x")
    assert len(derivative) > 20 and len(saturated) > 10
    cell_z, cell_y = 12 / (PLOT_WIDTH - 1), 2 / (PLOT_HEIGHT - 1)
    for z, y in derivative + saturated:
        slope = 2 * abs(math.tanh(z)) / math.cosh(z) ** 2  # |d tanh′/dz|
        assert abs(y - (1 - math.tanh(z) ** 2)) <= cell_y + slope * cell_z, (z, y)
    edge = math.acosh(10)  # tanh′ = 0.01
    assert all(abs(z) > edge - cell_z for z, _ in saturated)
    assert min(abs(z) for z, _ in saturated) < edge + 2 * cell_z


@pytest.mark.parametrize("lang", LANGS)
def test_show_export_and_the_app_all_carry_the_plot(lang: str) -> None:
    from tutor.app.markdown import steps_markdown as app_steps
    from tutor.content.document import course_markdown, question_markdown

    course = load_course()
    question = course.question(2)
    assert question is not None
    shown = question_markdown(question, lang, solution=True, math="unicode")
    exported = course_markdown(course, lang)
    in_app = app_steps(question.steps[lang], lang)
    for text in (shown, exported, in_app):
        assert "```dltutor" not in text
        lines = plot_block(text)
        assert read_series(lines, "•")


def test_bad_plot_directives_are_reported_to_the_author() -> None:
    for body in ("plot", "plot sigmoid", "plot tanh 3", "plot tanh a b", "plot tanh 4 -4", "plot tanh -100 0"):
        with pytest.raises(ValueError, match="plot"):
            expand_directives(f"```dltutor\n{body}\n```", "en")
    wide = expand_directives("```dltutor\nplot tanh -3 3\n```", "en")
    labels = plot_block(wide)[-2].split()
    assert float(labels[0]) == -3 and float(labels[-1]) == 3
