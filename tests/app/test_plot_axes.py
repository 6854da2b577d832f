"""Plot axes and keys: round ticks, whole ticks on whole axes, no -0.00, the key never lost.

The numbers on an app plot's axes come from :class:`tutor.plots.Canvas`; in the app the figure's title, which carries the key of the
markers, is text above the plot, so a 60-column terminal still shows it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Static

from tests.app.conftest import open_question
from tutor.labs import get_lab
from tutor.plots import render_to_text, round_ticks, tick_labels

#: the plot of a lab at 80×24 and at 60×20
SIZES = [(76, 12), (56, 9)]
LABS = ["tanh", "softmax", "network", "optimizers", "init", "batchnorm", "training"]
#: views whose x axis counts something (depth, layer, epoch, grid cell)
WHOLE_X = {
    ("tanh", "chain"),
    ("init", "std"),
    ("init", "saturation"),
    ("training", "early"),
    ("training", "schedules"),
    ("training", "l2"),
    ("training", "dropout"),
}
NEGATIVE_ZERO = re.compile(r"^-0(\.0*)?$")


def axes(text: str) -> tuple[list[str], list[str]]:
    """The y tick labels (left of ┤) and the x tick labels (the line under └)."""
    lines = text.splitlines()
    ys = [line.split("┤")[0].strip() for line in lines if "┤" in line]
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    xs = lines[bottom + 1].split() if bottom + 1 < len(lines) else []
    return ys, xs


@given(
    low=st.floats(-1e6, 1e6, allow_nan=False),
    span=st.floats(1e-6, 1e6, allow_nan=False),
    count=st.integers(2, 9),
    whole=st.booleans(),
)
def test_round_ticks_span_the_range_with_round_steps_and_no_negative_zero(
    low: float, span: float, count: int, whole: bool
) -> None:
    high = low + span
    ticks = round_ticks(low, high, count, whole=whole)
    slack = 1e-6 * span + 1e-9 * max(1.0, abs(low), abs(high))  # float noise is not a gap
    assert ticks[0] <= low + slack and ticks[-1] >= high - slack
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert len(ticks) < 4 * count + 4
    if whole:
        assert all(t == int(t) for t in ticks)
    labels = tick_labels(ticks)
    assert not any(NEGATIVE_ZERO.match(label) for label in labels), labels
    assert len(set(labels)) == len(labels), labels  # every tick reads differently
    assert len(steps) <= 2  # one step (rounding may split it in two)


def test_a_tick_near_zero_reads_zero() -> None:
    ticks = round_ticks(-0.3000000001, 0.2999999999, 5, whole=False)
    assert "0.0" in tick_labels(ticks) and ticks.count(0.0) == 1


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lab_id", LABS)
def test_every_lab_view_has_tidy_axes(lab_id: str, size: tuple[int, int]) -> None:
    lab = get_lab(lab_id)
    result = lab.compute(**dict(lab.defaults()))
    for view in lab.views:
        text = render_to_text(
            lambda plt, v=view.id: lab.draw(result, plt, "en", view=v),
            *size,
            color=False,
            tidy=True,
        )
        ys, xs = axes(text)
        assert ys, (lab_id, view.id)
        for label in ys + xs:
            assert not NEGATIVE_ZERO.match(label), (lab_id, view.id, label)
        if (lab_id, view.id) in WHOLE_X:
            assert xs and all(re.fullmatch(r"-?\d+", x) for x in xs), (lab_id, view.id, xs)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_key_of_every_plot_is_shown_at_60_columns(make_app: Callable, lang: str) -> None:
    from tests.app.test_snapshots import LAB_QUESTIONS
    from tutor.app.widgets.lab_panel import LabPanel

    app = make_app(lang=lang)
    async with app.run_test(size=(60, 20)) as pilot:
        for lab_id, question in LAB_QUESTIONS.items():
            await open_question(pilot, question, tab="lab")
            await app.workers.wait_for_complete()
            await pilot.pause()
            panel = app.screen.query_one(LabPanel)
            for _ in panel.spec.views:
                title = panel.query_one(".plot-title", Static)
                expected = _title_of(panel, lang)
                if expected:
                    assert title.display and str(title.render()) == expected, (lab_id, expected)
                    assert title.region.height >= 1
                await pilot.press("v")
                await pilot.pause()


def _title_of(panel: object, lang: str) -> str | None:
    """The title the lab's drawing gives its current view."""
    from tutor.plots import Canvas, new_figure

    canvas = Canvas(new_figure(), keep_title=False)
    view = panel.spec.views[panel.view_index].id  # type: ignore[attr-defined]
    panel.spec.draw(panel.result, canvas, lang, view=view)  # type: ignore[attr-defined]
    return canvas.title_text


async def test_the_softmax_control_counts_classes_from_0_like_its_plot(make_app: Callable) -> None:
    from tutor.app.widgets.lab_panel import LabPanel

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_question(pilot, 3, tab="lab")
        await app.workers.wait_for_complete()
        panel = app.screen.query_one(LabPanel)
        labels = [knob.label("en") for knob in panel.knobs if knob.index is not None]
        assert labels[0].endswith("[0]") and labels[-1].endswith(f"[{len(labels) - 1}]")
        first = panel.values["logits"][0] if "logits" in panel.values else None
        assert first is not None
        await pilot.press("right")  # the selected knob is z[0]
        await app.workers.wait_for_complete()
        assert panel.values["logits"][0] > first
